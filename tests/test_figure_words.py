"""Figures print the words they are given: with `words=` in another language, no English word of
rnnviz/figures/words.py is left in any figure (axis titles, legends, hovers, buttons)."""

import re

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz import record
from rnnviz.figures import (activation_functions, eigenvalues, gate_heatmaps, grad_flow, grad_flow_animation,
                            grad_norm_curve, jacobian_profile, pca_trajectory, saturation_scatter, state_heatmap,
                            training_curves, unroll_step)
from rnnviz.figures.words import WORDS, words_for

# A stand-in language: every word marked, so a word left in English is easy to find.
MARKED = {name: "⟦" + text + "⟧" for name, text in WORDS.items()}


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)


def _english_left(fig) -> list[str]:
    """English words of WORDS (their fixed text, before any placeholder) that the figure still prints
    outside the marks."""
    unmarked = " ".join(re.sub(r"⟦[^⟦⟧]*⟧", " ", text) for text in _strings(fig.to_dict()))
    fixed = {text.split("{")[0].strip() for text in WORDS.values()}
    return sorted(word for word in fixed if len(word) > 3 and word in unmarked)


@pytest.fixture(scope="module")
def traces():
    torch.manual_seed(0)
    x = torch.randn(3, 7, 2)
    return {cell: record(klass(2, 4, batch_first=True), x, loss_fn=lambda o: o[:, -1].pow(2).sum())
            for cell, klass in (("rnn", torch.nn.RNN), ("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU))}


def _history(diverge=False):
    loss = np.array([2.0, 1.5, np.inf, np.nan]) if diverge else np.array([2.0, 1.5, 1.2, 1.0])
    return pd.DataFrame(dict(step=[0, 10, 20, 30], loss=loss, metric=[0.2, 0.4, 0.6, 0.8],
                             grad_norm=[0.5, 2.0, 0.8, 3.0], clipped=[False, True, False, True]))


def figures(traces):
    profile = np.array([0.0, 1e-3, 1e-2, 1.0])
    histories = {"LSTM": _history(), "vanilla RNN": _history(diverge=True)}
    yield grad_flow({"LSTM": profile}, annotate_ratio=True, words=MARKED)
    yield jacobian_profile({"GRU": profile}, words=MARKED)
    yield grad_flow_animation({"LSTM": [(0, profile), (10, profile)]}, words=MARKED)
    yield training_curves(histories, chance=0.25, words=MARKED)
    yield training_curves(histories, y="loss", higher_is_better=False, words=MARKED)
    yield grad_norm_curve(histories, clip=1.0, words=MARKED)
    yield state_heatmap(np.ones((5, 3)), tokens=list("abcde"), words=MARKED)
    for cell, trace in traces.items():
        yield gate_heatmaps(trace, words=MARKED)
        yield saturation_scatter(trace, words=MARKED)
    yield pca_trajectory(np.random.default_rng(0).normal(size=(6, 4)), tokens=list("abcdef"), words=MARKED)
    yield eigenvalues(np.eye(3) * 1.2, words=MARKED)
    yield activation_functions(words=MARKED)
    yield unroll_step(np.ones(2), np.zeros(3), np.ones((3, 2)), np.eye(3), np.zeros(3), np.ones(3), np.ones(3),
                      words=MARKED)


def test_no_english_word_is_left_when_figures_get_other_words(traces):
    for fig in figures(traces):
        assert not _english_left(fig), (fig.layout.title.text, _english_left(fig))


def test_english_is_the_default_and_words_override_only_what_they_name():
    assert words_for() == WORDS
    assert words_for({"timestep": "时间步 t"}) == {**WORDS, "timestep": "时间步 t"}
    fig = grad_flow({"LSTM": np.ones(3)}, words={"timestep": "时间步 t"})
    assert fig.layout.xaxis.title.text == "时间步 t"
    assert fig.layout.title.text == WORDS["grad_flow_title"]
