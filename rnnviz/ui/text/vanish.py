"""Strings of page 2: vanishing and exploding gradients, analytically, and gradient clipping."""

EN = {
    "vanish.title": "Vanishing & exploding, analytically",
    "vanish.card": "Turn the spectral radius of W_hh and watch the gradient shrink or blow up over time — no training needed.",
    "vanish.intro": (
        "Backpropagation through time multiplies the gradient by one Jacobian per step: "
        "∂h_T/∂h_t = Π diag(g′(z_k)) · W_hh over the steps k = t+1 … T, where T is the "
        "last step (the steps are counted t = 0 … T). A product of many factors smaller than 1 "
        "vanishes; larger than 1, it explodes. Everything in the first part is computed at once from a freshly "
        "initialised cell, so move the sliders freely."
    ),
    "vanish.cell": "Cell",
    "vanish.cell.tanh": "vanilla RNN (tanh)",
    "vanish.cell.relu": "vanilla RNN (ReLU)",
    "vanish.cell.lstm": "LSTM",
    "vanish.cell.gru": "GRU",
    "vanish.init": "Initialisation of W_hh",
    "vanish.init.gaussian": "gaussian N(0, s²/H)",
    "vanish.init.orthogonal": "orthogonal (s · Q)",
    "vanish.init.identity": "identity (s · I, biases 0: IRNN)",
    "vanish.init_help": (
        "Gaussian: a random matrix whose spectral radius is only about s. Orthogonal and identity: every eigenvalue "
        "has |λ| = s exactly. Identity with ReLU and zero biases is the IRNN of Le, Jaitly & Hinton (2015)."
    ),
    "vanish.scale": "Spectral radius / weight scale s of W_hh",
    "vanish.scale_help": "Every block of W_hh is initialised with this scale; the eigenvalue plot shows the radius you got.",
    "vanish.length": "Sequence length T",
    "vanish.gate_bias": "Forget / keep gate bias",
    "vanish.gate_bias_help": (
        "LSTM: the bias of the forget gate f; GRU: of PyTorch's update gate z (the share of the old state kept). "
        "0 is about PyTorch's default on average; +1 to +4 makes the cell remember by default. Vanilla RNNs have no gate."
    ),
    "vanish.profile_title": "How much the last state h_T still depends on h_t — {cell}, {length} steps",
    "vanish.theory": "ρ^(T−t), ρ = {radius:.3g}: a linear RNN",
    "vanish.profile_caption": (
        "the right end is the last step, t = T (where ‖∂h_T/∂h_T‖ = 1); read leftwards. A straight falling line on this log axis "
        "is geometric vanishing; a rising one is explosion. The grey dashed line is ρ^(T−t), the rate of a linear "
        "RNN with this W_hh."
    ),
    "vanish.profile_caption_gated": (
        "the right end is the last step, t = T (where ‖∂h_T/∂h_T‖ = 1); read leftwards. Through the gates the rate is no longer "
        "a power of ρ: raise the gate bias and watch the line flatten."
    ),
    "vanish.reach": "From t = 0 to t = T the dependence is multiplied by **{ratio:.2g}** in all: about **{rate:.3g}** per step.",
    "vanish.eig_title": "Eigenvalues of {block} (ρ = {radius:.3g})",
    "vanish.block.rnn": "W_hh",
    "vanish.block.lstm": "W_hh's g block",
    "vanish.block.gru": "W_hh's n block",
    "vanish.eig_caption": (
        "points outside the circle are directions that grow at every step, points inside shrink. Move the scale "
        "slider: the cloud grows and shrinks with it."
    ),
    "vanish.eig_caption_gated": (
        "the {cell}'s W_hh stacks one block per gate; this is the candidate's block (rows 2H…3H; the others were "
        "initialised the same way). Its eigenvalues alone do not decide the gradient: the gates scale every step."
    ),
    "vanish.act_caption": "the right panel: the slopes g′ that backpropagation multiplies by at every step.",
    "vanish.act_sentence": (
        "tanh′ ≤ 1, σ′ ≤ 0.25 and ReLU′ is 0 or 1, so over many steps the gradient shrinks or grows by at most about "
        "**ρ · max g′ per step** (exactly so for an orthogonal or identity W_hh; a gaussian W_hh can grow for a "
        "few steps before its radius takes over). Here ρ · max g′ = {bound:.3g}: {verdict}."
    ),
    "vanish.verdict.below": "below 1, so the gradient must vanish over long spans",
    "vanish.verdict.above": "above 1, so it can explode — or still vanish where the units saturate (g′ ≈ 0)",
    "vanish.verdict.gated": "for a gated cell the forget / keep gate sets the rate, not this bound",
    "vanish.depends_title": "What these pictures depend on",
    "vanish.depends": (
        "- **The inputs.** The profile is the mean over {examples} random sequences with x_t ~ N(0, 1), {inputs} "
        "features, hidden size {hidden}, and PyTorch's default W_ih. Larger inputs push tanh into saturation "
        "(tanh′ ≈ 0) and make the gradient vanish faster, whatever ρ is.\n"
        "- **The initialisation.** A gaussian W_hh has a radius only about s; one seed differs from the next "
        "(sidebar). Orthogonal and identity give exactly s.\n"
        "- **The nonlinearity.** ReLU′ = 0 for the inactive units, so even with ρ > 1 a ReLU RNN can vanish; with "
        "identity init all units pass and ρ > 1 explodes.\n"
        "- **The gates.** For the LSTM and GRU the forget / keep gate bias moves the line as much as ρ does: at "
        "T = 100 with orthogonal W_hh, raising the bias from 0 to 4, or ρ from 0.5 to 1.5, each lifts the left end "
        "by ten orders of magnitude or more (measured on seeds 0–9). Not always up, though: with a very large "
        "forget bias the LSTM's cell state piles up (mean |c| ≥ 10 after 100 steps with identity init and a bias "
        "of 6, on every seed measured), tanh(c) saturates, and the line ends lower than with a bias of 4.\n"
        "- **Training.** This is the cell at initialisation; training moves W_hh, and with it the picture."
    ),
    "vanish.clip_title": "Exploding gradients in training, and clipping",
    "vanish.clip_intro": (
        "When the gradient explodes, one step of gradient descent throws the weights so far that the next loss "
        "is NaN. Clipping rescales the gradient whenever its norm exceeds a threshold: ĝ = g · min(1, c / ‖g‖). "
        "Here a ReLU RNN with W_hh = 1.5 · I (hidden 32) learns the recall task over {distance} steps with SGD at a "
        "learning rate of {lr}, twice: once without clipping, once clipped at the threshold you choose."
    ),
    "vanish.clip": "Clipping threshold c",
    "vanish.clip_help": "The clipped run rescales every gradient whose norm is above c down to norm c.",
    "vanish.clip_button": "Train both",
    "vanish.label.free": "no clipping",
    "vanish.label.clipped": "clipped at c = {clip:g}",
    "vanish.loss_title": "Training loss (log scale)",
    "vanish.loss_caption": (
        "the unclipped run ends with ✕ after one update; the clipped one falls (with c ≤ 3) towards 0 and may leave "
        "the plot at the bottom, where the axis stops at a loss of 0.001."
    ),
    "vanish.norm_title": "Gradient norm before clipping",
    "vanish.norm_caption": (
        "both runs start with the same huge gradient; the dashed line is c, and hollow rings mark the steps where "
        "clipping shrank the gradient to it."
    ),
    "vanish.clip_depends": (
        "Measured with seeds 0–9 on these settings: without clipping the run diverged at its second step every time; "
        "with c = 0.1, 0.3, 1 or 3 it learned the task every time (held-out accuracy above 99 % after 300 steps). With "
        "c = 10 or 30 the run stays finite but ends at chance level (the 10-seed check is bench/claims.py). Clipping prevents the blow-up; it does not by "
        "itself make a network learn. Other settings (another seed, learning rate or optimizer) give other numbers."
    ),
}
