"""How the vendors app hooks into the apps below it."""

from core.cache import public_pages_show
from vendors.models import Certification, Vendor

# A business's name, place, logo and certifications show on the cached public pages.
public_pages_show(Vendor, Certification)
