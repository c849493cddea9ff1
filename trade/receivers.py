"""How trade hooks into the apps below it: the deals column of the statistics page."""

from django.utils.translation import gettext as _

from expo.selectors import daily_counter_register
from trade.selectors import vendor_deals_per_day

daily_counter_register("deals", lambda: _("Deals"), vendor_deals_per_day)
