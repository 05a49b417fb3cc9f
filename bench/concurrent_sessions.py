"""A class on one server: N real Chromium sessions press Train on the Training lab at once.

For each N, a fresh `streamlit run app.py` on 127.0.0.1; one more tab (the observer) sits on the
vanishing-gradients page, which needs no training, and moves its sequence-length slider every MOVE_GAP.
Each of the N lab tabs opens with its own seed (`?seed=i`) and the lab's default model (LSTM, 32 units,
recall over 10 steps, 300 steps) and presses Train.  Printed per N: each session's seconds from its
click until its page is sent a progress bar that says "done" (heard on its websocket, so the bench
never has to ask a busy tab), the observer's slider redraw latency while the others train (timed in
the page, from its keydown event until the figure's title shows the new length, so the bench's own
delay in hearing of the tab does not count; the bench's own timing is printed beside it) and the
server's share of it (from the rerun request on the websocket to the server's "script finished"), the
server's peak resident memory (server and worker processes together), and that memory after all tabs
have closed against the idle server.

Goals on 2 cores: 8 sessions finish within 150 s; the slider redraws in under 300 ms while 8 train;
memory comes back to within 100 MB of idle.  The last line is `ratio <slowest of 8 / 150 s>`.

`--remote-class`: the N lab tabs run in a second Chromium kept at the lowest CPU priority, as if the
students' browsers ran on their own machines (the observer's stays at normal priority); without it all
N + 1 tabs share the server's cores on equal terms.

`--rounds K`: K rounds of each N, each on a fresh server, then the slider moves of all K pooled and how
many rounds met each goal (one round of 8 holds only 10-20 moves, so one round's median scatters).

    .venv/bin/python bench/concurrent_sessions.py [--sessions 1 4 8] [--workers N] [--remote-class] [--rounds K]
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
MOVE_GAP = 0.5  # seconds between the observer's slider moves: a round of 8 sessions lasts only 10-20 s
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


def move_slider(tab, length: int, wire: Wire | None = None) -> tuple[float, float, float | None]:
    """A keypress on the length slider until the profile's title shows `length` steps: seconds as the bench
    saw them, seconds inside the page (from its keydown event to the new title in the DOM: what a person
    at that browser waits, without the bench's own delay in hearing of it), and the server's share of them
    when `wire` listens to the tab."""
    slider = tab.locator('[data-testid="stMainBlockContainer"] input[type="range"][max="200"]').first
    current = int(slider.get_attribute("value"))
    tab.evaluate("() => document.addEventListener('keydown', () => { window.rnnvizKeyAt = performance.now() },"
                 " {capture: true, once: true})")
    began = time.perf_counter()
    slider.press("ArrowRight" if length > current else "ArrowLeft")
    seen = tab.wait_for_function("n => Array.from(document.querySelectorAll('.js-plotly-plot .gtitle'))"
                                 ".some(e => e.textContent.includes(', ' + n + ' steps'))"
                                 " && performance.now() - window.rnnvizKeyAt", arg=length, timeout=60_000,
                                 polling=10)  # not on animation frames, which a browser may hold back for a busy tab
    total = time.perf_counter() - began
    return total, seen.json_value() / 1000, wire.server_seconds(began) if wire else None


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
            if time.perf_counter() - last_move > MOVE_GAP:
                length = 60 if length == 50 else 50
                redraws.append(move_slider(observer, length, wire))
                last_move = time.perf_counter()
            for i, (_, heard) in enumerate(tabs):
                done = None if i in finished else heard.first_progress(f"step {STEPS} of {STEPS}", "done")
                if done is not None:  # from the Train request on the tab's websocket
                    finished[i] = done - next((t for t in heard.sent if t > clicked[i]), clicked[i])
            observer.wait_for_timeout(100)  # Playwright delivers the tabs' websocket frames while it waits
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
    parser.add_argument("--rounds", type=int, default=1,
                        help="rounds for each N (a fresh server each); more than one also prints them pooled")
    args = parser.parse_args()
    rounds = []
    with chromium() as browser:
        students = marked(browser, CLASS) if args.remote_class else None
        for n in args.sessions:
            for _ in range(args.rounds):
                r = session_round(browser, n, args.workers, args.timeout, students)
                rounds.append(r)
                report(r)
            if args.rounds > 1:
                report_pooled([r for r in rounds if r["n"] == n])
    eight = [r for r in rounds if r["n"] == 8] or [rounds[-1]]
    slowest = max((s if s is not None else float("inf")) for r in eight for s in r["times"])
    print(f"ratio {slowest / GOAL_SECONDS:.3f}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def report(r: dict) -> None:
    n, done = r["n"], [s for s in r["times"] if s is not None]
    redraw = "none measured"
    if r["redraws"]:
        bench, page, server = zip(*r["redraws"])
        server = [s for s in server if s is not None]
        redraw = (f"median {ms(statistics.median(page))}, max {ms(max(page))} over {len(page)} in the page "
                  f"(as the bench heard it: {ms(statistics.median(bench))}); the server's share: median "
                  + (ms(statistics.median(server)) if server else "not seen"))
    print(f"N={n:2d}  finished {len(done)}/{n}; seconds to finish: "
          + ", ".join("—" if s is None else f"{s:.1f}" for s in r["times"]), flush=True)
    print(f"      slider redraw while training: {redraw}", flush=True)
    print(f"      memory: idle {r['idle'] / MB:.0f} MB, peak {r['peak'] / MB:.0f} MB, after closing "
          f"{r['after'] / MB:.0f} MB ({(r['after'] - r['idle']) / MB:+.0f} MB; the web process alone "
          f"{r['server_idle'] / MB:.0f} → {r['server_after'] / MB:.0f} MB)", flush=True)


def report_pooled(same_n: list[dict]) -> None:
    """The rounds of one N together: every slider move in the page, and how many rounds met each goal."""
    page = sorted(m[1] for r in same_n for m in r["redraws"])
    heard = [m[0] for r in same_n for m in r["redraws"]]
    medians = [statistics.median(m[1] for m in r["redraws"]) for r in same_n if r["redraws"]]
    finished = [max(s if s is not None else float("inf") for s in r["times"]) for r in same_n]
    returned = [r["after"] - r["idle"] for r in same_n]
    k = len(same_n)
    print(f"N={same_n[0]['n']:2d}  {k} rounds: slider median {ms(statistics.median(page)) if page else '—'} "
          f"(90th percentile {ms(page[int(0.9 * (len(page) - 1))]) if page else '—'}; as the bench heard it: "
          f"{ms(statistics.median(heard)) if heard else '—'}) over {len(page)} moves; "
          f"rounds with a median under {ms(GOAL_REDRAW)}: {sum(m < GOAL_REDRAW for m in medians)}/{k}; all finished "
          f"within {GOAL_SECONDS:.0f} s: {sum(f <= GOAL_SECONDS for f in finished)}/{k}; memory back within "
          f"{GOAL_MEMORY / MB:.0f} MB: {sum(m <= GOAL_MEMORY for m in returned)}/{k}", flush=True)


if __name__ == "__main__":
    main()
