"""What the engine's tasks say in English (Task.describe(), Task.metric_name, each parameter's help), for the
pages: one sentence per task, filled in by rnnviz.ui.tasks.describe() with the task's own numbers."""

EN = {
    "task.recall.describe": ("See one of {n_symbols} symbols, then {distance} distractors; name the first symbol at the "
                             "end (chance {chance:.0%})."),
    "task.adding.describe": ("Read {length} random numbers, two of them marked, and output the sum of the two marked "
                             "ones at the end (counted right within {tolerance}; chance {chance:.1%})."),
    "task.sine.describe": ("Watch {length} steps of a wave (one or two sines) blurred by noise of size {noise:g}, and at "
                           "every step predict the next clean value."),
    "task.charlm.describe": ("Read {seq_len} characters of {source} ({chars:,} characters, {vocab} distinct) and predict "
                             "each next character (chance {chance:.0%})."),
    "task.charlm.bundled": "the bundled sonnets",
    "task.charlm.own": "your text",
    "task.lookahead.describe": (
        "Tag each Teddy (T) as a person or a toy: the word that decides, P (“Roosevelt”) or B (“bears”), comes "
        "{min_gap}–{max_gap} steps later, among {n_distractors} distractor words. {tags} T per sequence of {length}; "
        "reading only the past, the best possible is {chance:.0%}."),
    "task.reverse.describe": "Read {min_length} to {length} symbols from {n_symbols} ({symbols}) and write them in reverse order.",
    "task.sort.describe": "Read {min_length} to {length} symbols from {n_symbols} ({symbols}) and write them in sorted order.",
    "task.dates.describe": ("Read a date written in one of {formats} ways (\"25th of June, 2009\", \"25/06/09\", …) and "
                            "write it as year-month-day (\"2009-06-25\")."),
    "task.recall.metric": "accuracy",
    "task.adding.metric": "accuracy (|error| < {tolerance})",
    "task.sine.metric": "R²",
    "task.charlm.metric": "next-char accuracy",
    "task.lookahead.metric": "tag accuracy at the T words",
    "task.reverse.metric": "exact match",
    "task.sort.metric": "exact match",
    "task.dates.metric": "exact match",
    "task.recall.distance_help": "distractor steps between the symbol and the question",
    "task.recall.n_symbols_help": "symbols to choose from",
    "task.recall.n_distractors_help": "distractor tokens",
    "task.adding.length_help": "sequence length",
    "task.sine.length_help": "sequence length",
    "task.sine.noise_help": "standard deviation of the input noise",
    "task.charlm.seq_len_help": "characters per training window",
    "task.lookahead.length_help": "sequence length (at least max_gap + 2)",
    "task.lookahead.min_gap_help": "fewest steps from a word to the later word that decides it",
    "task.lookahead.max_gap_help": "most steps from a word to the later word that decides it",
    "task.lookahead.n_distractors_help": "distractor tokens",
    "task.reverse.length_help": "longest input sequence (the padded width)",
    "task.reverse.min_length_help": "shortest input sequence; 0: half the longest",
    "task.reverse.n_symbols_help": "symbols to choose from",
    "task.sort.length_help": "longest input sequence (the padded width)",
    "task.sort.min_length_help": "shortest input sequence; 0: half the longest",
    "task.sort.n_symbols_help": "symbols to choose from",
}


ZH = {
    "task.recall.describe": "先看到 {n_symbols} 个符号中的一个，再看 {distance} 个干扰符号；在末尾说出第一个符号（随机猜测 {chance:.0%}）。",
    "task.adding.describe": ("读入 {length} 个随机数，其中两个被标记，在末尾输出这两个被标记的数之和"
                             "（误差在 {tolerance} 以内算对；随机猜测 {chance:.1%}）。"),
    "task.sine.describe": "观察一段 {length} 步、被大小为 {noise:g} 的噪声模糊的波（一个或两个正弦波之和），并在每一步预测下一个干净的值。",
    "task.charlm.describe": "读取{source}中的 {seq_len} 个字符（共 {chars:,} 个字符，{vocab} 个不同字符），并预测每一个下一个字符（随机猜测 {chance:.0%}）。",
    "task.charlm.bundled": "自带的十四行诗",
    "task.charlm.own": "你的文本",
    "task.lookahead.describe": (
        "把每个 Teddy（T）标注为人或玩具：起决定作用的词 P（“Roosevelt”）或 B（“bears”）在 {min_gap}–{max_gap} 步之后才出现，"
        "夹在 {n_distractors} 种干扰词中。每个长度为 {length} 的序列中有 {tags} 个 T；只读过去时，最好只能做到 {chance:.0%}。"),
    "task.reverse.describe": "从 {n_symbols} 个符号（{symbols}）中读入 {min_length} 到 {length} 个，并按相反的顺序写出。",
    "task.sort.describe": "从 {n_symbols} 个符号（{symbols}）中读入 {min_length} 到 {length} 个，并按排好的顺序写出。",
    "task.dates.describe": "读入一个以 {formats} 种写法之一写成的日期（“25th of June, 2009”“25/06/09”……），并把它写成年-月-日（“2009-06-25”）。",
    "task.recall.metric": "准确率",
    "task.adding.metric": "准确率（|误差| < {tolerance}）",
    "task.sine.metric": "R²",
    "task.charlm.metric": "下一字符准确率",
    "task.lookahead.metric": "T 处的标注准确率",
    "task.reverse.metric": "完全匹配率",
    "task.sort.metric": "完全匹配率",
    "task.dates.metric": "完全匹配率",
    "task.recall.distance_help": "符号与提问之间的干扰步数",
    "task.recall.n_symbols_help": "可供选择的符号数",
    "task.recall.n_distractors_help": "干扰符号的种类数",
    "task.adding.length_help": "序列长度",
    "task.sine.length_help": "序列长度",
    "task.sine.noise_help": "输入噪声的标准差",
    "task.charlm.seq_len_help": "每个训练窗口的字符数",
    "task.lookahead.length_help": "序列长度（至少为 max_gap + 2）",
    "task.lookahead.min_gap_help": "从一个词到后面决定它的那个词的最少步数",
    "task.lookahead.max_gap_help": "从一个词到后面决定它的那个词的最多步数",
    "task.lookahead.n_distractors_help": "干扰符号的种类数",
    "task.reverse.length_help": "最长的输入序列（补齐后的宽度）",
    "task.reverse.min_length_help": "最短的输入序列；0：最长的一半",
    "task.reverse.n_symbols_help": "可供选择的符号数",
    "task.sort.length_help": "最长的输入序列（补齐后的宽度）",
    "task.sort.min_length_help": "最短的输入序列；0：最长的一半",
    "task.sort.n_symbols_help": "可供选择的符号数",
}
