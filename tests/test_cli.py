"""The `rnnviz` command: a headless run writes its three files; bad options fail with one line."""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

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
    for option in sorted(options) + TASK_OPTIONS + ["--out"]:
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
