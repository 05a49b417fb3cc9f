"""Strings of page 6: deep and bidirectional RNNs, trained side by side on a task that needs the future."""

EN = {
    "deep.title": "Deep & bidirectional RNNs",
    "deep.card": "When the answer depends on a word that comes later, only a bidirectional RNN can get it.",
    "deep.intro": (
        "“He said, **Teddy** Roosevelt was a great President” — “**Teddy** bears are on sale.” At the word Teddy "
        "nothing read so far tells a person from a toy; the word that decides comes later. A unidirectional RNN reads "
        "left to right and must answer at each word before it sees the rest. A bidirectional RNN runs a second RNN "
        "from right to left and reads both at every step. Press **Train both** to train the two, with the same cell and "
        "the same number of layers, side by side."
    ),
    "deep.task": "Task",
    "deep.cell": "Cell",
    "deep.layers": "Layers (stacked RNNs)",
    "deep.layers_help": "Each layer reads the hidden states of the layer below; three layers is already deep.",
    "deep.steps": "Training steps",
    "deep.button": "Train both",
    "deep.uni": "unidirectional {cell}",
    "deep.bi": "bidirectional {cell}",
    "deep.equations": "Where these weights live in PyTorch",
    "deep.eq_brnn": r"\hat y^{\langle t\rangle} = g\left(W_y\,[\,\overrightarrow{a}^{\langle t\rangle},\ \overleftarrow{a}^{\langle t\rangle}\,] + b_y\right)",
    "deep.eq_deep": r"a^{[l]\langle t\rangle} = g\left(W_a^{[l]}\,[\,a^{[l]\langle t-1\rangle},\ a^{[l-1]\langle t\rangle}\,] + b_a^{[l]}\right)",
    "deep.eq_brnn_text": "Bidirectional: the prediction at step t reads the forward state and the backward state of that step.",
    "deep.eq_deep_text": "Deep: layer l reads its own previous state and the state of the layer below at the same step.",
    "deep.params_text": (
        "The parameters of the bidirectional model on this screen ({cell}, {layers} layer(s), hidden size {hidden}). "
        "PyTorch's layer index starts at 0, so layer l of the equation is `_l{{l−1}}`; `_reverse` is the backward "
        "direction."
    ),
    "deep.params_gates": "Each weight stacks the matrices of the {count} parts ({gates}): {count} blocks of {hidden} rows.",
    "deep.param": "PyTorch name",
    "deep.shape": "shape",
    "deep.role": "in the equation",
    "deep.role.weight_ih": "W_a[{layer}]{arrow}, the part that reads {below}",
    "deep.role.weight_hh": "W_a[{layer}]{arrow}, the part that reads a[{layer}]{arrow}<t{step}> (the recurrence)",
    "deep.role.bias": "b_a[{layer}]{arrow} = bias_ih + bias_hh (PyTorch keeps two)",
    "deep.role.head_weight": "W_y (its columns read [a→, a←])",
    "deep.role.head_bias": "b_y",
    "deep.below_input": "the input x<t>",
    "deep.below_layer": "[a→, a←] of layer {layer} (both directions)",
    "deep.forward": "forward →",
    "deep.backward": "backward ←",
    "deep.accuracy_title": "{metric} while training",
    "deep.ceiling": "best possible without the future = {value:.0%}",
    "deep.accuracy_caption_lookahead": (
        "the unidirectional model cannot pass the dashed line: at a Teddy the past says nothing, so it can only "
        "guess. With the default settings (LSTM, one layer, 200 steps) the bidirectional model climbs to 100 % "
        "(held-out, on every one of seeds 0–9)."
    ),
    "deep.accuracy_caption_recall": (
        "on recall the bidirectional model wins for a cheap reason: its backward RNN reads the first symbol last, "
        "right before the answer, so it needs no long memory at all (with the defaults it led by more than 70 "
        "points on every one of seeds 0–9)."
    ),
    "deep.inside": "Look inside: every layer and every direction",
    "deep.view": "Model",
    "deep.view.uni": "unidirectional",
    "deep.view.bi": "bidirectional",
    "deep.inside_step": "Probe sequence {example} after step {step}. The tick labels are its words: T = Teddy, "
                        "P = a person word, B = a toy word, ·k = other words.",
    "deep.inside_step_recall": "Probe sequence {example} after step {step}; the first word is the symbol to name.",
    "deep.heat_title": "Layer {layer}, {direction}: hidden state a[{layer}]",
    "deep.heat.lookahead.forward": "the forward state at a T has read only the past, so it cannot differ between a person and a toy.",
    "deep.heat.lookahead.forward_deep": "this forward state reads both directions of the layer below, so at a T it can already know the answer.",
    "deep.heat.lookahead.backward": "the backward state is computed right to left: at a T it has already read the P or B that follows.",
    "deep.heat.recall.forward": "the forward state must carry the first symbol across every distractor to the last step.",
    "deep.heat.recall.forward_deep": "this forward state reads both directions of the layer below, which already hold the first symbol.",
    "deep.heat.recall.backward": "the backward state reads the first symbol last: at t = 0 it has just seen it.",
    "deep.flow_title": "How much gradient reaches each timestep, per layer and direction (step {step})",
    "deep.flow_caption": (
        "the forward lines (solid) carry the gradient from the loss to earlier steps, the backward lines "
        "(dotted) to later ones — on lookahead, to the word that decides. Hollow circles: exactly 0, no loss lies "
        "in that direction from there."
    ),
    "deep.flow_label": "layer {layer} {direction}",
    "deep.honest": (
        "Fine print: in a deep bidirectional model, layer 2 reads both directions of layer 1, so even its forward "
        "half already knows the future. A bidirectional RNN needs the whole sequence before its first output, "
        "so it cannot generate text or answer in real time."
    ),
}
