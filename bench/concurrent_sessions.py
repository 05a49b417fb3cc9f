"""A class on one server: N real Chromium sessions press Train on the Training lab at once.

For each N, a fresh `streamlit run app.py` on 127.0.0.1; one more tab (the observer) sits on the
vanishing-gradients page, which needs no training, and moves its sequence-length slider now and then.
Each of the N lab tabs opens with its own seed (`?seed=i`) and the lab's default model (LSTM, 32 units,
recall over 10 steps, 300 steps) and presses Train.  Printed per N: each session's seconds from its
click until its page is sent a progress bar that says "done" (heard on its websocket, so the bench
never has to ask a busy tab), the observer's slider redraw latency (keypress until the figure
title shows the new length) while the others train and the server's share of it (from the rerun request
on the websocket to the server's "script finished"), the server's peak resident memory (server and
worker processes together), and that memory after all tabs have closed against the idle server.

Goals on 2 cores: 8 sessions finish within 150 s; the slider redraws in under 300 ms while 8 train;
memory comes back to within 100 MB of idle.  The last line is `ratio <slowest of 8 / 150 s>`.

`--remote-class`: the N lab tabs run in a second Chromium kept at the lowest CPU priority, as if the
students' browsers ran on their own machines (the observer's stays at normal priority); without it all
N + 1 tabs share the server's cores on equal terms.

    .venv/bin/python bench/concurrent_sessions.py [--sessions 1 4 8] [--workers N] [--remote-class]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import chromium, demote, marked, server, settle, tree_rss, tree_rss_each  # noqa: E402

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from rnnviz.ui import PAGES, url_path  # noqa: E402

LAB = url_path(next(p for p in PAGES if p.key == "lab"))
VANISH = url_path(next(p for p in PAGES if p.key == "vanish"))
STEPS = 300
GOAL_SECONDS, GOAL_REDRAW, GOAL_MEMORY = 150.0, 0.3, 100 << 20
MB = 1 << 20


class Wire:
    """A tab's websocket, timed: when the page sent a message (a slider move sends its rerun request), when
    the server said a script run had finished, and the texts of the progress bars it drew.  From the
    first two, the server's share of a redraw (the rest is the browser's: the slider's own delay before
    it sends, and drawing the figures); from the last, when a run was done, without asking the tab."""

    def __init__(self, tab):
        self.sent, self.finished, self.progress = [], [], []
        tab.on("websocket", lambda ws: (ws.on("framesent", self._sent), ws.on("framereceived", self._received)))

    def _sent(self, _payload) -> None:
        self.sent.append(time.perf_counter())

    def _received(self, payload) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "script_finished":
                self.finished.append(time.perf_counter())
            elif msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "progress":
                self.progress.append((time.perf_counter(), msg.delta.new_element.progress.text))

    def server_seconds(self, since: float) -> float | None:
        """From the first message sent after `since` to the first "script finished" after that."""
        sent = next((t for t in self.sent if t > since), None)
        done = next((t for t in self.finished if sent is not None and t > sent), None)
        return None if done is None else done - sent

    def first_progress(self, *words: str) -> float | None:
        """When a progress bar first said all of `words`."""
        return next((t for t, text in self.progress if all(w in text for w in words)), None)


def open_tab(browser, url: str, listen: bool = False):
    """A tab showing `url`; with `listen`, also the `Wire` of its websocket, as (tab, wire)."""
    tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    wire = Wire(tab) if listen else None  # before the page opens its websocket
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=120_000)
    settle(tab)
    return (tab, wire) if listen else tab


def steady_rss(pid: int, tolerance: int = 5 << 20, timeout: float = 120) -> int:
    """The server's memory once it has stopped moving (workers started, sessions dropped)."""
    last, deadline = tree_rss(pid), time.time() + timeout
    while time.time() < deadline:
        time.sleep(3)
        now = tree_rss(pid)
        if abs(now - last) < tolerance:
            return now
        last = now
    return last


def move_slider(tab, length: int, wire: Wire | None = None) -> tuple[float, float | None]:
    """Seconds from a keypress on the length slider until the profile's title shows `length` steps, and the
    server's share of them when `wire` listens to the tab."""
    slider = tab.locator('[data-testid="stMainBlockContainer"] input[type="range"][max="200"]').first
    current = int(slider.get_attribute("value"))
    began = time.perf_counter()
    slider.press("ArrowRight" if length > current else "ArrowLeft")
    tab.wait_for_function("n => Array.from(document.querySelectorAll('.js-plotly-plot .gtitle'))"
                          ".some(e => e.textContent.includes(', ' + n + ' steps'))", arg=length, timeout=60_000,
                          polling=20)  # not on animation frames, which a browser may hold back for a busy tab
    return time.perf_counter() - began, wire.server_seconds(began) if wire else None


