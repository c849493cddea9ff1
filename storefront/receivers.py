"""What the storefront's cached pages show beyond the apps below it: a regency's official export
figures and the deals recorded there (the other apps name their own models); and the home
page's parts that are the visitor's own."""

from core.cache import public_pages_show
from core.personal import personal_register, personal_template
from storefront.selectors import buyer_corner
from trade.models import Deal, RegencyExportStat

public_pages_show(RegencyExportStat, Deal)


def _corner_data(request, items: list[dict]) -> dict:
    user = request.user
    return {"corner": buyer_corner(user=user) if user.is_authenticated else None}


# The home page's parts that are the visitor's own (core.personal).
personal_register(
    "storefront.hero_actions", personal_template("storefront/personal/hero_actions.html")
)
personal_register(
    "storefront.corner", personal_template("storefront/personal/corner.html", _corner_data)
)
