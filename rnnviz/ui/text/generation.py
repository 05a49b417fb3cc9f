"""Strings of page 10, generation: sampling with temperature and top-k, the CS182 sentences (marginals are not
enough), and exposure bias with teacher forcing and scheduled sampling (curriculum §4).

Sentences that state what the models do are measured claims, one key each ("generation.claim_*"), registered in
rnnviz/claims.py; every other caption says what to look at.  The figures' own words are
rnnviz.figures.generation.WORDS under "generation.fig.<name>"."""

from rnnviz.figures.generation import WORDS

EN = {
    "generation.title": "Generation: sampling and exposure bias",
    "generation.card": "Draw sentences word by word, see why each sample must be fed back, and what teacher forcing leaves out.",
    "generation.intro": (
        "A language model predicts a distribution over the next word. To **generate**, it draws a word from that "
        "distribution and feeds it back in as the next input. The temperature and top-k change what it draws from. "
        "Below, a small word-level model shows why the draws must be fed back, and a model of a wave shows what "
        "happens when a model trained only on true inputs (**teacher forcing**) must read its own outputs instead."
    ),
    # the CS182 sentences
    "generation.cs182_header": "Marginals are not enough",
    "generation.cs182_intro": (
        "A word-level LSTM (32 units) learns three sentences, the corpus of Berkeley's CS182: *I think therefore I "
        "am*, *I like machine learning*, *I am not just a neural network*. It trains here in about a second. Each "
        "sentence starts after a start token `<s>` and ends with `</s>`."
    ),
    "generation.temperature": "Temperature",
    "generation.temperature_help": (
        "Divides the scores before the softmax: 0 is greedy decoding (always the likeliest word), 1 the model's own "
        "odds, higher flattens them."
    ),
    "generation.top_k": "Top-k",
    "generation.top_k_help": "Draw only among the k likeliest words at each step; the others get probability 0.",
    "generation.top_k.all": "all words",
    "generation.top_k.k": "top {k}",
    "generation.label.model": "the model (temperature 1)",
    "generation.label.sampled": "drawn from (temperature {temperature:g}, {top_k})",
    "generation.next_caption": (
        "the model's own probabilities after “I” (about a third each for think, like and am), next to the "
        "distribution actually drawn from at this temperature and top-k. Words below {shown:g} in both are left out."
    ),
    "generation.marginals_caption": (
        "each column is what the model predicts at one position, averaged over the three sentences. Drawing every "
        "word from its own column, without looking at the words before it, mixes the sentences."
    ),
    "generation.independent": "Drawn independently from each step's marginal",
    "generation.autoregressive": "Drawn autoregressively (each word fed back)",
    "generation.valid": "Valid sentences of {n} drawn",
    "generation.col.sentence": "sentence",
    "generation.col.valid": "in the corpus",
    "generation.samples_caption": (
        "The first {shown} of the {n} samples of each kind (seed {seed}). A sample ends at its first `</s>` or after "
        "{steps} words; it is valid when it is one of the three sentences, word for word."
    ),
    "generation.claim_cs182": (
        "Measured on seeds 0–9 at temperature 1, {n} samples each: fed back, at least 95 % of the samples are "
        "sentences of the corpus; drawn independently from the same marginals, at most 10 %."
    ),
    # exposure bias
    "generation.exposure_header": "Teacher forcing, free running and scheduled sampling",
    "generation.exposure_intro": (
        "A GRU (32 units) learns to continue a wave (the `sine` task, without noise): at each step it reads the "
        "value and predicts the next one. **Teacher forcing** trains it on the true values only. To generate, the "
        "model reads {warmup} true values and then runs **free**: each prediction becomes its next input, so its "
        "own errors come back to it. **Scheduled sampling** (Bengio et al. 2015) trains on a mix: each input is the "
        "true value with probability ε, else the model's own previous prediction (as data, without a gradient "
        "through it), and ε falls over training. Both models start from the same weights and see the same data."
    ),
    "generation.schedule": "Schedule of ε",
    "generation.schedule_help": (
        "How the probability of feeding the true value falls over training. Every schedule ends at ε = {level:g}; "
        "constant stays there."
    ),
    "generation.schedule.constant": "constant",
    "generation.schedule.linear": "linear",
    "generation.schedule.exponential": "exponential",
    "generation.schedule.inverse_sigmoid": "inverse sigmoid",
    "generation.schedule_caption": "the chosen schedule (thick): at ε = 1 the model reads only true values.",
    "generation.train": "Train both",
    "generation.training": "Training both models on one CPU thread ({steps} steps each)…",
    "generation.training_words": "Training the word model on one CPU thread ({steps} steps)…",
    "generation.press_train": "Press **Train both** to train the teacher-forced and the scheduled model (a few seconds).",
    "generation.label.teacher": "teacher forcing",
    "generation.label.scheduled": "scheduled sampling",
    "generation.rollout_caption": (
        "solid lines: each model rolled out free-running; dashed: the same positions read with the true inputs "
        "(one-step error); grey: the error of always predicting 0, which knows nothing about the wave. Scored on "
        "256 held-out waves."
    ),
    "generation.this_run": (
        "This run (seed {seed}): one-step error {teacher_one:.2g} with teacher forcing, {scheduled_one:.2g} with "
        "scheduled sampling; free-running error over the rollout {teacher_free:.2g} and {scheduled_free:.2g}; "
        "gap (free-running ÷ one-step) {teacher_gap:.0f}× and {scheduled_gap:.0f}×."
    ),
    "generation.measured": "Measured on seeds 0–9 with this page's defaults (inverse sigmoid to ε = {level:g}, {steps} steps)",
    "generation.claim_teacher_gap": (
        "With **teacher forcing** the error of the model fed its own predictions grows step after step: averaged "
        "over the rollout it is more than 100 times its one-step error."
    ),
    "generation.claim_scheduled_trade": (
        "**Scheduled sampling** narrows that gap, but mostly from the other end: its one-step error is more than "
        "10 times the teacher-forced model's."
    ),
    "generation.claim_teacher_first_steps": (
        "Over the first three steps of the rollout the teacher-forced model is still the more accurate one."
    ),
    "generation.claim_late_rollout": (
        "In the second half of the rollout neither model follows the wave any more: the scheduled model's error "
        "sits at the level of always predicting 0 (within 15 %), the teacher-forced model's above it. Scheduled "
        "sampling keeps the model from overshooting, but does not teach it to continue the wave: no measurable "
        "benefit here beyond knowing nothing."
    ),
    "generation.anchor": (
        "For comparison: Bengio et al. (2015) report on TIMIT a next-step error of 15.0 against 46.0 when decoding "
        "free-running, and 34.5 with scheduled sampling; He et al. (2019) find the effect of exposure bias small in "
        "some settings. The sentences above were checked with the default schedule only."
    ),
    **{f"generation.fig.{name}": words for name, words in WORDS.items()},
}

