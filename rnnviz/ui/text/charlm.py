"""Strings of page 5, the character model: training on a text, samples, units coloured over the text, PCA."""

EN = {
    "charlm.title": "Hidden states of a character model",
    "charlm.card": "Train a character-level language model on sonnets or your own text, then find the hidden units that track spaces and line breaks.",
    "charlm.intro": (
        "A character model reads text one character at a time and predicts the next one; its target is the "
        "input shifted by one. To write, it samples a character from its prediction and feeds it back in. "
        "Press **Train** and watch its samples go from noise to words; then colour the text by "
        "what single hidden units do while reading it."
    ),
    "charlm.source": "Text to learn",
    "charlm.source.sonnets": "Shakespeare's sonnets (bundled)",
    "charlm.source.tiny": "“I think therefore I am” (three sentences)",
    "charlm.source.paste": "Paste your own",
    "charlm.source.upload": "Upload a .txt file",
    "charlm.paste": "Your text",
    "charlm.paste_placeholder": "Paste a few thousand characters of any text: a poem, code, a song…",
    "charlm.upload": "A plain-text file in UTF-8",
    "charlm.empty": "There is no text yet: paste some into the box above.",
    "charlm.no_file": "Choose a .txt file to learn from.",
    "charlm.too_long": "That text has {chars:,} characters; this page learns from at most {limit:,}. Use a shorter part of it.",
    "charlm.not_utf8": "That file is not UTF-8 text, so its characters cannot be read. Save it as UTF-8 plain text and upload it again.",
    "charlm.describe": "{chars:,} characters, {vocab} distinct; the model reads windows of {seq_len}.",
    "charlm.cell": "Cell",
    "charlm.hidden": "Hidden units",
    "charlm.steps": "Training steps",
    "charlm.temperature": "Sampling temperature",
    "charlm.temperature_help": "Divides the scores before the softmax: low → safe and repetitive (as it approaches 0, the samples approach always taking the likeliest character), 1 → the model's own odds, high → wild.",
    "charlm.prime": "Start the samples with",
    "charlm.prime_help": "Characters of the text to begin with. Empty: the samples begin a new line.",
    "charlm.bpc": "bits per character",
    "charlm.bpc_title": "Bits per character while training (letter frequencies alone: {chance:.2f})",
    "charlm.bpc_caption": (
        "lower is better. The grey line is what you get from letter frequencies alone, ignoring order; "
        "guessing uniformly among the {vocab} characters would cost {uniform:.2f} bits."
    ),
    "charlm.bpc_now": "Last 20 steps: **{bpc:.2f}** bits per character, against {chance:.2f} for letter frequencies alone.",
    "charlm.samples": "Samples as it learns (temperature {temperature:g})",
    "charlm.sample_at": "after {step} steps",
    "charlm.sample_final": "the trained model, after {step} steps",
    "charlm.sample_failed": "No sample: {message}",
    "charlm.bad_prime": "The start of the samples cannot be used: {message}",
    "charlm.read_header": "What single units track",
    "charlm.read_intro": (
        "The trained model reads a piece of text below. Each character's background is one hidden unit's "
        "value h after reading it: red positive, blue negative, white near 0. Most units mix many things; a few "
        "follow something you can name."
    ),
    "charlm.start": "Window start (character)",
    "charlm.probe": "…or type a text for it to read",
    "charlm.probe_help": "Only characters that occur in the training text; the first {limit:,} are read.",
    "charlm.unit": "Unit to colour by (most interesting first)",
    "charlm.unit_help": "Units are ordered by their strongest correlation with one of the simple features in the table.",
    "charlm.unit_option": "unit {unit} — {feature} (r = {r:+.2f})",
    "charlm.ranking": "Find interesting units: correlation of each unit with simple features of this text",
    "charlm.ranking_caption": "Pearson correlation over the characters shown. A strong correlation is a lead, not proof: check it in the coloured text.",
    "charlm.heat_caption": (
        "What to look at: where the colour flips. Trained on the sonnets with the defaults, some unit always "
        "followed the spaces and line breaks (|r| ≥ 0.5 with “whitespace” on every one of seeds 0–9): look for it in the "
        "list. With your own text, look for what it has: quotes, brackets, line starts."
    ),
    "charlm.pca_title": "Path of the hidden state while reading (PCA of h)",
    "charlm.pca_caption": "each dot is the state after one character, coloured by position. Hover to see the character, and look for where the path jumps.",
}
