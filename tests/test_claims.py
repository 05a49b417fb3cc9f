"""The claims registry: every entry names sentences that exist and a check that runs; the instant claims
and the headline hold on a few seeds (the full 10-seed run is bench/claims.py)."""

import math

import pytest

from rnnviz.claims import CLAIMS, SOLVED, Claim, Measure, headline, run
from rnnviz.ui.text import available, keys

BY_KEY = {claim.key: claim for claim in CLAIMS}


def test_every_claim_names_page_sentences_that_exist_in_every_language():
    assert len(BY_KEY) == len(CLAIMS), "claim keys must be unique"
    for claim in CLAIMS:
        assert claim.strings, claim.key
        for lang in available():
            missing = set(claim.strings) - keys(lang)
            assert not missing, f"{claim.key} names missing {lang} strings {missing}"


def test_a_claim_stating_a_rate_holds_only_inside_its_range():
    rate = Claim("x", ("flow.title",), "", "", lambda seed: Measure(True, 0.0), held_on=(3, 7))
    assert [rate.holds(n) for n in (2, 3, 7, 8)] == [False, True, True, False]
    assert BY_KEY["flow.lstm_solves"].holds(9) and not BY_KEY["flow.lstm_solves"].holds(8)


@pytest.mark.parametrize("claim", [c for c in CLAIMS if not c.trains], ids=lambda c: c.key)
def test_instant_claims_hold_on_three_seeds(claim):
    held, figures = run(claim, range(3))
    assert held == 3, (claim.key, figures)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_headline_defaults_gated_cells_solve_and_vanilla_stays_at_chance(seed):
    """The smoke version of the benchmark's headline lines (LSTM, GRU ≥ 0.95; vanilla within 0.1 of 0.25)."""
    assert headline("LSTM", seed).score >= SOLVED
    assert headline("GRU", seed).score >= SOLVED
    assert abs(headline("vanilla RNN", seed).score - 0.25) <= 0.1


@pytest.mark.slow
@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.trains], ids=lambda c: c.key)
def test_every_training_check_runs(claim):
    measure = claim.check(0)
    assert isinstance(measure.held, bool) and isinstance(measure.figure, float) and not math.isnan(measure.figure)


@pytest.mark.slow
def test_the_vanilla_rnn_the_headline_page_names_escapes_late():
    """The accuracy caption says the vanilla RNN escapes chance on seed 8, after about 650 steps."""
    from rnnviz.claims import first_reaches

    run = headline("vanilla RNN", 8)
    assert run.score >= SOLVED
    assert 600 <= first_reaches(run.training.rows) <= 720
