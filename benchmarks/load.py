"""Reply latency and throughput under concurrent conversations, on 127.0.0.1 only; prints a table.

    .venv/bin/python -m benchmarks.load [--levels 1 10 50] [--turns 4] [--seconds 60]
        [--bare DIR] [--profile DIR] [--only bare project cluster actions-before actions-after]

Set-ups, each started, measured and stopped in turn in one run:
  bare              the `rasa init` bot in DIR (models/ inside it), REST, no custom actions
  project           as `make run` starts it: check_services, demo data, action server, Rasa server,
                    SQLite tracker store (needs models/imvo-assistant.tar.gz)
  cluster           as `make cluster` starts it (two Rasa servers and two action servers behind nginx)
  actions-before    the action server as rasa_sdk ships it (sync actions on the event loop),
                    sent action calls directly (no model needed)
  actions-after     the action server as entrypoints/action_server.py starts it (thread pool)

Each level sends `turns` messages in each of `level` conversations (one message at a time per
conversation, as a person types), at most `--seconds` per level. Start time is until the health URL
answers; peak memory is the largest resident set (VmHWM) of each process at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MODEL = ROOT / "models" / "imvo-assistant.tar.gz"

# One conversation of each kind; each simulated user takes one, round-robin.
CONVERSATIONS: List[List[str]] = [
    ["what does prevent, mitigate or stop mean?", "how do we draw up an action plan?", "does this cost money?"],
    ["What should we do about Riverbank Knitwear?", "and certification?", "is that enough?"],
    ["when was Anatolia Denim last audited?", "wie is daar onze contactpersoon?", "what's our share of their revenue?"],
    [
        "we have export credit insurance for a project in Ethiopia and people were evicted, whom do I tell?",
        "how do I file a complaint with the NCP?",
    ],
    ["Wat moeten we doen aan Tabacalera del Valle?", "hoeveel invloed hebben we daar?", "wat kost dat?"],
]

SUPPLIERS = ["Riverbank Knitwear", "Anatolia Denim", "Tabacalera del Valle", "Abidjan Cacao Export"]


def action_call(kind: int, turn: int, sender: str) -> dict:
    """An action call as the Rasa server sends it, for the direct action-server load: the same mix
    (guidance, supplier advice, a record question, the NCP route, Dutch advice)."""
    supplier = SUPPLIERS[(kind + turn) % len(SUPPLIERS)]
    entity = [{"entity": "supplier", "value": supplier}]
    calls = [
        ("action_supplier_question", "ask_action_plan", "how do we draw up an action plan?", [], "en"),
        ("action_supplier_question", "ask_supplier_advice", f"What should we do about {supplier}?", entity, "en"),
        ("action_supplier_question", "ask_supplier_record", f"when was {supplier} last audited?", entity, "en"),
        ("action_ncp_question", "ask_government_funding", "we have export credit insurance, whom?", [], "en"),
        ("action_rank_suppliers", "ask_rank_suppliers", "waar moeten we eerst iets doen?", [], "nl"),
    ]
    action, intent, text, entities, language = calls[kind % len(calls)]
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": {"language": language},
            "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities},
            "events": [],
            "latest_action_name": "action_listen",
        },
    }


@dataclass
class Process:
    name: str
    popen: Optional[subprocess.Popen]  # None: started by a script, which stops it
    start_seconds: float
    pid: int = 0

    def peak_mb(self) -> Optional[float]:
        try:
            for line in Path(f"/proc/{self.pid or self.popen.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None


@dataclass
class SetUp:
    name: str
    url: str  # where messages (or action calls) go
    direct_actions: bool = False
    processes: List[Process] = field(default_factory=list)
    notes: str = ""

    def stop(self) -> None:
        started = [p.popen for p in self.processes if p.popen is not None]
        for popen in reversed(started):
            if popen.poll() is None:
                popen.send_signal(signal.SIGINT)  # as Ctrl-C: a script stops what it started
        for popen in started:
            try:
                popen.wait(timeout=60)
            except subprocess.TimeoutExpired:
                popen.kill()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name: str, args: List[str], health: str, env: Dict[str, str], log: Path, cwd: Path = ROOT) -> Process:
    """Start a process and wait (at most 300 s) until its health URL answers."""
    import requests

    began = time.monotonic()
    popen = subprocess.Popen(args, cwd=cwd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    while time.monotonic() - began < 300:
        if popen.poll() is not None:
            raise RuntimeError(f"{name} exited; see {log}")
        try:
            if requests.get(health, timeout=2).status_code < 500:
                return Process(name, popen, time.monotonic() - began)
        except requests.RequestException:
            pass
        time.sleep(0.25)
    popen.kill()
    raise RuntimeError(f"{name} did not start in 300 s; see {log}")


def base_env(workdir: Path) -> Dict[str, str]:
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "DATABASE_URL": f"sqlite:///{workdir / 'imvo.db'}",
    }


def profiled(args: List[str], profile_dir: Optional[Path], name: str) -> List[str]:
    """The command under pyinstrument (text summary written when the process stops)."""
    if profile_dir is None:
        return args
    assert args[1] == "-m"
    output = profile_dir / f"{name}.txt"
    return [PYTHON, "-m", "pyinstrument", "--show-all", "-r", "text", "-o", str(output), "-m", *args[2:]]


def prepare_records(env: Dict[str, str], workdir: Path) -> None:
    log = workdir / "prepare.log"
    with log.open("ab") as out:
        subprocess.run([PYTHON, "-m", "actions.records.cli", "load-demo"], cwd=ROOT, env=env, check=True, stdout=out)


def start_action_server(env: Dict[str, str], workdir: Path, threaded: bool, profile: Optional[Path]) -> Process:
    port = free_port()
    module = "entrypoints.action_server" if threaded else "rasa_sdk"
    args = [PYTHON, "-m", module, "--port", str(port)] + ([] if threaded else ["--actions", "actions"])
    name = f"action server ({'thread pool' if threaded else 'as rasa_sdk ships it'})"
    tag = "actions-after" if threaded else "actions-before"
    return start(name, profiled(args, profile, tag), f"http://127.0.0.1:{port}/health", env, workdir / f"{tag}.log")


def port_of(process: Process) -> int:
    return int(process.popen.args[process.popen.args.index("--port") + 1])


def set_up_actions(threaded: bool, workdir: Path, profile: Optional[Path]) -> SetUp:
    env = base_env(workdir)
    prepare_records(env, workdir)
    server = start_action_server(env, workdir, threaded, profile)
    name = "actions-after" if threaded else "actions-before"
    return SetUp(name, f"http://127.0.0.1:{port_of(server)}/webhook", direct_actions=True, processes=[server])


def set_up_project(workdir: Path, profile: Optional[Path]) -> SetUp:
    env = base_env(workdir)
    endpoints = workdir / "endpoints.yml"
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))  # as make run
    config["tracker_store"]["db"] = str(workdir / "tracker.db")
    endpoints.write_text(yaml.safe_dump(config), encoding="utf-8")
    env["ENDPOINTS"] = str(endpoints)
    actions = start_action_server(env, workdir, True, profile)
    env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{port_of(actions)}/webhook"
    subprocess.run([PYTHON, "-m", "scripts.check_services"], cwd=ROOT, env=env, check=True)
    prepare_records(env, workdir)
    port = free_port()
    args = [PYTHON, "-m", "entrypoints.rasa_server", "run", "-m", str(MODEL), "--port", str(port)]
    args += ["--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml")]
    rasa = start(
        "Rasa server", profiled(args, profile, "rasa-project"), f"http://127.0.0.1:{port}/", env, workdir / "rasa.log"
    )
    return SetUp("project", f"http://127.0.0.1:{port}/webhooks/rest/webhook", processes=[actions, rasa])


def set_up_bare(bot: Path, workdir: Path, profile: Optional[Path]) -> SetUp:
    env = base_env(workdir)
    port = free_port()
    args = [PYTHON, "-m", "rasa", "run", "--port", str(port), "--enable-api"]
    rasa = start(
        "bare Rasa server",
        profiled(args, profile, "rasa-bare"),
        f"http://127.0.0.1:{port}/",
        env,
        workdir / "bare.log",
        cwd=bot,
    )
    return SetUp("bare rasa init", f"http://127.0.0.1:{port}/webhooks/rest/webhook", processes=[rasa])


def set_up_cluster(workdir: Path) -> SetUp:
    """`make cluster` (scripts/cluster.sh): two Rasa servers behind nginx, the SQLite tracker store
    in WAL mode, the Redis lock store at REDIS_HOST:REDIS_PORT (default 127.0.0.1:6379)."""
    port = free_port()
    env = {
        **base_env(workdir),
        "PY": PYTHON,
        "MODEL": str(MODEL),
        "RASA_PORT": str(port),
        "ACTION_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "CLUSTER_VAR": str(workdir),
        "TRACKER_DIALECT": "sqlite",
        "TRACKER_DB": str(workdir / "tracker.db"),
    }
    log = workdir / "cluster.log"
    began = time.monotonic()
    popen = subprocess.Popen(["scripts/cluster.sh"], cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    while "Press Ctrl-C to stop." not in log.read_text():
        if popen.poll() is not None or time.monotonic() - began > 400:
            popen.kill()
            raise RuntimeError(f"make cluster did not start; see {log}")
        time.sleep(0.5)
    seconds = time.monotonic() - began
    processes = [Process("cluster.sh (everything up)", popen, seconds)]
    for pid_file in sorted(workdir.glob("rasa-*.pid")):
        processes.append(Process(f"Rasa server {pid_file.stem}", None, seconds, int(pid_file.read_text())))
    return SetUp("cluster", f"http://127.0.0.1:{port}/webhooks/rest/webhook", processes=processes)


def spy(process: Process, directory: Path, setup_name: str) -> subprocess.Popen:
    """py-spy sampling one server (all its threads) until interrupted; collapsed stacks to a file."""
    directory.mkdir(parents=True, exist_ok=True)
    output = directory / f"{setup_name}-{process.name}.txt".replace(" ", "_")
    command = [str(Path(PYTHON).parent / "py-spy"), "record", "--pid", str(process.pid or process.popen.pid)]
    command += ["--format", "raw", "--rate", "50", "--nonblocking", "--output", str(output)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise(raw: Path, top: int = 25) -> None:
    """The functions with the largest share of samples (inclusive), idle waiting left out."""
    if not raw.exists():
        print(f"  (no samples in {raw})")
        return
    inclusive: Dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if any(idle in frames[-1] for idle in ("select (", "epoll", "_wait", "wait (", "sleep")):
            continue
        total += int(count)
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + int(count)
    print(f"\n{raw.name}: {total} busy samples; largest inclusive shares:")
    for frame, count in sorted(inclusive.items(), key=lambda item: -item[1])[:top]:
        print(f"  {100 * count / max(total, 1):5.1f}%  {frame[:150]}")


async def one_user(
    session: aiohttp.ClientSession, setup: SetUp, kind: int, turns: int, deadline: float, latencies: List[float]
) -> int:
    """One conversation: `turns` messages, each after the previous reply. Returns the failures."""
    sender = f"load-{uuid.uuid4().hex[:10]}"
    messages = CONVERSATIONS[kind % len(CONVERSATIONS)]
    failures = 0
    for turn in range(turns):
        if time.monotonic() > deadline:
            break
        if setup.direct_actions:
            body = action_call(kind, turn, sender)
        else:
            body = {"sender": sender, "message": messages[turn % len(messages)]}
        began = time.monotonic()
        try:
            async with session.post(setup.url, json=body, headers={"X-Conversation-Id": sender}) as response:
                await response.read()
                ok = response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            ok = False
        if ok:
            latencies.append(time.monotonic() - began)
        else:
            failures += 1
    return failures


async def measure(setup: SetUp, level: int, turns: int, seconds: float) -> Tuple[List[float], int, float]:
    latencies: List[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=level)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        # not counted: one conversation of each kind, so first-use costs are not in the figures
        warm: List[float] = []
        await asyncio.gather(*(one_user(session, setup, k, turns, time.monotonic() + seconds, warm) for k in range(5)))
        began = time.monotonic()
        failures = await asyncio.gather(
            *(one_user(session, setup, kind, turns, began + seconds, latencies) for kind in range(level))
        )
        elapsed = time.monotonic() - began
    return latencies, sum(failures), elapsed


def cpu_times() -> Tuple[float, float, float]:
    """(busy, total) clock ticks of the whole machine (/proc/stat) and this load generator's own CPU seconds."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    own = os.times()
    return sum(fields) - fields[3] - fields[4], sum(fields), own.user + own.system


