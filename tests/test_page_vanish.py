"""Page 2: the analytic panels follow the sliders with the engine's numbers; the clipping demo diverges
without clipping and trains with it."""

import numpy as np
from conftest import array, figures, finish_training, run_page

from rnnviz.analytic import jacobian_study
from rnnviz.ui.runner import clear_cache

PAGE = "pages/2_vanishing_exploding.py"


def _by_title(at, words):
    return next(f for f in figures(at) if words in f["layout"]["title"]["text"])


def _line(fig, name):
    return array(next(d for d in fig["data"] if d["name"] == name)["y"])


def _eigen_radius(at):
    fig = _by_title(at, "Eigenvalues")
    points = [d for d in fig["data"] if d["mode"] == "markers"]
    return max(np.abs(array(d["x"]) + 1j * array(d["y"])).max(initial=0) for d in points)


def test_the_profile_is_the_engines_and_steepens_as_the_radius_falls():
    at = run_page(PAGE)
    at.selectbox(key="vanish.init").select("orthogonal").run()
    profiles = {}
    for scale in (0.5, 1.5):
        at.select_slider(key="vanish.scale").set_value(scale).run()
        fig = _by_title(at, "still depends on h_t")
        profiles[scale] = _line(fig, "vanilla RNN (tanh)")
        engine = jacobian_study("tanh", 50, "orthogonal", scale, None, seed=0)
        np.testing.assert_allclose(profiles[scale], engine.profile, rtol=1e-9)
        np.testing.assert_allclose(_line(fig, f"ρ^(T−t), ρ = {engine.radius:.3g}: a linear RNN"), engine.theory)
        assert abs(_eigen_radius(at) - scale) < 1e-3  # orthogonal: the radius is the slider
    slope = {s: np.log10(p[-2] / p[0]) / 48 for s, p in profiles.items()}  # decades lost per step, leftwards
    assert slope[0.5] > 0.25 and slope[0.5] > 5 * abs(slope[1.5])


def test_gated_cells_show_the_candidate_block_and_answer_the_gate_bias():
    at = run_page(PAGE)
    assert at.slider(key="vanish.gate_bias").disabled
    at.selectbox(key="vanish.cell").select("lstm").run()
    assert not at.slider(key="vanish.gate_bias").disabled
    assert "g block" in _by_title(at, "Eigenvalues")["layout"]["title"]["text"]
    closed = _line(_by_title(at, "still depends on h_t"), "LSTM")
    at.slider(key="vanish.gate_bias").set_value(3.0).run()
    fig = _by_title(at, "still depends on h_t")
    assert [d["name"] for d in fig["data"] if "ρ^" in d["name"]] == []  # no vanilla theory line for a gated cell
    opened = _line(fig, "LSTM")
    np.testing.assert_allclose(opened, jacobian_study("lstm", 50, "gaussian", 1.0, 3.0, seed=0).profile, rtol=1e-9)
    assert opened[0] > 1e3 * closed[0]


def test_clipping_panel_unclipped_diverges_and_clipped_trains():
    clear_cache()
    at = run_page(PAGE)
    at.button(key="vanish.clipping.train").click().run()
    finish_training(at)
    loss = _by_title(at, "Training loss")
    marker = next(d for d in loss["data"] if d["name"].startswith("no clipping: diverged"))
    assert "diverged" in marker["text"][0]
    run = at.session_state["live_runs"]["vanish.clipping"]
    free, clipped = run.results["no clipping"], run.results["clipped at c = 1"]
    assert free.status == "diverged" and free.history().attrs["diverged_at"] == 2
    assert clipped.status == "done"
    clipped_loss = _line(loss, "clipped at c = 1")
    assert len(clipped_loss) == 300 and np.isfinite(clipped_loss).all()
    assert clipped_loss[-20:].mean() < 0.1 * clipped_loss[0]
    assert any("diverged" in w.value for w in at.warning)
    norms = _by_title(at, "Gradient norm")
    assert any(d["name"] == "clip threshold = 1" for d in norms["data"])
