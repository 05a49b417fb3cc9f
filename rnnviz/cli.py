"""The `rnnviz` command: `rnnviz app` opens the dashboard, `rnnviz run` trains headless and writes files.

    rnnviz app --port 8501                   # this machine only; --host 0.0.0.0 serves a classroom network
    rnnviz run --task recall --cell lstm --gate-bias 4 --distance 100 --steps 600 --out runs/lstm
    rnnviz run --task reverse --attention additive --length 12 --seed 5 --out runs/reverse

A run writes three files into --out (four for a seq2seq task with attention, one more with --html):
    summary.json   written last: "status" ("done" or "interrupted"), "steps_done" (the rows of metrics.csv),
                   the task, the final loss and metric against chance, timing, and the full config
    metrics.csv    one row per update: step, loss, metric, grad_norm, clipped, elapsed
    grad_flow.csv  per snapshot: step, layer, direction, t, quantity (h, c, x), grad_norm; for a seq2seq task
                   ‖∂L/∂h_j‖ of the encoder's top layer (directions together: layer -1, direction 0, quantity h)
    attention.csv  the final snapshot's attention weights: example, out_step, in_step, weight (real tokens only)
    figures.html   with --html: the run's figures, self-contained (plotly.js inside: it opens offline)
Every file is written under a temporary name and renamed, so none is ever half written.  Ctrl-C or SIGTERM
stops the run after the step in progress, writes what was done ("status": "interrupted") and exits with
130 (a second one quits at once and writes nothing).  A folder that already holds a run is refused unless --overwrite says to replace it.
--save PATH writes a checkpoint (weights and config, `rnnviz.checkpoint`) at the end, also when
interrupted; --load PATH starts from one: the model is the file's, and an option that contradicts it is
refused (training options such as --lr or --steps apply; unset, they are the file's).
A seq2seq task's final_metric is the held-out exact match of greedy decoding, and its defaults for the cell,
hidden size, encoding, learning rate, batch and steps are the attention page's (experiments.SEQ2SEQ_DEFAULTS).
Bad options exit with status 2 and one line on stderr; a run that diverges still writes its files.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import signal
import sys
import time
from pathlib import Path
from typing import NoReturn

import pandas as pd
from tqdm import tqdm

from . import checkpoint
from .export import grad_flow_frame
from .cells import CELLS
from .experiments import SEQ2SEQ_DEFAULTS
from .figures import attention_heatmap, grad_flow_animation, grad_norm_curve, training_curves
from .init import W_HH_SCHEMES
from .model import ENCODINGS
from .record import Trace
from .seq2seq import ATTENTIONS, Seq2SeqTrace
from .tasks import TASKS, Param, make_task
from .tasks.charlm import MAX_CHARS
from .train import DEVICES, OPTIMIZERS, TrainConfig, Training

APP = Path(__file__).resolve().parents[1] / "app.py"
# TrainConfig field → option dest, for the options whose default differs for seq2seq tasks.
SEQ2SEQ_OPTIONS = {"cell": "cell", "hidden_size": "hidden", "encoding": "encoding", "lr": "lr", "batch_size": "batch",
                   "steps": "steps"}
# With --load: option dest → TrainConfig field.  The model's come from the file (an option that differs is an
# error); the training's apply when given and are the file's otherwise.
MODEL_OPTIONS = {"task": "task", "cell": "cell", "hidden": "hidden_size", "layers": "num_layers",
                 "bidirectional": "bidirectional", "nonlinearity": "nonlinearity", "encoding": "encoding",
                 "attention": "attention", "init": "init", "init_scale": "init_scale", "gate_bias": "gate_bias"}
TRAINING_OPTIONS = {"optimizer": "optimizer", "lr": "lr", "clip": "clip", "batch": "batch_size", "steps": "steps",
                    "seed": "seed"}
RUN_FILES = ("summary.json", "metrics.csv", "grad_flow.csv", "attention.csv", "figures.html")  # summary first
MAX_TEXT_BYTES = 4 * MAX_CHARS  # UTF-8 takes at most 4 bytes a character
INTERRUPTED = 130  # the shell's status for a run ended by Ctrl-C


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
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "app":
        run_app(parser, args.host, args.port)
    with Interrupt() as interrupt:  # from here on Ctrl-C and SIGTERM end the run cleanly
        loaded = None
        try:
            if args.load is not None:
                loaded = checkpoint.load(args.load)
            training = Training(make_config(args, given_options(argv), loaded))
            if loaded is not None:
                training.model.load_state_dict(loaded.state)
            if args.save is not None and not args.save.parent.is_dir():
                raise ValueError(f"--save {args.save}: the folder {args.save.parent} does not exist")
            prepare_out(args.out, args.overwrite)
        except checkpoint.CheckpointError as exc:
            parser.error(f"--load {args.load}: {exc}")
        except ValueError as exc:  # TrainConfig, the task and the device explain what is wrong
            parser.error(str(exc))
        except OSError as exc:
            parser.error(f"--out {args.out}: cannot write there ({exc.strerror or exc})")
        try:
            return run_training(training, args, interrupt, loaded)
        except OSError as exc:  # a full disk, a folder removed meanwhile
            print(f"rnnviz: error: cannot write the run's files: {exc.strerror or exc} ({exc.filename})",
                  file=sys.stderr)
            return 1


class Interrupt:
    """While entered, SIGINT (Ctrl-C) and SIGTERM only record that they came; the run reads `.signal`
    between steps and ends cleanly.  A second one before the files are being written (a long step or
    snapshot) quits at once, writing nothing.  Outside the main thread, where Python cannot catch
    signals, it does nothing."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.signal: int | None = None
        self.writing = False  # set once the files are being written: then every signal waits for them
        self._previous = {}

    def __enter__(self) -> "Interrupt":
        try:
            self._previous = {sig: signal.signal(sig, self._record) for sig in self.SIGNALS}
        except ValueError:  # not the main thread
            self._previous = {}
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _record(self, signum, frame) -> None:
        if self.signal is not None and not self.writing:
            sys.stderr.write("\nrnnviz: interrupted twice: stopped at once, in the middle of a step; nothing written\n")
            os._exit(INTERRUPTED)
        self.signal = signum


