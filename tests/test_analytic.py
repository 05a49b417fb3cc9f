"""The numbers behind the no-training pages: the unrolled text RNN and the Jacobian playground."""

import numpy as np
import pytest
import torch

from rnnviz.analytic import (MAX_TEXT, characters, fresh_cell, jacobian_study, unroll_text, vocabulary)
from rnnviz.record import record


def test_characters_cut_long_text_and_keep_odd_unicode():
    assert characters("hello") == (list("hello"), False)
    chars, cut = characters("x" * (MAX_TEXT + 5))
    assert len(chars) == MAX_TEXT and cut
    assert characters("") == ([], False)
    assert characters("é👋世\u0301") == (["é", "👋", "世", "\u0301"], False)  # code points, even a lone accent
    assert vocabulary(list("hello")) == ["h", "e", "l", "o"]


def test_unroll_is_the_tanh_recurrence_with_the_returned_weights():
    u = unroll_text(list("hello"), hidden_size=3, seed=5)
    assert u.x.shape == (5, 4) and u.h.shape == (5, 3) and u.w_ih.shape == (3, 4) and u.w_hh.shape == (3, 3)
    h = np.zeros(3)
    for t in range(5):
        pre = u.w_ih @ u.x[t] + u.w_hh @ h + u.bias
        np.testing.assert_allclose(u.pre[t], pre, atol=1e-6)
        h = np.tanh(pre)
        np.testing.assert_allclose(u.h[t], h, atol=1e-6)
        np.testing.assert_allclose(u.h_prev(t), u.h[t - 1] if t else np.zeros(3))
    np.testing.assert_array_equal(u.x[2], u.x[3])  # the two l's: the same one-hot vector


def test_the_recurrent_weights_depend_on_seed_and_size_only():
    a = unroll_text(list("hello"), hidden_size=4, seed=1)
    b = unroll_text(list("a much longer text"), hidden_size=4, encoding="embedding", seed=1)
    np.testing.assert_array_equal(a.w_hh, b.w_hh)
    np.testing.assert_array_equal(a.bias, b.bias)
    assert b.x.shape[1] == 4 and b.w_ih.shape == (4, 4)
    assert not np.array_equal(a.w_hh, unroll_text(list("hello"), hidden_size=4, seed=2).w_hh)


def test_unroll_rejects_empty_text_and_unknown_encodings():
    with pytest.raises(ValueError, match="text"):
        unroll_text([], 4)
    with pytest.raises(ValueError, match="encoding"):
        unroll_text(list("hi"), 4, encoding="bits")


def test_fresh_cell_applies_init_scale_and_gate_bias_from_the_seed():
    rnn = fresh_cell("relu", hidden_size=6, init="identity", scale=1.5)
    np.testing.assert_allclose(rnn.weight_hh_l0.detach(), 1.5 * torch.eye(6))
    assert rnn.nonlinearity == "relu"
    lstm = fresh_cell("lstm", hidden_size=6, gate_bias=3.0)
    forget = (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach()[6:12]
    np.testing.assert_allclose(forget, 3.0)
    again = fresh_cell("lstm", hidden_size=6, gate_bias=3.0)
    assert all(torch.equal(p, q) for p, q in zip(lstm.parameters(), again.parameters()))
    with pytest.raises(ValueError, match="cell"):
        fresh_cell("transformer")


def test_jacobian_study_is_the_engines_jacobian_norms():
    study = jacobian_study("gru", length=30, init="orthogonal", scale=1.2, gate_bias=1.0, seed=3)
    rnn = fresh_cell("gru", 32, 8, "orthogonal", 1.2, 1.0, seed=3)
    x = torch.randn(4, 30, 8, generator=torch.Generator().manual_seed(5))
    np.testing.assert_allclose(study.profile, record(rnn, x, probe=("states",)).jacobian_norms())
    assert study.profile[-1] == pytest.approx(1.0)
    assert study.radius == pytest.approx(1.2)  # orthogonal: every |λ| is the scale
    np.testing.assert_allclose(study.w_hh, rnn.weight_hh_l0.detach()[64:96].double())  # the candidate block n
    np.testing.assert_allclose(study.theory, 1.2 ** np.arange(29, -1, -1), rtol=1e-5)  # float32 weights


def test_a_larger_spectral_radius_keeps_more_of_the_dependence():
    small, large = (jacobian_study("tanh", length=40, init="orthogonal", scale=s).profile for s in (0.5, 1.5))
    assert small[0] < 1e-10 < large[0]
    assert np.all(np.diff(np.log(small[-10:])) > 0)  # read leftwards, it shrinks at every step
