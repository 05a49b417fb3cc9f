"""Small NumPy helpers the figures and pages share: PCA, gate saturation, and finding
interpretable hidden units by correlating them with simple per-character text features."""

from __future__ import annotations

import numpy as np
import pandas as pd


def pca(x: np.ndarray, k: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Project the rows of x (N, D) on their top-k principal components.

    Returns (projected (N, k), explained_ratio (k,)).  Each component's sign is fixed so that its
    largest loading is positive, so the same data always gives the same picture.  Components the
    data cannot supply (k > min(N, D), or no variance at all) come back as zeros.
    """
    x = np.asarray(x, dtype=float)
    centered = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centered, full_matrices=False)
    signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
    vt = vt * signs[:, None]
    var = s**2
    total = var.sum()
    ratio = var / total if total > 0 else np.zeros_like(var)
    m = min(k, len(vt))
    projected = np.zeros((len(x), k))
    explained = np.zeros(k)
    projected[:, :m] = centered @ vt[:m].T
    explained[:m] = ratio[:m]
    return projected, explained


def saturation(gate_values: np.ndarray, low: float = 0.1, high: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, the fraction of (example, t) where a gate is below `low` and above `high`
    (Karpathy, Johnson & Fei-Fei 2015).  gate_values: (..., units), e.g. (B, T, U)."""
    g = np.asarray(gate_values)
    flat = g.reshape(-1, g.shape[-1])
    return (flat < low).mean(axis=0), (flat > high).mean(axis=0)


def text_features(text: str) -> dict[str, np.ndarray]:
    """Simple per-character features of `text`, each a float array of len(text).

    inside quotes        1 from an opening double quote up to and including its closing one
    position in line     characters since the last newline (0 at a line's start)
    vowel                1 for a, e, i, o, u (any case)
    whitespace           1 for spaces, tabs and newlines
    inside parentheses   1 from "(" up to and including its matching ")"
    """
    quoted, column, parens = [], [], []
    inside, col, depth = False, 0, 0
    for ch in text:
        opens = ch == "“" or (ch == '"' and not inside)
        closes = ch == "”" or (ch == '"' and inside)
        quoted.append(float(inside or opens))
        inside = (inside or opens) and not closes
        column.append(float(col))
        col = 0 if ch == "\n" else col + 1
        depth += ch == "("
        parens.append(float(depth > 0))
        depth = max(depth - (ch == ")"), 0)
    return {
        "inside quotes": np.array(quoted),
        "position in line": np.array(column),
        "vowel": np.array([float(ch.lower() in "aeiou") for ch in text]),
        "whitespace": np.array([float(ch.isspace()) for ch in text]),
        "inside parentheses": np.array(parens),
    }


def rank_units(activations: np.ndarray, features: dict[str, np.ndarray]) -> pd.DataFrame:
    """Pearson correlation of every unit (columns of activations (T, U)) with every feature (T,).

    Returns a DataFrame with columns unit, feature, correlation, sorted by |correlation|, largest
    first.  A constant unit or feature has correlation 0 (not NaN)."""
    acts = np.asarray(activations, dtype=float)
    varies = np.ptp(acts, axis=0) > 0  # decided on the raw values: centring leaves rounding noise
    acts = acts - acts.mean(axis=0)
    acts_norm = np.linalg.norm(acts, axis=0)
    rows = []
    for name, values in features.items():
        f = np.asarray(values, dtype=float)
        if f.shape != (len(acts),):
            raise ValueError(f"feature {name!r} has shape {f.shape}, expected ({len(acts)},)")
        centred = f - f.mean()
        denom = acts_norm * np.linalg.norm(centred)
        corr = np.divide(centred @ acts, denom, out=np.zeros_like(denom), where=varies & (np.ptp(f) > 0))
        rows += [(unit, name, float(c)) for unit, c in enumerate(corr)]
    table = pd.DataFrame(rows, columns=["unit", "feature", "correlation"])
    order = np.argsort(-table["correlation"].abs().to_numpy(), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def ratio_first_last(profile: np.ndarray) -> float:
    """profile[0] / profile[-1]: how much of the signal at the last step survives back to the first
    (inf when only the last value is 0, NaN when both are)."""
    first, last = float(profile[0]), float(profile[-1])
    if last == 0:
        return float("nan") if first == 0 else float("inf")
    return first / last
