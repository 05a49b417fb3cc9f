"""Memory figures: the coloured text puts each character's value in its cell, escapes what it shows and follows
the picked character; the distance profile is relative and logarithmic; the itemised gradient has a bar per step."""

import re

import numpy as np
import pytest

from rnnviz.figures import connectivity_distance, connectivity_text, itemised_bars
from rnnviz.figures.connectivity import WORDS, relative_decades, text_grid

TEXT = "ab\n<b>c</b> & d\nefghij"


def _cells(fig, text, width):
    """The heatmap's value of every character, in text order."""
    z = np.asarray(fig.data[0].z, dtype=float)
    return np.array([z[row, col] for row, col in text_grid(text, width)])


def test_text_grid_wraps_at_the_width_and_after_each_line_break():
    assert text_grid("ab\ncdefg", width=3) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]


def test_each_character_is_coloured_by_its_value_relative_to_the_largest_on_a_log_scale():
    values = 10.0 ** -np.arange(len(TEXT))[::-1]  # the nearer, the stronger: 1 at the last character
    picked = len(TEXT) - 4
    expected = np.clip(np.log10(values[:picked + 1] / values[picked]), -6, 0)
    values[3], expected[3] = 0.0, -6               # underflowed: the palest colour
    fig = connectivity_text(TEXT, values, picked, decades=6, width=8)
    cells = _cells(fig, TEXT, 8)
    np.testing.assert_allclose(cells[:picked + 1], expected)
    assert np.all(np.isnan(cells[picked + 1:]))  # not read yet: uncoloured
    assert (fig.data[0].zmin, fig.data[0].zmax) == (-6, 0)
    assert list(fig.data[0].colorbar.ticktext) == ["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1"]
    letters = fig.data[1]
    assert letters.textfont.color[picked + 1] == "#7f7f7f"  # grey
    assert letters.textfont.color[picked] == "#fff"         # white on the darkest cell
    row, col = text_grid(TEXT, 8)[picked]
    (outline,) = fig.layout.shapes
    assert (outline.x0, outline.y0) == (col - 0.5, row - 0.5)


def test_picking_another_character_recolours_the_text():
    values = np.linspace(1, 2, len(TEXT))
    first, second = (connectivity_text(TEXT, values, picked, width=8) for picked in (5, 12))
    assert not np.array_equal(np.nan_to_num(_cells(first, TEXT, 8), nan=9), np.nan_to_num(_cells(second, TEXT, 8), nan=9))
    assert first.layout.title.text == WORDS["conn_text_title"].format(t=5)


def test_the_text_is_escaped_and_shown_character_by_character():
    fig = connectivity_text(TEXT, np.ones(len(TEXT)), len(TEXT) - 1, width=8)
    shown = list(fig.data[1].text)
    assert shown[:3] == ["a", "b", "↵"]
    assert shown[3] == "&lt;" and "&amp;" in shown and "<" not in "".join(shown)
    hovers = fig.data[1].hovertext  # the characters carry the hover, and a click picks one
    assert len(hovers) == len(TEXT) and "“&lt;” at k = 3" in hovers[3] and not any("<b>" in h for h in hovers)


def test_relative_decades_and_bad_input():
    np.testing.assert_allclose(relative_decades(np.array([1e-9, 1e-2, 1.0, 5.0]), 2, 6), [-6, -2, 0, np.nan])
    np.testing.assert_allclose(relative_decades(np.zeros(3), 2, 4), [-4, -4, -4])
    with pytest.raises(ValueError, match="one value per character"):
        connectivity_text("abc", np.ones(2), 1)
    with pytest.raises(ValueError, match="picked"):
        connectivity_text("abc", np.ones(3), 3)


def test_distance_profiles_are_divided_by_their_first_value_on_a_log_axis():
    profiles = {"vanilla RNN": np.array([2.0, 0.2, 0.02, 0.0]), "LSTM": np.array([4.0, 2.0, 1.0, 0.5])}
    fig = connectivity_distance(profiles, words={"conn_distance_axis": "d"})
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.title.text == "d"
    lines = {trace.name: trace for trace in fig.data}
    np.testing.assert_allclose(lines["vanilla RNN"].y, [1, 0.1, 0.01, np.nan])  # an underflowed 0 is left out
    np.testing.assert_allclose(lines["LSTM"].y, [1, 0.5, 0.25, 0.125])
    assert list(lines["LSTM"].x) == [0, 1, 2, 3]
    assert lines["vanilla RNN"].line.color != lines["LSTM"].line.color


def test_itemised_bars_have_a_row_per_model_and_a_bar_per_step_up_to_the_pick():
    bars = {"vanilla RNN": np.array([0.0, 1e-8, 1e-4, 1.0, 0.0]), "GRU": np.array([0.0, 0.1, 0.3, 1.0, 0.0])}
    fig = itemised_bars(bars, "abcde", picked=3)
    assert len(fig.data) == 2 and fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"
    np.testing.assert_allclose(fig.data[0].y, [np.nan, 1e-8, 1e-4, 1.0, np.nan])
    assert fig.data[1].yaxis == "y2"
    with pytest.raises(ValueError, match="one value per character"):
        itemised_bars({"GRU": np.ones(3)}, "abcde", picked=3)


def test_every_word_can_be_replaced():
    """With words= for every key (as the page passes its translation), no English word of WORDS is left."""
    marked = {name: "⟦" + text + "⟧" for name, text in WORDS.items()}
    fixed = {text.split("{")[0].strip() for text in WORDS.values()}
    profile = {"LSTM": np.array([1.0, 0.5])}
    for fig in (connectivity_text("ab", np.ones(2), 0, words=marked), connectivity_distance(profile, words=marked),
                itemised_bars(profile, "ab", 1, words=marked)):
        unmarked = re.sub(r"⟦[^⟦⟧]*⟧", " ", str(fig.to_dict()))
        assert not [word for word in fixed if len(word) > 3 and word in unmarked]