CLASS = "rnnviz-class"  # marks the students' browser of --remote-class


def session_round(browser, n: int, workers: int | None, timeout: float, students=None) -> dict:
    """One round; the N lab tabs open in `students` (a browser of their own) when given, else in `browser`."""
    students = students or browser
    env = {"RNNVIZ_WORKERS": str(workers)} if workers else {}
    with server(log=Path(f"/tmp/rnnviz_bench_server_{n}.log"), env=env) as (url, proc):
        observer, wire = open_tab(browser, f"{url}/{VANISH}", listen=True)
        observer.wait_for_selector(".js-plotly-plot .gtitle", timeout=120_000)
        warm = open_tab(browser, f"{url}/{LAB}")  # the first lab page starts the worker pool
        warm.context.close()
        idle = steady_rss(proc.pid)
        server_idle = tree_rss_each(proc.pid)[proc.pid]
        move_slider(observer, 60), move_slider(observer, 50)  # both lengths computed once (cached after)
        if students is not browser:
            demote(CLASS, nice=0)  # the last round's demotion lasts: open and click at normal priority
        tabs = [open_tab(students, f"{url}/{LAB}?seed={i + 1}", listen=True) for i in range(n)]
        clicked, finished = {}, {}
        for i, (tab, _) in enumerate(tabs):
            clicked[i] = time.perf_counter()  # before: a starved tab may take seconds to report its click done
            tab.locator('[data-testid="stMainBlockContainer"] [data-testid="stBaseButton-primary"]').first.click()
        peak, redraws, length, last_move = idle, [], 50, 0.0
        deadline = time.perf_counter() + timeout
        while len(finished) < n and time.perf_counter() < deadline:
            if students is not browser:
                demote(CLASS)
            peak = max(peak, tree_rss(proc.pid))
            if time.perf_counter() - last_move > 1.5:
                length = 60 if length == 50 else 50
                redraws.append(move_slider(observer, length, wire))
                last_move = time.perf_counter()
            for i, (_, heard) in enumerate(tabs):
                done = None if i in finished else heard.first_progress(f"step {STEPS} of {STEPS}", "done")
                if done is not None:  # from the Train request on the tab's websocket
                    finished[i] = done - next((t for t in heard.sent if t > clicked[i]), clicked[i])
            observer.wait_for_timeout(200)  # Playwright delivers the tabs' websocket frames while it waits
        for tab, _ in tabs:
            tab.context.close()
        observer.context.close()
        time.sleep(45)  # a closed tab's session goes after server.disconnectedSessionTTL (30 s)
        after = steady_rss(proc.pid)
        server_after = tree_rss_each(proc.pid)[proc.pid]
    return {"n": n, "times": [finished.get(i) for i in range(n)], "redraws": redraws, "idle": idle,
            "peak": peak, "after": after, "server_idle": server_idle, "server_after": server_after}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds a round may take")
    parser.add_argument("--remote-class", action="store_true",
                        help="the N lab tabs in a second browser at the lowest CPU priority")
    args = parser.parse_args()
    rounds = []
    with chromium() as browser:
        students = marked(browser, CLASS) if args.remote_class else None
        for n in args.sessions:
            r = session_round(browser, n, args.workers, args.timeout, students)
            rounds.append(r)
            done = [s for s in r["times"] if s is not None]
            redraw = "none measured"
            if r["redraws"]:
                total, server = [m[0] for m in r["redraws"]], [m[1] for m in r["redraws"] if m[1] is not None]
                redraw = (f"median {statistics.median(total) * 1000:.0f} ms, max {max(total) * 1000:.0f} ms over "
                          f"{len(total)}; the server's share: median "
                          + (f"{statistics.median(server) * 1000:.0f} ms" if server else "not seen"))
            print(f"N={n:2d}  finished {len(done)}/{n}; seconds to finish: "
                  + ", ".join("—" if s is None else f"{s:.1f}" for s in r["times"]), flush=True)
            print(f"      slider redraw while training: {redraw}", flush=True)
            print(f"      memory: idle {r['idle'] / MB:.0f} MB, peak {r['peak'] / MB:.0f} MB, after closing "
                  f"{r['after'] / MB:.0f} MB ({(r['after'] - r['idle']) / MB:+.0f} MB; the web process alone "
                  f"{r['server_idle'] / MB:.0f} → {r['server_after'] / MB:.0f} MB)", flush=True)
    eight = next((r for r in rounds if r["n"] == 8), rounds[-1])
    slowest = max((s if s is not None else float("inf")) for s in eight["times"])
    print(f"ratio {slowest / GOAL_SECONDS:.3f}")


if __name__ == "__main__":
    main()
