"""Strings of page 4, inside the gates: LSTM and GRU gate activations, saturation, and the forget-gate bias."""

EN = {
    "gates.title": "Inside the gates",
    "gates.card": "Train an LSTM or a GRU and watch every gate open and close, character by character.",
    "gates.intro": (
        "A gated cell decides at every step what to forget, what to write and what to show. Pick a cell and a "
        "task, press **Train**, and read the gates of the trained model as heatmaps: one row per unit, one "
        "column per input token. First, see how the forget-gate bias decides whether gradient can flow back "
        "through time before training even starts."
    ),
    "gates.cell": "Cell",
    "gates.task": "Task",
    "gates.length": "Sequence length (steps)",
    "gates.length_help": "Recall: distractors between the symbol and the question. Adding: numbers read. Text: characters per window.",
    "gates.hidden": "Hidden units",
    "gates.steps": "Training steps",
    "gates.bias": "Forget-gate bias at initialisation",
    "gates.bias_help": (
        "The starting bias of the LSTM forget gate f (for the GRU: of z, the share of the old state kept). "
        "It is used by the gradient plot here and by the training below."
    ),
    "gates.equations": "The equations (PyTorch names)",
    "gates.other_equations": "The {cell}'s equations, for comparison",
    "gates.eq.lstm": (
        r"\begin{aligned}"
        r"i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})\\"
        r"f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})\\"
        r"g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})\\"
        r"o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})\\"
        r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t\\"
        r"h_t &= o_t \odot \tanh(c_t)"
        r"\end{aligned}"
    ),
    "gates.eq.gru": (
        r"\begin{aligned}"
        r"r_t &= \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})\\"
        r"z_t &= \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})\\"
        r"n_t &= \tanh\big(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})\big)\\"
        r"h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}"
        r"\end{aligned}"
    ),
    "gates.names.lstm": (
        "In Andrew Ng's notation: i is the update gate Γu, f the forget gate Γf, o the output gate Γo, and g the "
        "candidate c̃. The rows of `weight_ih_l0` and `weight_hh_l0` are stacked in the order i, f, g, o."
    ),
    "gates.names.gru": (
        "**PyTorch's GRU is not written like Ng's.** PyTorch's z is the share of the *old* state kept, which is "
        "Ng's 1 − Γu, so z ≈ 1 means *remember*. And the reset gate acts *after* the matrix product, "
        "r ⊙ (W_hn h + b_hn), where Ng's c̃ multiplies Γr into the state before it: tanh(W_c [Γr ⊙ c, x] + b_c). "
        "The rows of `weight_hh_l0` are stacked r, z, n."
    ),
    "gates.train_header": "Train it, then look inside",
    "gates.example": "Example from the fixed probe batch",
    "gates.example_help": "The same eight sequences every time, so you can compare runs.",
    "gates.typed": "…or type your own",
    "gates.typed_help.recall": "Tokens separated by spaces: a symbol A–{last_symbol} or a distractor 0–{last_distractor}, e.g. “B 0 3 1 2”.",
    "gates.typed_help.charlm": "Any characters that occur in the training text.",
    "gates.typed_help.adding": "The adding task reads numbers, not tokens: choose an example instead.",
    "gates.typed_unknown": "These tokens are not in the vocabulary: {tokens}. Use {allowed}.",
    "gates.progress": "Step {step}: {metric_name} {metric:.0%} over the last 20 batches (chance {chance:.1%}).",
    "gates.heatmaps_caption.lstm": (
        "each row is one unit, each column one input token. Where i opens (yellow), g is written into c; "
        "where f stays near 1, c holds its value over the following steps; o decides how much of it h shows."
    ),
    "gates.heatmaps_caption.gru": (
        "each row is one unit, each column one input token. Where z stays near 1 (yellow), the unit keeps its "
        "old value; where z drops, h is overwritten by the candidate n."
    ),
    "gates.saturation_caption": (
        "each dot is one unit's gate over the whole probe batch. Dots near the top-left corner are gates that "
        "are nearly always open, near the bottom-right nearly always shut, along the diagonal line they act "
        "as switches; near the origin they never commit."
    ),
    "gates.bias_header": "The forget-gate bias decides the start",
    "gates.bias_intro": (
        "Before any training, the gradient of the loss travels back along the cell state, multiplied at each "
        "step by the forget gate. With a bias b it starts near σ(b): σ(0) = 0.5, σ(1) ≈ 0.73, σ(2) ≈ 0.88, "
        "σ(4) ≈ 0.98. Move the slider and watch the dashed line tilt."
    ),
    "gates.bias_intro_gru": (
        "Before any training, the gradient travels back along h, multiplied at each step by about z (plus a "
        "path through n). With a bias b on z it starts near σ(b): σ(0) = 0.5, σ(1) ≈ 0.73, σ(2) ≈ 0.88, "
        "σ(4) ≈ 0.98. Move the slider and watch the line tilt."
    ),
    "gates.bias_title": "Gradient reaching each step at initialisation, forget-gate bias {bias:+g}",
    "gates.bias_title_gru": "Gradient reaching each step at initialisation, bias of z {bias:+g}",
    "gates.bias_caption": (
        "the loss is on the right; read each line leftwards. The ratio in the corner says how much of the "
        "gradient at the end still arrives at step 0."
    ),
    "gates.bias_every_step": (
        "Here the loss sits on every character, so each step also gets gradient from its own prediction; the "
        "bias decides how much arrives from further ahead. The recall task shows the effect most clearly."
    ),
    "gates.bias_honest": (
        "A forget bias of +1 is the common default (Jozefowicz, Zaremba & Sutskever 2015); PyTorch itself starts "
        "near 0. For long dependencies a larger bias, or chrono initialisation (Tallec & Ollivier 2018), is what "
        "makes the LSTM start out remembering. Measured with this page's defaults (LSTM, recall over 20 steps, 16 "
        "units, 800 steps, Adam 10⁻²) on seeds 0–9: a bias of 0 left the LSTM at chance every time; +1 solved at "
        "most a few seeds and mostly stalled part-way, near 50 %; +2 and +4 solved every seed. Try it below."
    ),
}
