"""Who goes first in the one web process: a page run (a person moved a slider, pressed a button) before the
live panels' own timed redraws.

Streamlit runs every session's script in a thread of one interpreter, so eight live panels redrawing
together share the GIL with the one student who is waiting for a figure.  `TURNS.page()` wraps every page
run (app.py); `TURNS.panel()` wraps a live panel's timed redraw, which then waits until no page is running
and no other panel is drawing, for at most `patience` seconds (so a busy server still shows progress).
A panel drawn as part of a page run goes at once.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

PATIENCE_SECONDS = 1.0  # the longest a live panel's redraw waits for its turn


class Turns:
    def __init__(self):
        self._changed = threading.Condition()
        self._pages = 0   # page runs under way
        self._panels = 0  # timed panel redraws under way
        self._local = threading.local()

    @contextmanager
    def page(self):
        """A page run (or a fragment a person reran): it goes at once, and panels wait for it."""
        if getattr(self._local, "in_page", False):  # a fragment drawn as part of its page's run
            yield
            return
        with self._changed:
            self._pages += 1
        self._local.in_page = True
        try:
            yield
        finally:
            self._local.in_page = False
            self._leave("_pages")

    @contextmanager
    def aside(self):
        """Within a page run, a wait for something else (a worker's result): panels may draw meanwhile."""
        if not getattr(self._local, "in_page", False):
            yield
            return
        self._leave("_pages")
        try:
            yield
        finally:
            with self._changed:
                self._pages += 1

    @contextmanager
    def panel(self, patience: float = PATIENCE_SECONDS):
        """A live panel's redraw: after the page runs and the other panels, or after `patience` seconds."""
        if getattr(self._local, "in_page", False):
            yield
            return
        with self._changed:
            self._changed.wait_for(lambda: self._pages == 0 and self._panels == 0, timeout=patience)
            self._panels += 1
        try:
            yield
        finally:
            self._leave("_panels")

    def _leave(self, count: str) -> None:
        with self._changed:
            setattr(self, count, getattr(self, count) - 1)
            self._changed.notify_all()


TURNS = Turns()
