"""Strings of the navigation and the landing page."""

EN = {
    "nav.start": "Start",
    "nav.basics": "Basics",
    "nav.gates": "Gated cells",
    "nav.beyond": "Beyond one layer",
    "home.title": "rnnviz",
    "home.intro": ("Small RNN, LSTM and GRU models train live in your browser while you watch their hidden "
                   "states, their gates and the gradient that flows back through time — and see why a vanilla "
                   "RNN forgets what a gated cell remembers."),
    "home.start_demo": "Start the classroom demo",
    "home.start_demo_help": "Vanilla RNN vs LSTM vs GRU on a task that needs a memory of 100 steps.",
}


ZH = {
    "nav.start": "开始",
    "nav.basics": "基础",
    "nav.gates": "门控单元",
    "nav.beyond": "不止一层",
    "home.title": "rnnviz",
    "home.intro": ("小型 RNN、LSTM 和 GRU 模型在你的浏览器里实时训练，你可以一边看它们的隐藏状态、门，"
                   "以及随时间反向传播的梯度——并看清为什么普通 RNN 会遗忘，而门控单元能记住。"),
    "home.start_demo": "开始课堂演示",
    "home.start_demo_help": "普通 RNN、LSTM 与 GRU 在一个需要记住 100 步的任务上的对比。",
}
