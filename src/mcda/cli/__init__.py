"""Command line: ``mcda ahp``, ``mcda group-ahp``, ``mcda rank``, ``mcda export``, ``mcda robustness``,
``mcda gaps``, ``mcda serve``, ``mcda secretariat-hash`` and ``mcda db`` (current, upgrade, backup, restore).

One module per command (:mod:`.ahp`, :mod:`.rank`, :mod:`.export`, :mod:`.robustness`, :mod:`.gaps`,
:mod:`.serve`, :mod:`.db`); what
they share lives in :mod:`.options`. This module builds the app and registers every command;
no command module imports it. Bad input exits with code 2 and one line on stderr naming the
file, line, column and value; no traceback is ever shown for it (see ``mcda --help``).
"""

from __future__ import annotations

import typer

from .ahp import ahp_command, group_ahp_command
from .db import db_app
from .export import export_command
from .gaps import gaps_command
from .rank import rank_command
from .robustness import robustness_command
from .serve import secretariat_hash_command, serve_command

__all__ = ["app", "main"]

app = typer.Typer(
    name="mcda",
    help="Rank candidate positions with AHP weights and TOPSIS and the other methods of pymcdm.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=True,
)
app.command("ahp")(ahp_command)
app.command("group-ahp")(group_ahp_command)
app.command("rank")(rank_command)
app.command("export")(export_command)
app.command("robustness")(robustness_command)
app.command("gaps")(gaps_command)
app.command("serve")(serve_command)
app.command("secretariat-hash")(secretariat_hash_command)
app.add_typer(db_app, name="db")


def main() -> None:  # pragma: no cover - console entry
    app()
