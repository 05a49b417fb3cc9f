"""The `rnnviz` command: `rnnviz app` opens the dashboard, `rnnviz run` trains headless and writes files.

    rnnviz app --port 8501                   # this machine only; --host 0.0.0.0 serves a classroom network
    rnnviz run --task recall --cell lstm --gate-bias 4 --distance 100 --steps 600 --out runs/lstm
    rnnviz run --task reverse --attention additive --length 12 --seed 5 --out runs/reverse

A run writes three files into --out (four for a seq2seq task with attention):
    summary.json   the task, the final loss and metric against chance, timing, and the full config
    metrics.csv    one row per update: step, loss, metric, grad_norm, clipped, elapsed
    grad_flow.csv  per snapshot: step, layer, direction, t, quantity (h, c, x), grad_norm; for a seq2seq task
                   ‖∂L/∂h_j‖ of the encoder's top layer (directions together: layer -1, direction 0, quantity h)
    attention.csv  the final snapshot's attention weights: example, out_step, in_step, weight (real tokens only)
A seq2seq task's final_metric is the held-out exact match of greedy decoding, and its defaults for the cell,
hidden size, encoding, learning rate, batch and steps are the attention page's (experiments.SEQ2SEQ_DEFAULTS).
Bad options exit with status 2 and one line on stderr; a run that diverges still writes its files.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import NoReturn

import pandas as pd
from tqdm import tqdm

from .cells import CELLS
from .experiments import SEQ2SEQ_DEFAULTS
from .init import W_HH_SCHEMES
from .model import ENCODINGS
from .record import Trace
from .seq2seq import ATTENTIONS, Seq2SeqTrace
from .tasks import TASKS, Param
from .train import DEVICES, OPTIMIZERS, TrainConfig, Training

APP = Path(__file__).resolve().parents[1] / "app.py"
# TrainConfig field → option dest, for the options whose default differs for seq2seq tasks.
SEQ2SEQ_OPTIONS = {"cell": "cell", "hidden_size": "hidden", "encoding": "encoding", "lr": "lr", "batch_size": "batch",
                   "steps": "steps"}


def task_options() -> dict[str, Param]:
    """Every task parameter once, by its option ("--distance"), from the tasks' own PARAMS.  Tasks that
    share a parameter name share its option; the help lists which tasks take it."""
    found: dict[str, Param] = {}
    for task in TASKS.values():
        for param in task.PARAMS:
            found.setdefault(param.option, param)
    return found


TASK_OPTIONS = task_options()


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad option as one line, `rnnviz: error: ...`, and exits with 2."""

    def error(self, message):
        self.exit(2, f"rnnviz: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "app":
        run_app(parser, args.host, args.port)
    try:
        training = Training(make_config(args))
        args.out.mkdir(parents=True, exist_ok=True)
    except ValueError as exc:  # TrainConfig, the task and the device explain what is wrong
        parser.error(str(exc))
    except OSError as exc:
        parser.error(f"--out {args.out}: cannot create it ({exc.strerror or exc})")
    return run_training(training, args)


def build_parser() -> Parser:
    parser = Parser(prog="rnnviz", description="Look inside recurrent networks while they train.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{app,run}")

    app = commands.add_parser("app", help="open the interactive dashboard (streamlit run app.py)")
    app.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default %(default)s: this machine only; 0.0.0.0: every network "
                          "interface, for a classroom)")
    app.add_argument("--port", type=int, default=8501, help="port to serve on (default %(default)s)")

    d = TrainConfig()  # the defaults
    run = commands.add_parser("run", help="train one model headless and write summary.json and CSVs",
                              description="Train one model headless; write summary.json, metrics.csv and "
                                          "grad_flow.csv into --out.")
    run.add_argument("--out", type=Path, required=True, metavar="DIR",
                     help="folder for summary.json, metrics.csv and grad_flow.csv (created if missing)")
    run.add_argument("--task", choices=sorted(TASKS), default=d.task, help="the toy task (default %(default)s)")

    task = run.add_argument_group("task parameters (each applies to some tasks only)")
    for option, param in TASK_OPTIONS.items():
        kind = Path if param.from_file else param.kind
        task.add_argument(option, type=kind, dest=param.name, metavar={int: "N", float: "X", Path: "FILE", str: "S"}[kind],
                          help=f"{param.help}; {task_defaults(param.name)}")

    model = run.add_argument_group("model")
    model.add_argument("--cell", choices=CELLS, help=f"recurrent cell ({seq2seq_default('cell')})")
    model.add_argument("--hidden", type=int,
                       help=f"hidden units per layer and direction ({seq2seq_default('hidden_size')})")
    model.add_argument("--layers", type=int, default=d.num_layers, help="stacked layers, 1-4 (default %(default)s)")
    model.add_argument("--bidirectional", action="store_true", help="read the sequence both ways")
    model.add_argument("--nonlinearity", choices=("tanh", "relu"), default=d.nonlinearity,
                       help="vanilla RNN activation (default %(default)s)")
    model.add_argument("--encoding", choices=ENCODINGS,
                       help=f"how token inputs are fed in ({seq2seq_default('encoding')})")
    model.add_argument("--attention", choices=ATTENTIONS, default=d.attention,
                       help="seq2seq tasks: how the decoder looks at the encoder states (default %(default)s)")
    model.add_argument("--init", choices=W_HH_SCHEMES, default=d.init,
                       help="recurrent weight (W_hh) initialisation (default %(default)s)")
    model.add_argument("--init-scale", type=float, default=d.init_scale, metavar="GAIN",
                       help="gain of the gaussian / orthogonal / identity init (default %(default)s)")
    model.add_argument("--gate-bias", type=gate_bias, default=d.gate_bias, metavar="B",
                       help="LSTM forget / GRU keep gate bias: a number or 'chrono' (default: PyTorch's)")

    opt = run.add_argument_group("training")
    opt.add_argument("--optimizer", choices=OPTIMIZERS, default=d.optimizer, help="optimizer (default %(default)s)")
    opt.add_argument("--lr", type=float, help=f"learning rate, > 0 ({seq2seq_default('lr')})")
    opt.add_argument("--clip", type=clip, default=d.clip, metavar="C",
                     help="gradient-norm clipping threshold; 0 or 'none': no clipping (default %(default)s)")
    opt.add_argument("--batch", type=int, help=f"sequences per update ({seq2seq_default('batch_size')})")
    opt.add_argument("--steps", type=int, help=f"number of updates ({seq2seq_default('steps')})")
    opt.add_argument("--seed", type=int, default=d.seed, help="seed for weights and data (default %(default)s)")
    opt.add_argument("--device", choices=DEVICES, default=d.device,
                     help="where to train; auto: cuda when available (default %(default)s)")
    opt.add_argument("--threads", type=int, default=d.threads, help="torch CPU threads (default: torch's choice)")
    opt.add_argument("--snapshots", type=int, default=10,
                     help="evenly spaced gradient snapshots, plus one before the first update (default %(default)s)")
    opt.add_argument("--probe-size", type=int, default=d.probe_size,
                     help="sequences in the fixed batch that snapshots replay (default %(default)s)")
    return parser


