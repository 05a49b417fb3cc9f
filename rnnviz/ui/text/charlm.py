"""Strings of page 5, the character model: training on a text, samples, units coloured over the text, PCA."""

EN = {
    "charlm.title": "Hidden states of a character model",
    "charlm.card": "Train a character-level language model on sonnets or your own text, then find the hidden units that track spaces and line breaks.",
    "charlm.intro": (
        "A character model reads text one character at a time and predicts the next one; its target is the "
        "input shifted by one. To write, it samples a character from its prediction and feeds it back in. "
        "Press **Train** and watch its samples go from noise to words; then colour the text by "
        "what single hidden units do while reading it."
    ),
    "charlm.source": "Text to learn",
    "charlm.source.sonnets": "Shakespeare's sonnets (bundled)",
    "charlm.source.tiny": "“I think therefore I am” (three sentences)",
    "charlm.source.paste": "Paste your own",
    "charlm.source.upload": "Upload a .txt file",
    "charlm.paste": "Your text",
    "charlm.paste_placeholder": "Paste a few thousand characters of any text: a poem, code, a song…",
    "charlm.upload": "A plain-text file in UTF-8",
    "charlm.empty": "There is no text yet: paste some into the box above.",
    "charlm.no_file": "Choose a .txt file to learn from.",
    "charlm.too_long": "That text has {chars:,} characters; this page learns from at most {limit:,}. Use a shorter part of it.",
    "charlm.not_utf8": "That file is not UTF-8 text, so its characters cannot be read. Save it as UTF-8 plain text and upload it again.",
    "charlm.describe": "{chars:,} characters, {vocab} distinct; the model reads windows of {seq_len}.",
    "charlm.cell": "Cell",
    "charlm.hidden": "Hidden units",
    "charlm.steps": "Training steps",
    "charlm.temperature": "Sampling temperature",
    "charlm.temperature_help": "Divides the scores before the softmax: low → safe and repetitive (as it approaches 0, the samples approach always taking the likeliest character), 1 → the model's own odds, high → wild.",
    "charlm.prime": "Start the samples with",
    "charlm.prime_help": "Characters of the text to begin with. Empty: the samples begin a new line.",
    "charlm.bpc": "bits per character",
    "charlm.bpc_title": "Bits per character while training (letter frequencies alone: {chance:.2f})",
    "charlm.bpc_caption": (
        "lower is better. The grey line is what you get from letter frequencies alone, ignoring order; "
        "guessing uniformly among the {vocab} characters would cost {uniform:.2f} bits."
    ),
    "charlm.bpc_now": "Last 20 steps: **{bpc:.2f}** bits per character, against {chance:.2f} for letter frequencies alone.",
    "charlm.samples": "Samples as it learns (temperature {temperature:g})",
    "charlm.sample_at": "after {step} steps",
    "charlm.sample_final": "the trained model, after {step} steps",
    "charlm.sample_failed": "No sample: {message}",
    "charlm.bad_prime": "The start of the samples cannot be used: {message}",
    "charlm.read_header": "What single units track",
    "charlm.read_intro": (
        "The trained model reads a piece of text below. Each character's background is one hidden unit's "
        "value h after reading it: red positive, blue negative, white near 0. Most units mix many things; a few "
        "follow something you can name."
    ),
    "charlm.start": "Window start (character)",
    "charlm.probe": "…or type a text for it to read",
    "charlm.probe_help": "Only characters that occur in the training text; the first {limit:,} are read.",
    "charlm.unit": "Unit to colour by (most interesting first)",
    "charlm.unit_help": "Units are ordered by their strongest correlation with one of the simple features in the table.",
    "charlm.unit_option": "unit {unit} — {feature} (r = {r:+.2f})",
    "charlm.ranking": "Find interesting units: correlation of each unit with simple features of this text",
    "charlm.ranking_caption": "Pearson correlation over the characters shown. A strong correlation is a lead, not proof: check it in the coloured text.",
    "charlm.heat_caption": (
        "What to look at: where the colour flips. Trained on the sonnets with the defaults, some unit always "
        "followed the spaces and line breaks (|r| ≥ 0.5 with “whitespace” on every one of seeds 0–9): look for it in the "
        "list. With your own text, look for what it has: quotes, brackets, line starts."
    ),
    "charlm.pca_title": "Path of the hidden state while reading (PCA of h)",
    "charlm.pca_caption": "each dot is the state after one character, coloured by position. Hover to see the character, and look for where the path jumps.",
}


