from django.db import migrations, models


def cancel_duplicate_open_requests(apps, schema_editor):
    """Before the constraint: a buyer's older open request to a business stands, later ones
    (made by parallel clicks before the database held the rule) are cancelled."""
    Meeting = apps.get_model("expo", "Meeting")
    seen = set()
    duplicates = []
    for pk, buyer_id, vendor_id in (
        Meeting.objects.filter(status="requested")
        .order_by("created_at", "pk")
        .values_list("pk", "buyer_id", "vendor_id")
    ):
        if (buyer_id, vendor_id) in seen:
            duplicates.append(pk)
        seen.add((buyer_id, vendor_id))
    Meeting.objects.filter(pk__in=duplicates).update(status="cancelled")


class Migration(migrations.Migration):
    dependencies = [
        ("buyers", "0005_one_per_rules"),
        ("expo", "0003_matching_constraints_and_statistics"),
        ("vendors", "0002_curator_and_coordinator_groups"),
    ]

    operations = [
        migrations.RunPython(cancel_duplicate_open_requests, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "requested")),
                fields=("buyer", "vendor"),
                name="expo_meeting_one_open_request",
            ),
        ),
    ]
