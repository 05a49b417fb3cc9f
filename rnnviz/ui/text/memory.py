"""Strings of page 9, memory: connectivity of a character model's predictions to earlier characters, and the
itemised gradient (curriculum §2, §4).

Sentences that state what the models do are measured claims, one key each ("memory.claim_*"), registered in
rnnviz/claims.py; every other caption says what to look at.  The figures' own words (axis titles, hovers) are
rnnviz.figures.connectivity.WORDS under "memory.fig.<name>"."""

from rnnviz.figures.connectivity import WORDS

EN = {
    "memory.title": "What a recurrent network remembers",
    "memory.card": "Pick a character and see which earlier characters the prediction there still depends on: vanilla RNN, LSTM and GRU side by side.",
    "memory.intro": (
        "Which earlier characters does a prediction depend on? The *connectivity* ‖∂ŷ_t/∂x_k‖ says how much the "
        "model's scores ŷ_t for the character after position t would move if the input at an earlier position k "
        "moved (Madsen 2019, “Visualizing memorization in RNNs”). Train a vanilla RNN, an LSTM and a GRU on the "
        "same text with the same budget, then pick a character. Every number is computed exactly from the trained "
        "weights."
    ),
    "memory.hidden": "Hidden units (each model)",
    "memory.steps": "Training steps (each model)",
    "memory.button": "Train all three",
    "memory.bpc": "bits per character",
    "memory.bpc_title": "Bits per character while training",
    "memory.bpc_caption": "lower is better; the grey line is letter frequencies alone. The three read the same windows of the sonnets.",
    "memory.read_header": "Reading a text",
    "memory.read_intro": (
        "The models read the text below. Move the slider, or click a character, to pick it: its prediction is of the "
        "character that follows, and every character before it is coloured by how strongly that prediction "
        "depends on it."
    ),
    "memory.no_model": "Press **{button}** above (or train a model on the character page) to read a text here.",
    "memory.yours": "your {cell} from the character page ({hidden} units)",
    "memory.cannot_read": "{label} cannot read this text: it has characters that model never saw.",
    "memory.start": "Where the window starts in the sonnets",
    "memory.probe": "…or type a text to read",
    "memory.probe_help": "At most {limit} characters, all of them characters the models learned.",
    "memory.too_short": "type at least two characters",
    "memory.pick": "Picked character (position t)",
    "memory.pick_help": "The prediction made after reading this character: the scores for the next one. Or click a character in a coloured text.",
    "memory.picked": "Picked: {char} at t = {t}; the prediction there is scored against {next}.",
    "memory.computing": "Computing every model's connectivity to every earlier character…",
    "memory.text_caption": (
        "the picked character is outlined; each earlier one is coloured by ‖∂ŷ_t/∂x_k‖ divided by the largest, "
        "on a log scale over six decades (white: under a millionth). Grey characters come later: not read yet."
    ),
    "memory.distance_title": "How far back each model reaches",
    "memory.distance_caption": (
        "each line is the mean over the text of ‖∂ŷ_t/∂x_(t−d)‖, divided by its value at d = 0, up to half the text's "
        "length (so every point averages at least half its positions). On this log axis a straight descent is "
        "exponential forgetting; the flatter the line, the further back the model reaches."
    ),
    "memory.bars_caption": (
        "each bar is the size of what step k adds to the gradient of W_hh for the error of the picked prediction "
        "(RNNbow, Cashman et al. 2017); as matrices the bars sum to ∂L_t/∂W_hh. Where they drop, a training step "
        "learns nothing from that far back."
    ),
    "memory.measured": "What was measured",
    "memory.claim_near": (
        "Measured with this page's defaults (the sonnets, 64 units, 250 steps, the first 200 characters read), "
        "seeds 0–9: five characters back, the three models' mean connectivity (divided by its value at distance 0) "
        "is within a factor of 3 of each other — nearby, they depend on the text alike."
    ),
    "memory.claim_reach": (
        "Fifty characters back it is not: there the vanilla RNN's mean connectivity has fallen below a millionth of "
        "its value at distance 0, and the LSTM's and the GRU's are each at least 100 times the vanilla RNN's "
        "(same defaults and seeds)."
    ),
    "memory.honest": (
        "What it depends on: the text and window read, the size, the training budget and the seed. A model can "
        "also learn to forget on purpose (after a line break, little before it matters), so a low colour is "
        "not always a failure. Change a setting and look again."
    ),
    **{f"memory.fig.{name}": words for name, words in WORDS.items()},
}

