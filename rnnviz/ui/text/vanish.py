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


ZH = {
    "vanish.title": "梯度消失与梯度爆炸：解析视角",
    "vanish.card": "调节 W_hh 的谱半径，看梯度随时间缩小或爆炸——无需训练。",
    "vanish.intro": (
        "随时间反向传播每经过一步就把梯度乘以一个雅可比矩阵："
        "∂h_T/∂h_t = Π diag(g′(z_k)) · W_hh，其中 k = t+1 … T，T 是最后一步（时间步记为 t = 0 … T）。"
        "许多小于 1 的因子相乘会消失；大于 1 则会爆炸。第一部分的所有内容都由一个刚初始化的单元即时算出，"
        "尽管随意拖动滑块。"
    ),
    "vanish.cell": "单元",
    "vanish.cell.tanh": "普通 RNN（tanh）",
    "vanish.cell.relu": "普通 RNN（ReLU）",
    "vanish.cell.lstm": "LSTM",
    "vanish.cell.gru": "GRU",
    "vanish.init": "W_hh 的初始化",
    "vanish.init.gaussian": "高斯 N(0, s²/H)",
    "vanish.init.orthogonal": "正交（s · Q）",
    "vanish.init.identity": "单位矩阵（s · I，偏置为 0：IRNN）",
    "vanish.init_help": (
        "高斯：一个随机矩阵，其谱半径只是大约为 s。正交与单位矩阵：每个特征值都恰好满足 |λ| = s。"
        "单位矩阵配合 ReLU 和零偏置，就是 Le、Jaitly 与 Hinton（2015）的 IRNN。"
    ),
    "vanish.scale": "W_hh 的谱半径 / 权重缩放 s",
    "vanish.scale_help": "W_hh 的每个块都以这个缩放初始化；特征值图显示实际得到的谱半径。",
    "vanish.length": "序列长度 T",
    "vanish.gate_bias": "遗忘门 / 保留门偏置",
    "vanish.gate_bias_help": (
        "LSTM：遗忘门 f 的偏置；GRU：PyTorch 更新门 z 的偏置（保留旧状态的比例）。"
        "0 大致是 PyTorch 默认值的平均水平；+1 到 +4 让单元默认就记住。普通 RNN 没有门。"
    ),
    "vanish.profile_title": "最后状态 h_T 对 h_t 还有多大依赖——{cell}，{length} 步",
    "vanish.theory": "ρ^(T−t)，ρ = {radius:.3g}：线性 RNN",
    "vanish.profile_caption": (
        "右端是最后一步 t = T（此处 ‖∂h_T/∂h_T‖ = 1）；请从右往左读。在这个对数坐标上，"
        "一条笔直下降的线就是按几何级数消失；上升则是爆炸。灰色虚线是 ρ^(T−t)，"
        "即具有这个 W_hh 的线性 RNN 的变化速率。"
    ),
    "vanish.profile_caption_gated": (
        "右端是最后一步 t = T（此处 ‖∂h_T/∂h_T‖ = 1）；请从右往左读。经过门之后，速率不再是 ρ 的幂："
        "调高门偏置，看这条线变平。"
    ),
    "vanish.reach": "从 t = 0 到 t = T，依赖总共乘以 **{ratio:.2g}**：每步约 **{rate:.3g}**。",
    "vanish.eig_title": "{block} 的特征值（ρ = {radius:.3g}）",
    "vanish.block.rnn": "W_hh",
    "vanish.block.lstm": "W_hh 的 g 块",
    "vanish.block.gru": "W_hh 的 n 块",
    "vanish.eig_caption": (
        "圆外的点是每一步都在增长的方向，圆内的点则在缩小。拖动缩放滑块：点云随之放大、缩小。"
    ),
    "vanish.eig_caption_gated": (
        "{cell} 的 W_hh 为每个门堆叠一个块；这里是候选值的块（第 2H…3H 行；其他块以同样方式初始化）。"
        "单看它的特征值并不能决定梯度：门在每一步都会缩放梯度。"
    ),
    "vanish.act_caption": "右图：反向传播在每一步所乘的斜率 g′。",
    "vanish.act_sentence": (
        "tanh′ ≤ 1，σ′ ≤ 0.25，ReLU′ 为 0 或 1，所以经过许多步，梯度每步最多大约缩小或增长 "
        "**ρ · max g′ 倍**（对正交或单位矩阵的 W_hh 恰好如此；高斯 W_hh 可能先增长几步，之后才由谱半径主导）。"
        "这里 ρ · max g′ = {bound:.3g}：{verdict}。"
    ),
    "vanish.verdict.below": "小于 1，所以在长跨度上梯度必然消失",
    "vanish.verdict.above": "大于 1，所以梯度可能爆炸——也可能在单元饱和（g′ ≈ 0）的地方依然消失",
    "vanish.verdict.gated": "对门控单元，决定速率的是遗忘门 / 保留门，而不是这个上界",
    "vanish.depends_title": "这些图取决于什么",
    "vanish.depends": (
        "- **输入。** 曲线是 {examples} 条随机序列的平均，x_t ~ N(0, 1)，{inputs} 个特征，隐藏层大小 {hidden}，"
        "W_ih 使用 PyTorch 默认值。输入越大，tanh 越容易饱和（tanh′ ≈ 0），无论 ρ 是多少，梯度都消失得更快。\n"
        "- **初始化。** 高斯 W_hh 的谱半径只是大约为 s；不同种子之间会有差异（见侧边栏）。"
        "正交与单位矩阵则恰好为 s。\n"
        "- **激活函数。** 对不活跃的单元 ReLU′ = 0，所以即使 ρ > 1，ReLU RNN 也可能梯度消失；"
        "用单位矩阵初始化时所有单元都导通，ρ > 1 就会爆炸。\n"
        "- **门。** 对 LSTM 和 GRU，遗忘门 / 保留门偏置对这条线的影响与 ρ 一样大：在 T = 100、正交 W_hh 时，"
        "把偏置从 0 调到 4，或把 ρ 从 0.5 调到 1.5，都能把左端抬高十个数量级以上（在种子 0–9 上测得）。"
        "但并不总是抬高：遗忘门偏置非常大时，LSTM 的细胞状态会不断累积（单位矩阵初始化、偏置为 6 时，"
        "100 步后在测过的每个种子上平均 |c| ≥ 10），tanh(c) 饱和，这条线最后反而比偏置为 4 时更低。\n"
        "- **训练。** 这里是初始化时的单元；训练会改变 W_hh，图也随之改变。"
    ),
    "vanish.clip_title": "训练中的梯度爆炸与梯度裁剪",
    "vanish.clip_intro": (
        "梯度爆炸时，一步梯度下降就会把权重甩得太远，以至于下一个损失变成 NaN。"
        "梯度裁剪在梯度范数超过阈值时把它缩小：ĝ = g · min(1, c / ‖g‖)。"
        "这里，一个 W_hh = 1.5 · I（隐藏层 32）的 ReLU RNN 用学习率为 {lr} 的 SGD 学习跨度为 {distance} 步的回忆任务，"
        "训练两次：一次不裁剪，一次按你选的阈值裁剪。"
    ),
    "vanish.clip": "裁剪阈值 c",
    "vanish.clip_help": "裁剪的那次训练会把每个范数大于 c 的梯度缩放到范数 c。",
    "vanish.clip_button": "两个都训练",
    "vanish.label.free": "不裁剪",
    "vanish.label.clipped": "在 c = {clip:g} 处裁剪",
    "vanish.loss_title": "训练损失（对数坐标）",
    "vanish.loss_caption": (
        "不裁剪的那次在一次更新后就以 ✕ 结束；裁剪的那次（c ≤ 3 时）向 0 下降，可能从图的底部离开——"
        "坐标轴在损失 0.001 处截止。"
    ),
    "vanish.norm_title": "裁剪前的梯度范数",
    "vanish.norm_caption": (
        "两次训练都以同样巨大的梯度开始；虚线是 c，空心圆圈标出梯度被裁剪到 c 的那些步。"
    ),
    "vanish.clip_depends": (
        "在这组设置下用种子 0–9 测得：不裁剪时，每次都在第二步发散；c = 0.1、0.3、1 或 3 时，"
        "每次都学会了任务（300 步后留出数据上的准确率高于 99 %）。c = 10 或 30 时，训练保持有限，"
        "但最终停在随机猜测水平（10 个种子的检查见 bench/claims.py）。梯度裁剪能防止爆炸，"
        "但它本身并不能让网络学会。换一组设置（另一个种子、学习率或优化器）会得到不同的数字。"
    ),
}
