"""What the storefront's cached pages show beyond the apps below it: a regency's official export
figures and the deals recorded there (the other apps name their own models)."""

from core.cache import public_pages_show
from trade.models import Deal, RegencyExportStat

public_pages_show(RegencyExportStat, Deal)
