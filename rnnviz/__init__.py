"""rnnviz: look inside recurrent networks while they train.

The engine (this package, minus `rnnviz.ui`) knows nothing of Streamlit:
    cells     InstrumentedRNN, the step-by-step twin of torch.nn.RNN / LSTM / GRU
    record    record() and Trace: states, gates and gradients of every timestep
    tasks     seeded toy tasks (recall, adding, sine, charlm) behind one interface
    init      initialisation schemes that decide the lesson (orthogonal, IRNN, gate bias, chrono)
    train     TrainConfig and train(): an iterator of training events
    figures   Plotly figure builders: data in, go.Figure out
"""

from .cells import InstrumentedRNN
from .record import Trace, record
from .tasks import make_task
from .train import TrainConfig, train

# `rnnviz.record` and `rnnviz.train` are the functions; their modules stay importable by name
# (`from rnnviz.train import Training`).
__all__ = ["InstrumentedRNN", "Trace", "TrainConfig", "make_task", "record", "train"]
__version__ = "0.1.0"
