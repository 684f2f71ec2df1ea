"""Alembic's entry point: every run (the app's upgrade, ``mcda db upgrade``, autogenerate) goes through
:func:`mcda.storage.migrations.run_environment`."""

from alembic import context

from mcda.storage.migrations import run_environment

run_environment(context)