ZH = {
    "generation.title": "生成：采样与暴露偏差",
    "generation.card": "逐词抽取句子，看为什么每个样本都要回馈给模型，以及教师强制遗漏了什么。",
    "generation.intro": (
        "语言模型预测下一个词的分布。**生成**时，它从这个分布中抽取一个词，再把它作为下一个输入回馈给自己。"
        "温度和 top-k 改变它从中抽取的分布。下面，一个小型的词级模型说明为什么抽到的词必须回馈，"
        "一个学习波形的模型则展示：只用真实输入训练（**教师强制**）的模型，改为读取自己的输出时会发生什么。"
    ),
    "generation.cs182_header": "只有边缘分布是不够的",
    "generation.cs182_intro": (
        "一个词级长短期记忆网络（32 个单元）学习三句话，即伯克利 CS182 的语料：*I think therefore I am*、"
        "*I like machine learning*、*I am not just a neural network*。它在这里训练大约一秒。"
        "每句话从起始符 `<s>` 之后开始，以 `</s>` 结束。"
    ),
    "generation.temperature": "温度",
    "generation.temperature_help": "在 softmax 之前把得分除以它：0 即贪心解码（总选最可能的词），1 是模型自己的概率，更高则把分布拉平。",
    "generation.top_k": "Top-k",
    "generation.top_k_help": "每一步只在最可能的 k 个词中抽取，其余词的概率为 0。",
    "generation.top_k.all": "所有词",
    "generation.top_k.k": "前 {k} 个",
    "generation.label.model": "模型（温度 1）",
    "generation.label.sampled": "实际抽取的分布（温度 {temperature:g}，{top_k}）",
    "generation.next_caption": "模型在 “I” 之后给出的概率（think、like、am 各约三分之一），旁边是在当前温度和 top-k 下实际抽取的分布。两者都低于 {shown:g} 的词不画出。",
    "generation.marginals_caption": "每一列是模型在某个位置的预测，对三句话取平均。若每个词都只从自己那一列抽取、不看前面的词，几句话就会混在一起。",
    "generation.independent": "从每一步的边缘分布独立抽取",
    "generation.autoregressive": "自回归抽取（每个词都回馈）",
    "generation.valid": "抽取 {n} 句中的有效句子",
    "generation.col.sentence": "句子",
    "generation.col.valid": "在语料中",
    "generation.samples_caption": (
        "每种方式 {n} 个样本中的前 {shown} 个（种子 {seed}）。样本在第一个 `</s>` 处或 {steps} 个词后结束；"
        "与三句话之一逐词相同即为有效。"
    ),
    "generation.claim_cs182": (
        "在种子 0–9 上测得（温度 1，每次 {n} 个样本）：回馈抽取时，至少 95% 的样本是语料中的句子；"
        "从同样的边缘分布独立抽取时，至多 10%。"
    ),
    "generation.exposure_header": "教师强制、自由运行与计划采样",
    "generation.exposure_intro": (
        "一个门控循环单元（32 个单元）学习延续一条波形（`sine` 任务，无噪声）：每一步读入当前值并预测下一个值。"
        "**教师强制**只用真实值训练它。生成时，模型先读 {warmup} 个真实值，然后**自由运行**：每个预测成为它的下一个输入，"
        "自己的误差又回到自己身上。**计划采样**（Bengio 等，2015）用混合输入训练：每个输入以概率 ε 取真实值，"
        "否则取模型自己上一步的预测（作为数据，不对它传梯度），ε 随训练下降。两个模型从相同的权重出发，看到相同的数据。"
    ),
    "generation.schedule": "ε 的计划",
    "generation.schedule_help": "输入真实值的概率在训练中如何下降。每种计划最后都到 ε = {level:g}；常数计划始终停在这里。",
    "generation.schedule.constant": "常数",
    "generation.schedule.linear": "线性",
    "generation.schedule.exponential": "指数",
    "generation.schedule.inverse_sigmoid": "反 sigmoid",
    "generation.schedule_caption": "所选的计划（粗线）：ε = 1 时模型只读真实值。",
    "generation.train": "训练两个模型",
    "generation.training": "正在单个 CPU 线程上训练两个模型（各 {steps} 步）……",
    "generation.training_words": "正在单个 CPU 线程上训练词级模型（{steps} 步）……",
    "generation.press_train": "按 **训练两个模型**，训练教师强制模型和计划采样模型（几秒钟）。",
    "generation.label.teacher": "教师强制",
    "generation.label.scheduled": "计划采样",
    "generation.rollout_caption": "实线：各模型自由运行；虚线：同样的位置读入真实输入（单步误差）；灰线：始终预测 0 的误差，它对波形一无所知。在 256 条留出的波形上评分。",
    "generation.this_run": (
        "本次运行（种子 {seed}）：单步误差，教师强制 {teacher_one:.2g}，计划采样 {scheduled_one:.2g}；"
        "自由运行的平均误差 {teacher_free:.2g} 和 {scheduled_free:.2g}；差距（自由运行 ÷ 单步）{teacher_gap:.0f}× 和 {scheduled_gap:.0f}×。"
    ),
    "generation.measured": "在种子 0–9 上用本页默认设置测得（反 sigmoid 降到 ε = {level:g}，{steps} 步）",
    "generation.claim_teacher_gap": "用**教师强制**训练的模型，读入自己的预测后误差一步步增大：在整个自由运行中平均，超过其单步误差的 100 倍。",
    "generation.claim_scheduled_trade": "**计划采样**缩小了这个差距，但主要是从另一端：它的单步误差是教师强制模型的 10 倍以上。",
    "generation.claim_teacher_first_steps": "在自由运行的前三步，教师强制模型仍然更准确。",
    "generation.claim_late_rollout": (
        "在自由运行的后半段，两个模型都不再跟随波形：计划采样模型的误差停在始终预测 0 的水平（相差 15% 以内），"
        "教师强制模型的误差高于它。计划采样让模型不再越冲越远，却没有教会它延续波形：在这里，除了“什么都不知道”之外，没有可测的好处。"
    ),
    "generation.anchor": (
        "作为对照：Bengio 等（2015）在 TIMIT 上报告，逐步预测误差 15.0，自由运行解码 46.0，用计划采样 34.5；"
        "He 等（2019）发现暴露偏差在某些设置下影响很小。上面的句子只用默认计划检验过。"
    ),
    "generation.fig.gen_next_title": "“{prime}” 之后的下一个词",
    "generation.fig.gen_word": "词",
    "generation.fig.gen_probability": "概率",
    "generation.fig.gen_marginals_title": "边缘分布：每个位置上各词的概率 P",
    "generation.fig.gen_position": "句中位置",
    "generation.fig.gen_marginal_hover": "位置 {t}：{word}<br>P = {p}",
    "generation.fig.gen_schedule_title": "输入真实前一个值的概率",
    "generation.fig.gen_teacher_probability": "ε（输入真实值）",
    "generation.fig.gen_rollout_title": "误差与自由运行长度",
    "generation.fig.gen_horizon": "距上一个真实值的步数（自由运行长度）",
    "generation.fig.gen_mse": "均方误差（对数刻度）",
    "generation.fig.gen_free": "{label}，自由运行",
    "generation.fig.gen_one_step": "{label}，单步（教师强制）",
    "generation.fig.gen_zero": "始终预测 0",
}
