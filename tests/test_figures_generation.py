"""Generation figures draw exactly the numbers they are given, and print only the words they are given."""

import re

import numpy as np
import pytest
from test_figure_words import _strings

from rnnviz.figures import marginals_heatmap, next_word_bars, rollout_errors, schedule_curves
from rnnviz.figures.generation import WORDS
from rnnviz.figures.words import WORDS as SHARED

VOCAB = ["<s>", "</s>", "I", "think", "like", "am"]


def test_next_word_bars_draw_one_bar_per_word_and_label():
    probs = {"model": np.array([0, 0, 0, 0.3, 0.3, 0.4]), "drawn": np.array([0, 0, 0, 0, 0, 1.0])}
    fig = next_word_bars(probs, VOCAB, "I")
    assert [bar.name for bar in fig.data] == ["model", "drawn"]
    np.testing.assert_array_equal(fig.data[1].y, probs["drawn"])
    assert list(fig.data[0].x) == ["&lt;s&gt;", "&lt;/s&gt;", "I", "think", "like", "am"]  # Plotly reads HTML
    assert fig.layout.title.text == "Next word after “I”"


def test_marginals_heatmap_puts_words_down_and_positions_along():
    marginals = np.random.default_rng(0).dirichlet(np.ones(6), size=4)
    fig = marginals_heatmap(marginals, VOCAB)
    np.testing.assert_allclose(fig.data[0].z, marginals.T)
    assert list(fig.data[0].x) == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="vocabulary"):
        marginals_heatmap(marginals, VOCAB[:3])


def test_schedule_curves_draw_the_chosen_one_thick():
    fig = schedule_curves({"linear": np.linspace(1, 0.1, 5), "constant": np.full(5, 0.1)}, chosen="linear")
    width = {trace.name: trace.line.width for trace in fig.data}
    assert width["linear"] > width["constant"]
    np.testing.assert_allclose(fig.data[0].y, np.linspace(1, 0.1, 5))


def test_rollout_errors_draw_free_solid_one_step_dashed_and_zero_grey():
    h = np.arange(1, 4)
    fig = rollout_errors(h, {"TF": np.array([0.1, 0.2, 0.4])}, {"TF": np.array([0.01, 0.01, 0.01])},
                         zero=np.array([0.2, 0.2, 0.2]))
    names = [trace.name for trace in fig.data]
    assert names == ["TF, free-running", "TF, one step (teacher-forced)", "always predicting 0"]
    assert [trace.line.dash for trace in fig.data] == ["solid", "dash", "dot"]
    assert fig.data[0].line.color == fig.data[1].line.color
    np.testing.assert_allclose(fig.data[0].y, [0.1, 0.2, 0.4])
    assert fig.layout.yaxis.type == "log"


def test_no_english_word_is_left_when_the_figures_get_other_words():
    marked = {name: "⟦" + text + "⟧" for name, text in {**SHARED, **WORDS}.items()}
    figs = [next_word_bars({"a": np.ones(6) / 6}, VOCAB, "I", words=marked),
            marginals_heatmap(np.ones((3, 6)) / 6, VOCAB, words=marked),
            schedule_curves({"a": np.ones(3)}, words=marked),
            rollout_errors(np.arange(1, 3), {"a": np.ones(2)}, {"a": np.ones(2)}, np.ones(2), words=marked)]
    fixed = {text.split("{")[0].strip() for text in WORDS.values()}
    for fig in figs:
        unmarked = " ".join(re.sub(r"⟦[^⟦⟧]*⟧", " ", text) for text in _strings(fig.to_dict()))
        assert not [word for word in fixed if len(word) > 3 and word in unmarked]
