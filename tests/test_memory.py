"""rnnviz.memory: a character model's connectivity through its readout and the itemised gradient of one
prediction's error, against autograd on the model itself."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from rnnviz.memory import connectivity, distance_profile, itemised_gradient, read_with_loss
from rnnviz.model import SequenceModel
from rnnviz.tasks.charlm import CharLM

TEXT = "the cat sat on the mat\nthe dog sat on the log\n"


@pytest.fixture(scope="module", params=["rnn", "lstm", "gru"])
def model_and_task(request):
    torch.manual_seed(3)
    task = CharLM(text=TEXT, seq_len=8)
    return SequenceModel(task, request.param, 6, encoding="learned", embedding_size=4), task


def test_connectivity_is_the_norm_of_the_logits_jacobian(model_and_task):
    model, task = model_and_task
    probe = "the cat sat"
    x = model.encode(task.encode(probe)[None]).detach().double()
    twin = type(model.rnn)(model.rnn.input_size, model.rnn.hidden_size, batch_first=True).double()
    twin.load_state_dict(model.rnn.state_dict())
    head = torch.nn.Linear(6, task.vocab_size).double()
    head.load_state_dict(model.head.state_dict())
    jac = torch.autograd.functional.jacobian(lambda inputs: head(twin(inputs)[0])[0], x)[:, :, 0]  # (T, V, T, E)
    want = torch.linalg.matrix_norm(jac.permute(0, 2, 1, 3)).numpy()
    got = connectivity(model, task, probe)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-12)
    assert np.all(got[np.triu_indices(len(probe), 1)] == 0)


def test_distance_profile_averages_each_diagonal():
    conn = np.tril(np.arange(16, dtype=float).reshape(4, 4))
    np.testing.assert_allclose(distance_profile(conn), [np.mean([0, 5, 10, 15]), np.mean([4, 9, 14]),
                                                        np.mean([8, 13]), 12])


def test_itemised_gradient_sums_to_autograd_and_stops_at_the_prediction(model_and_task):
    model, task = model_and_task
    probe, at = "the dog sat on", 9
    trace = read_with_loss(model, task, probe, at)
    ids = task.encode(probe)
    model.zero_grad()
    logits, _ = model(ids[None])
    F.cross_entropy(logits[0, at:at + 1], ids[at + 1:at + 2]).backward()
    np.testing.assert_allclose(trace.itemised_grad().sum(axis=0), model.rnn.weight_hh_l0.grad.double().numpy(),
                               rtol=1e-4, atol=1e-7)  # the loss's gradient passes through float32 once
    norms = itemised_gradient(model, task, probe, at)
    np.testing.assert_allclose(norms, np.linalg.norm(trace.itemised_grad(), axis=(1, 2)), rtol=1e-9, atol=1e-15)
    assert np.all(norms[at + 1:] == 0) and np.all(norms[1:at + 1] > 0)
    assert norms[0] == 0  # W_hh meets h_(−1) = 0 at the first step


def test_a_probe_needs_known_characters_and_a_next_character(model_and_task):
    model, task = model_and_task
    with pytest.raises(ValueError, match="outside the vocabulary"):
        connectivity(model, task, "the QUEEN")
    with pytest.raises(ValueError, match="at least two"):
        connectivity(model, task, "t")
    with pytest.raises(ValueError, match="next character"):
        itemised_gradient(model, task, "the", 2)
