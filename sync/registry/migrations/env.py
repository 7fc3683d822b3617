"""Alembic's entry: runs the registry's migrations on the connection the registry hands over
(``sync.registry.store.upgrade``); there is no alembic.ini to keep in step."""

from alembic import context

from sync.registry.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
