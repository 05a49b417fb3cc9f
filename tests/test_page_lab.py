"""Page 7, the training lab: settings reach the engine, curves grow one point per step, finished runs fill the
table, settings the engine refuses show its message instead of a traceback, a checkpoint downloads and uploads
(a bad one is refused and changes nothing), and the run exports as one zip."""

import io
import json
import zipfile

import numpy as np
import pandas as pd
import torch
from conftest import array, figures, finish_training, run_page, shown

from rnnviz import checkpoint
from rnnviz.export import run_zip
from rnnviz.train import TrainConfig, Training
from rnnviz.ui.runner import clear_cache

PAGE = "pages/7_training_lab.py"


def _by_title(at, words):
    return next(f for f in figures(at) if words in f["layout"]["title"]["text"])


def _train(at, steps):
    at.number_input(key="lab.steps").set_value(steps).run()
    at.button(key="lab.run.train").click().run()
    return finish_training(at)


def test_a_run_draws_every_curve_with_one_point_per_step_and_joins_the_table():
    clear_cache()
    at = run_page(PAGE)
    assert figures(at) == [] and any("Finished runs appear here" in c.value for c in at.caption)
    at.segmented_control(key="lab.cell").set_value("gru").run()
    at = _train(at, 12)
    run = at.session_state["live_runs"]["lab.run"]
    (label, result), = run.results.items()
    assert label == "GRU 1×32" and result.config.cell == "gru" and result.status == "done"
    loss = _by_title(at, "Training loss")["data"][0]
    np.testing.assert_allclose(array(loss["y"]), result.history()["loss"])
    assert len(array(loss["y"])) == 12
    assert len(array(_by_title(at, "Accuracy")["data"][0]["y"])) == 12
    norm = _by_title(at, "gradient norm")
    assert any(d["name"].startswith("clip threshold = 1") for d in norm["data"])
    flow = _by_title(at, "gradient reaches")["data"][0]
    np.testing.assert_allclose(array(flow["y"]), result.latest_trace.grad_norms(), rtol=1e-6)
    table = at.dataframe[0].value
    assert len(table) == 1 and table["steps"][0] == 12 and table["status"][0] == "done"
    assert "gru" in table["settings"][0] and table["final loss"][0] == result.history()["loss"].iloc[-1]

    at = _train(at, 8)  # new settings: a second row, and both runs in the comparison
    assert len(at.dataframe[0].value) == 2
    compare = [f for f in figures(at) if f["layout"]["title"]["text"] == "Training loss"][-1]
    assert [len(array(d["y"])) for d in compare["data"]] == [12, 8]
    at.run()  # redrawing the page does not add the same run again
    assert len(at.dataframe[0].value) == 2


def test_task_parameters_and_model_options_reach_the_config():
    clear_cache()
    at = run_page(PAGE)
    at.selectbox(key="lab.task").select("sine").run()
    at.number_input(key="lab.sine.length").set_value(15).run()
    at.toggle(key="lab.bidirectional").set_value(True).run()
    at.slider(key="lab.layers").set_value(2).run()
    at.toggle(key="lab.clip").set_value(False).run()
    at.select_slider(key="lab.lr").set_value(1e-2).run()
    at = _train(at, 5)
    config = next(iter(at.session_state["live_runs"]["lab.run"].configs.values()))
    assert (config.task, config.task_params, config.bidirectional, config.num_layers, config.clip, config.lr) == (
        "sine", {"length": 15, "noise": 0.05}, True, 2, None, 1e-2)
    assert at.segmented_control(key="lab.encoding").disabled  # no tokens to encode
    assert _by_title(at, "R²")
    flow = {d["name"] for d in _by_title(at, "gradient reaches")["data"]}
    assert {"LSTM 2×32 bi", "LSTM 2×32 bi backward ←"} <= flow


