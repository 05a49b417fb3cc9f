"""The words the figures print — axis and colour-bar titles, legend entries, hover labels, buttons — in
English, by key.  Every builder takes `words=`, a dict that replaces any of them (the dashboard passes its
catalogue's translation, `rnnviz/ui/text/figures.py`); a {placeholder} is filled in by the builder.
Symbols (h_t, ‖∂L/∂h_t‖, W_hh) stay in the strings: they read the same in every language."""

from __future__ import annotations

WORDS = {
    # shared axes and hovers
    "timestep": "timestep t",
    "training_step": "training step",
    "step_hover": "step",
    "log_scale": "{name} (log scale)",
    "unit": "unit",
    "hidden_unit": "hidden unit",
    "value": "value",
    "gate": "gate",
    # gradient profiles
    "grad_flow_title": "How much gradient reaches each timestep",
    "jacobian_title": "How much h_T still depends on h_t",
    "animation_title": "Gradient flow as training goes",
    "underflowed": "0 (underflowed)",
    "play": "▶ play",
    "pause": "❚❚ pause",
    # training curves
    "loss": "training loss",
    "metric": "metric",
    "grad_norm": "total gradient norm ‖∇L‖",
    "during_training": "{name} during training",
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "axis_better": "{name} ({better})",
    "chance": "chance = {value:.3g}",
    "diverged": "diverged (NaN/inf) at step {step}",
    "clipped": "clipped",
    "clip_threshold": "clip threshold = {clip:g}",
    "grad_norm_title": "Total gradient norm per step",
    # states and gates
    "state_title": "Hidden state over time",
    "gates_title": "Inside the {cell}: gates and states of example {example}",
    "panel.lstm.i": "i — input gate (how much of g is written)",
    "panel.lstm.f": "f — forget gate (1 = keep)",
    "panel.lstm.g": "g — cell candidate, tanh (Ng's c̃)",
    "panel.lstm.o": "o — output gate (how much of tanh(c) is shown)",
    "panel.lstm.c": "c — cell state (the gradient highway)",
    "panel.gru.r": "r — reset gate (0 = ignore h_{t−1} in n)",
    "panel.gru.z": "z — update gate, PyTorch: share of old state kept (Ng's 1 − Γu)",
    "panel.gru.n": "n — candidate state, tanh (Ng's c̃)",
    "panel.gru.h": "h — hidden state",
    "panel.rnn.pre": "pre — pre-activation W_hh·h_{t−1} + W_xh·x_t + b",
    "panel.rnn.h": "h — hidden state, tanh(pre)",
    "saturation_title": "How often each gate is saturated (one dot per unit)",
    "saturation_x": "fraction of time left-saturated (gate < 0.1)",
    "saturation_y": "fraction of time right-saturated (gate > 0.9)",
    "saturation_gate": "{gate} gate",
    "saturation_hover": "{gate} gate, unit {unit}<br>below 0.1: {low} of the time<br>above 0.9: {high} of the time",
    "no_gates": "a vanilla RNN has no gates",
    "pca_title": "Path of the hidden state (PCA)",
    "pca_axis": "PC{k} ({share:.0%} of variance)",
    "token": "token",
    # the analytic page
    "eig_title": "Eigenvalues of W_hh — spectral radius ρ = {radius:.3g}",
    "unit_circle": "unit circle |λ| = 1",
    "shrinks": "|λ| ≤ 1 (shrinks)",
    "grows": "|λ| > 1 (grows)",
    "real_part": "real part Re λ",
    "imaginary_part": "imaginary part Im λ",
    "function": "function g(z)",
    "derivative": "derivative g′(z)",
    "activations_title": "Activation functions and their slopes: backprop multiplies by g′ at every step",
    "input_z": "input z",
    # one unrolled step
    "unroll_title": "One step of the RNN: h_t = tanh(W_hh·h_{t−1} + W_xh·x_t + b)",
    "unroll_hover": "row {row}, column {column}",
    "hidden_unit_i": "hidden unit i",
    "input_j": "input j",
    "unit_j": "unit j of h_{t−1}",
}


def words_for(words: dict | None = None, own: dict | None = None) -> dict:
    """The English words, and a page's `own` figure words (attention, memory, generation), with `words` laid
    over them."""
    return {**WORDS, **(own or {}), **(words or {})}
