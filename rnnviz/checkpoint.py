"""Checkpoints: a trained model's weights and the TrainConfig that built it, in one file.

    data = checkpoint.to_bytes(training.model, training.config, training.step)   # or save(..., path)
    loaded = checkpoint.load(data)          # or a path, or a file object
    model = loaded.model()                  # a CPU model of the config's shape with the saved weights

The file is torch.save of a plain dict: "format" and "version", "config" (the TrainConfig as JSON),
"step" (the updates the weights had) and "model" (the state dict).  `load` reads it with
torch.load(weights_only=True), so a pickle that would build arbitrary objects or run code is refused
before anything runs, then checks every tensor's name, shape and dtype against the model the config
builds.  Whatever is wrong (not a checkpoint, corrupt, truncated, a hostile pickle, another model's
weights) raises CheckpointError with one line that says what.  Nothing here imports Streamlit.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import torch

from .train import TrainConfig, build_model

FORMAT = "rnnviz-checkpoint"
VERSION = 1
KEYS = {"format", "version", "config", "step", "model"}


class CheckpointError(ValueError):
    """A file that is not a usable rnnviz checkpoint; the message says why, in one line."""


@dataclass(frozen=True)
class Checkpoint:
    config: TrainConfig
    step: int
    state: dict[str, torch.Tensor]

    def model(self):
        """A CPU model built from the config, holding the saved weights, in eval mode."""
        model = build_model(self.config)[1]
        model.load_state_dict(self.state)
        return model.eval()


def to_bytes(model, config: TrainConfig, step: int = 0) -> bytes:
    """The checkpoint of `model` (trained under `config` for `step` updates) as bytes."""
    state = {name: tensor.detach().cpu().clone() for name, tensor in model.state_dict().items()}
    buffer = io.BytesIO()
    torch.save({"format": FORMAT, "version": VERSION, "config": json.dumps(config.to_dict(), ensure_ascii=False),
                "step": int(step), "model": state}, buffer)
    return buffer.getvalue()


def save(model, config: TrainConfig, path: Path, step: int = 0) -> None:
    """Write the checkpoint to `path` atomically: a temporary file in the same folder, then a rename."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(to_bytes(model, config, step))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load(source: Path | str | bytes | BinaryIO) -> Checkpoint:
    """Read and check a checkpoint from a path, bytes or a binary file object; CheckpointError if unusable."""
    data = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    try:
        with warnings.catch_warnings():  # torch warns about the pickle protocol of a file it then refuses
            warnings.simplefilter("ignore")
            raw = torch.load(data, map_location="cpu", weights_only=True)
    except OSError as exc:
        raise CheckpointError(f"cannot read it ({exc.strerror or exc})") from None
    except Exception as exc:  # noqa: BLE001 — torch reports a bad file with many exception types
        raise CheckpointError(_why_unreadable(exc)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CheckpointError("not an rnnviz checkpoint (no rnnviz format marker)")
    if raw.get("version") != VERSION:
        raise CheckpointError(f"checkpoint version {raw.get('version')!r} is not one this rnnviz reads ({VERSION})")
    if set(raw) != KEYS:
        raise CheckpointError(f"unexpected entries {sorted(map(str, set(raw) ^ KEYS))} in the checkpoint")
    step, state = raw["step"], raw["model"]
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise CheckpointError(f"its step must be a whole number ≥ 0, got {step!r}")
    config = _config(raw["config"])
    if not isinstance(state, dict):
        raise CheckpointError("its model entry is not a dict of tensors")
    _check_state(state, build_model(config)[1].state_dict(), config)
    return Checkpoint(config, step, state)


def _why_unreadable(exc: Exception) -> str:
    """One line for what torch.load said (its own messages run to a paragraph)."""
    text = str(exc)
    hostile = re.search(r"GLOBAL ([\w.]+)", text)
    if hostile:
        return (f"refused: the file asks to load {hostile.group(1)}, and a checkpoint holds "
                "only tensors, numbers and text (nothing in it was run)")
    if "Weights only load failed" in text:
        return "refused: not a torch checkpoint but another pickle or unreadable bytes (nothing in it was run)"
    if isinstance(exc, EOFError):
        return "empty or truncated: the file ends before the checkpoint does"
    if isinstance(exc, RuntimeError):
        return "corrupt or truncated: not a complete torch.save file"
    return f"corrupt, or not a torch checkpoint ({type(exc).__name__} while reading it)"


def _config(text) -> TrainConfig:
    if not isinstance(text, str):
        raise CheckpointError("its config is not JSON text")
    try:
        return TrainConfig.from_dict(json.loads(text))
    except json.JSONDecodeError as exc:
        raise CheckpointError(f"its config is not valid JSON ({exc.msg} at character {exc.pos})") from None
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"its config is not a valid TrainConfig: {exc}") from None


def _check_state(state: dict, expected: dict[str, torch.Tensor], config: TrainConfig) -> None:
    """Every tensor the config's model has, with its shape and dtype, and nothing else."""
    missing, extra = sorted(set(expected) - set(state)), sorted(map(str, set(state) - set(expected)))
    what = f"{config.cell} {config.num_layers}×{config.hidden_size} on {config.task}"
    if missing or extra:
        parts = ([f"missing {', '.join(missing[:5])}"] if missing else []) + (
            [f"unexpected {', '.join(extra[:5])}"] if extra else [])
        raise CheckpointError(f"its weights do not match its config ({what}): {'; '.join(parts)}")
    for name, want in expected.items():
        got = state[name]
        if type(got) is not torch.Tensor or got.layout != torch.strided:
            raise CheckpointError(f"{name} is not a dense tensor")
        if got.shape != want.shape:
            raise CheckpointError(f"{name} has shape {tuple(got.shape)}, but its config ({what}) needs "
                                  f"{tuple(want.shape)}")
        if got.dtype != want.dtype:
            raise CheckpointError(f"{name} has dtype {got.dtype}, but its config needs {want.dtype}")