def test_settings_the_engine_refuses_show_its_message_and_no_exception():
    at = run_page(PAGE)
    at.segmented_control(key="lab.cell").set_value("rnn").run()
    at.segmented_control(key="lab.gate_bias").set_value("number").run()
    assert not at.exception
    assert "gate_bias applies to the LSTM and GRU only (cell is 'rnn')" in shown(at.error[0].value)
    assert not [b for b in at.button if b.key == "lab.run.train"]  # nothing to train
    at.segmented_control(key="lab.gate_bias").set_value("none").run()
    at.number_input(key="lab.clip_value").set_value(0.0).run()
    assert not at.exception and "clip must be" in shown(at.error[0].value)
    at.number_input(key="lab.clip_value").set_value(1.0).run()
    at.selectbox(key="lab.task").select("lookahead").run()
    at.number_input(key="lab.lookahead.min_gap").set_value(9).run()
    assert not at.exception and "min_gap must be at most max_gap" in shown(at.error[0].value)


def test_the_largest_settings_are_refused_before_training_with_the_limit_and_what_to_lower():
    at = run_page(PAGE)
    at.number_input(key="lab.recall.distance").set_value(500).run()
    at.number_input(key="lab.recall.n_symbols").set_value(64).run()
    at.slider(key="lab.layers").set_value(4).run()
    at.select_slider(key="lab.hidden").set_value(256).run()
    at.toggle(key="lab.bidirectional").set_value(True).run()
    at.select_slider(key="lab.batch").set_value(512).run()
    assert not at.exception
    warning = next(shown(w.value) for w in at.warning if "does not fit this server" in w.value)
    assert "GiB of memory" in warning and "lower batch_size (512)" in warning
    assert at.button(key="lab.run.train").disabled


def test_a_diverging_run_says_so_and_joins_the_table_as_diverged():
    clear_cache()
    at = run_page(PAGE)
    at.segmented_control(key="lab.cell").set_value("rnn").run()
    at.segmented_control(key="lab.nonlinearity").set_value("relu").run()
    at.selectbox(key="lab.init").select("identity").run()
    at.number_input(key="lab.init_scale").set_value(3.0).run()
    at.segmented_control(key="lab.optimizer").set_value("sgd").run()
    at.select_slider(key="lab.lr").set_value(3.0).run()
    at.toggle(key="lab.clip").set_value(False).run()
    at = _train(at, 20)
    assert not at.exception
    assert "diverged" in at.warning[0].value
    assert any("diverged (NaN/inf) at step" in d["name"] for d in _by_title(at, "Training loss")["data"])
    table = at.dataframe[0].value
    assert table["status"][0] == "diverged" and "relu" in table["settings"][0] and "clip off" in table["settings"][0]


def test_a_seq2seq_task_trains_with_attention_and_shows_the_encoders_gradient():
    clear_cache()
    at = run_page(PAGE)
    assert at.segmented_control(key="lab.attention").disabled  # recall is not seq2seq
    at.selectbox(key="lab.task").select("reverse").run()
    at.number_input(key="lab.reverse.length").set_value(6).run()
    at.segmented_control(key="lab.attention").set_value("dot").run()
    at = _train(at, 4)
    (label, result), = at.session_state["live_runs"]["lab.run"].results.items()
    assert result.status == "done" and result.config.attention == "dot" and result.config.task == "reverse"
    flow = _by_title(at, "gradient reaches")["data"][0]
    np.testing.assert_allclose(array(flow["y"]), result.latest_trace.encoder_grad_norms(), rtol=1e-6)


