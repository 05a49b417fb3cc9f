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
        "checks every sentence on this page. The sentences about the vanilla RNN were measured at distance 100: at "
        "shorter distances, or with a larger learning rate, nothing guarantees that it fails."
    ),
}


ZH = {
    "flow.title": "梯度流：普通 RNN、LSTM 与 GRU",
    "flow.card": "核心演示：三种单元在一个需要 100 步记忆的任务上比赛。",
    "flow.intro": (
        "每个模型先看到四个符号中的一个，接着是一串干扰符号，最后要说出第一个符号是什么。要学会这一点，"
        "末尾的误差必须传回第 0 步——随时间反向传播每经过一步就乘上一个雅可比矩阵。点击 **训练**，"
        "看看在每种单元里有多少梯度能走完这段路。"
    ),
    "flow.distance": "需要记住的距离（步）",
    "flow.distance_help": "符号与提问之间隔着多少个干扰步。",
    "flow.init": "门控单元的记忆门如何初始化",
    "flow.init_help": (
        "LSTM 遗忘门 f 与 GRU 保留门（PyTorch 中的 z）的初始偏置。普通 RNN 没有门，在每个选项下都一样。"
    ),
    "flow.init.pytorch": "PyTorch 默认值（偏置 ≈ 0）",
    "flow.init.bias1": "偏置 +1（Jozefowicz 等，2015）",
    "flow.init.bias4": "偏置 +4",
    "flow.init.chrono": "chrono（Tallec 与 Ollivier，2018）",
    "flow.steps": "训练步数",
    "flow.steps_help": (
        "使用 chrono 时，LSTM 通常在第 200–400 步达到 90 % 的准确率，但在某些种子上要到第 550 步附近；"
        "800 步为这些情况留出了余地。"
    ),
    "flow.button": "三个都训练",
    "flow.accuracy_title": "训练中的准确率（随机猜测 = {chance:.0%}）",
    "flow.accuracy_caption": (
        "在默认设置下（chrono 初始化、距离 100、800 步），两种门控单元都离开了随机猜测线，而普通 RNN 一直停在线上"
        "（种子 0–19 中有 19 个如此；在种子 8 上，它大约在 650 步后逃离：Adam 把每次更新缩放到相近的大小，"
        "所以即便是消失的梯度，也能慢慢地教会它）。决定结果的是门控单元记忆门的初始状态：见下方的“为什么”。"
    ),
    "flow.flow_title": "有多少梯度到达每个时间步（第 {step} 步）",
    "flow.flow_caption": (
        "损失位于右端；请从右往左读每条线。训练之前，如果普通 RNN 的线下降了好几个数量级，"
        "就说明末尾的误差几乎传不到第一个符号，也就没有任何力量促使模型把它存下来。"
    ),
    "flow.anim_title": "训练过程中的梯度流",
    "flow.anim_caption": (
        "点击播放或拖动步数滑块：普通 RNN 的线始终塌在底部；LSTM 的 c 线（虚线）一直保持畅通。"
    ),
    "flow.metric_acc": "{label}：准确率",
    "flow.why_title": "为什么",
    "flow.vanilla_why": (
        "普通 RNN 在反向传播的每一步都把梯度乘以 W_hhᵀ · diag(tanh′)，所以经过 {distance} 步后，"
        "梯度已缩小了许多个数量级（在 float32 中甚至会下溢成恰好为 0，图中画成空心点）。"
        "LSTM 的细胞状态是一个和：c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t，因此沿着它，梯度只乘以遗忘门；"
        "GRU 的保留门 z 起着同样的作用。"
    ),
    "flow.why.pytorch": (
        "使用 PyTorch 的默认初始化时，遗忘门从 σ(0) = 0.5 附近开始，因此沿着细胞状态，梯度每步大约乘以 0.5："
        "0.5^{distance} ≈ {highway:.1g}。这条高速通道在开始时是关闭的；在距离 100 时，"
        "种子 0–9 中没有任何一个让门控单元在 400 步内离开随机猜测线。"
    ),
    "flow.why.bias1": (
        "偏置 +1 是常见的推荐值，它让遗忘门从 σ(1) ≈ 0.73 开始：0.73^{distance} ≈ {highway:.1g}。"
        "在距离 100 时，种子 0–9 中没有任何一个让门控单元在 400 步内离开随机猜测线。"
    ),
    "flow.why.bias4": (
        "偏置 +4 让遗忘门从 σ(4) ≈ 0.982 开始，σ(4)^{distance} ≈ {highway:.2g}：高速通道是畅通的。"
        "在距离 100、训练 400 步时，GRU 在种子 0–9 上全部学会了，LSTM 只在其中一部分种子上学会：它的输入门开始时仍是半开的"
        "（σ(0) = 0.5），于是每个干扰符号都被写入 c。在任何训练之前，细胞就已被填满（最后一步的平均 |c| ≥ 3），"
        "大多数单元的 tanh(c) 已经饱和，所以到达 h 的梯度只有很少一部分能进入 c。一个种子能否学会，"
        "取决于最初几十步里的一场赛跑：到那时还没开始区分各个符号的模型会进一步饱和，停在随机猜测水平。"
        "试试种子 3 和 9。"
    ),
    "flow.why.chrono": (
        "chrono 初始化给每个单元一个自己的时间尺度：它的遗忘门偏置是 log(u)，u 取自 1 到 {longest} 之间，"
        "所以 f 从 0.5 到 {f_max:.3f} 之间开始，最慢的单元沿 c 保留了 {f_max:.3f}^{distance} ≈ {highway:.2g} 的梯度。"
        "LSTM 的输入门以相反的偏置开始，在这些单元上几乎是关闭的，所以干扰符号几乎写不进 c："
        "在学会目标符号之前，c 一直很小且不饱和（最后一步的平均 |c| < 0.5）。在 +4 有效的地方，它学得比 +4 慢，"
        "但使用默认的 800 步时，两种门控单元在距离 100 上、种子 0–9 全部学会了；在距离 50 和 150 上，400 步内就已学会。"
    ),
    "flow.h_vs_c": (
        "为什么 LSTM 的 h 线可以下降，而它的 c 虚线依然很高：梯度只能通过 h 向前传递的内容到达 h_t，"
        "而沿着 c，它每一步只乘以 f。训练之后，c 线仍然能把至少十分之一的梯度带到第 0 步。"
    ),
    "flow.honest": (
        "是测量出来的，不是空口承诺：声明基准测试（bench/claims.py）用种子 0–9 训练这些默认设置，"
        "并检查本页的每一句话。关于普通 RNN 的句子是在距离 100 上测得的：距离更短或学习率更大时，"
        "不能保证它会失败。"
    ),
}
