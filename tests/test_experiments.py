"""The named experiments: the configs the pages run (their claims are checked in test_claims.py)."""

import pytest

from rnnviz.experiments import cell_comparison


def test_the_gate_start_sets_only_the_gated_cells_bias():
    assert [c.gate_bias for c in cell_comparison().values()] == [None, "chrono", "chrono"]
    assert [c.gate_bias for c in cell_comparison(gate_init="bias4").values()] == [None, 4.0, 4.0]
    assert all(c.gate_bias is None for c in cell_comparison(gate_init="pytorch").values())
    assert {c.task_params["distance"] for c in cell_comparison().values()} == {100}
    assert cell_comparison(task="adding", distance=50)["GRU"].task_params == {"length": 50}
    with pytest.raises(ValueError, match="gate_init"):
        cell_comparison(gate_init="on")
