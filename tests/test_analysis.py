"""The small NumPy helpers behind the figures: PCA, saturation, text features, unit ranking."""

import numpy as np
import pytest

from rnnviz.analysis import pca, rank_units, ratio_first_last, saturation, text_features


def test_pca_of_points_on_a_line_has_one_component():
    t = np.linspace(-1, 1, 50)[:, None]
    points = np.array([[3.0, 4.0, 0.0]]) + t * np.array([[1.0, 2.0, -2.0]])
    projected, ratio = pca(points, k=2)
    assert projected.shape == (50, 2) and ratio.shape == (2,)
    assert ratio[0] == pytest.approx(1.0)
    assert ratio[1] == pytest.approx(0.0, abs=1e-12)
    assert np.allclose(projected[:, 1], 0, atol=1e-9)
    assert np.allclose(np.abs(projected[:, 0]), np.abs(t[:, 0]) * 3)  # |(1, 2, -2)| = 3


def test_pca_sign_is_fixed_and_matches_variance():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5)) * np.array([5, 2, 1, 0.5, 0.1])
    a, ratio = pca(x)
    b, _ = pca(-x)  # the same cloud mirrored: the sign convention flips the projection back
    assert np.allclose(a, -b)
    assert np.allclose(a.var(axis=0) / x.var(axis=0).sum(), ratio)
    assert ratio[0] > ratio[1] > 0


def test_pca_pads_missing_components_with_zeros():
    projected, ratio = pca(np.arange(6.0)[:, None], k=2)
    assert ratio.tolist() == [1.0, 0.0]
    assert np.all(projected[:, 1] == 0)
    projected, ratio = pca(np.ones((4, 3)))
    assert np.all(projected == 0) and np.all(ratio == 0)


def test_saturation_counts_fractions_per_unit():
    gates = np.zeros((2, 5, 3))
    gates[..., 0] = 0.05                      # always left-saturated
    gates[..., 1] = 0.95                      # always right-saturated
    gates[0, :, 2] = 0.5                      # half in the middle, half right
    gates[1, :, 2] = 0.99
    low, high = saturation(gates)
    assert low.tolist() == [1.0, 0.0, 0.0]
    assert high.tolist() == [0.0, 1.0, 0.5]


def test_text_features():
    text = 'ab "c(d)"\ne'
    f = text_features(text)
    assert set(f) == {"inside quotes", "position in line", "vowel", "whitespace", "inside parentheses"}
    assert all(v.shape == (len(text),) for v in f.values())
    assert f["inside quotes"].tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]
    assert f["inside parentheses"].tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]
    assert f["position in line"].tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]
    assert f["vowel"].tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert f["whitespace"].tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0]


def test_rank_units_finds_a_copied_feature_and_handles_constants():
    text = 'say "hello there" and (maybe) "bye"\nnext line'
    features = text_features(text)
    rng = np.random.default_rng(1)
    acts = rng.normal(size=(len(text), 4))
    acts[:, 2] = 0.5 * features["inside quotes"] - 0.2   # unit 2 tracks quotes (scaled and shifted)
    acts[:, 3] = 0.7                                     # a dead unit
    table = rank_units(acts, features)
    assert list(table.columns) == ["unit", "feature", "correlation"]
    assert len(table) == 4 * len(features)
    top = table.iloc[0]
    assert (top.unit, top.feature) == (2, "inside quotes")
    assert top.correlation == pytest.approx(1.0)
    assert not table["correlation"].isna().any()
    assert (table[table.unit == 3].correlation == 0).all()
    assert np.all(np.diff(table["correlation"].abs().to_numpy()) <= 0)


def test_rank_units_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        rank_units(np.zeros((5, 2)), {"x": np.zeros(4)})


def test_ratio_first_last():
    assert ratio_first_last(np.array([1e-14, 0.5, 1.0])) == pytest.approx(1e-14)
    assert ratio_first_last(np.array([0.0, 2.0])) == 0.0
    assert ratio_first_last(np.array([1.0, 0.0])) == float("inf")
    assert np.isnan(ratio_first_last(np.array([0.0, 0.0])))
