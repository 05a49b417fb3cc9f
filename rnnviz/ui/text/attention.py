"""Strings of page 8, attention: an encoder–decoder trained live with and without attention (curriculum §6).

The LaTeX strings double their braces, like every catalogue string that may be formatted; KaTeX reads a doubled
brace as the same group, so an equation renders the same whether or not it went through str.format.

Sentences that state what the models do are measured claims, one key each ("attention.claim_*"), checked
over seeds by bench/attention_seeds.py; every other caption says what to look at.  The figures' own words
(axis titles, hovers) are rnnviz.figures.attention.WORDS under "attention.fig.<name>"."""

from rnnviz.figures.attention import WORDS

# The equations are the same in every language.
EQUATIONS = {
    "attention.eq.additive": r"e_{{tj}} = v_a^{{\top}} \tanh\left(W_a\, s_{{t-1}} + U_a\, h_j\right)",
    "attention.eq.dot": r"e_{{tj}} = s_{{t-1}}^{{\top}}\, h_j",
    "attention.eq.general": r"e_{{tj}} = s_{{t-1}}^{{\top}}\, W_a\, h_j",
    "attention.eq.softmax": r"\alpha_{{tj}} = \frac{{\exp(e_{{tj}})}}{{\sum_{{k}} \exp(e_{{tk}})}}",
    "attention.eq.context": r"c_t = \sum_{{j}} \alpha_{{tj}}\, h_j",
    "attention.eq.ng.score": r"e^{{\langle t,t'\rangle}} = \text{{score}}\left(s^{{\langle t-1\rangle}},\ a^{{\langle t'\rangle}}\right)",
    "attention.eq.ng.softmax": (
        r"\alpha^{{\langle t,t'\rangle}} = \frac{{\exp\left(e^{{\langle t,t'\rangle}}\right)}}"
        r"{{\sum_{{t''}} \exp\left(e^{{\langle t,t''\rangle}}\right)}}"
    ),
    "attention.eq.ng.context": r"\text{{context}}^{{\langle t\rangle}} = \sum_{{t'}} \alpha^{{\langle t,t'\rangle}}\, a^{{\langle t'\rangle}}",
}

