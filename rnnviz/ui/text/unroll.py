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


ZH = {
    "unroll.title": "展开的 RNN",
    "unroll.card": "输入一个词，逐步走过一个小小的 RNN：每一步都用同一组权重，每次得到一个新的隐藏状态。",
    "unroll.intro": (
        "RNN 一次读取序列中的一个元素，并保持一个隐藏状态 h_t——一个概括了到目前为止所读内容的小向量。"
        "在每一步，它**用同一组权重矩阵**把新的输入 x_t 与上一个状态 h_(t−1) 结合起来。"
        "在下面输入一个词，用一个权重随机（由侧边栏的种子决定）的小 RNN 逐步读它——本页不做任何训练。"
    ),
    "unroll.text": "输入文本",
    "unroll.text_help": "每个字符是一个时间步。最多读取 {max_len} 个字符。",
    "unroll.hidden": "隐藏单元数",
    "unroll.hidden_help": "h_t 的大小。真实模型有成百上千个；这里几个就足以看清每一个数。",
    "unroll.encoding": "字符如何变成 x_t",
    "unroll.encoding.onehot": "独热编码",
    "unroll.encoding.embedding": "可学习的嵌入（大小 4）",
    "unroll.encoding_help": (
        "独热编码：一个向量，只在该字符在词表中的位置上为 1（这里的词表就是你的文本中出现的不同字符）。"
        "嵌入：每个字符对应一个较短的稠密向量，从一张由训练学习的表中查出（这里它仍是随机的）。"
    ),
    "unroll.empty": "请至少输入一个字符：RNN 需要有东西可读。",
    "unroll.cut": "你的文本有 {length} 个字符；这里只读取前 {max_len} 个。",
    "unroll.step": "时间步 t",
    "unroll.step_help": "拖动它，看看哪些数在变：只有 x_t、h_(t−1)、激活前的值和 h_t。",
    "unroll.step_title": "第 t = {t} 步：读取“{char}”",
    "unroll.step_caption": (
        "前五个方框 W_xh · x_t + W_hh · h_(t−1) + b 相加得到激活前的值；tanh 把它压缩成 h_t。"
        "拖动滑块：W_xh、W_hh 和 b 的数值完全不变——变化的只有 x_t 和各个状态。"
    ),
    "unroll.vocab": "词表（{size} 个不同字符，按首次出现的顺序）：{chars}",
    "unroll.embedding_note": (
        "x_t 是该字符在一张 4 列嵌入表中的那一行，这里是随机生成的；在训练好的模型中，它与其他权重一起学习。"
        "无论词表多大，W_xh 现在都只有 4 列。"
    ),
    "unroll.eq_ng": "吴恩达的记法（这里 g = tanh；a⟨0⟩ = 0）：",
    "unroll.eq_torch": "PyTorch 的 `torch.nn.RNN`（引擎实际计算的；h₀ = 0）：",
    "unroll.eq_table": (
        "| 图中 | 吴恩达 | PyTorch 张量 | 形状 |\n"
        "|---|---|---|---|\n"
        "| W_xh | W_ax | `weight_ih_l0` | {hidden} × {inputs} |\n"
        "| W_hh | W_aa | `weight_hh_l0` | {hidden} × {hidden} |\n"
        "| b | b_a | `bias_ih_l0 + bias_hh_l0` | {hidden} |\n"
        "| h_t | a⟨t⟩ | `output[t]` | {hidden} |"
    ),
    "unroll.shared": (
        "**所有时间步共用一组权重。** 展开图把 RNN 在每个时间步画一次，但它是同一个网络："
        "W_xh、W_hh 和 b 在 t = 1, 2, …, {steps} 被重复使用。正因如此，RNN 能读任意长度的文本，"
        "训练时也必须把每一步的梯度累加到同一组矩阵上。"
    ),
    "unroll.live": "当前：h_{t} = tanh(pre) = [{values}]",
    "unroll.heat_title": "整段文本的隐藏状态 h_t（方框标出第 t = {t} 步）",
    "unroll.heat_caption": (
        "每一列是读完下方字符之后的 h_t；每一行是一个隐藏单元。方框中的那一列就是上图那一步的 h_t。"
        "使用默认文本时，把 “hello” 中的一个 l 改成 h 或 e：从那里开始的每一列都会改变，之前的列不变。"
        "（把 e 改成文本中没有的字母，如 “hallo”，什么也不会变：独热词表按首次出现的顺序编号，"
        "所以网络看到的向量完全相同。）"
    ),
}
