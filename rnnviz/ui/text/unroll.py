"""Strings of page 1: the unrolled RNN, one step at a time, in Ng's and PyTorch's notation."""

EN = {
    "unroll.title": "The unrolled RNN",
    "unroll.card": "Type a word and step through a tiny RNN: the same weights at every step, a new hidden state each time.",
    "unroll.intro": (
        "An RNN reads a sequence one element at a time and keeps a hidden state h_t, a small vector that sums up "
        "what it has read so far. At every step it combines the new input x_t with the previous state h_(t−1) "
        "**using the same weight matrices**. Type a word below and step through it with a tiny RNN whose weights "
        "are random (seeded in the sidebar) — nothing is trained on this page."
    ),
    "unroll.text": "Input text",
    "unroll.text_help": "Each character is one timestep. At most {max_len} characters are read.",
    "unroll.hidden": "Hidden units",
    "unroll.hidden_help": "The size of h_t. Real models use hundreds; a few are enough to read every number.",
    "unroll.encoding": "How a character becomes x_t",
    "unroll.encoding.onehot": "one-hot",
    "unroll.encoding.embedding": "learned embedding (size 4)",
    "unroll.encoding_help": (
        "One-hot: a vector with a single 1 at the character's place in the vocabulary (here: the distinct characters "
        "of your text). Embedding: a short dense vector per character, looked up in a table that training would learn "
        "(here it is still random)."
    ),
    "unroll.empty": "Type at least one character: the RNN needs something to read.",
    "unroll.cut": "Your text has {length} characters; only the first {max_len} are read here.",
    "unroll.step": "Timestep t",
    "unroll.step_help": "Move it and watch which numbers change: only x_t, h_(t−1), the pre-activation and h_t.",
    "unroll.step_title": "Step t = {t}: reading “{char}”",
    "unroll.step_caption": (
        "the first five boxes, W_xh · x_t + W_hh · h_(t−1) + b, add up to the pre-activation; tanh squashes it into "
        "h_t. Move the slider: W_xh, W_hh and b keep exactly the same numbers — only x_t and the states change."
    ),
    "unroll.vocab": "Vocabulary ({size} distinct characters, in order of first appearance): {chars}",
    "unroll.embedding_note": (
        "x_t is the character's row of a 4-column embedding table, drawn at random here; in a trained model it is "
        "learned with the other weights. W_xh now has 4 columns whatever the vocabulary."
    ),
    "unroll.eq_ng": "Andrew Ng's notation (g = tanh here; a⟨0⟩ = 0):",
    "unroll.eq_torch": "PyTorch's `torch.nn.RNN` (what the engine computes; h₀ = 0):",
    "unroll.eq_table": (
        "| figure | Ng | PyTorch tensor | shape |\n"
        "|---|---|---|---|\n"
        "| W_xh | W_ax | `weight_ih_l0` | {hidden} × {inputs} |\n"
        "| W_hh | W_aa | `weight_hh_l0` | {hidden} × {hidden} |\n"
        "| b | b_a | `bias_ih_l0 + bias_hh_l0` | {hidden} |\n"
        "| h_t | a⟨t⟩ | `output[t]` | {hidden} |"
    ),
    "unroll.shared": (
        "**One set of weights for every step.** Unrolling draws the RNN once per timestep, but it is the same "
        "network: W_xh, W_hh and b are reused at t = 1, 2, …, {steps}. That is why an RNN can read a text of any "
        "length, and why training must add up the gradient from every step into the same matrices."
    ),
    "unroll.live": "Now: h_{t} = tanh(pre) = [{values}]",
    "unroll.heat_title": "Hidden state h_t for the whole text (the box marks step t = {t})",
    "unroll.heat_caption": (
        "each column is h_t after reading the character below it; each row is one hidden unit. The column in the box "
        "is the h_t of the step above. With the default text, change one l of “hello” into h or e: every column from there on changes, the "
        "ones before it do not. (Changing the e into a letter the text does not have, “hallo”, changes nothing: "
        "the one-hot vocabulary is numbered by first appearance, so the network sees the same vectors.)"
    ),
}
