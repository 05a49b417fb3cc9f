"""What the browser benchmarks share: a `streamlit run app.py` server on 127.0.0.1, headless Debian
Chromium through Playwright, and the resident memory of the server with its worker processes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(log: Path | None = None, env: dict | None = None):
    """A fresh dashboard server; yields (url, process)."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],  # a benchmark measures the app, not edits made meanwhile
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("streamlit did not start")
                time.sleep(0.5)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is missing (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def marked(browser, mark: str):
    """A second browser of the same kind, its command line tagged with `mark` so `demote(mark)` finds it."""
    return browser.browser_type.launch(executable_path=shutil.which("chromium"),
                                       args=CHROMIUM_FLAGS + [f"--class={mark}"])


def demote(mark: str, nice: int = 19) -> None:
    """Lowest CPU priority (or `nice`) for the browser marked `mark` and all its processes: as if its tabs ran on the
    students' own machines, so that they do not take the server's cores.  Chromium sets its renderers'
    priorities itself, so call this again now and then.

    Chromium starts its processes in a session of their own, and with the kernel's autogroup scheduling
    (sched_autogroup_enabled) a process's nice value only counts within its session's group: the groups
    share the cores equally.  So the group's nice is lowered too (/proc/PID/autogroup), or a browser
    "at nice 19" still takes a whole group's share from the server."""
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if f"--class={mark}".encode() in f.read():
                    for pid in tree_rss_each(int(entry)):
                        os.setpriority(os.PRIO_PROCESS, pid, nice)
                        _set_autogroup(pid, nice)
        except (OSError, ValueError):
            pass


def _set_autogroup(pid: int, nice: int) -> None:
    try:
        with open(f"/proc/{pid}/autogroup", "w") as f:
            f.write(str(nice))
    except OSError:  # no autogroup scheduling here, or not allowed: the plain nice value is all there is
        pass


def settle(tab, timeout: float = 60) -> None:
    """Wait until Streamlit's script run has finished (its status widget is gone)."""
    deadline = time.time() + timeout
    tab.wait_for_timeout(300)
    while time.time() < deadline and tab.locator('[data-testid="stStatusWidget"]').count():
        tab.wait_for_timeout(100)


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    return sum(tree_rss_each(pid).values())


def tree_rss_each(pid: int) -> dict[int, int]:
    """pid → resident bytes, for a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    found, todo = {}, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                found[p] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        todo += children.get(p, [])
    return found