def cores_busy(before: Tuple[float, float, float], after: Tuple[float, float, float], wall: float):
    """(cores busy on the whole machine, cores used by the load generator) between two cpu_times() `wall`
    seconds apart (the level and its warm-up)."""
    machine_share = (after[0] - before[0]) / max(after[1] - before[1], 1.0)
    return machine_share * (os.cpu_count() or 1), (after[2] - before[2]) / max(wall, 1e-9)


def percentile(values: List[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def build(name: str, workdir: Path, options: argparse.Namespace) -> SetUp:
    if name == "bare":
        return set_up_bare(options.bare, workdir, options.profile)
    if name == "project":
        return set_up_project(workdir, options.profile)
    if name == "cluster":
        return set_up_cluster(workdir)
    return set_up_actions(name == "actions-after", workdir, options.profile)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--turns", type=int, default=4, help="messages per conversation (bounded)")
    parser.add_argument("--seconds", type=float, default=60, help="at most this long per level")
    parser.add_argument("--bare", type=Path, help="directory of a trained `rasa init` bot")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument summary per server here")
    parser.add_argument("--py-spy", type=Path, help="sample every server with py-spy here; prints where time goes")
    parser.add_argument("--only", nargs="+", default=["bare", "project", "cluster"])
    options = parser.parse_args()
    if max(options.levels) > 100 or options.turns > 20:
        parser.error("bounded: at most 100 conversations of at most 20 messages")
    if options.profile:
        options.profile.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}; the cores are shared, so compare figures within one run only.")
    print(f"{options.turns} messages per conversation, at most {options.seconds:.0f} s per level.\n")
    rows, starts = [], []
    for name in options.only:
        workdir = Path(tempfile.mkdtemp(prefix=f"load-{name}-"))
        if name == "bare" and not options.bare:
            print("bare: skipped (give --bare DIR with a trained `rasa init` bot)")
            continue
        if name == "project" and not MODEL.exists():
            print(f"project: skipped ({MODEL} is missing: make train)")
            continue
        setup = build(name, workdir, options)
        spies = [spy(p, options.py_spy, setup.name) for p in setup.processes] if options.py_spy else []
        try:
            for level in options.levels:
                before, began = cpu_times(), time.monotonic()
                latencies, failures, elapsed = asyncio.run(measure(setup, level, options.turns, options.seconds))
                busy, generator = cores_busy(before, cpu_times(), time.monotonic() - began)
                ms = [1000 * x for x in latencies]
                row = (setup.name, level, len(ms), failures, percentile(ms, 50), percentile(ms, 95))
                rows.append(row + (percentile(ms, 99), len(ms) / elapsed, busy, generator))
                print("  ".join(str(round(v, 2)) if isinstance(v, float) else str(v) for v in rows[-1]), flush=True)
            starts += [(setup.name, p.name, p.start_seconds, p.peak_mb()) for p in setup.processes]
        finally:
            for spy_process, process in zip(spies, setup.processes if spies else [], strict=True):
                spy_process.send_signal(signal.SIGINT)
                spy_process.wait(timeout=120)
                summarise(options.py_spy / f"{setup.name}-{process.name}.txt".replace(" ", "_"))
            setup.stop()
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        "\n| set-up | conversations | replies | failed | p50 ms | p95 ms | p99 ms | replies/s "
        "| cores busy (machine) | of which load generator |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, level, count, failures, p50, p95, p99, rate, busy, generator in rows:
        print(
            f"| {name} | {level} | {count} | {failures} | {p50:,.0f} | {p95:,.0f} | {p99:,.0f} | {rate:.1f} "
            f"| {busy:.2f} | {generator:.2f} |"
        )
    print("\n| set-up | process | start s | peak MB |")
    print("|---|---|---|---|")
    for setup_name, process, seconds, peak in starts:
        print(
            f"| {setup_name} | {process} | {seconds:.1f} | {peak:.0f} |"
            if peak
            else f"| {setup_name} | {process} | {seconds:.1f} | ? |"
        )


if __name__ == "__main__":
    main()
