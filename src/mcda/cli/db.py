"""``mcda db``: the database's schema revision, upgrades, backups and restores.

The database is ``--url``, else ``MCDA_DATABASE_URL``, else the default SQLite file (``var/mcda.sqlite``).
A refused backup or restore exits with code 2 and one line saying why; nothing is overwritten then.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..storage import backup as backups
from ..storage.db import Database, default_url
from ..storage.migrations import head, known_revisions
from .options import reports_input_errors

UrlOption = Annotated[
    str | None,
    typer.Option("--url", help="SQLAlchemy URL of the database (default: MCDA_DATABASE_URL, else var/mcda.sqlite)"),
]

db_app = typer.Typer(
    help="The database: its schema revision (current), upgrades, backups and restores.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _rows(state: backups.DatabaseState) -> str:
    total = sum(state.rows.values())
    return f"{total} rows in {len(state.rows)} tables"


@db_app.command("current")
@reports_input_errors
def current_command(url: UrlOption = None) -> None:
    """Show the database's schema revision, the newest this version knows, and its rows per table."""
    state = backups.state(url or default_url())
    if state.revision == state.head:
        verdict = "up to date"
    elif state.made_before_migrations:
        verdict = "made before migrations: the app's next start or `mcda db upgrade` stamps and upgrades it"
    elif state.revision is None:
        verdict = "empty: the app's next start or `mcda db upgrade` creates the tables"
    elif state.revision in known_revisions():
        verdict = "older: the app's next start or `mcda db upgrade` upgrades it"
    else:
        verdict = "NEWER than this version of the tool: use the newer version"
    typer.echo(f"database: {state.where}")
    typer.echo(f"revision: {state.revision or 'none'} (this version's newest: {state.head}); {verdict}")
    for table, count in state.rows.items():
        typer.echo(f"  {table:<24} {count:>8}")


@db_app.command("upgrade")
@reports_input_errors
def upgrade_command(url: UrlOption = None) -> None:
    """Bring the database to the newest schema revision (the app does this on start too)."""
    database = Database(url or default_url())
    try:
        result = database.upgrade
    finally:
        database.dispose()
    where = backups.describe_url(database.url)
    if not result.changed:
        typer.echo(f"{where}: already at revision {result.after}; nothing to do")
    elif result.adopted:
        typer.echo(f"{where}: made before migrations; checked against revision 0001, stamped, now at {result.after}")
    else:
        typer.echo(f"{where}: upgraded from revision {result.before or 'none (new database)'} to {result.after}")


@db_app.command("backup")
@reports_input_errors
def backup_command(
    path: Annotated[str, typer.Argument(help="the backup file to write")],
    url: UrlOption = None,
    overwrite: Annotated[bool, typer.Option(help="replace an existing backup file")] = False,
) -> None:
    """Write a backup: SQLite's online backup (safe while the app runs), or pg_dump -Fc for PostgreSQL."""
    state = backups.backup(path, url or default_url(), overwrite=overwrite)
    typer.echo(f"backed up {state.where} (revision {state.revision or 'none'}, {_rows(state)}) to {path}")


@db_app.command("restore")
@reports_input_errors
def restore_command(
    path: Annotated[str, typer.Argument(help="the backup file to restore")],
    url: UrlOption = None,
) -> None:
    """Replace the database by a backup, after checking it; stop the app first (a database in use is refused)."""
    state = backups.restore(path, url or default_url())
    typer.echo(f"restored {path} into {state.where} (revision {state.revision or 'none'}, {_rows(state)})")
    if state.revision != head():
        typer.echo("note: the app's next start (or `mcda db upgrade`) brings it to revision " + head())
