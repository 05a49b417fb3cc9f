"""lookahead: every T is tagged by the cue word that follows it, the past says nothing about it, and
a bidirectional RNN learns it while a unidirectional one stays at the 50% ceiling."""

import pytest
import torch
import torch.nn.functional as F

from rnnviz.tasks import make_task
from rnnviz.tasks.lookahead import PERSON, TEDDY, TOY, Lookahead
from rnnviz.train import TrainConfig, Training


def sample(task, batch_size=256, seed=0):
    return task.sample(batch_size, torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("params", [{}, {"length": 7, "min_gap": 5, "max_gap": 5},
                                    {"length": 40, "min_gap": 1, "max_gap": 3}])
def test_each_t_is_tagged_by_its_cue_min_to_max_gap_later_and_before_the_next_t(params):
    task = Lookahead(**params)
    batch = sample(task)
    x, y = batch.x, batch.y
    for row_x, row_y in zip(x.tolist(), y.tolist()):
        teddies = [t for t, tok in enumerate(row_x) if tok == TEDDY]
        cues = [t for t, tok in enumerate(row_x) if tok in (PERSON, TOY)]
        assert len(teddies) == len(cues) == task.tags_per_sequence
        assert [t for t, tag in enumerate(row_y) if tag] == teddies
        for i, (teddy, cue) in enumerate(zip(teddies, cues)):
            assert task.min_gap <= cue - teddy <= task.max_gap
            assert i + 1 == len(teddies) or cue < teddies[i + 1]
            assert row_y[teddy] == 1 + (row_x[cue] == TOY)


def test_the_past_says_nothing_about_a_tag_so_chance_is_the_past_only_ceiling():
    task = Lookahead()
    batch = sample(task, 4096)
    tags = batch.y[batch.y > 0]
    assert tags.eq(2).float().mean().item() == pytest.approx(0.5, abs=0.02)
    # the most telling thing in the past, the previous tag, agrees with the current one half the time
    per_row = batch.y[batch.y > 0].reshape(len(batch.y), -1)
    assert (per_row[:, 1:] == per_row[:, :-1]).float().mean().item() == pytest.approx(0.5, abs=0.02)
    assert task.chance == 0.5


def test_metric_and_loss_count_the_t_steps_only():
    task = Lookahead(length=14)
    batch = sample(task, 32)
    right_at_tags = 10.0 * F.one_hot(batch.y, 3).float()
    wrong_elsewhere = right_at_tags.clone()
    wrong_elsewhere[batch.y == 0] = 10.0 * F.one_hot(torch.tensor(1), 3).float()
    assert task.metric(wrong_elsewhere, batch.y) == 1.0
    assert task.loss(wrong_elsewhere, batch.y).item() == pytest.approx(task.loss(right_at_tags, batch.y).item())
    coin = torch.zeros(32, 14, 3)
    assert task.loss(coin, batch.y).item() == pytest.approx(torch.log(torch.tensor(3.0)).item())


@pytest.mark.parametrize("params,word", [
    ({"length": 6}, "length"), ({"min_gap": 0}, "min_gap"), ({"max_gap": 51}, "max_gap"),
    ({"min_gap": 4, "max_gap": 3}, "min_gap"), ({"n_distractors": 0}, "n_distractors"), ({"length": 2.5}, "length"),
])
def test_bad_parameters_name_themselves(params, word):
    with pytest.raises(ValueError, match=word):
        make_task("lookahead", **params)


def test_vocabulary_labels_and_description():
    task = Lookahead(n_distractors=2)
    assert task.token_labels() == ["T", "P", "B", "·0", "·1"] and task.vocab_size == 5
    assert "50%" in task.describe()
    assert make_task("lookahead", **task.params).params == task.params


def test_bidirectional_learns_it_and_unidirectional_stays_at_the_ceiling():
    config = TrainConfig(task="lookahead", cell="rnn", hidden_size=16, steps=150, seed=0, snapshot_seconds=3600)
    scores = {}
    for bidirectional in (False, True):
        training = Training(config.replace(bidirectional=bidirectional))
        for _ in training:
            pass
        scores[bidirectional] = training.evaluate()
    assert scores[False] < 0.6 and scores[True] > 0.9, scores
