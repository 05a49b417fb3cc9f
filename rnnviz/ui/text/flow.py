"""Strings of the headline page: gradient flow in a vanilla RNN, an LSTM and a GRU."""

EN = {
    "flow.title": "Gradient flow: vanilla RNN vs LSTM vs GRU",
    "flow.card": "The headline demo: three cells race on a task that needs a 100-step memory.",
    "flow.intro": (
        "Each model sees one of four symbols, then a run of distractors, and must name the first symbol at the "
        "end. To learn that, the error at the end must reach step 0 — backpropagation through time multiplies it "
        "by one Jacobian per step. Press **Train** and watch how much gradient survives the trip in each cell."
    ),
    "flow.distance": "Distance to remember (steps)",
    "flow.distance_help": "How many distractor steps separate the symbol from the question.",
    "flow.init": "How the gated cells' memory gate starts",
    "flow.init_help": (
        "The starting bias of the LSTM forget gate f and of the GRU keep gate (PyTorch's z). The vanilla RNN has "
        "no gate and is the same in every choice."
    ),
    "flow.init.pytorch": "PyTorch's default (bias ≈ 0)",
    "flow.init.bias1": "bias +1 (Jozefowicz et al. 2015)",
    "flow.init.bias4": "bias +4",
    "flow.init.chrono": "chrono (Tallec & Ollivier 2018)",
    "flow.steps": "Training steps",
    "flow.steps_help": (
        "With chrono the LSTM usually holds 90 % accuracy by step 200–400, but on some seeds only near step 550; "
        "800 steps leave room for those."
    ),
    "flow.button": "Train all three",
    "flow.accuracy_title": "Accuracy while training (chance = {chance:.0%})",
    "flow.accuracy_caption": (
        "with the default settings (chrono start, distance 100, 800 steps) both gated cells leave the chance line "
        "and the vanilla RNN stays on it (it did on 19 of seeds 0–19; on seed 8 it escapes after about 650 steps: "
        "Adam scales every update to a similar size, so even a vanishing gradient can, slowly, teach it). How the "
        "gated cells' memory gate starts decides it: see Why, below."
    ),
    "flow.flow_title": "How much gradient reaches each timestep (step {step})",
    "flow.flow_caption": (
        "the loss sits at the right end; read each line leftwards. Before training, a vanilla line that falls by "
        "orders of magnitude means the error at the end barely reaches the first symbol, so nothing pushes the "
        "model to store it."
    ),
    "flow.anim_title": "Gradient flow as training goes",
    "flow.anim_caption": (
        "press play or drag the step slider: the vanilla line stays collapsed; the LSTM's c-line (dashed) stays "
        "open."
    ),
    "flow.metric_acc": "{label}: accuracy",
    "flow.why_title": "Why",
    "flow.vanilla_why": (
        "A vanilla RNN multiplies the gradient by W_hhᵀ · diag(tanh′) at every step backwards, so after {distance} "
        "steps it has shrunk by many orders of magnitude (in float32 it can underflow to exactly 0, drawn as "
        "hollow markers). The LSTM's cell state is a sum, c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t, so along it the "
        "gradient is multiplied only by the forget gate; the GRU's keep gate z plays the same role."
    ),
    "flow.why.pytorch": (
        "With PyTorch's default initialisation the forget gate starts near σ(0) = 0.5, so along the cell state "
        "the gradient is multiplied by about 0.5 per step: 0.5^{distance} ≈ {highway:.1g}. The highway is closed "
        "at the start; at distance 100, neither gated cell left the chance line within 400 steps on any of seeds "
        "0–9."
    ),
    "flow.why.bias1": (
        "A bias of +1, the common recommendation, starts the forget gate at σ(1) ≈ 0.73: "
        "0.73^{distance} ≈ {highway:.1g}. At distance 100, neither gated cell left the chance line within 400 steps on any of seeds 0–9."
    ),
    "flow.why.bias4": (
        "A bias of +4 starts the forget gate at σ(4) ≈ 0.982, and σ(4)^{distance} ≈ {highway:.2g}: the highway is "
        "open. With 400 steps at distance 100 the GRU learned on every one of seeds 0–9, the LSTM on only some of them: its "
        "input gate still starts half open (σ(0) = 0.5), so every distractor is written into c. Before any training "
        "the cell has filled up (mean |c| ≥ 3 at the last step) and tanh(c) is saturated for most units, so little "
        "of the gradient that reaches h gets into c. Whether a seed learns is then a race over its first few dozen "
        "steps: a model that has not begun to tell the symbols apart by then saturates further and stays at chance. "
        "Try seeds 3 and 9."
    ),
    "flow.why.chrono": (
        "Chrono initialisation gives every unit its own time scale: its forget-gate bias is log(u) for a u drawn "
        "between 1 and {longest}, so f starts between 0.5 and {f_max:.3f}, and the slowest units keep "
        "{f_max:.3f}^{distance} ≈ {highway:.2g} of the gradient along c. The LSTM's input gate starts with the "
        "opposite bias, nearly closed on those units, so the distractors barely write into c: it stays small and "
        "unsaturated (mean |c| < 0.5 at the last step) until the symbol has been learned. Learning is slower than with "
        "+4 where +4 works, but both gated cells learned on every one of seeds 0–9 at distance 100 with the default "
        "800 steps, and at distances 50 and 150 already within 400."
    ),
    "flow.h_vs_c": (
        "Why the LSTM's h-line can fall while its dashed c-line stays high: the gradient reaches h_t only through "
        "what h feeds forward, while along c it passes every step multiplied by f alone. After training the "
        "c-line still carries at least a tenth of the gradient to step 0."
    ),
    "flow.honest": (
        "Measured, not promised: the claims benchmark (bench/claims.py) trains these defaults on seeds 0–9 and "
        "checks every sentence on this page. At shorter distances (≈ 50 or less) a vanilla RNN trained with Adam "
        "sometimes solves the task, and a larger learning rate makes that more likely."
    ),
}
