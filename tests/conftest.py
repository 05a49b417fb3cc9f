"""Shared test helpers: run a page with AppTest, read its figures, wait for its live training."""

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]

torch.set_num_threads(1)  # small models train fastest on one thread; pytest and the app agree


def run_page(path: str, timeout: float = 120):
    """Render a page file with AppTest and fail on any exception it shows."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / path), default_timeout=timeout)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at) -> list[dict]:
    """Every Plotly figure on the page, as the JSON Streamlit sends to the browser."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def titled(at, words: str) -> list[dict]:
    """The page's figures whose title contains `words`."""
    return [f for f in figures(at) if words in f["layout"]["title"]["text"]]


def array(values) -> np.ndarray:
    """Figure data as a NumPy array: Plotly sends arrays either as lists or as typed base64 blocks
    ({"dtype": "f8", "bdata": ..., "shape": ...})."""
    if isinstance(values, dict) and "bdata" in values:
        flat = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        shape = values.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")]) if shape else flat
    return np.asarray(values, dtype=float)


def shown(markdown: str) -> str:
    """What a message element reads like on screen: its Markdown with the escapes of `plain()` removed (and its
    invisible word joiners, which keep a bare URL from becoming a link)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def finish_training(at, timeout: float = 120):
    """Wait for every live run of the session to end, then render the page again."""
    runs = at.session_state["live_runs"] if "live_runs" in at.session_state else {}
    for run in runs.values():
        assert run.join(timeout), "training did not finish in time"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def page():
    return run_page
