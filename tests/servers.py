"""Starting the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable  # the test run's own interpreter: the project's virtual environment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 240) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not start in {seconds} s:\n{log.read_text()[-4000:]}")


@dataclass
class Servers:
    workdir: Path
    database_url: str
    env: Dict[str, str]
    rasa_port: int = 0
    action_port: int = 0
    web_port: int = 0
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def endpoints(self) -> Path:
        return self.workdir / "endpoints.yml"

    @property
    def tracker_db(self) -> Path:
        return self.workdir / "tracker.db"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def start_actions(self) -> None:
        log = self.workdir / "actions.log"
        self.processes["actions"] = subprocess.Popen(
            [PYTHON, "-m", "entrypoints.action_server", "--port", str(self.action_port)],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(f"http://127.0.0.1:{self.action_port}/health", self.processes["actions"], log)

    def stop_actions(self) -> None:
        self._stop("actions")

    def start_rasa(self, model: Path, extra_args: Optional[List[str]] = None) -> None:
        log = self.workdir / "rasa.log"
        self.processes["rasa"] = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "entrypoints.rasa_server",
                "run",
                "-m",
                str(model),
                "--port",
                str(self.rasa_port),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--endpoints",
                str(self.endpoints),
                "--cors",
                f"http://127.0.0.1:{self.web_port}",
                f"http://localhost:{self.web_port}",
            ]
            + (extra_args or []),
            cwd=ROOT,
            env=self.env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(self.rasa_url + "/", self.processes["rasa"], log)

    def restart_rasa(self, model: Path) -> None:
        """Stop the Rasa server (SIGTERM, as a deployment does) and start a new process."""
        self._stop("rasa")
        self.start_rasa(model)

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def start_web(self) -> None:
        log = self.workdir / "web.log"
        env = dict(self.env, WEB_PORT=str(self.web_port), RASA_PUBLIC_URL=self.rasa_url)
        self.processes["web"] = subprocess.Popen(
            [PYTHON, "-m", "web.serve"],
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(self.web_url + "/", self.processes["web"], log)

    def _stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def stop(self) -> None:
        for name in list(self.processes):
            self._stop(name)

    def say(self, text: str, sender: str, metadata: Optional[dict] = None) -> List[dict]:
        body = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        headers = {"Authorization": f"Bearer {self.env['REST_API_TOKEN']}"} if self.env.get("REST_API_TOKEN") else {}
        response = requests.post(self.rasa_url + "/webhooks/rest/webhook", json=body, headers=headers, timeout=60)
        response.raise_for_status()
        return response.json()


class Conversation:
    """One user talking to the bot over the REST channel."""

    def __init__(self, servers: Servers, sender: Optional[str] = None) -> None:
        self.servers = servers
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.transcript: List[str] = []

    def say(self, text: str) -> str:
        messages = self.servers.say(text, self.sender)
        self.transcript.append(f"> {text}")
        for m in messages:
            line = m.get("text", "")
            if m.get("buttons"):
                line += "\n  [" + " | ".join(b["title"] for b in m["buttons"]) + "]"
            self.transcript.append(line)
        self.last_messages = messages
        return "\n".join(m.get("text", "") for m in messages)

    def buttons(self) -> List[dict]:
        return [b for m in self.last_messages for b in m.get("buttons", [])]


def write_endpoints(workdir: Path, tracker_store: Optional[dict] = None) -> Path:
    """The project's endpoints.yml with this test run's own conversation store
    (its own SQLite file unless another store is given)."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    config["tracker_store"]["db"] = str(workdir / "tracker.db")
    if tracker_store:
        config["tracker_store"] = tracker_store
    path = workdir / "endpoints.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def prepare_environment(workdir: Path, database_url: str, tracker_store: Optional[dict] = None) -> Dict[str, str]:
    write_endpoints(workdir, tracker_store)
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "ENDPOINTS": str(workdir / "endpoints.yml"),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
    )
    return env


def start_servers(
    workdir: Path,
    model: Path,
    database_url: str,
    extra_env: Optional[Dict[str, str]] = None,
    tracker_store: Optional[dict] = None,
    warm_up: bool = True,
) -> Servers:
    servers = Servers(
        workdir,
        database_url,
        {**prepare_environment(workdir, database_url, tracker_store), **(extra_env or {})},
        rasa_port=free_port(),
        action_port=free_port(),
        web_port=free_port(),
    )
    servers.env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{servers.action_port}/webhook"
    subprocess.run(
        [PYTHON, "-m", "actions.records.cli", "load-demo"],
        cwd=ROOT,
        env=servers.env,
        check=True,
        capture_output=True,
    )
    servers.start_actions()
    servers.start_rasa(model)
    if warm_up:  # (a server whose REST channel is closed is warmed up by its tests' own first message)
        servers.say("hallo", "warm-up")  # the first message compiles the model's graph; keep that out of the tests
    return servers