EN = {
    **EQUATIONS,
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
    "attention.task.sort": "sort a sequence",
    "attention.task.dates": "rewrite a date as ISO (2009-06-25)",
    "attention.length": "Input length (tokens)",
    "attention.length_help": "The longest input the models train on; the shortest is half of it. Dates have their own lengths.",
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
        "a sequence counts only when every output token is right, measured on each new training batch before the "
        "model learns from it. Compare the height at which the two curves level off."
    ),
    "attention.gradient_title": "Gradient reaching each encoder step (step {step})",
    "attention.gradient_caption": (
        "the gradient of every probe example is divided by its value at that example's last input, next to the "
        "decoder, so a line at 1 means as much gradient as there. Read leftwards: how far a line falls toward the "
        "first input is how little gradient reaches it. (Absolute values shrink as a model's loss shrinks; the ratio "
        "compares the two fairly.)"
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
    "attention.heat_title": "{label}: where output step t looks",
    "attention.heat_caption": (
        "each row is one output token and sums to 1; the bright cells are the inputs it read. Wrong output "
        "tokens are red, with the right one in brackets."
    ),
    "attention.bottleneck_title": "{label}: one vector carries the input",
    "attention.bottleneck_note": (
        "No weights to show: each output token is decoded from h_T<br>"
        "and the tokens written so far, never from the input itself."
    ),
    "attention.bottleneck_caption": (
        "this model cannot look back. The dotted column is all the decoder receives from the encoder. Compare its "
        "red (wrong) output tokens with the model beside it."
    ),
    # equations
    "attention.equations": "The equations, live for output step t = {step}",
    "attention.notation_bahdanau": "Bahdanau et al. (2015)",
    "attention.notation_ng": "Deep Learning Specialization (Ng)",
    "attention.eq.legend": (
        "h_j (Ng: a<t'>) is the encoder state at input step j; s_{t−1} (Ng: s<t−1>) the decoder state before output "
        "step t; c_t (Ng: context<t>) is what the decoder reads besides its own state when it writes output t. "
        "Steps count from 0, as on the axes."
    ),
    "attention.live.softmax": (
        r"\alpha_{{{t},{j}}} = \frac{{\exp({e:.2f})}}{{\sum_k \exp(e_{{{t},k}})}} = \frac{{{num}}}{{{den}}} = {value:.2f}"
    ),
    "attention.live.term": r"{value:.2f}\, h_{{{j}}}",
    "attention.live.context": r"c_{{{t}}} = {terms}",
    "attention.live.rest": r"+ \ldots",
    "attention.col.j": "j (Ng: t′)",
    "attention.col.token": "input token",
    "attention.col.e": "score e_tj",
    "attention.col.alpha": "weight α_tj",
    "attention.live_caption": (
        "The three input steps with the largest weight for output step t = {step}, from the model with "
        "attention, as it is now."
    ),
    "attention.live_none": "Train the models to see the numbers of one output step here.",
    # after training
    "attention.length_header": "After training: other lengths, and how attention formed",
    "attention.length_title": "Exact match against input length, after training",
    "attention.length_caption": (
        "each point is the exact match on {n} fresh examples of one input length. The shaded band holds the "
        "lengths the models trained on; to its right are lengths they never saw."
    ),
    "attention.length_caption_dates": (
        "a date's input length depends on how it is written (\"25/06/09\" is short, \"Thursday 25 Jun 2009\" long); "
        "each point scores the dates of one length among {n} fresh ones."
    ),
    "attention.formed_caption": (
        "the map of the probe example after training; press play (or drag the slider) to replay it from the untrained "
        "model's even spread. Compare the step where it sharpens with the step where the accuracy curve above rises."
    ),
    "attention.length_wait": (
        "When both models have finished training, their accuracy on shorter and longer inputs appears here, and how "
        "the attention map formed."
    ),
    "attention.why": (
        "**Why.** Without attention the decoder's only view of the input is h_T, one vector written after the last "
        "input. Whatever the first inputs said must survive in it through every later encoder step, and the "
        "gradient that teaches the encoder to keep it must travel back through that same chain. With attention, "
        "c_t = Σ_j α_tj h_j puts every encoder state one step away from every output: the decoder can read an "
        "input where it sits, and the gradient reaches it the same way."
    ),
    # measured claims (bench/attention_seeds.py, seeds 0–9, the page's defaults)
    "attention.measured": "Measured",
    "attention.claim_default": (
        "With the defaults (reverse, length {length}, {cell}, {steps} steps), the model with attention reaches at least "
        "95 % exact match on held-out sequences and the model without stays at or below 70 %, on at least 9 of 10 seeds."
    ),
    "attention.honest": (
        "What it depends on: the input length and the training budget, the same for both models. Try a shorter "
        "length or more steps and compare the two curves again."
    ),
    **{f"attention.fig.{name}": words for name, words in WORDS.items()},
}