def given_options(argv: list[str]) -> set[str]:
    """The dests of the `run` options that `argv` sets explicitly (a default is not a choice)."""
    parser = build_parser()
    run = parser.commands.choices["run"]
    for action in run._actions:
        action.default = argparse.SUPPRESS
    return set(vars(parser.parse_args(argv))) - {"command"}


def build_parser() -> Parser:
    parser = Parser(prog="rnnviz", description="Look inside recurrent networks while they train.")
    commands = parser.commands = parser.add_subparsers(dest="command", required=True, metavar="{app,run}")

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
    run.add_argument("--overwrite", action="store_true",
                     help="replace the run already in --out (without it such a folder is refused)")
    run.add_argument("--html", action="store_true",
                     help="also write figures.html: the run's figures with plotly.js inside (opens offline)")
    run.add_argument("--save", type=Path, metavar="PATH",
                     help="write a checkpoint (weights and config) at the end, also when interrupted")
    run.add_argument("--load", type=Path, metavar="PATH",
                     help="start from a checkpoint: its model and settings; training options given here apply")
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


def make_config(args: argparse.Namespace, given: set[str] = frozenset(),
                loaded: checkpoint.Checkpoint | None = None) -> TrainConfig:
    """The TrainConfig the options describe (with --load, the checkpoint's, changed by the training options
    given); ValueError names what is wrong."""
    if args.snapshots < 1:
        raise ValueError(f"--snapshots must be at least 1, got {args.snapshots}")
    if loaded is not None:
        return loaded_config(args, given, loaded.config)
    accepted = {p.name for p in TASKS[args.task].PARAMS}
    given_params = {option: p for option, p in TASK_OPTIONS.items() if getattr(args, p.name) is not None}
    for option, param in given_params.items():
        if param.name not in accepted:
            valid = [p.option for p in TASKS[args.task].PARAMS]
            raise ValueError(f"{option} does not apply to task {args.task!r} (it takes {', '.join(valid)})")
    params = {p.name: getattr(args, p.name) for p in given_params.values()}
    for option, param in given_params.items():
        if param.from_file:
            params[param.name] = read_text(params[param.name], option)
    defaults = {**TrainConfig().to_dict(), **(SEQ2SEQ_DEFAULTS if TASKS[args.task].shape == "seq2seq" else {})}
    chosen = {field: defaults[field] if getattr(args, dest) is None else getattr(args, dest)
              for field, dest in SEQ2SEQ_OPTIONS.items()}
    return TrainConfig(
        task=args.task, task_params=params, num_layers=args.layers, bidirectional=args.bidirectional,
        nonlinearity=args.nonlinearity, init=args.init, init_scale=args.init_scale, gate_bias=args.gate_bias,
        optimizer=args.optimizer, clip=args.clip, seed=args.seed, device=args.device,
        snapshot_steps=max(1, chosen["steps"] // args.snapshots), probe_size=args.probe_size, threads=args.threads,
        attention=args.attention, **chosen)


def loaded_config(args: argparse.Namespace, given: set[str], saved: TrainConfig) -> TrainConfig:
    """The checkpoint's config, with the training options that `given` names taken from `args`.  A model
    option or task parameter that differs from the checkpoint's is a ValueError saying which."""
    for dest, field in MODEL_OPTIONS.items():
        value = getattr(args, dest, None)
        if dest in given and value != getattr(saved, field):
            shown = "" if isinstance(value, bool) else f" {value}"
            raise ValueError(f"{option_name(dest)}{shown} conflicts with the checkpoint, whose model has {field} = "
                             f"{getattr(saved, field)}; leave the option out")
    saved_params = make_task(saved.task, **saved.task_params).params
    for option, param in TASK_OPTIONS.items():
        if param.name not in given:
            continue
        if param.name not in saved_params:
            raise ValueError(f"{option} does not apply to the checkpoint's task {saved.task!r}")
        value = getattr(args, param.name)
        value, has = (read_text(value, option), saved.task_params.get(param.name)) if param.from_file else (
            value, saved_params[param.name])
        if value != has:
            shown = "another text" if param.from_file else has
            raise ValueError(f"{option} {getattr(args, param.name)} conflicts with the checkpoint, whose task has "
                             f"{param.name} = {shown}; leave the option out")
    changes = {field: getattr(args, dest) for dest, field in TRAINING_OPTIONS.items() if dest in given}
    steps = changes.get("steps", saved.steps)
    return saved.replace(**changes, device=args.device, threads=args.threads, probe_size=args.probe_size,
                         snapshot_steps=max(1, steps // args.snapshots))


def option_name(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def read_text(path: Path, option: str = "--text") -> str:
    """The UTF-8 text of a file, read no further than MAX_TEXT_BYTES (an endless stream is refused)."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{option} {path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_TEXT_BYTES:
        raise ValueError(f"{option} {path}: longer than {MAX_TEXT_BYTES:,} bytes, the most read (a text may have "
                         f"at most {MAX_CHARS:,} characters)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{option} {path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def prepare_out(out: Path, overwrite: bool) -> None:
    """Make --out, refusing a folder that holds a run unless `overwrite`; then clear that run's files,
    summary.json first, so that the folder never pairs an old summary with new data."""
    found = [name for name in RUN_FILES if (out / name).exists()]
    if found and not overwrite:
        raise ValueError(f"--out {out} already holds a run ({', '.join(found)}); choose another folder, or add "
                         "--overwrite to replace it")
    out.mkdir(parents=True, exist_ok=True)
    for name in found:
        (out / name).unlink()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write under a temporary name in the same folder, then rename: a reader sees the old file or the new
    one, never part of one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


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
    os.chdir(APP.parent)  # Streamlit reads .streamlit/config.toml from the working directory, not the app's
    os.execv(sys.executable, app_command(host, port))  # streamlit takes over this process (and its Ctrl-C)


def run_training(training: Training, args: argparse.Namespace, interrupt: Interrupt,
                 loaded: checkpoint.Checkpoint | None = None) -> int:
    """Train with a progress bar until done or interrupted, then write the files, summary.json last."""
    config = training.config
    snapshots: list[tuple[int, Trace | Seq2SeqTrace]] = []  # (step, compact trace): the gradient norms
    trace = last = None  # the latest snapshot (a diverged event carries none) and the latest event
    start = time.perf_counter()
    with tqdm(total=config.steps, file=sys.stderr, unit="step", desc=f"{config.cell} on {config.task}",
              postfix="first snapshot") as bar:
        while interrupt.signal is None:
            event = next(training, None)
            if event is None:
                break
            last = event
            if last.trace is not None:
                trace = last.trace
                snapshots.append((last.step, trace.compact()))
            if last.kind == "step":
                bar.update(1)
                bar.set_postfix(loss=f"{last.loss:.4f}", metric=f"{last.metric:.3f}", refresh=False)
    interrupt.writing = True
    status = "done" if last is not None and last.kind in ("done", "diverged") else "interrupted"

    out: Path = args.out
    history = training.history()
    task = training.task
    seq2seq = task.shape == "seq2seq"
    write_atomic(out / "metrics.csv", history.to_csv(index=False))
    write_atomic(out / "grad_flow.csv", grad_flow_frame(snapshots).to_csv(index=False))
    written = ["metrics.csv", "grad_flow.csv"]
    if seq2seq and trace is not None and trace.weights is not None:
        write_atomic(out / "attention.csv", attention_frame(trace).to_csv(index=False))
        written.append("attention.csv")
    if args.html:
        write_atomic(out / "figures.html", figures_html(training, snapshots, trace))
        written.append("figures.html")
    step = training.step + (loaded.step if loaded is not None else 0)
    if args.save is not None:
        checkpoint.save(training.model, config, args.save, step)
    task_params = dict(task.params)
    for param in task.PARAMS:  # name a file, not its contents (the config below keeps the text)
        if param.from_file and getattr(args, param.name) is not None:
            task_params[param.name] = str(getattr(args, param.name))
    final = history.iloc[-1] if len(history) else None
    diverged = last is not None and last.kind == "diverged"
    summary = {
        "status": status, "steps_done": len(history),
        "task": config.task, "task_params": task_params, "cell": config.cell,
        "final_loss": finite(final["loss"]) if final is not None else None,
        "final_metric": training.evaluate() if seq2seq else finite(final["metric"]) if final is not None else None,
        "metric_name": task.metric_name, "chance": task.chance, "higher_is_better": task.higher_is_better,
        "steps": training.step, "seconds": round(time.perf_counter() - start, 3), "device": str(training.device),
        "diverged": diverged, "message": last.message if diverged else "",
        "loaded": None if loaded is None else {"path": str(args.load), "step": loaded.step},
        "saved": None if args.save is None else {"path": str(args.save), "step": step},
        "config": config.to_dict(),
    }
    write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    files = f"wrote {out}/{', '.join(['summary.json', *written])}" + (f" and {args.save}" if args.save else "")
    if status == "interrupted":
        print(f"rnnviz: interrupted after {training.step} of {config.steps} steps; {files}", file=sys.stderr)
        return INTERRUPTED
    if diverged:
        print(f"rnnviz: warning: {last.message}", file=sys.stderr)
    score = summary["final_metric"]
    result = "no update done" if score is None else f"{task.metric_name} {score:.3g} (chance {task.chance:.3g})"
    print(f"{result} after {training.step} steps; {files}")
    return 0


def top_profile(trace: Trace | Seq2SeqTrace):
    """‖∂L/∂h_t‖ of the top layer's forward direction (a seq2seq model: of its encoder's top layer)."""
    return trace.encoder_grad_norms() if isinstance(trace, Seq2SeqTrace) else trace.grad_norms()


def figures_html(training: Training, snapshots: list, trace: Trace | Seq2SeqTrace | None) -> str:
    """One self-contained page of the run's figures: loss, score, gradient norm, the gradient reaching each
    timestep over training, and (seq2seq with attention) the last snapshot's attention.  plotly.js is
    embedded once, so the page works with no network."""
    config, task = training.config, training.task
    label = f"{config.cell} on {config.task}"
    histories = {label: training.history()}
    figures = [
        training_curves(histories, y="loss", higher_is_better=False),
        training_curves(histories, y_title=task.metric_name, chance=task.chance,
                        higher_is_better=task.higher_is_better),
        grad_norm_curve(histories, clip=config.clip),
    ]
    if snapshots:
        figures.append(grad_flow_animation({label: [(step, top_profile(snap)) for step, snap in snapshots]}))
    if isinstance(trace, Seq2SeqTrace) and trace.weights is not None:
        length = len(trace.input_tokens[0])
        rows = len(trace.target_tokens[0] or trace.predicted_tokens[0])
        figures.append(attention_heatmap(trace.weights[0, :rows, :length], trace.input_tokens[0],
                                         trace.predicted_tokens[0], trace.target_tokens[0] or None))
    body = "\n".join(fig.to_html(full_html=False, include_plotlyjs=i == 0, config={"displaylogo": False})
                     for i, fig in enumerate(figures))
    title = html.escape(f"rnnviz run: {label}, {training.step} steps")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{title}</title></head>\n'
            f"<body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n")


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