ZH = {
    "memory.title": "循环神经网络记住了什么",
    "memory.card": "选一个字符，看那里的预测仍然依赖哪些更早的字符：普通 RNN、长短期记忆网络和门控循环单元并排比较。",
    "memory.intro": (
        "一个预测依赖哪些更早的字符？*连接度* ‖∂ŷ_t/∂x_k‖ 衡量：如果更早位置 k 的输入变化，模型在位置 t 之后对下一个字符的"
        "打分 ŷ_t 会变化多少（Madsen 2019，“Visualizing memorization in RNNs”）。用同一段文本、同样的训练预算训练普通 RNN、"
        "LSTM 和 GRU，然后选一个字符。所有数值都由训练好的权重精确算出。"
    ),
    "memory.hidden": "隐藏单元数（每个模型）",
    "memory.steps": "训练步数（每个模型）",
    "memory.button": "训练这三个模型",
    "memory.bpc": "每字符比特数",
    "memory.bpc_title": "训练中的每字符比特数",
    "memory.bpc_caption": "越低越好；灰线是仅凭字母频率的水平。三个模型读的是十四行诗中相同的文本窗口。",
    "memory.read_header": "阅读一段文本",
    "memory.read_intro": (
        "模型阅读下面的文本。拖动滑块或点击一个字符来选中它：它的预测针对的是后面那个字符，而它之前的每个字符按该预测对它的依赖程度着色。"
    ),
    "memory.no_model": "按上方的 **{button}**（或在字符模型页训练一个模型），就能在这里阅读文本。",
    "memory.yours": "你在字符模型页训练的 {cell}（{hidden} 个单元）",
    "memory.cannot_read": "{label} 无法阅读这段文本：其中有该模型从未见过的字符。",
    "memory.start": "窗口在十四行诗中的起点",
    "memory.probe": "……或输入一段要阅读的文本",
    "memory.probe_help": "最多 {limit} 个字符，且都必须是模型学过的字符。",
    "memory.too_short": "请至少输入两个字符",
    "memory.pick": "选中的字符（位置 t）",
    "memory.pick_help": "读完这个字符后做出的预测：对下一个字符的打分。也可以直接点击着色文本中的字符。",
    "memory.picked": "选中：位于 t = {t} 的 {char}；那里的预测以 {next} 为正确答案来评分。",
    "memory.computing": "正在计算每个模型对每个更早字符的连接度……",
    "memory.text_caption": (
        "选中的字符带有边框；之前的每个字符按 ‖∂ŷ_t/∂x_k‖ 除以最大值着色，采用跨六个数量级的对数色阶（白色：不到百万分之一）。"
        "灰色字符在后面：尚未读到。"
    ),
    "memory.distance_title": "每个模型能回溯多远",
    "memory.distance_caption": (
        "每条线是 ‖∂ŷ_t/∂x_(t−d)‖ 在整段文本上的平均值，再除以 d = 0 处的值，距离最多到文本长度的一半"
        "（每个点至少平均了一半的位置）。在这条对数轴上，直线下降就是指数式遗忘；线越平，模型回溯得越远。"
    ),
    "memory.bars_caption": (
        "每根柱子是第 k 步为选中预测的误差对 W_hh 梯度所贡献部分的大小（RNNbow，Cashman 等 2017）；这些贡献作为矩阵相加，"
        "正好等于 ∂L_t/∂W_hh。柱子跌落之处，训练的一步就学不到那么远之前的东西。"
    ),
    "memory.measured": "测量了什么",
    "memory.claim_near": (
        "用本页默认设置测量（十四行诗、64 个单元、250 步、读前 200 个字符），随机种子 0–9：往回五个字符处，三个模型的平均连接度"
        "（除以距离 0 处的值）彼此相差不到 3 倍——在近处，它们对文本的依赖相似。"
    ),
    "memory.claim_reach": (
        "往回五十个字符处就不同了：普通 RNN 的平均连接度已降到距离 0 处的百万分之一以下，而 LSTM 和 GRU 的都至少是普通 RNN 的 "
        "100 倍（同样的默认设置和随机种子）。"
    ),
    "memory.honest": (
        "取决于：所读的文本和窗口、模型大小、训练预算和随机种子。模型也可能学会有意遗忘（换行之后，之前的内容就不太重要了），"
        "所以颜色浅并不总是失败。改一个设置，再看一遍。"
    ),
    "memory.fig.conn_text_title": "字符 {t} 之后的预测依赖什么",
    "memory.fig.conn_colorbar": "‖∂ŷ_t/∂x_k‖ ÷ 最大值",
    "memory.fig.conn_hover": "“{char}” 位于 k = {k}，t − k = {d}<br>‖∂ŷ_t/∂x_k‖ = {value}<br>÷ 最大值 = {relative}",
    "memory.fig.conn_future": "“{char}” 位于 k = {k}：在 t 之后，尚未读到",
    "memory.fig.conn_distance_title": "平均连接度随距离的变化",
    "memory.fig.conn_distance_axis": "距离 t − k（往回数的字符数）",
    "memory.fig.conn_relative_axis": "平均 ‖∂ŷ_t/∂x_(t−d)‖ ÷ d = 0 处的值",
    "memory.fig.conn_distance_hover": "{label}<br>d = {d}：{value}",
    "memory.fig.itemised_title": "∂L_t/∂W_hh 的分项梯度，t = {t}",
    "memory.fig.itemised_axis": "‖第 k 步的贡献‖",
    "memory.fig.position_axis": "文本中的位置 k",
    "memory.fig.itemised_hover": "{label}<br>“{char}” 位于 k = {k}：{value}",
}