ZH = {
    **EQUATIONS,
    "attention.title": "编码器–解码器中的注意力",
    "attention.card": "把一个序列倒过来：一个解码器只能依靠一个向量，另一个可以回头看每一个输入。",
    "attention.intro": (
        "编码器 RNN 读入输入；解码器 RNN 逐步写出输出，每步一个词元。**没有注意力**时，两者之间唯一的桥梁是编码器的"
        "最后状态 h_T：整个输入被压缩进一个向量（瓶颈）。**有注意力**时，解码器在每个输出步给每个编码器状态打分，"
        "把分数变成和为 1 的权重，再读取它们的加权和：一次对输入的、学出来的查找。"
        "按 **同时训练两个**，用相同的种子、数据和预算并排训练这两个模型。"
    ),
    "attention.task": "任务",
    "attention.task.reverse": "把序列倒过来",
    "attention.task.sort": "给序列排序",
    "attention.task.dates": "把日期改写成 ISO 格式（2009-06-25）",
    "attention.length": "输入长度（词元数）",
    "attention.length_help": "模型训练时最长的输入；最短的是它的一半。日期有自己的长度。",
    "attention.cell": "单元",
    "attention.mode": "注意力打分",
    "attention.mode_help": (
        "如何给解码器状态 s 和编码器状态 h_j 打分：加性（Bahdanau 等，2015）把两者送进一个小网络；"
        "点积和一般式（Luong 等，2015）取点积，一般式中间多一个学出来的矩阵。"
    ),
    "attention.mode.additive": "加性",
    "attention.mode.dot": "点积",
    "attention.mode.general": "一般式",
    "attention.steps": "训练步数",
    "attention.button": "同时训练两个",
    "attention.model.none": "无注意力",
    "attention.model.with": "有注意力",
    "attention.metric": "{label}：完全匹配率",
    "attention.accuracy_title": "训练中的完全匹配率",
    "attention.accuracy_caption": "只有每个输出词元都对，一个序列才算对；在每个新训练批次上、模型从中学习之前测量。比较两条曲线最后停在多高。",
    "attention.gradient_title": "到达每个编码器步的梯度（第 {step} 步）",
    "attention.gradient_caption": (
        "每个探针样例的梯度都除以它在该样例最后一个输入（紧挨解码器）处的值，所以线在 1 处表示和那里一样多的梯度。"
        "从右往左读：一条线朝第一个输入下降得越多，到达那里的梯度就越少。（模型的损失越小，绝对值也越小；比值让两者可以公平比较。）"
    ),
    "attention.probe_header": "看看内部：一个例子",
    "attention.example": "探针样例",
    "attention.example_help": "固定的留出样例之一，每次快照都让两个模型看它。",
    "attention.typed": "……或者输入一个序列",
    "attention.typed_help": "代替探针样例；两个模型按当前状态解码它。",
    "attention.typed_bad": "这个输入不能用：",
    "attention.out_step": "输出步 t（在公式中展开）",
    "attention.out_step_help": "注意力图中用橙色框出的那一行，公式显示它的数值。",
    "attention.heat_title": "{label}：输出步 t 在看哪里",
    "attention.heat_caption": "每一行是一个输出词元，和为 1；亮的格子就是它读取的输入。错误的输出词元标成红色，括号里是正确的那个。",
    "attention.bottleneck_title": "{label}：一个向量承载全部输入",
    "attention.bottleneck_note": "没有权重可显示：每个输出词元都从 h_T<br>和已写出的词元解码而来，从不直接来自输入。",
    "attention.bottleneck_caption": "这个模型不能回头看。虚线框住的一列就是解码器从编码器得到的全部。把它的红色（错误）输出词元和旁边的模型比一比。",
    "attention.equations": "公式，实时展开输出步 t = {step}",
    "attention.notation_bahdanau": "Bahdanau 等（2015）",
    "attention.notation_ng": "深度学习专项课程（吴恩达）",
    "attention.eq.legend": (
        "h_j（吴恩达：a<t'>）是输入步 j 的编码器状态；s_{t−1}（吴恩达：s<t−1>）是输出步 t 之前的解码器状态；"
        "c_t（吴恩达：context<t>）是解码器写输出 t 时在自身状态之外读取的内容。步数从 0 开始，与坐标轴一致。"
    ),
    "attention.live.softmax": (
        r"\alpha_{{{t},{j}}} = \frac{{\exp({e:.2f})}}{{\sum_k \exp(e_{{{t},k}})}} = \frac{{{num}}}{{{den}}} = {value:.2f}"
    ),
    "attention.live.term": r"{value:.2f}\, h_{{{j}}}",
    "attention.live.context": r"c_{{{t}}} = {terms}",
    "attention.live.rest": r"+ \ldots",
    "attention.col.j": "j（吴恩达：t′）",
    "attention.col.token": "输入词元",
    "attention.col.e": "分数 e_tj",
    "attention.col.alpha": "权重 α_tj",
    "attention.live_caption": "对输出步 t = {step} 权重最大的三个输入步，取自有注意力的模型的当前状态。",
    "attention.live_none": "训练模型后，这里会显示一个输出步的数值。",
    "attention.length_header": "训练之后：其他长度，以及注意力如何形成",
    "attention.length_title": "训练后，完全匹配率与输入长度",
    "attention.length_caption": "每个点是某一输入长度的 {n} 个新样例上的完全匹配率。阴影带是模型训练过的长度；它右边是模型从未见过的长度。",
    "attention.length_caption_dates": "日期的输入长度取决于写法（“25/06/09”短，“Thursday 25 Jun 2009”长）；每个点给 {n} 个新日期中某一长度的那些打分。",
    "attention.formed_caption": (
        "the map of the probe example after training; press play (or drag the slider) to replay it from the untrained "
        "model's even spread. Compare the step where it sharpens with the step where the accuracy curve above rises."
    ),
    "attention.formed_caption": "训练后探针样例的注意力图；按播放（或拖动滑块）从未训练模型的均匀分布开始重放。把它变清晰的那一步和上面准确率曲线上升的那一步比一比。",
    "attention.length_wait": "两个模型都训练完后，这里会显示它们在更短和更长输入上的准确率，以及注意力图是如何形成的。",
    "attention.why": (
        "**为什么。** 没有注意力时，解码器对输入的唯一了解是 h_T，一个在最后一个输入之后写下的向量。前面输入的信息必须"
        "经过之后的每一个编码器步保存在其中，而教编码器保存它的梯度也必须沿同一条链传回去。有了注意力，"
        "c_t = Σ_j α_tj h_j 让每个编码器状态离每个输出都只有一步：解码器可以在输入所在的位置直接读取它，梯度也沿同样的路径到达。"
    ),
    "attention.measured": "测量结果",
    "attention.claim_default": (
        "使用默认设置（倒序、长度 {length}、{cell}、{steps} 步）时，在 10 个种子中至少 9 个上，有注意力的模型在留出序列上的"
        "完全匹配率至少为 95%，而没有注意力的模型不超过 70%。"
    ),
    "attention.honest": "取决于什么：输入长度和训练预算（两个模型相同）。试试更短的长度或更多的步数，再比较两条曲线。",
    "attention.fig.attn_title": "注意力权重 α_tj",
    "attention.fig.attn_input_axis": "输入词元（编码器步 j）",
    "attention.fig.attn_output_axis": "输出词元（解码器步 t）",
    "attention.fig.attn_hover": "输出步 t = {t}：{out}<br>输入步 j = {j}：{inp}<br>α = {alpha}",
    "attention.fig.attn_animation_title": "注意力图在训练中如何形成",
    "attention.fig.attn_bottleneck_title": "无注意力：一个向量承载全部输入",
    "attention.fig.attn_bridge": "h_T（{size} 个数）",
    "attention.fig.attn_bridge_hover": "输入步 j = {j}：编码器的最终状态 {bridge}<br>解码器从它出发，之后再也看不到输入",
    "attention.fig.attn_grad_title": "到达每个编码器步的梯度",
    "attention.fig.attn_encoder_step": "编码器步 j（输入位置）",
    "attention.fig.attn_grad": "‖∂L/∂h_j‖",
    "attention.fig.attn_grad_relative": "‖∂L/∂h_j‖ ÷ ‖∂L/∂h_最后‖",
    "attention.fig.attn_length_title": "准确率与输入长度",
    "attention.fig.attn_exact_match": "完全匹配率",
    "attention.fig.attn_input_length": "输入长度（词元数）",
    "attention.fig.attn_trained": "训练中见过的长度",
}
