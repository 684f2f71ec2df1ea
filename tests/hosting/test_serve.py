"""Serving for a group: the settings from the environment and the refusals, through the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcda.hosting.config import ServeRefused, is_loopback, serve_config
from mcda.hosting.passphrase import hash_passphrase

ROOT = Path(__file__).resolve().parents[2]
HASH = hash_passphrase("fjord lemen nordlys 42", n=2**10)


def run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MCDA_")}
    clean["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-m", "mcda.cli", *args],
        env={**clean, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


@pytest.mark.parametrize("bind", ["0.0.0.0", "10.20.30.40", "mcda.example.no", "::"])
def test_serve_refuses_a_reachable_address_without_a_credential(bind: str) -> None:
    done = run(["serve"], {"MCDA_BIND_ADDRESS": bind})
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "MCDA_SECRETARIAT_HASH" in lines[0] and "mcda secretariat-hash" in lines[0]
    assert "Traceback" not in done.stderr


def test_serve_refuses_plain_http_off_loopback_unless_tls_is_said_to_be_in_front() -> None:
    env = {"MCDA_BIND_ADDRESS": "10.20.30.40", "MCDA_SECRETARIAT_HASH": HASH}
    refused = run(["serve", "--check"], env)
    assert refused.returncode == 2 and "MCDA_PUBLIC_URL" in refused.stderr and "https" in refused.stderr
    assert run(["serve", "--check"], {**env, "MCDA_TLS_IN_FRONT": "1"}).returncode == 0
    https = run(["serve", "--check"], {**env, "MCDA_PUBLIC_URL": "https://mcda.example.no"})
    assert https.returncode == 0, https.stderr
    assert "https://mcda.example.no" in https.stderr and HASH not in https.stderr + https.stdout


def test_serve_on_loopback_needs_nothing_and_states_its_settings() -> None:
    done = run(["serve", "--check"], {"MCDA_BIND_ADDRESS": "127.0.0.2", "MCDA_PORT": "8299"})
    assert done.returncode == 0, done.stderr
    assert "http://127.0.0.2:8299" in done.stderr


def test_secretariat_hash_reads_stdin_and_prints_a_hash_the_server_accepts() -> None:
    made = run(["secretariat-hash"], {}, stdin="fjord lemen nordlys 42\n")
    assert made.returncode == 0, made.stderr
    encoded = made.stdout.strip()
    assert encoded.startswith("scrypt$32768$8$1$") and "fjord" not in made.stdout
    check = run(
        ["serve", "--check"],
        {"MCDA_BIND_ADDRESS": "0.0.0.0", "MCDA_PUBLIC_URL": "https://x.no"} | {"MCDA_SECRETARIAT_HASH": encoded},
    )
    assert check.returncode == 0, check.stderr
    short = run(["secretariat-hash"], {}, stdin="kort\n")
    assert short.returncode == 2 and "12" in short.stderr and not short.stdout


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"MCDA_PORT": "http"}, "MCDA_PORT"),
        ({"MCDA_PORT": "70000"}, "MCDA_PORT"),
        ({"MCDA_SECRETARIAT_HASH": "hunter2"}, "MCDA_SECRETARIAT_HASH"),
        ({"MCDA_PUBLIC_URL": "mcda.example.no"}, "MCDA_PUBLIC_URL"),
        ({"MCDA_PUBLIC_URL": "https://x.no/?join=1"}, "MCDA_PUBLIC_URL"),
        ({"MCDA_OBSERVERS": "maybe"}, "MCDA_OBSERVERS"),
        ({"MCDA_BIND_ADDRESS": "0.0.0.0", "MCDA_SECRETARIAT_HASH": HASH}, "MCDA_PUBLIC_URL"),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ServeRefused, match=needle):
        serve_config(env)


def test_the_public_address_and_its_path() -> None:
    config = serve_config({"MCDA_PUBLIC_URL": "https://mcda.example.no/prosess21/", "MCDA_SECRETARIAT_HASH": HASH})
    assert config.public_url == "https://mcda.example.no/prosess21"
    assert config.base_path == "prosess21"
    assert serve_config({}).public_url == "http://127.0.0.1:8501"
    assert "pw" not in " ".join(serve_config({"MCDA_DATABASE_URL": "postgresql+psycopg://u:pw@db/x"}).summary())


def test_open_id_connect_counts_as_a_credential_with_an_auth_table_and_an_allow_list(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "https://x.no/oauth2callback"\n', encoding="utf-8")
    env = {"MCDA_BIND_ADDRESS": "0.0.0.0", "MCDA_PUBLIC_URL": "https://x.no"}
    with pytest.raises(ServeRefused):
        serve_config(env, secrets)  # no allow-list
    assert serve_config({**env, "MCDA_SECRETARIAT_EMAILS": "s@x.no"}, secrets).oidc_configured


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True), ("0.0.0.0", False)]
    + [("192.168.1.4", False), ("mcda.example.no", False), ("[::1]", True)],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