class _Plant:
    """Unpickling it would create a file: a hostile "checkpoint"."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return open, (str(self.path), "w")


def test_a_bad_upload_shows_why_and_changes_nothing(tmp_path):
    clear_cache()
    at = _train(run_page(PAGE), 3)
    runs, table = at.session_state["lab.runs"], at.dataframe[0].value
    marker = tmp_path / "planted"
    hostile = io.BytesIO()
    torch.save({"format": checkpoint.FORMAT, "model": _Plant(marker)}, hostile)
    at.file_uploader(key="lab.upload").set_value(("evil.pt", hostile.getvalue(), "application/octet-stream")).run()
    assert not at.exception and not marker.exists()
    error = shown(at.error[0].value)
    assert "evil.pt was not loaded: refused" in error and "Nothing was changed" in error
    at.file_uploader(key="lab.upload").set_value(("cut.pt", _lab_checkpoint(at)[:300], "application/octet-stream"))
    at.run()
    assert "cut.pt was not loaded: corrupt or truncated" in shown(at.error[0].value)
    assert at.session_state["lab.runs"] == runs and at.dataframe[0].value.equals(table)
    assert at.session_state["live_runs"]["lab.run"].results and not at.exception


def _lab_checkpoint(at) -> bytes:
    (result,) = at.session_state["live_runs"]["lab.run"].results.values()
    return checkpoint.to_bytes(result.model(), result.config, result.model_step)


def test_a_good_upload_says_what_it_holds():
    clear_cache()
    at = _train(run_page(PAGE), 3)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the model (checkpoint)" in labels and "Download the run (zip)" in labels
    at.file_uploader(key="lab.upload").set_value(("mine.pt", _lab_checkpoint(at), "application/octet-stream")).run()
    assert not at.exception and not at.error
    message = shown(at.success[0].value)
    assert message.startswith("mine.pt: recall(") and "trained for 3 steps" in message
    text = "the quick brown fox jumps over the lazy dog. " * 200  # a text of its own: named, not printed
    charlm = TrainConfig(task="charlm", task_params={"text": text}, hidden_size=8, steps=0, device="cpu")
    data = checkpoint.to_bytes(Training(charlm).model, charlm, 0)
    at.file_uploader(key="lab.upload").set_value(("text.pt", data, "application/octet-stream")).run()
    message = shown(at.success[0].value)
    assert not at.exception and "text=the quick brown fox …" in message and len(message) < 400


def test_the_run_zip_holds_config_metrics_gradient_flow_and_checkpoint():
    training = Training(TrainConfig(task="recall", task_params={"distance": 5}, hidden_size=8, steps=6,
                                    snapshot_steps=3, device="cpu"))
    snapshots = [(event.step, event.trace.compact()) for event in training if event.trace is not None]
    archive = zipfile.ZipFile(io.BytesIO(run_zip(training.config, training.history(), snapshots, training.model,
                                                 training.step)))
    assert archive.namelist() == ["config.json", "metrics.csv", "grad_flow.csv", "checkpoint.pt"]
    assert TrainConfig.from_dict(json.loads(archive.read("config.json"))) == training.config
    metrics = pd.read_csv(archive.open("metrics.csv"))
    pd.testing.assert_frame_equal(metrics, training.history(), check_dtype=False)
    flow = pd.read_csv(archive.open("grad_flow.csv"))
    assert sorted(flow["step"].unique()) == [0, 3, 6]
    last = flow[(flow["step"] == 6) & (flow["layer"] == 0) & (flow["quantity"] == "h")]
    np.testing.assert_allclose(last["grad_norm"], snapshots[-1][1].grad_norms())
    loaded = checkpoint.load(archive.read("checkpoint.pt"))
    assert loaded.step == 6 and all(torch.equal(loaded.state[k], v) for k, v in training.model.state_dict().items())


def test_an_uploaded_checkpoint_continues_from_its_own_weights():
    clear_cache()
    at = _train(run_page(PAGE), 3)
    (first,) = at.session_state["live_runs"]["lab.run"].results.values()
    at.file_uploader(key="lab.upload").set_value(("mine.pt", _lab_checkpoint(at), "application/octet-stream")).run()
    at.button(key="lab.continue_button").click().run()
    assert "Continuing mine.pt after its 3 steps" in shown(at.info[0].value)
    at = _train(at, 4)
    (label, result), = at.session_state["live_runs"]["lab.run"].results.items()
    assert label == "LSTM 1×32 (continued)" and result.from_checkpoint and result.status == "done"
    assert result.step == 4
    # its first snapshot replays the checkpoint's weights: the same gradient flow as where the first run ended
    np.testing.assert_allclose(result.snapshots[0][1].grad_norms(), first.latest_trace.grad_norms(), rtol=1e-12)
    assert len(at.dataframe[0].value) == 2  # both runs in the table
    at.button(key="lab.afresh").click().run()
    assert not any("Continuing" in i.value for i in at.info)
    assert next(iter(at.session_state["live_runs"]["lab.run"].results)) == "LSTM 1×32"
