"""A run as files: the gradient-flow table of its snapshots, and one zip with everything needed to look at it
again or continue it (config.json, metrics.csv, grad_flow.csv, checkpoint.pt).

The CLI writes the same tables into its --out folder; the Training lab offers the zip as one download.
Nothing here imports Streamlit.
"""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from . import checkpoint
from .record import Trace
from .seq2seq import Seq2SeqTrace
from .train import TrainConfig

FLOW_COLUMNS = ["step", "layer", "direction", "t", "quantity", "grad_norm"]
ZIP_FILES = ("config.json", "metrics.csv", "grad_flow.csv", "checkpoint.pt")


def grad_flow(step: int, trace: Trace | Seq2SeqTrace) -> pd.DataFrame:
    """Gradient norms per timestep from one snapshot: h for every cell, c for the LSTM, x (the layer's
    input, direction 0 only); for a seq2seq model, h of the encoder's top layer (directions together:
    layer -1, direction 0)."""
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


def grad_flow_frame(snapshots: list[tuple[int, Trace | Seq2SeqTrace]]) -> pd.DataFrame:
    """`grad_flow` of every (step, trace) snapshot in one table (its columns only, when there is none)."""
    if not snapshots:
        return pd.DataFrame(columns=FLOW_COLUMNS)
    return pd.concat([grad_flow(step, trace) for step, trace in snapshots], ignore_index=True)


def run_zip(config: TrainConfig, history: pd.DataFrame, snapshots: list, model, step: int) -> bytes:
    """One zip of a run: its config as JSON, one metrics row per update, the gradient flow of every
    snapshot, and the model's checkpoint (`rnnviz.checkpoint`, loadable with `rnnviz run --load`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("config.json", json.dumps(config.to_dict(), indent=2, ensure_ascii=False) + "\n")
        archive.writestr("metrics.csv", history.to_csv(index=False))
        archive.writestr("grad_flow.csv", grad_flow_frame(snapshots).to_csv(index=False))
        archive.writestr("checkpoint.pt", checkpoint.to_bytes(model, config, step))
    return buffer.getvalue()
