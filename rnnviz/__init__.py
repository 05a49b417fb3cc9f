"""rnnviz: look inside recurrent networks while they train.

The engine (this package, minus `rnnviz.ui`) knows nothing of Streamlit:
    cells     InstrumentedRNN, the step-by-step twin of torch.nn.RNN / LSTM / GRU
    record    record() and Trace: states, gates and gradients of every timestep
    tasks     seeded toy tasks (recall, adding, sine, charlm, lookahead; seq2seq: reverse, sort, dates)
    init      initialisation schemes that decide the lesson (orthogonal, IRNN, gate bias, chrono)
    model     the trainable model: encoding → fused torch.nn recurrent layer → readout
    seq2seq   the encoder–decoder with or without attention, and record_seq2seq()
    train     TrainConfig and train(): an iterator of training events
    experiments  the exact configs every page runs
    claims    every sentence a page says about a model, with its check over seeds
    analytic  untrained cells for the instant pages (an unrolled word, Jacobian studies)
    generate  sampling from a character model
    analysis  PCA, gate saturation, units ranked by text features
    figures   Plotly figure builders: data in, go.Figure out
    cli       the `rnnviz` command
"""

from .cells import InstrumentedRNN
from .record import Trace, record
from .tasks import make_task
from .train import TrainConfig, train

# `rnnviz.record` and `rnnviz.train` are the functions; their modules stay importable by name
# (`from rnnviz.train import Training`).
__all__ = ["InstrumentedRNN", "Trace", "TrainConfig", "make_task", "record", "train"]
__version__ = "0.1.0"
