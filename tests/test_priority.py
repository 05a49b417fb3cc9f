"""The web process answers a person first: page runs go before live panels' timed redraws
(rnnviz/ui/priority.py), with threads as Streamlit runs them, and the collector does not scan what it imported."""

import subprocess
import sys
import threading
import time

from rnnviz.ui.priority import Turns


def in_thread(work) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def page_running(turns: Turns, aside: bool = False) -> threading.Event:
    """A page run in another thread (waiting aside, if asked) until the returned event is set."""
    started, stop = threading.Event(), threading.Event()

    def page():
        with turns.page():
            if aside:
                with turns.aside():
                    started.set()
                    stop.wait(5)
            else:
                started.set()
                stop.wait(5)

    in_thread(page)
    started.wait(5)
    return stop


def test_a_panel_waits_for_a_running_page_and_then_draws():
    turns, order, page_started, page_may_end = Turns(), [], threading.Event(), threading.Event()

    def page():
        with turns.page():
            page_started.set()
            page_may_end.wait(5)
            order.append("page")

    def panel():
        with turns.panel(patience=5):
            order.append("panel")

    first = in_thread(page)
    page_started.wait(5)
    second = in_thread(panel)
    time.sleep(0.2)
    assert order == []  # the panel is waiting
    page_may_end.set()
    first.join(5), second.join(5)
    assert order == ["page", "panel"]


def test_a_panel_goes_after_its_patience_even_while_a_page_runs():
    turns = Turns()
    stop = page_running(turns)
    began = time.monotonic()
    with turns.panel(patience=0.3):
        waited = time.monotonic() - began
    stop.set()
    assert 0.25 <= waited < 2


def test_panels_draw_one_at_a_time():
    turns, inside, most = Turns(), [0], [0]
    lock = threading.Lock()

    def panel():
        with turns.panel(patience=5):
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.05)
            with lock:
                inside[0] -= 1

    threads = [in_thread(panel) for _ in range(4)]
    for thread in threads:
        thread.join(5)
    assert most[0] == 1


def test_a_panel_drawn_within_a_page_run_or_its_fragment_goes_at_once():
    turns = Turns()
    with turns.page():
        with turns.page():  # a fragment drawn as part of its page's run
            pass
        began = time.monotonic()
        with turns.panel(patience=2):  # the page's own panel, after the fragment
            assert time.monotonic() - began < 0.1
    began = time.monotonic()
    with turns.panel(patience=2):  # nothing runs any more
        assert time.monotonic() - began < 0.1


def test_a_page_that_waits_aside_lets_panels_draw():
    turns = Turns()
    stop = page_running(turns, aside=True)
    began = time.monotonic()
    with turns.panel(patience=2):
        assert time.monotonic() - began < 0.1
    stop.set()


def test_the_web_layer_hides_its_imports_from_full_collections():
    """Scanning the ~250 000 objects of Streamlit, torch and Plotly took 150-260 ms per full collection, and
    every session waited meanwhile: after `import rnnviz.ui` the collector sees a small part of them."""
    counts = "import gc, rnnviz.ui; print(gc.get_freeze_count(), len(gc.get_objects()))"
    out = subprocess.run([sys.executable, "-c", counts], capture_output=True, text=True, check=True)
    frozen, tracked = map(int, out.stdout.split())
    assert frozen > 100_000 and tracked < frozen / 10
