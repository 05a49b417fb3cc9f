# The two commands of the README, and the benchmark.  Each sets up .venv first (fast once done).
.PHONY: app test bench

app:
	bash scripts/bootstrap.sh
	.venv/bin/rnnviz app

test:
	bash scripts/bootstrap.sh --browser
	.venv/bin/python -m pytest -q tests

bench:
	bash scripts/bootstrap.sh
	.venv/bin/python bench/train_speed.py
	.venv/bin/python bench/headline_latency.py
