"""How the expo hooks into the apps below it: statistics it keeps, parts of their pages it adds."""

from core.cache import public_pages_show
from core.models import VisitEvent
from core.personal import personal_register, personal_template
from core.slots import slot_register, slot_template
from core.visits import register_daily_writer
from expo.models import Booth, Expo, ExpoSession, Hall
from expo.selectors import public_vendor_booths, vendor_expo_counts, vendor_expo_tasks
from expo.services import booth_visit_days_write
from vendors.selectors import vendor_counts_register, vendor_tasks_register

# Editions, halls, booths with their featured products and the agenda show on cached pages.
public_pages_show(Expo, Hall, Booth, Booth.featured_products.through, ExpoSession)
register_daily_writer(VisitEvent.Kind.BOOTH, booth_visit_days_write)
vendor_counts_register(vendor_expo_counts)
vendor_tasks_register(vendor_expo_tasks)
slot_register(
    "vendor_sections",
    slot_template(
        "expo/partials/vendor_booths.html",
        lambda request, vendor: {"booths": public_vendor_booths(vendor)},
    ),
)


def _session_registration(request, items: list[dict]) -> list[str]:
    user = request.user
    registered = (
        set(
            user.expo_sessions.filter(pk__in=[i["session_id"] for i in items]).values_list(
                "pk", flat=True
            )
        )
        if user.is_authenticated
        else set()
    )
    return _session_registration_template(
        request, [{**item, "registered": item["session_id"] in registered} for item in items]
    )


_session_registration_template = personal_template("expo/personal/session_registration.html")
# The session page is shared by everyone (core.cache): registering is the visitor's own part.
personal_register("expo.session_registration", _session_registration)
