# The report export model moved to core (core/migrations/0006_reportexport.py adopts this app's
# old table on databases made before the move). Kept, empty, so those databases' history holds.

from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = []
