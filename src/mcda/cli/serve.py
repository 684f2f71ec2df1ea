"""``mcda serve`` (the app for a group, configured by environment) and ``mcda secretariat-hash``."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from ..hosting.config import PUBLIC_URL, ServeConfig, ServeRefused, serve_config
from ..hosting.passphrase import PassphraseError, hash_passphrase
from .options import fail

CHECKOUT = Path(__file__).resolve().parents[3]  # src/mcda/cli/serve.py -> the checkout with app.py


def app_root() -> Path:
    """The folder with app.py and .streamlit/ (the checkout, else the working directory)."""
    return CHECKOUT if (CHECKOUT / "app.py").is_file() else Path.cwd()


def streamlit_command(config: ServeConfig, app: Path) -> list[str]:
    """``streamlit run`` with the address, the port and, when the public address has a path, its base path."""
    public = urlsplit(config.public_url)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        config.bind_address,
        "--server.port",
        str(config.port),
        "--server.headless",
        "true",
        "--browser.serverAddress",
        public.hostname or config.bind_address,
        "--browser.serverPort",
        str(public.port or (443 if public.scheme == "https" else 80)),
    ]
    if config.base_path:
        command += ["--server.baseUrlPath", config.base_path]
    return command


def serve_command(
    check: Annotated[bool, typer.Option("--check", help="check the settings and print them; do not start")] = False,
) -> None:
    """Serve the app for a group. Settings come from the environment: MCDA_BIND_ADDRESS (127.0.0.1),
    MCDA_PORT (8501), MCDA_PUBLIC_URL (the address in join links), MCDA_DATABASE_URL,
    MCDA_SECRETARIAT_HASH (from 'mcda secretariat-hash'), MCDA_SECRETARIAT_EMAILS, MCDA_TLS_IN_FRONT,
    MCDA_OBSERVERS. Refuses (exit code 2) an address other machines can reach without a secretariat
    credential, and a plain-HTTP public address off loopback."""
    root = app_root()
    try:
        config = serve_config(os.environ, root / ".streamlit" / "secrets.toml")
    except ServeRefused as refused:
        raise fail(str(refused)) from None
    for line in config.summary():
        typer.echo(f"mcda serve: {line}", err=True)
    if check:
        return
    command = streamlit_command(config, root / "app.py")
    os.chdir(root)  # Streamlit reads .streamlit/config.toml and secrets.toml from the working directory
    os.execve(sys.executable, command, {**os.environ, PUBLIC_URL: config.public_url})


def secretariat_hash_command() -> None:
    """Read the secretariat's passphrase (a prompt without echo, or one line on stdin) and print the hash
    to put in MCDA_SECRETARIAT_HASH (scrypt with a random salt; the passphrase itself is never stored)."""
    if sys.stdin.isatty():
        passphrase = getpass.getpass("Passphrase (at least 12 characters): ")
        if getpass.getpass("Again: ") != passphrase:
            raise fail("the two passphrases differ; nothing was printed")
    else:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    try:
        typer.echo(hash_passphrase(passphrase))
    except PassphraseError as error:
        raise fail(str(error)) from None