def seq2seq_default(field: str) -> str:
    """ "default 32; seq2seq tasks 64" for a TrainConfig field."""
    return f"default {getattr(TrainConfig(), field)}; seq2seq tasks {SEQ2SEQ_DEFAULTS[field]}"


def task_defaults(name: str) -> str:
    """Which tasks take a parameter, with their defaults: "adding (default 100), sine (default 50)"."""
    shown = []
    for task in sorted(TASKS):
        found = {p.name: p for p in TASKS[task].PARAMS}.get(name)
        if found is not None:
            shown.append(task if found.default is None else f"{task} (default {found.default})")
    return ", ".join(shown)


def gate_bias(text: str) -> float | str:
    if text == "chrono":
        return text
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or 'chrono', got {text!r}") from None


def clip(text: str) -> float | None:
    if text.lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or 'none', got {text!r}") from None
    return None if value == 0 else value


def make_config(args: argparse.Namespace) -> TrainConfig:
    """The TrainConfig the options describe; ValueError names what is wrong."""
    accepted = {p.name for p in TASKS[args.task].PARAMS}
    given = {option: p for option, p in TASK_OPTIONS.items() if getattr(args, p.name) is not None}
    for option, param in given.items():
        if param.name not in accepted:
            valid = [p.option for p in TASKS[args.task].PARAMS]
            raise ValueError(f"{option} does not apply to task {args.task!r} (it takes {', '.join(valid)})")
    params = {p.name: getattr(args, p.name) for p in given.values()}
    for option, param in given.items():
        if param.from_file:
            params[param.name] = read_text(params[param.name], option)
    if args.snapshots < 1:
        raise ValueError(f"--snapshots must be at least 1, got {args.snapshots}")
    defaults = {**TrainConfig().to_dict(), **(SEQ2SEQ_DEFAULTS if TASKS[args.task].shape == "seq2seq" else {})}
    chosen = {field: defaults[field] if getattr(args, dest) is None else getattr(args, dest)
              for field, dest in SEQ2SEQ_OPTIONS.items()}
    return TrainConfig(
        task=args.task, task_params=params, num_layers=args.layers, bidirectional=args.bidirectional,
        nonlinearity=args.nonlinearity, init=args.init, init_scale=args.init_scale, gate_bias=args.gate_bias,
        optimizer=args.optimizer, clip=args.clip, seed=args.seed, device=args.device,
        snapshot_steps=max(1, chosen["steps"] // args.snapshots), probe_size=args.probe_size, threads=args.threads,
        attention=args.attention, **chosen)


def read_text(path: Path, option: str = "--text") -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{option} {path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ValueError(f"{option} {path}: cannot read it ({exc.strerror or exc})") from None


def app_command(host: str, port: int) -> list[str]:
    """The `streamlit run` command line of `rnnviz app`."""
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", host, "--server.port", str(port),
            "--server.showEmailPrompt", "false"]


def run_app(parser: Parser, host: str, port: int) -> NoReturn:
    if not APP.is_file():
        parser.error(f"the dashboard needs a source checkout; {APP} was not found")
    if host in ("0.0.0.0", "::"):
        print(f"rnnviz: serving every network interface; students open http://<this machine's address>:{port}",
              file=sys.stderr)
    os.execv(sys.executable, app_command(host, port))  # streamlit takes over this process (and its Ctrl-C)


def run_training(training: Training, args: argparse.Namespace) -> int:
    """Train with a progress bar, then write summary.json, metrics.csv, grad_flow.csv (and attention.csv)."""
    config = training.config
    flow: list[pd.DataFrame] = []
    trace = None  # the latest snapshot (a diverged event carries none)
    with tqdm(total=config.steps, file=sys.stderr, unit="step", desc=f"{config.cell} on {config.task}") as bar:
        for last in training:
            if last.trace is not None:
                trace = last.trace
                flow.append(grad_flow(last.step, trace))
            if last.kind == "step":
                bar.update(1)
                bar.set_postfix(loss=f"{last.loss:.4f}", metric=f"{last.metric:.3f}", refresh=False)

    out: Path = args.out
    history = training.history()
    history.to_csv(out / "metrics.csv", index=False)
    pd.concat(flow, ignore_index=True).to_csv(out / "grad_flow.csv", index=False)
    task = training.task
    task_params = dict(task.params)
    for param in task.PARAMS:  # name a file, not its contents (the config below keeps the text)
        if param.from_file and getattr(args, param.name) is not None:
            task_params[param.name] = str(getattr(args, param.name))
    final = history.iloc[-1] if len(history) else None
    seq2seq = task.shape == "seq2seq"
    written = ["summary.json", "metrics.csv", "grad_flow.csv"]
    if seq2seq and trace.weights is not None:
        attention_frame(trace).to_csv(out / "attention.csv", index=False)
        written.append("attention.csv")
    summary = {
        "task": config.task, "task_params": task_params, "cell": config.cell,
        "final_loss": finite(final["loss"]) if final is not None else None,
        "final_metric": training.evaluate() if seq2seq else finite(final["metric"]) if final is not None else None,
        "metric_name": task.metric_name, "chance": task.chance, "higher_is_better": task.higher_is_better,
        "steps": training.step, "seconds": round(last.elapsed, 3), "device": str(training.device),
        "diverged": last.kind == "diverged", "message": last.message, "config": config.to_dict(),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if last.kind == "diverged":
        print(f"rnnviz: warning: {last.message}", file=sys.stderr)
    score = summary["final_metric"]
    result = "no update done" if score is None else f"{task.metric_name} {score:.3g} (chance {task.chance:.3g})"
    print(f"{result} after {training.step} steps; wrote {out}/{', '.join(written)}")
    return 0


def grad_flow(step: int, trace: Trace | Seq2SeqTrace) -> pd.DataFrame:
    """Gradient norms per timestep from one snapshot: h for every cell, c for the LSTM, x (the layer's
    input, direction 0 only); for a seq2seq model, h of the encoder's top layer."""
    if isinstance(trace, Seq2SeqTrace):
        norms = trace.encoder_grad_norms()
        return pd.DataFrame({"step": step, "layer": -1, "direction": 0, "t": range(len(norms)), "quantity": "h",
                             "grad_norm": norms})
    frames = []
    for layer in range(trace.num_layers):
        for direction in range(trace.num_directions):
            quantities = ["h", "c"] if trace.cell == "lstm" else ["h"]
            if direction == 0:
                quantities.append("x")
            for quantity in quantities:
                norms = trace.grad_norms(layer, direction, quantity)
                frames.append(pd.DataFrame({"step": step, "layer": layer, "direction": direction,
                                            "t": range(len(norms)), "quantity": quantity, "grad_norm": norms}))
    return pd.concat(frames, ignore_index=True)


def attention_frame(trace: Seq2SeqTrace) -> pd.DataFrame:
    """The attention weights of every probe example over its real input tokens and its target's steps (EOS
    included; the predicted ones when there is no target)."""
    rows = []
    for example, (source, target, predicted) in enumerate(zip(trace.input_tokens, trace.target_tokens,
                                                              trace.predicted_tokens)):
        for out_step in range(len(target or predicted)):
            rows += [(example, out_step, in_step, trace.weights[example, out_step, in_step])
                     for in_step in range(len(source))]
    return pd.DataFrame(rows, columns=["example", "out_step", "in_step", "weight"])


def finite(value) -> float | None:
    """A float for JSON, or None when it is NaN or infinite."""
    value = float(value)
    return value if math.isfinite(value) else None


if __name__ == "__main__":
    sys.exit(main())