ZH = {
    "charlm.title": "字符模型的隐藏状态",
    "charlm.card": "在十四行诗或你自己的文本上训练一个字符级语言模型，然后找出追踪空格和换行的隐藏单元。",
    "charlm.intro": (
        "字符模型一次读一个字符，并预测下一个字符；它的目标就是把输入错开一位。生成文本时，"
        "它从自己的预测中采样一个字符，再把它作为输入送回去。点击 **训练**，看它的样本从噪声变成单词；"
        "然后按单个隐藏单元在阅读时的取值给文本上色。"
    ),
    "charlm.source": "要学习的文本",
    "charlm.source.sonnets": "莎士比亚十四行诗（自带）",
    "charlm.source.tiny": "“我思故我在”（三句话）",
    "charlm.source.paste": "粘贴你自己的文本",
    "charlm.source.upload": "上传 .txt 文件",
    "charlm.paste": "你的文本",
    "charlm.paste_placeholder": "粘贴几千个字符的任意文本：一首诗、一段代码、一首歌……",
    "charlm.upload": "UTF-8 编码的纯文本文件",
    "charlm.empty": "还没有文本：请在上面的框中粘贴一些。",
    "charlm.no_file": "请选择一个用来学习的 .txt 文件。",
    "charlm.too_long": "这段文本有 {chars:,} 个字符；本页最多学习 {limit:,} 个。请使用其中较短的一部分。",
    "charlm.not_utf8": "这个文件不是 UTF-8 文本，无法读取其中的字符。请另存为 UTF-8 纯文本后重新上传。",
    "charlm.describe": "共 {chars:,} 个字符，{vocab} 个不同字符；模型每次读取长度为 {seq_len} 的窗口。",
    "charlm.cell": "单元",
    "charlm.hidden": "隐藏单元数",
    "charlm.steps": "训练步数",
    "charlm.temperature": "采样温度",
    "charlm.temperature_help": "在 softmax 之前把得分除以它：低 → 稳妥而重复（接近 0 时，样本趋于总是选择最可能的字符），1 → 模型自己的概率，高 → 天马行空。",
    "charlm.prime": "样本的开头",
    "charlm.prime_help": "样本开头使用的文本字符。留空：样本从新的一行开始。",
    "charlm.bpc": "每字符比特数",
    "charlm.bpc_title": "训练中的每字符比特数（仅凭字母频率：{chance:.2f}）",
    "charlm.bpc_caption": (
        "越低越好。灰线是不考虑顺序、只凭字母频率能达到的水平；在 {vocab} 个字符中均匀猜测则需要 {uniform:.2f} 比特。"
    ),
    "charlm.bpc_now": "最近 20 步：每字符 **{bpc:.2f}** 比特，仅凭字母频率为 {chance:.2f}。",
    "charlm.samples": "学习过程中的样本（温度 {temperature:g}）",
    "charlm.sample_at": "{step} 步之后",
    "charlm.sample_final": "训练好的模型，{step} 步之后",
    "charlm.sample_failed": "没有样本：{message}",
    "charlm.bad_prime": "无法使用这个样本开头：{message}",
    "charlm.read_header": "单个单元在追踪什么",
    "charlm.read_intro": (
        "训练好的模型阅读下面的一段文本。每个字符的背景色是某个隐藏单元读完该字符后的值 h："
        "红色为正，蓝色为负，白色接近 0。大多数单元混合了许多信息；少数单元追踪的东西你能叫出名字。"
    ),
    "charlm.start": "窗口起点（字符）",
    "charlm.probe": "……或输入一段文本让它阅读",
    "charlm.probe_help": "只能使用训练文本中出现过的字符；只读取前 {limit:,} 个。",
    "charlm.unit": "用于上色的单元（最有意思的排在前面）",
    "charlm.unit_help": "单元按它与表中某个简单特征的最强相关性排序。",
    "charlm.unit_option": "单元 {unit} — {feature}（r = {r:+.2f}）",
    "charlm.ranking": "寻找有意思的单元：每个单元与这段文本简单特征的相关性",
    "charlm.ranking_caption": "在显示的字符上计算的皮尔逊相关系数。强相关只是线索，不是证明：请在上色的文本中核对。",
    "charlm.heat_caption": (
        "看点：颜色在哪里翻转。用默认设置在十四行诗上训练时，总有某个单元追踪空格和换行"
        "（在种子 0–9 的每一个上都与“whitespace”满足 |r| ≥ 0.5）：在列表中找到它。"
        "用你自己的文本时，找找它有的东西：引号、括号、行首。"
    ),
    "charlm.pca_title": "阅读时隐藏状态的轨迹（h 的主成分分析）",
    "charlm.pca_caption": "每个点是读完一个字符后的状态，按位置着色。把鼠标悬停在点上可以看到对应的字符，留意轨迹在哪里跳跃。",
}
