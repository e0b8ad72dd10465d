"""Start a training on MXNet's parameter server: a scheduler, servers and workers (no Kedro).

Every role is a process of its own with the `DMLC_*` variables MXNet reads; the scheduler and
the servers are Python processes that import MXNet, whose import runs their loop when
`DMLC_ROLE` is `scheduler` or `server`. Each process leads its own process group, so stopping
it stops whatever it started. Their output is streamed line by line with a role prefix.

Workers run on this host by default, or over ssh on the hosts of a hosts file (one
`[user@]host` per line, `#` comments; workers go round-robin over the hosts). The scheduler and
the servers always run here, bound to `host` (127.0.0.1 unless the user names an address the
other hosts can reach).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

LOOPBACK = "127.0.0.1"
# exit status when the time limit ran out (as timeout(1))
TIMED_OUT = 124
ROLE_COMMAND = (sys.executable, "-c", "import mxnet")
SSH = ("ssh", "-o", "BatchMode=yes", "-tt")


@dataclass
class Role:
    """One process to start: its kind (scheduler, server, worker), name, command, variables."""

    kind: str
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)


def free_port(host: str = LOOPBACK) -> int:
    """Return a TCP port that is free on `host` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def read_hosts(path: str | Path) -> list[str]:
    """Return the `[user@]host` entries of a hosts file (one per line, `#` comments)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no hosts file {path}")
    hosts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if len(entry.split()) > 1 or entry.startswith("-"):
            raise ValueError(
                f"{path}:{number}: {line.strip()!r} is not one [user@]host: write one host a line"
            )
        hosts.append(entry)
    if not hosts:
        raise ValueError(f"{path}: no hosts in the file: write one [user@]host a line")
    return hosts


def ssh_command(
    host: str, workdir: str | Path, env: dict[str, str], command: Sequence[str]
) -> list[str]:
    """Return the ssh command line that runs `command` in `workdir` on `host` with `env`.

    `-tt` gives the remote command a terminal, so it is hung up when the ssh client stops.
    """
    variables = " ".join(f"{name}={shlex.quote(value)}" for name, value in sorted(env.items()))
    remote = f"cd {shlex.quote(str(workdir))} && env {variables} {shlex.join(command)}"
    return [*SSH, host, remote]


def plan(
    command: Sequence[str],
    workers: int,
    servers: int = 1,
    host: str = LOOPBACK,
    port: int | None = None,
    hosts: Sequence[str] | None = None,
    workdir: str | Path | None = None,
    threads: int | None = None,
) -> list[Role]:
    """Return the roles of one training: the scheduler, `servers` servers, `workers` workers.

    `threads` (default: this host's cores shared among the local workers) sets
    OMP_NUM_THREADS for workers here unless the environment already sets it.
    """
    if not command:
        raise ValueError(
            "no worker command: put it after --, e.g. -- kedro run --pipeline=training"
        )
    if workers < 1 or servers < 1:
        raise ValueError(f"--workers {workers} --servers {servers}: both must be at least 1")
    if hosts and host in (LOOPBACK, "localhost"):
        raise ValueError(
            "--hosts needs --host ADDRESS: an address of this machine that the hosts can reach "
            "(the scheduler and servers bind to it)"
        )
    port = port or free_port(host)
    shared = {
        "DMLC_PS_ROOT_URI": host,
        "DMLC_PS_ROOT_PORT": str(port),
        "DMLC_NUM_SERVER": str(servers),
        "DMLC_NUM_WORKER": str(workers),
        "PYTHONUNBUFFERED": "1",
    }
    # DMLC_NODE_HOST: the address a role binds to and announces (else MXNet picks an interface)
    here = {**shared, "DMLC_NODE_HOST": host}
    if "OMP_WAIT_POLICY" not in os.environ:
        # OpenMP threads that spin while a worker waits for the servers starve the server
        # processes on the same cores (measured: 1 worker 4-10x slower on 2 cores)
        here["OMP_WAIT_POLICY"] = "PASSIVE"
    # the scheduler and servers only move and sum arrays: keep their threads off the workers'
    quiet = {} if "OMP_NUM_THREADS" in os.environ else {"OMP_NUM_THREADS": "1"}
    roles = [
        Role(
            "scheduler",
            "scheduler",
            list(ROLE_COMMAND),
            {**here, **quiet, "DMLC_ROLE": "scheduler"},
        )
    ]
    roles += [
        Role(
            "server",
            f"server {index}",
            list(ROLE_COMMAND),
            {**here, **quiet, "DMLC_ROLE": "server"},
        )
        for index in range(servers)
    ]
    if hosts:
        directory = workdir or Path.cwd()
        env = {**shared, "DMLC_ROLE": "worker"}
        roles += [
            Role(
                "worker",
                f"worker {index}@{hosts[index % len(hosts)]}",
                ssh_command(hosts[index % len(hosts)], directory, env, command),
            )
            for index in range(workers)
        ]
        return roles
    threads = threads or max(1, (os.cpu_count() or 1) // workers)
    env = {**here, "DMLC_ROLE": "worker"}
    if "OMP_NUM_THREADS" not in os.environ:
        env["OMP_NUM_THREADS"] = str(threads)
    if "COLUMNS" not in os.environ:
        env["COLUMNS"] = "160"  # Kedro's rich logging wraps at 80 columns when piped
    roles += [
        Role("worker", f"worker {index}", list(command), dict(env)) for index in range(workers)
    ]
    return roles


class _Stop(Exception):
    """The launcher itself was asked to stop (SIGTERM, SIGHUP)."""


def run(
    roles: Sequence[Role],
    timeout: float | None = None,
    grace: float = 10.0,
    stream: TextIO | None = None,
    cwd: str | Path | None = None,
) -> int:
    """Start every role, stream its output, stop them all; return the exit status.

    0 when every worker ended with 0; a failing role's status (or 1) as soon as any role
    fails, which stops the others; `TIMED_OUT` when `timeout` seconds pass first. The
    scheduler and servers, which end by themselves once the workers have, get `grace`
    seconds before they are stopped. Stopping is SIGTERM to each process group, then SIGKILL
    after `grace` seconds.
    """
    stream = stream or sys.stdout
    lock = threading.Lock()
    started: list[tuple[Role, subprocess.Popen]] = []
    pumps: list[threading.Thread] = []
    previous = _install_stop_handlers()
    try:
        for role in roles:
            process = subprocess.Popen(
                role.argv,
                cwd=cwd,
                env={**os.environ, **role.env},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            started.append((role, process))
            pump = threading.Thread(
                target=_pump, args=(process.stdout, role.name, stream, lock), daemon=True
            )
            pump.start()
            pumps.append(pump)
        status = _supervise(started, timeout, grace, stream, lock)
    except _Stop:
        _say(stream, lock, "stopped by a signal: stopping every role")
        status = 128 + signal.SIGTERM
    except KeyboardInterrupt:
        _say(stream, lock, "interrupted: stopping every role")
        status = 128 + signal.SIGINT
    finally:
        _stop_all([process for _, process in started], grace)
        for pump in pumps:
            pump.join(timeout=5)
        _restore_stop_handlers(previous)
    return status


def _supervise(started, timeout, grace, stream, lock) -> int:
    """Wait for the workers; return the status as soon as it is known (see `run`)."""
    deadline = None if not timeout else time.monotonic() + timeout
    workers = [process for role, process in started if role.kind == "worker"]
    while True:
        for role, process in started:
            code = process.poll()
            if code not in (None, 0):
                _say(stream, lock, f"{role.name} exited with {code}: stopping every role")
                return code if code > 0 else 1
        if all(process.poll() == 0 for process in workers):
            break
        if deadline is not None and time.monotonic() > deadline:
            _say(stream, lock, f"time limit of {timeout:g} s reached: stopping every role")
            return TIMED_OUT
        time.sleep(0.1)
    others = [process for role, process in started if role.kind != "worker"]
    end = time.monotonic() + grace
    while any(process.poll() is None for process in others) and time.monotonic() < end:
        time.sleep(0.1)
    return 0


def _pump(pipe, name: str, stream: TextIO, lock: threading.Lock) -> None:
    """Copy a process's output to `stream`, one prefixed line at a time."""
    for raw in iter(pipe.readline, b""):
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        with lock:
            stream.write(f"[{name}] {line}\n")
            stream.flush()
    pipe.close()


def _say(stream: TextIO, lock: threading.Lock, message: str) -> None:
    with lock:
        stream.write(f"[launch] {message}\n")
        stream.flush()


def _stop_all(processes: Sequence[subprocess.Popen], grace: float) -> None:
    """SIGTERM every process group, SIGKILL those still there after `grace` s; reap them."""
    groups = [process.pid for process in processes]
    for group in groups:
        _signal_group(group, signal.SIGTERM)
    end = time.monotonic() + grace
    while time.monotonic() < end:
        for process in processes:
            process.poll()
        if not any(_group_alive(group) for group in groups):
            break
        time.sleep(0.05)
    for group in groups:
        _signal_group(group, signal.SIGKILL)
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)


def _signal_group(group: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, number)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _raise_stop(number, frame) -> None:
    raise _Stop()


def _install_stop_handlers() -> dict:
    """Turn SIGTERM and SIGHUP into `_Stop` (main thread only); return the old handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {
        number: signal.signal(number, _raise_stop) for number in (signal.SIGTERM, signal.SIGHUP)
    }


def _restore_stop_handlers(previous: dict) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)
