"""Migration operations: moving a model from one app to another without losing its rows, and
granting the staff groups permissions from a data migration.

A fresh database creates the model in its new app. A database made before the move still has the
old app's table with its data: the new app adopts it (renames the table and moves the content type,
so permissions and admin history follow the model) instead of creating an empty one.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


class AdoptOrCreateModel(migrations.CreateModel):
    """`CreateModel` that, when `old_table` exists, renames it instead of creating a new table.

    Use it in the new app's migration, with the old app's migrations rewritten so that a fresh
    database never creates the old table.
    """

    def __init__(
        self, *args, old_table: str, old_app_label: str, old_names: dict | None = None, **kwargs
    ):
        self.old_table = old_table
        self.old_app_label = old_app_label
        # {new index or constraint name: its name in the old table}
        self.old_names = old_names or {}
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs.update(
            old_table=self.old_table, old_app_label=self.old_app_label, old_names=self.old_names
        )
        return name, args, kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        if self.old_table not in tables:
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        table = model._meta.db_table
        schema_editor.alter_db_table(model, self.old_table, table)
        quote = schema_editor.quote_name
        constraints = {c.name for c in model._meta.constraints}
        for new, old in self.old_names.items():
            if new in constraints:
                schema_editor.execute(
                    f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(old)} TO {quote(new)}"
                )
            else:
                schema_editor.execute(f"ALTER INDEX {quote(old)} RENAME TO {quote(new)}")
        schema_editor.execute(
            "UPDATE django_content_type SET app_label = %s WHERE app_label = %s AND model = %s",
            [app_label, self.old_app_label, self.name_lower],
        )

    def describe(self) -> str:
        return f"Adopt {self.old_table} as model {self.name}, or create it"


def group_permissions_add(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give existing groups permissions of `app_label` ({"Curator": ["view_deal", …]}) from a data
    migration, creating the app's permissions first (Django only does that after all migrations)."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=grants):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=grants[group.name]
            )
        )
