"""The launcher: roles and their variables, ssh command lines, process handling (no MXNet)."""

from __future__ import annotations

import io
import os
import shlex
import sys
import time

import pytest

from joint_nlu import launcher
from joint_nlu.command_line import main

PYTHON = sys.executable


def python(code: str) -> list[str]:
    return [PYTHON, "-c", code]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0): look at its state
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_plan_gives_each_role_its_variables_on_loopback(monkeypatch):
    for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    roles = launcher.plan(["kedro", "run"], workers=2, servers=1, port=9123)
    assert [role.name for role in roles] == ["scheduler", "server 0", "worker 0", "worker 1"]
    for role in roles:
        assert role.env["DMLC_PS_ROOT_URI"] == role.env["DMLC_NODE_HOST"] == "127.0.0.1"
        assert role.env["DMLC_PS_ROOT_PORT"] == "9123"
        assert (role.env["DMLC_NUM_SERVER"], role.env["DMLC_NUM_WORKER"]) == ("1", "2")
        assert role.env["DMLC_ROLE"] == role.kind
        assert role.env["OMP_WAIT_POLICY"] == "PASSIVE"
    assert roles[0].argv == [PYTHON, "-c", "import mxnet"]
    assert roles[2].argv == ["kedro", "run"]
    assert [role.env["OMP_NUM_THREADS"] for role in roles] == ["1", "1", "2", "2"]


def test_plan_picks_a_free_port_and_refuses_bad_input():
    port = int(launcher.plan(["x"], workers=1)[0].env["DMLC_PS_ROOT_PORT"])
    assert 0 < port < 65536
    with pytest.raises(ValueError, match="after --"):
        launcher.plan([], workers=1)
    with pytest.raises(ValueError, match="at least 1"):
        launcher.plan(["x"], workers=0)
    with pytest.raises(ValueError, match="--host ADDRESS"):
        launcher.plan(["x"], workers=1, hosts=["gpu1"])


def test_hosts_file_gives_ssh_command_lines_round_robin(tmp_path):
    hosts_file = tmp_path / "hosts"
    hosts_file.write_text("# the cluster\nalice@gpu1\n\ngpu2  # second\n", encoding="utf-8")
    hosts = launcher.read_hosts(hosts_file)
    assert hosts == ["alice@gpu1", "gpu2"]
    roles = launcher.plan(
        ["kedro", "run", "--params=a=b c"],
        workers=3,
        host="10.0.0.5",
        port=9000,
        hosts=hosts,
        workdir="/srv/my project",
    )
    workers = [role for role in roles if role.kind == "worker"]
    assert [role.argv[:5] for role in workers] == [
        ["ssh", "-o", "BatchMode=yes", "-tt", host] for host in ["alice@gpu1", "gpu2", "alice@gpu1"]
    ]
    remote = shlex.split(workers[1].argv[5])
    assert remote[:4] == ["cd", "/srv/my project", "&&", "env"]
    assert remote[-3:] == ["kedro", "run", "--params=a=b c"]
    assert {"DMLC_ROLE=worker", "DMLC_PS_ROOT_URI=10.0.0.5", "DMLC_NUM_WORKER=3"} <= set(remote)
    # the scheduler and servers stay here, bound to the named address
    assert roles[0].env["DMLC_NODE_HOST"] == "10.0.0.5" and roles[0].argv[0] == PYTHON


def test_hosts_file_errors_name_the_line(tmp_path):
    hosts_file = tmp_path / "hosts"
    hosts_file.write_text("gpu1\ngpu2 gpu3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"hosts:2: 'gpu2 gpu3'"):
        launcher.read_hosts(hosts_file)
    with pytest.raises(FileNotFoundError):
        launcher.read_hosts(tmp_path / "missing")


def test_run_streams_prefixed_output_and_waits_for_the_others():
    roles = [
        launcher.Role("scheduler", "scheduler", python("import time; time.sleep(0.5)")),
        launcher.Role("worker", "worker 0", python("print('hello'); print('again')")),
        launcher.Role(
            "worker", "worker 1", python("import os; print(os.environ['X'])"), {"X": "1"}
        ),
    ]
    out = io.StringIO()
    assert launcher.run(roles, timeout=30, grace=5, stream=out) == 0
    lines = out.getvalue().splitlines()
    assert lines.index("[worker 0] hello") < lines.index("[worker 0] again")
    assert "[worker 1] 1" in lines


def test_a_failing_worker_stops_every_group_and_sets_the_status(tmp_path):
    pid_file = tmp_path / "grandchild.pid"
    # a worker that starts a grandchild of its own, then waits
    parent = (
        "import subprocess, sys, time; "
        f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        f"open({str(pid_file)!r}, 'w').write(str(child.pid)); time.sleep(60)"
    )
    roles = [
        launcher.Role("scheduler", "scheduler", python("import time; time.sleep(60)")),
        launcher.Role("worker", "worker 0", python(parent)),
        launcher.Role("worker", "worker 1", python("import sys, time; time.sleep(1); sys.exit(3)")),
    ]
    out = io.StringIO()
    started = time.monotonic()
    assert launcher.run(roles, timeout=30, grace=2, stream=out) == 3
    assert time.monotonic() - started < 15
    assert "[launch] worker 1 exited with 3" in out.getvalue()
    grandchild = int(pid_file.read_text())
    assert not alive(grandchild)


def test_the_time_limit_stops_everything():
    roles = [launcher.Role("worker", "worker 0", python("import time; time.sleep(60)"))]
    out = io.StringIO()
    started = time.monotonic()
    assert launcher.run(roles, timeout=1, grace=1, stream=out) == launcher.TIMED_OUT
    assert time.monotonic() - started < 10
    assert "time limit" in out.getvalue()


def test_command_line_launch_reports_bad_hosts_file(tmp_path, capsys):
    assert main(["launch", "--hosts", str(tmp_path / "none"), "--", "true"]) == 1
    assert "no hosts file" in capsys.readouterr().err
