"""Strings of page 8, attention: an encoder–decoder trained live with and without attention (curriculum §6).

Sentences that state what the models do are the measured claims, one key each ("attention.claim_*"), so
they can be checked against bench/attention_seeds.py; every other caption says what to look at."""

EN = {
    "attention.title": "Attention in an encoder–decoder",
    "attention.card": "Reverse a sequence: one decoder must work from a single vector, the other may look back at every input.",
    "attention.intro": (
        "An encoder RNN reads the input; a decoder RNN writes the output, one token per step. **Without attention** "
        "the only bridge between them is the encoder's last state h_T: the whole input squeezed into one vector "
        "(the bottleneck). **With attention** the decoder, at every output step, scores every encoder state, turns "
        "the scores into weights that sum to 1 and reads their weighted sum: a learned look-up over the input. "
        "Press **Train both** to train the two side by side with the same seed, data and budget."
    ),
    # controls
    "attention.task": "Task",
    "attention.task.reverse": "reverse a sequence",
    "attention.task.sort": "sort digits",
    "attention.task.dates": "rewrite a date as ISO (2009-06-25)",
    "attention.length": "Input length (tokens)",
    "attention.length_help": "The longest input the models train on.",
    "attention.cell": "Cell",
    "attention.mode": "Attention score",
    "attention.mode_help": (
        "How the decoder state s and an encoder state h_j are scored: additive (Bahdanau et al. 2015) runs a small "
        "network on both; dot and general (Luong et al. 2015) take a dot product, general through a learned matrix."
    ),
    "attention.mode.additive": "additive",
    "attention.mode.dot": "dot",
    "attention.mode.general": "general",
    "attention.steps": "Training steps",
    "attention.button": "Train both",
    "attention.model.none": "no attention",
    "attention.model.with": "attention",
    # live figures
    "attention.metric": "{label}: exact match",
    "attention.accuracy_title": "Exact match while training",
    "attention.accuracy_caption": (
        "a sequence counts only when every output token is right, measured on a held-out batch. Compare the "
        "height at which the two curves level off."
    ),
    "attention.gradient_title": "Gradient reaching each encoder step (step {step})",
    "attention.gradient_caption": (
        "each line is divided by its own value at the last input step, so both end at 1 on the right, next to the "
        "decoder. Read leftwards: how far a line falls toward the first input is how little gradient reaches it "
        "(the loss sums over every output token; absolute values shrink as a model's loss shrinks)."
    ),
    # probe
    "attention.probe_header": "Look inside: one example",
    "attention.example": "Probe example",
    "attention.example_help": "One of the fixed held-out examples both models are shown at every snapshot.",
    "attention.typed": "…or type an input",
    "attention.typed_help": "Replaces the probe example; both models decode it as they are now.",
    "attention.typed_bad": "That input cannot be used:",
    "attention.out_step": "Output step t (spelled out in the equations)",
    "attention.out_step_help": "The row of the attention map, outlined in orange, whose numbers the equations show.",
    "attention.probe_caption": "Input: {source} → target: {target}",
    "attention.heat_title": "{label}: where output step t looks",
    "attention.heat_caption": (
        "each row is one output token and sums to 1; the bright cells are the inputs it read. Wrong output "
        "tokens are red, with the right one in brackets."
    ),
    "attention.bottleneck_title": "{label}: one vector carries the input",
    "attention.bottleneck_note": (
        "No attention weights to show:<br>every output token is decoded<br>from h_T, the final encoder state,"
        "<br>plus what the decoder has written so far."
    ),
    "attention.bottleneck_caption": (
        "this model cannot look back. The dotted column is all the decoder receives from the encoder. Compare its "
        "red (wrong) output tokens with the model beside it."
    ),
    # equations
    "attention.equations": "The equations, live for output step t = {step}",
    "attention.notation_bahdanau": "Bahdanau et al. (2015)",
    "attention.notation_ng": "Deep Learning Specialization (Ng)",
    "attention.eq.additive": r"e_{tj} = v_a^{\top} \tanh\left(W_a\, s_{t-1} + U_a\, h_j\right)",
    "attention.eq.dot": r"e_{tj} = s_{t-1}^{\top}\, h_j",
    "attention.eq.general": r"e_{tj} = s_{t-1}^{\top}\, W_a\, h_j",
    "attention.eq.softmax": r"\alpha_{tj} = \frac{\exp(e_{tj})}{\sum_{k} \exp(e_{tk})}",
    "attention.eq.context": r"c_t = \sum_{j} \alpha_{tj}\, h_j",
    "attention.eq.ng.score": r"e^{\langle t,t'\rangle} = \text{score}\left(s^{\langle t-1\rangle},\ a^{\langle t'\rangle}\right)",
    "attention.eq.ng.softmax": (
        r"\alpha^{\langle t,t'\rangle} = \frac{\exp\left(e^{\langle t,t'\rangle}\right)}"
        r"{\sum_{t''} \exp\left(e^{\langle t,t''\rangle}\right)}"
    ),
    "attention.eq.ng.context": r"\text{context}^{\langle t\rangle} = \sum_{t'} \alpha^{\langle t,t'\rangle}\, a^{\langle t'\rangle}",
    "attention.eq.legend": (
        "h_j (Ng: a<t'>) is the encoder state at input step j; s_{t−1} (Ng: s<t−1>) the decoder state before output "
        "step t; c_t (Ng: context<t>) is what the decoder reads besides its own state when it writes output t."
    ),
    "attention.live.softmax": (
        r"\alpha_{{{t},{j}}} = \frac{{\exp({e:.2f})}}{{\sum_k \exp(e_{{{t},k}})}} = \frac{{{num}}}{{{den}}} = {value:.2f}"
    ),
    "attention.live.term": r"{value:.2f}\, h_{{{j}}}",
    "attention.live.context": r"c_{{{t}}} = {terms} \quad \lVert c_{{{t}}} \rVert = {norm:.2f}",
    "attention.col.j": "j (Ng: t′)",
    "attention.col.token": "input token",
    "attention.col.e": "score e_tj",
    "attention.col.alpha": "weight α_tj",
    "attention.live.rest": r"+ \ldots",
    "attention.live_caption": (
        "The three input steps with the largest weight for output step t = {step}, from the model with "
        "attention, as it is now."
    ),
    "attention.live_none": "Train the models to see the numbers of one output step here.",
    # after training
    "attention.length_header": "Shorter and longer inputs",
    "attention.length_title": "Exact match against input length, after training",
    "attention.length_caption": (
        "each point is the exact match on {n} fresh examples of one input length. The shaded band holds the "
        "lengths the models trained on; to its right are lengths they never saw."
    ),
    "attention.length_wait": "When both models have finished training, their accuracy on shorter and longer inputs appears here.",
    "attention.why": (
        "**Why.** Without attention the decoder's only view of the input is h_T, one vector written after the last "
        "input. Whatever the first inputs said must survive in it through every later encoder step, and the "
        "gradient that teaches the encoder to keep it must travel back through that same chain. With attention, "
        "c_t = Σ_j α_tj h_j puts every encoder state one step away from every output: the decoder can read an "
        "input where it sits, and the gradient reaches it the same way."
    ),
    # claims (measured by bench/attention_seeds.py; see the engine report)
    "attention.claim_default": "",
    "attention.claim_gradient": "",
    "attention.claim_length": "",
    "attention.honest": "",
}
