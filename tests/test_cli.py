"""The `rnnviz` command: a headless run writes its three files; bad options fail with one line; Ctrl-C leaves a
consistent --out; checkpoints save and load; the figures come as one offline HTML page."""

import dataclasses
import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from rnnviz import checkpoint
from rnnviz.cli import main
from rnnviz.train import TrainConfig

FAST = ["--distance", "10", "--steps", "30", "--hidden", "8", "--snapshots", "3"]

# TrainConfig fields whose option is not simply --<field-name>.
OPTION_OF = {"hidden_size": "--hidden", "num_layers": "--layers", "batch_size": "--batch",
             "snapshot_steps": "--snapshots", "snapshot_seconds": "--snapshots"}
TASK_OPTIONS = ["--distance", "--symbols", "--distractors", "--length", "--min-gap", "--max-gap", "--noise",
                "--seq-len", "--text"]


def run(tmp_path: Path, *options: str) -> Path:
    out = tmp_path / "run"
    assert main(["run", *FAST, *options, "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def lstm_run(tmp_path_factory) -> Path:
    return run(tmp_path_factory.mktemp("lstm"), "--cell", "lstm")


def test_run_writes_summary_metrics_and_grad_flow(lstm_run):
    summary = json.loads((lstm_run / "summary.json").read_text())
    assert summary["status"] == "done" and summary["steps_done"] == 30
    for key in ["task", "task_params", "cell", "final_loss", "final_metric", "metric_name", "chance",
                "higher_is_better", "steps", "seconds", "device", "diverged", "message", "config"]:
        assert key in summary, key
    assert summary["task"] == "recall" and summary["task_params"]["distance"] == 10
    assert summary["steps"] == 30 and summary["diverged"] is False
    assert TrainConfig.from_dict(summary["config"]).hidden_size == 8  # the config rebuilds the run

    metrics = pd.read_csv(lstm_run / "metrics.csv")
    assert list(metrics.columns) == ["step", "loss", "metric", "grad_norm", "clipped", "elapsed"]
    assert len(metrics) == 30 and metrics["step"].tolist() == list(range(1, 31))
    assert summary["final_metric"] == pytest.approx(metrics["metric"].iloc[-1])
    assert summary["final_loss"] == pytest.approx(metrics["loss"].iloc[-1])

    flow = pd.read_csv(lstm_run / "grad_flow.csv")
    assert list(flow.columns) == ["step", "layer", "direction", "t", "quantity", "grad_norm"]
    assert sorted(flow["step"].unique()) == [0, 10, 20, 30]  # before any update, every 10, and the end
    assert set(flow["quantity"]) == {"h", "c", "x"}
    at_start = flow[(flow["step"] == 0) & (flow["quantity"] == "h")]
    assert at_start["t"].tolist() == list(range(11))  # distance 10: 11 timesteps
    assert (flow["grad_norm"] >= 0).all()


def test_gru_has_no_cell_state_gradients(tmp_path):
    flow = pd.read_csv(run(tmp_path, "--cell", "gru") / "grad_flow.csv")
    assert set(flow["quantity"]) == {"h", "x"}
    assert 0 in set(flow["step"])


def test_diverged_run_still_writes_its_files(tmp_path, capsys):
    # ReLU with recurrent gain 100 over 41 steps overflows float32 in the first forward pass.
    out = run(tmp_path, "--cell", "rnn", "--nonlinearity", "relu", "--init", "gaussian", "--init-scale", "100",
              "--distance", "40")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["diverged"] is True and summary["message"]
    assert summary["final_loss"] is None and summary["steps"] == 0
    assert "rnnviz: warning:" in capsys.readouterr().err
    assert len(pd.read_csv(out / "metrics.csv")) == 0
    assert 0 in set(pd.read_csv(out / "grad_flow.csv")["step"])


@pytest.mark.parametrize("options", [
    ["--cell", "transformer"],
    ["--distance", "-5"],
    ["--lr", "0"],
    ["--task", "charlm", "--text", "/nonexistent/rnnviz.txt"],
    ["--task", "sine", "--distance", "5"],
    ["--cell", "rnn", "--gate-bias", "4"],
    ["--gate-bias", "lots"],
    ["--hidden", "0"],
])
def test_bad_options_exit_2_with_one_line(tmp_path, capsys, options):
    with pytest.raises(SystemExit) as exit:
        main(["run", *options, "--out", str(tmp_path / "never")])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("rnnviz: error: ") and err.count("\n") == 1, err
    assert not (tmp_path / "never").exists()


def test_text_that_is_not_utf8_is_refused(tmp_path, capsys):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("déjà vu, encore et encore ".encode("latin-1") * 10)
    with pytest.raises(SystemExit) as exit:
        main(["run", "--task", "charlm", "--text", str(latin1), "--out", str(tmp_path / "never")])
    assert exit.value.code == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_help_documents_every_option(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["run", "--help"])
    assert exit.value.code == 0
    text = capsys.readouterr().out
    options = {OPTION_OF.get(f.name, "--" + f.name.replace("_", "-"))
               for f in dataclasses.fields(TrainConfig) if f.name != "task_params"}
    for option in sorted(options) + TASK_OPTIONS + ["--out", "--overwrite", "--html", "--save", "--load"]:
        assert option in text, option


def test_console_script_runs():
    script = Path(sys.executable).parent / "rnnviz"
    assert script.exists(), f"console script missing next to {sys.executable}"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "app" in result.stdout and "run" in result.stdout


def test_the_dashboard_listens_on_this_machine_only_unless_told(monkeypatch):
    from rnnviz import cli

    args = cli.build_parser().parse_args(["app"])
    command = cli.app_command(args.host, args.port)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    args = cli.build_parser().parse_args(["app", "--host", "0.0.0.0", "--port", "9000"])
    command = cli.app_command(args.host, args.port)
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert command[command.index("--server.port") + 1] == "9000"


def test_the_dashboard_starts_where_its_streamlit_settings_are_read(monkeypatch, tmp_path):
    """Streamlit reads .streamlit/config.toml from the working directory: `rnnviz app` run from anywhere
    must still get the project's settings (no garbage collection after every rerun, upload limits)."""
    from rnnviz import cli

    monkeypatch.chdir(tmp_path)
    started = {}
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: started.update(cwd=Path.cwd(), argv=argv))
    cli.run_app(cli.build_parser(), "127.0.0.1", 8501)
    assert (started["cwd"] / ".streamlit" / "config.toml").is_file()
    assert "postScriptGC = false" in (started["cwd"] / ".streamlit" / "config.toml").read_text()


def cli(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "rnnviz.cli", *arguments]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_leaves_a_consistent_out(tmp_path, sig):
    out, saved = tmp_path / "run", tmp_path / "model.pt"
    process = subprocess.Popen(cli("run", "--distance", "10", "--hidden", "8", "--steps", "1000000", "--threads", "1",
                                   "--out", str(out), "--save", str(saved)),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.extend(iter(lambda: process.stderr.read(1), "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while "loss=" not in "".join(err) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the progress bar shows a loss once steps are done: interrupt in the middle
    process.send_signal(sig)
    assert process.wait(60) == 130
    reader.join(10)
    err_text = "".join(err)
    assert "Traceback" not in err_text
    assert err_text.index("first snapshot") < err_text.index("loss=")  # the bar is up before the first step
    message = err_text.rsplit("\r", 1)[-1].strip().splitlines()[-1]
    assert message.startswith("rnnviz: interrupted after ") and " of 1000000 steps; wrote " in message
    summary = json.loads((out / "summary.json").read_text())
    metrics = pd.read_csv(out / "metrics.csv")
    assert summary["status"] == "interrupted" and 0 < summary["steps_done"] == len(metrics) == summary["steps"]
    assert metrics["step"].tolist() == list(range(1, len(metrics) + 1))
    assert 0 in set(pd.read_csv(out / "grad_flow.csv")["step"])
    assert checkpoint.load(saved).step == len(metrics)
    assert sorted(p.name for p in out.iterdir()) == ["grad_flow.csv", "metrics.csv", "summary.json"]  # no temporaries


def test_a_second_interrupt_in_a_long_snapshot_quits_at_once_writing_nothing(tmp_path):
    out = tmp_path / "run"  # the first snapshot of 2 layers of 256 units over 501 steps takes seconds
    process = subprocess.Popen(cli("run", "--distance", "500", "--hidden", "256", "--layers", "2", "--threads", "1",
                                   "--out", str(out)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    threading.Thread(target=lambda: err.extend(iter(lambda: process.stderr.read(1), "")), daemon=True).start()
    deadline = time.monotonic() + 120
    while "first snapshot" not in "".join(err) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 130
    time.sleep(0.2)
    err_text = "".join(err)
    assert "Traceback" not in err_text and "rnnviz: interrupted twice: stopped at once" in err_text
    assert not (out / "summary.json").exists() and not (out / "metrics.csv").exists()


def test_an_endless_text_is_refused_without_reading_it_all(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["run", "--task", "charlm", "--text", "/dev/zero", "--out", str(tmp_path / "never")])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("rnnviz: error: --text /dev/zero: longer than") and err.count("\n") == 1, err
    assert not (tmp_path / "never").exists()


def test_a_folder_holding_a_run_is_refused_unless_overwrite(lstm_run, tmp_path, capsys):
    out = tmp_path / "run"
    out.mkdir()
    (out / "notes.txt").write_text("mine")  # a folder with other files is fine
    assert main(["run", *FAST, "--out", str(out)]) == 0
    before = (out / "summary.json").read_text()
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main(["run", *FAST, "--seed", "1", "--out", str(out)])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "already holds a run" in err and "--overwrite" in err and err.count("\n") == 1
    assert (out / "summary.json").read_text() == before
    assert main(["run", *FAST, "--seed", "1", "--out", str(out), "--overwrite"]) == 0
    assert json.loads((out / "summary.json").read_text())["config"]["seed"] == 1
    assert (out / "notes.txt").read_text() == "mine"


def test_save_then_load_continues_from_the_same_weights(tmp_path, capsys):
    saved = tmp_path / "model.pt"
    run(tmp_path, "--cell", "gru", "--save", str(saved))
    loaded = checkpoint.load(saved)
    assert loaded.config.cell == "gru" and loaded.config.hidden_size == 8 and loaded.step == 30
    out = tmp_path / "continued"
    assert main(["run", "--load", str(saved), "--steps", "5", "--lr", "0.01", "--out", str(out),
                 "--save", str(tmp_path / "more.pt")]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["cell"] == "gru" and summary["config"]["hidden_size"] == 8  # the model is the file's
    assert summary["config"]["lr"] == 0.01 and summary["steps_done"] == 5      # the training options given apply
    assert summary["loaded"]["step"] == 30 and checkpoint.load(tmp_path / "more.pt").step == 35

    flow = pd.read_csv(out / "grad_flow.csv")  # the first snapshot replays the loaded weights, not fresh ones
    first = pd.read_csv(tmp_path / "run" / "grad_flow.csv")
    pd.testing.assert_frame_equal(flow[flow["step"] == 0].reset_index(drop=True),
                                  first[first["step"] == 30].assign(step=0).reset_index(drop=True))


@pytest.mark.parametrize("options, words", [
    (["--hidden", "16"], "--hidden 16 conflicts with the checkpoint, whose model has hidden_size = 8"),
    (["--cell", "lstm"], "--cell lstm conflicts with the checkpoint, whose model has cell = gru"),
    (["--distance", "12"], "--distance 12 conflicts with the checkpoint, whose task has distance = 10"),
    (["--bidirectional"], "--bidirectional conflicts with the checkpoint"),
])
def test_a_load_with_a_conflicting_option_says_which(tmp_path, capsys, options, words):
    saved = tmp_path / "model.pt"
    run(tmp_path, "--cell", "gru", "--save", str(saved))
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main(["run", "--load", str(saved), *options, "--out", str(tmp_path / "never")])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1, err
    assert not (tmp_path / "never").exists()


def test_a_bad_checkpoint_exits_with_one_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = subprocess.run(cli("run", "--load", str(bad), "--out", str(tmp_path / "never")),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"rnnviz: error: --load {bad}: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "never").exists()


def test_html_figures_embed_plotly_and_need_no_network(tmp_path):
    out = run(tmp_path, "--html")
    page = (out / "figures.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)
    bundle = max(scripts, key=len)
    assert "plotly.js v" in bundle[:200] and len(bundle) > 1_000_000  # the library itself, inline
    assert not re.search(r"<script[^>]*\bsrc=", page)  # nothing is fetched
    # plotly.js mentions map-tile servers in its own code; outside it the page names no CDN
    assert "cdn." not in page.replace(bundle, "")
    assert page.count("Plotly.newPlot") == 4  # loss, score, gradient norm, gradient flow over training
