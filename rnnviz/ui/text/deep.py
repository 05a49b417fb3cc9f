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


ZH = {
    "deep.title": "深层与双向 RNN",
    "deep.card": "当答案取决于后面才出现的词时，只有双向 RNN 能答对。",
    "deep.intro": (
        "“He said, **Teddy** Roosevelt was a great President”——“**Teddy** bears are on sale.”读到 Teddy 这个词时，"
        "之前读过的内容都无法区分它是人还是玩具；起决定作用的词在后面。单向 RNN 从左到右读，"
        "必须在看到后文之前就对每个词作答。双向 RNN 再运行一个从右到左的 RNN，在每一步同时读取两个方向。"
        "点击 **两个都训练**，用相同的单元、相同的层数，把两者并排训练。"
    ),
    "deep.task": "任务",
    "deep.cell": "单元",
    "deep.layers": "层数（堆叠的 RNN）",
    "deep.layers_help": "每一层读取下一层的隐藏状态；三层就已经算深了。",
    "deep.steps": "训练步数",
    "deep.button": "两个都训练",
    "deep.uni": "单向 {cell}",
    "deep.bi": "双向 {cell}",
    "deep.equations": "这些权重在 PyTorch 中的位置",
    "deep.eq_brnn": r"\hat y^{\langle t\rangle} = g\left(W_y\,[\,\overrightarrow{a}^{\langle t\rangle},\ \overleftarrow{a}^{\langle t\rangle}\,] + b_y\right)",
    "deep.eq_deep": r"a^{[l]\langle t\rangle} = g\left(W_a^{[l]}\,[\,a^{[l]\langle t-1\rangle},\ a^{[l-1]\langle t\rangle}\,] + b_a^{[l]}\right)",
    "deep.eq_brnn_text": "双向：第 t 步的预测读取该步的前向状态和反向状态。",
    "deep.eq_deep_text": "深层：第 l 层读取它自己的前一个状态，以及同一步下一层的状态。",
    "deep.params_text": (
        "当前页面上双向模型的参数（{cell}，{layers} 层，隐藏层大小 {hidden}）。"
        "PyTorch 的层号从 0 开始，所以公式中的第 l 层对应 `_l{{l−1}}`；`_reverse` 表示反向。"
    ),
    "deep.params_gates": "每个权重堆叠了 {count} 个部分（{gates}）的矩阵：{count} 个块，每块 {hidden} 行。",
    "deep.param": "PyTorch 名称",
    "deep.shape": "形状",
    "deep.role": "在公式中",
    "deep.role.weight_ih": "W_a[{layer}]{arrow}，读取 {below} 的部分",
    "deep.role.weight_hh": "W_a[{layer}]{arrow}，读取 a[{layer}]{arrow}<t{step}> 的部分（循环）",
    "deep.role.bias": "b_a[{layer}]{arrow} = bias_ih + bias_hh（PyTorch 保存两个）",
    "deep.role.head_weight": "W_y（它的列读取 [a→, a←]）",
    "deep.role.head_bias": "b_y",
    "deep.below_input": "输入 x<t>",
    "deep.below_layer": "第 {layer} 层的 [a→, a←]（两个方向）",
    "deep.forward": "前向 →",
    "deep.backward": "反向 ←",
    "deep.accuracy_title": "训练中的{metric}",
    "deep.ceiling": "不看未来时的最好成绩 = {value:.0%}",
    "deep.accuracy_caption_lookahead": (
        "单向模型无法越过虚线：在 Teddy 处，过去的内容什么也说明不了，它只能猜。"
        "在默认设置下（LSTM、一层、200 步），双向模型升到 100 %（在留出数据上，种子 0–9 每一个都如此）。"
    ),
    "deep.accuracy_caption_recall": (
        "在回忆任务上，双向模型赢得很取巧：它的反向 RNN 最后才读到第一个符号，就在作答之前，"
        "所以根本不需要长期记忆（在默认设置下，它在种子 0–9 的每一个上都领先 70 个百分点以上）。"
    ),
    "deep.inside": "看看内部：每一层、每一个方向",
    "deep.view": "模型",
    "deep.view.uni": "单向",
    "deep.view.bi": "双向",
    "deep.inside_step": "第 {step} 步之后的探测序列 {example}。刻度标签是它的词：T = Teddy，"
                        "P = 表示人的词，B = 表示玩具的词，·k = 其他词。",
    "deep.inside_step_recall": "第 {step} 步之后的探测序列 {example}；第一个词就是要说出的符号。",
    "deep.heat_title": "第 {layer} 层，{direction}：隐藏状态 a[{layer}]",
    "deep.heat.lookahead.forward": "在 T 处，前向状态只读过过去，所以无法区分人和玩具。",
    "deep.heat.lookahead.forward_deep": "这个前向状态读取下一层的两个方向，所以在 T 处它已经可能知道答案。",
    "deep.heat.lookahead.backward": "反向状态从右往左计算：在 T 处，它已经读过后面的 P 或 B。",
    "deep.heat.recall.forward": "前向状态必须把第一个符号越过每个干扰符号，一直带到最后一步。",
    "deep.heat.recall.forward_deep": "这个前向状态读取下一层的两个方向，而它们已经含有第一个符号。",
    "deep.heat.recall.backward": "反向状态最后才读到第一个符号：在 t = 0 时它刚刚看到它。",
    "deep.flow_title": "有多少梯度到达每个时间步，按层和方向（第 {step} 步）",
    "deep.flow_caption": (
        "前向的线（实线）把梯度从损失带到更早的步，反向的线（点线）带到更晚的步——在前瞻任务中，"
        "就是带到起决定作用的那个词。空心圆：恰好为 0，从那里往这个方向没有损失。"
    ),
    "deep.flow_label": "第 {layer} 层 {direction}",
    "deep.honest": (
        "补充说明：在深层双向模型中，第 2 层读取第 1 层的两个方向，所以即使是它的前向部分也已经知道未来。"
        "双向 RNN 在给出第一个输出之前需要整个序列，所以它不能生成文本，也不能实时作答。"
    ),
}
