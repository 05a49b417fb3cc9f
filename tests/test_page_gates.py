"""Page 4, inside the gates: the heatmaps show the trained model's own trace, the cell switch changes the
panels, and the forget-bias slider redraws the engine's gradient profile at initialisation."""

import numpy as np
from conftest import array, figures, finish_training, run_page, shown

from rnnviz.train import TrainConfig, Training
from rnnviz.ui.runner import clear_cache

PAGE = "pages/4_inside_the_gates.py"


def _by_title(at, words):
    return next(f for f in figures(at) if words in f["layout"]["title"]["text"])


def _titles(fig):
    return [a["text"] for a in fig["layout"]["annotations"]]


def _train(at, cell):
    at.radio(key="gates.cell").set_value(cell).run()
    at.button(key="gates.run.train").click().run()
    return finish_training(at)


def _small(at):
    at.select_slider(key="gates.hidden").set_value(8).run()
    at.select_slider(key="gates.steps").set_value(50).run()
    return at


def test_before_training_only_the_bias_plot_shows_and_it_equals_the_engine():
    at = run_page(PAGE)
    assert [f["layout"]["title"]["text"] for f in figures(at)] == [
        "Gradient reaching each step at initialisation, forget-gate bias +2"]
    plotted = {}
    for bias in (0.0, 4.0):
        at.select_slider(key="gates.bias").set_value(bias).run()
        fig = _by_title(at, "initialisation")
        plotted[bias] = array(next(d for d in fig["data"] if d["name"] == "LSTM ‖∂L/∂c_t‖")["y"])
        config = TrainConfig(task="recall", task_params={"distance": 20}, hidden_size=16, gate_bias=bias,
                             lr=1e-2, steps=0, device="cpu")
        np.testing.assert_allclose(plotted[bias], Training(config).snapshot().grad_norms(quantity="c"), rtol=1e-9)
    # a bias of 4 keeps the highway open: far more of the gradient reaches step 0
    assert plotted[4.0][0] / plotted[4.0][-1] > 1e3 * plotted[0.0][0] / plotted[0.0][-1]


def test_the_heatmaps_show_the_trained_models_trace_and_follow_the_cell():
    clear_cache()
    at = _small(run_page(PAGE))
    _train(at, "lstm")
    heat = _by_title(at, "Inside the LSTM")
    assert [title.split(" — ")[0] for title in _titles(heat)] == ["i", "f", "g", "o", "c"]
    trace = at.session_state["live_runs"]["gates.run"].results["LSTM"].latest_trace
    np.testing.assert_allclose(array(heat["data"][1]["z"]), trace.get("f")[0].T)
    np.testing.assert_allclose(array(heat["data"][4]["z"]), trace.get("c")[0].T)
    assert _by_title(at, "saturated")["data"][1]["name"] == "i gate"

    at.slider(key="gates.example").set_value(3).run()
    heat = _by_title(at, "Inside the LSTM")
    np.testing.assert_allclose(array(heat["data"][0]["z"]), trace.get("i")[3].T)

    _train(at, "gru")
    heat = _by_title(at, "Inside the GRU")
    assert [title.split(" — ")[0] for title in _titles(heat)] == ["r", "z", "n", "h"]
    trace = at.session_state["live_runs"]["gates.run"].results["GRU"].latest_trace
    np.testing.assert_allclose(array(heat["data"][1]["z"]), trace.get("z")[3].T)  # example 3 is kept
    assert any("Ng's 1 − Γu" in box.value for box in at.info)


def test_typed_tokens_are_replayed_and_unknown_ones_get_a_clear_message():
    clear_cache()
    at = _small(run_page(PAGE))
    _train(at, "lstm")
    at.text_input(key="gates.typed").set_value("C 0 1 2 3 0").run()
    assert not at.exception
    heat = _by_title(at, "Inside the LSTM")
    assert array(heat["data"][0]["z"]).shape == (8, 6)  # 8 units × the 6 typed tokens
    assert heat["layout"]["xaxis5"]["ticktext"] == ["C", "·0", "·1", "·2", "·3", "·0"]
    at.text_input(key="gates.typed").set_value("C 7 x").run()
    assert not at.exception
    assert any("7 x" in shown(w.value) for w in at.warning)
    assert _by_title(at, "Inside the LSTM")  # falls back to the probe example


def test_the_gru_bias_plot_and_the_other_tasks():
    at = run_page(PAGE)
    at.radio(key="gates.cell").set_value("gru").run()
    at.select_slider(key="gates.bias").set_value(1.0).run()
    fig = _by_title(at, "bias of z +1")
    config = TrainConfig(task="recall", task_params={"distance": 20}, cell="gru", hidden_size=16, gate_bias=1.0,
                         lr=1e-2, steps=0, device="cpu")
    plotted = next(d for d in fig["data"] if d["name"] == "GRU ‖∂L/∂h_t‖")
    np.testing.assert_allclose(array(plotted["y"]), Training(config).snapshot().grad_norms(), rtol=1e-9)
    for task in ("adding", "charlm"):
        at.selectbox(key="gates.task").select(task).run()
        assert not at.exception
        assert _by_title(at, "initialisation")
    assert any("loss sits on every character" in c.value for c in at.caption)


def test_typed_text_from_a_url_is_shown_as_plain_text_never_markdown():
    """The payload of a shared link (?gates.typed=...) must not become a link or a fetched image."""
    at = run_page("pages/4_inside_the_gates.py")
    at.text_input(key="gates.typed").input("[x](https://example.com)![i](http://host/img.png)").run()
    assert not at.exception
    shown = " ".join(w.value for w in at.warning).replace("\u2060", "")  # plain()'s word joiners: no autolink
    assert "\\[x\\]\\(https\\://example\\.com\\)" in shown and "\\!\\[i\\]" in shown
