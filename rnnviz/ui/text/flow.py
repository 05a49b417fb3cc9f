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
    "flow.remember": "Gates start out remembering",
    "flow.remember_help": "Sets the LSTM forget-gate bias and the GRU keep-gate (PyTorch z) bias to +4 at initialisation.",
    "flow.task": "Task",
    "flow.steps": "Training steps",
    "flow.button": "Train all three",
    "flow.accuracy_title": "Accuracy while training (chance = {chance:.0%})",
    "flow.accuracy_caption": "the gated cells leave the chance line within seconds only when their gates start out remembering; the vanilla RNN stays on it.",
    "flow.flow_title": "How much gradient reaches each timestep (step {step})",
    "flow.flow_caption": "the loss sits at the right end; read each line leftwards. A line that falls by orders of magnitude means the first symbol cannot be learned.",
    "flow.anim_title": "Gradient flow as training goes",
    "flow.anim_caption": "press play or drag the step slider: the vanilla line stays collapsed; the LSTM's c-highway (dashed) stays open.",
    "flow.metric_acc": "{label}: accuracy",
    "flow.why_title": "Why",
    "flow.why_on": (
        "A vanilla RNN multiplies the gradient by diag(tanh′)·W_hh at every step, so after {distance} steps it has "
        "shrunk by many orders of magnitude (in float32 it often underflows to exactly 0, drawn as hollow markers). "
        "The LSTM's cell state is a sum, c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t, so the gradient along it is multiplied "
        "only by the forget gate: with a bias of +4, f ≈ σ(4) ≈ 0.98 and 0.98^{distance} ≈ {highway:.2g} — the "
        "highway is open. The GRU's keep gate z plays the same role."
    ),
    "flow.why_off": (
        "With PyTorch's default initialisation the forget gate starts near σ(0) = 0.5, so the gradient along the "
        "cell state is multiplied by about 0.5 per step: 0.5^{distance} ≈ {highway:.1g}. The highway is closed at the "
        "start, and at this distance the gated cells fail just like the vanilla RNN. Gates help when the cell starts "
        "out remembering — switch the toggle on."
    ),
    "flow.h_vs_c": (
        "Why the LSTM's h-line can fall while its dashed c-line stays high: after training, the memory of the first "
        "symbol sits in the cell state c, not in h. The output gate keeps h quiet while distractors pass, so the "
        "gradient travels back along c."
    ),
    "flow.honest": (
        "Honest fine print: at short distances (≈ 50 or less) a vanilla RNN trained with Adam sometimes solves this "
        "task, and a larger learning rate makes that more likely. The effect shown here is robust across seeds at "
        "distance 100 with Adam 3·10⁻³."
    ),
}
