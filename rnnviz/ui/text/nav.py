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
