"""Strings of page 4, inside the gates: LSTM and GRU gate activations, saturation, and the forget-gate bias."""

# The equations are the same in every language.
EQUATIONS = {
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
}

EN = {
    **EQUATIONS,
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


ZH = {
    **EQUATIONS,
    "gates.title": "门的内部",
    "gates.card": "训练一个 LSTM 或 GRU，逐个字符地看每个门如何打开、关闭。",
    "gates.intro": (
        "门控单元在每一步决定要遗忘什么、写入什么、输出什么。选择一种单元和一个任务，点击 **训练**，"
        "然后以热力图的形式阅读训练后模型的各个门：每个单元一行，每个输入符号一列。"
        "先看看，在训练开始之前，遗忘门的偏置如何决定梯度能否随时间反向流动。"
    ),
    "gates.cell": "单元",
    "gates.task": "任务",
    "gates.length": "序列长度（步）",
    "gates.length_help": "回忆任务：符号与提问之间的干扰步数。加法问题：读入的数字个数。文本：每个窗口的字符数。",
    "gates.hidden": "隐藏单元数",
    "gates.steps": "训练步数",
    "gates.bias": "初始化时的遗忘门偏置",
    "gates.bias_help": (
        "LSTM 遗忘门 f 的初始偏置（对 GRU 是 z 的偏置，即保留旧状态的比例）。"
        "这里的梯度图和下方的训练都使用它。"
    ),
    "gates.equations": "公式（PyTorch 的命名）",
    "gates.other_equations": "{cell} 的公式，供对照",
    "gates.names.lstm": (
        "用吴恩达的记法：i 是更新门 Γu，f 是遗忘门 Γf，o 是输出门 Γo，g 是候选值 c̃。"
        "`weight_ih_l0` 和 `weight_hh_l0` 的行按 i、f、g、o 的顺序堆叠。"
    ),
    "gates.names.gru": (
        "**PyTorch 的 GRU 与吴恩达的写法不同。** PyTorch 的 z 是保留*旧*状态的比例，相当于吴恩达的 1 − Γu，"
        "所以 z ≈ 1 表示*记住*。而且重置门作用在矩阵乘法*之后*：r ⊙ (W_hn h + b_hn)；"
        "吴恩达的 c̃ 则是先把 Γr 乘进状态：tanh(W_c [Γr ⊙ c, x] + b_c)。"
        "`weight_hh_l0` 的行按 r、z、n 的顺序堆叠。"
    ),
    "gates.train_header": "训练它，再看它的内部",
    "gates.example": "固定探测批次中的样例",
    "gates.example_help": "每次都是同样的八条序列，方便比较不同的训练。",
    "gates.typed": "……或者自己输入",
    "gates.typed_help.recall": "用空格分隔的符号：A–{last_symbol} 中的一个符号，或 0–{last_distractor} 中的干扰符号，例如“B 0 3 1 2”。",
    "gates.typed_help.charlm": "任何在训练文本中出现过的字符。",
    "gates.typed_help.adding": "加法问题读的是数字而不是符号：请改为选择一个样例。",
    "gates.typed_unknown": "这些符号不在词表中：{tokens}。请使用 {allowed}。",
    "gates.progress": "第 {step} 步：最近 20 个批次的{metric_name}为 {metric:.0%}（随机猜测 {chance:.1%}）。",
    "gates.heatmaps_caption.lstm": (
        "每一行是一个单元，每一列是一个输入符号。i 打开（黄色）的地方，g 被写入 c；"
        "f 保持在 1 附近的地方，c 在之后的步中保持它的值；o 决定 h 显示出多少。"
    ),
    "gates.heatmaps_caption.gru": (
        "每一行是一个单元，每一列是一个输入符号。z 保持在 1 附近（黄色）的地方，单元保留旧值；"
        "z 下降的地方，h 被候选值 n 覆盖。"
    ),
    "gates.saturation_caption": (
        "每个点是一个单元的门在整个探测批次上的表现。靠近左上角的点是几乎总是打开的门，"
        "靠近右下角的几乎总是关闭，沿着对角线的像开关一样工作；靠近原点的则从不表态。"
    ),
    "gates.bias_header": "遗忘门偏置决定了起点",
    "gates.bias_intro": (
        "在任何训练之前，损失的梯度沿着细胞状态反向传播，每一步乘以遗忘门。偏置为 b 时，遗忘门从 σ(b) 附近开始："
        "σ(0) = 0.5，σ(1) ≈ 0.73，σ(2) ≈ 0.88，σ(4) ≈ 0.98。拖动滑块，看虚线如何倾斜。"
    ),
    "gates.bias_intro_gru": (
        "在任何训练之前，梯度沿着 h 反向传播，每一步大约乘以 z（外加一条经过 n 的路径）。z 的偏置为 b 时，"
        "它从 σ(b) 附近开始：σ(0) = 0.5，σ(1) ≈ 0.73，σ(2) ≈ 0.88，σ(4) ≈ 0.98。拖动滑块，看这条线如何倾斜。"
    ),
    "gates.bias_title": "初始化时到达每一步的梯度，遗忘门偏置 {bias:+g}",
    "gates.bias_title_gru": "初始化时到达每一步的梯度，z 的偏置 {bias:+g}",
    "gates.bias_caption": (
        "损失在右端；请从右往左读每条线。角落里的比值表示末尾的梯度还有多少能到达第 0 步。"
    ),
    "gates.bias_every_step": (
        "这里每个字符上都有损失，所以每一步也会从它自己的预测中得到梯度；偏置决定的是从更远的后方能传来多少。"
        "回忆任务最能清楚地显示这个效果。"
    ),
    "gates.bias_honest": (
        "遗忘门偏置 +1 是常见的默认值（Jozefowicz、Zaremba 与 Sutskever，2015）；PyTorch 本身从 0 附近开始。"
        "对于长距离依赖，更大的偏置或 chrono 初始化（Tallec 与 Ollivier，2018）才能让 LSTM 一开始就记住。"
        "在本页默认设置下（LSTM、跨度 20 步的回忆任务、16 个单元、800 步、Adam 10⁻²）用种子 0–9 测得："
        "偏置 0 每次都让 LSTM 停在随机猜测水平；+1 最多解决了少数几个种子，大多数卡在半途、50 % 附近；"
        "+2 和 +4 解决了每一个种子。在下面试试看。"
    ),
}
