"""The claims registry: every sentence a page says about what a model does, with the code that checks it.

A `Claim` names the catalogue keys of the page sentences that make it (`rnnviz/ui/text/`), says in one
line what must hold, and checks it for one seed with the page's own defaults (`rnnviz.experiments`):
`claim.check(seed)` → `Measure(held, figure)`.  `bench/claims.py` runs every claim over seeds 0–9 and
prints `key  n/10  figure`; a sentence stays on a page only while its claim holds on at least 9 of 10.
Runs shared by several claims are trained once per process (`outcome`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from . import experiments as ex
from .analysis import rank_units, text_features
from .analytic import fresh_cell, jacobian_study, unroll_text
from .exposure import SAMPLES, SCHEDULED, TEACHER, cs182_demo, draw_autoregressive, draw_independent, exposure_demo, \
    valid_share
from .generate import default_prime, hidden_states, sample_text, unigram_bits
from .memory import connectivity, distance_profile
from .record import Trace, record
from .train import TrainConfig, Training

SOLVED = 0.95     # held-out accuracy that counts as "solves"
NEAR_CHANCE = 0.1  # "stays at chance": within this of the chance level
QUORUM = 9         # seeds out of 10 on which a claim must hold


@dataclass(frozen=True)
class Measure:
    held: bool
    figure: float  # the number the check measured (what `Claim.figure` names)


@dataclass(frozen=True)
class Claim:
    key: str
    strings: tuple[str, ...]   # catalogue keys of the sentences that make this claim
    says: str                  # what must hold, in one line
    figure: str                # what Measure.figure is
    check: Callable[[int], Measure]
    trains: bool = True        # False: analytic, instant; unit tests run these on a few seeds
    held_on: tuple[int, int] = (QUORUM, 10)  # on how many of 10 seeds it must hold; a page that states a
    #                                          rate ("about half the seeds") registers that range instead

    def holds(self, held: int, seeds: int = 10) -> bool:
        """Whether `held` successes out of `seeds` agree with what the page says (scaled to `seeds`)."""
        low, high = self.held_on
        return math.ceil(low * seeds / 10) <= held <= math.floor(high * seeds / 10)


@dataclass
class Outcome:
    """One finished run of a page's config: the training, its first and last snapshot, held-out score."""

    training: Training
    start: Trace
    end: Trace
    score: float
    diverged_at: int | None


_OUTCOMES: dict[str, Outcome] = {}


def outcome(config: TrainConfig) -> Outcome:
    """Train `config` (no mid-run snapshots: they do not change the run) once per process."""
    key = config.key()
    if key not in _OUTCOMES:
        training = Training(config.replace(snapshot_steps=10_000_000, device="cpu"))
        events = list(training)
        last = events[-1]
        end = last.trace if last.trace is not None else training.snapshot()
        diverged = last.step + 1 if last.kind == "diverged" else None
        score = math.nan if diverged else training.evaluate()
        _OUTCOMES[key] = Outcome(training, events[0].trace, end, score, diverged)
    return _OUTCOMES[key]


def ratio(profile: np.ndarray) -> float:
    """How much of the gradient at the last step reaches step 0."""
    return float(profile[0] / profile[-1]) if profile[-1] > 0 else 0.0


# ---- the headline page (flow) ----------------------------------------------------------------------

SHORT = 400  # the budget the headline page's sentences about the other starts and distances were measured with


def headline(label: str, seed: int, gate_init: str = ex.HEADLINE_INIT, distance: int = 100,
             steps: int | None = None) -> Outcome:
    budget = {} if steps is None else {"steps": steps}  # None: the page's own
    return outcome(ex.cell_comparison(distance, gate_init, seed=seed, **budget)[label])


def solves(label: str, gate_init: str = ex.HEADLINE_INIT, steps: int | None = None) -> Callable[[int], Measure]:
    def check(seed):
        score = headline(label, seed, gate_init, steps=steps).score
        return Measure(score >= SOLVED, score)
    return check


def near_chance(run: Outcome) -> Measure:
    return Measure(abs(run.score - run.training.task.chance) <= NEAR_CHANCE, run.score)


def stays_at_chance(label: str, gate_init: str = ex.HEADLINE_INIT, steps: int | None = None) -> Callable[[int], Measure]:
    return lambda seed: near_chance(headline(label, seed, gate_init, steps=steps))


def first_reaches(rows: list[tuple], level: float = 0.9, window: int = 20) -> float:
    """The step at which the training accuracy, averaged over `window` steps, first reaches `level` (inf: never)."""
    metric = np.array([row[2] for row in rows])
    if len(metric) < window:
        return math.inf
    smooth = np.convolve(metric, np.ones(window) / window, mode="valid")
    above = np.flatnonzero(smooth >= level)
    return float(above[0] + window) if above.size else math.inf


def lstm_in_time(seed: int) -> Measure:
    step = first_reaches(headline("LSTM", seed).training.rows)
    return Measure(step <= 600, step)


def cell_at_init(gate_init: str, seed: int) -> tuple[float, float]:
    """The headline LSTM before training: mean |c| at the last step, and the share of units with |tanh c| > 0.95."""
    trace = Training(ex.cell_comparison(seed=seed, gate_init=gate_init, steps=0)["LSTM"]).snapshot()
    c_last = trace.get("c")[:, -1]
    return float(np.abs(c_last).mean()), float((np.abs(np.tanh(c_last)) > 0.95).mean())


def bias4_saturates(seed: int) -> Measure:
    size, saturated = cell_at_init("bias4", seed)
    return Measure(size >= 3 and saturated >= 0.5, size)


def chrono_stays_small(seed: int) -> Measure:
    size, saturated = cell_at_init("chrono", seed)
    return Measure(size < 0.5 and saturated < 0.05, size)


def chrono_solves_at(distance: int) -> Callable[[int], Measure]:
    def check(seed):
        worst = min(headline(label, seed, distance=distance, steps=SHORT).score for label in ("LSTM", "GRU"))
        return Measure(worst >= SOLVED, worst)
    return check


def vanilla_vanishes(seed: int) -> Measure:
    run = headline("vanilla RNN", seed)
    worst = max(ratio(run.start.grad_norms()), ratio(run.end.grad_norms()))
    return Measure(worst <= 1e-6, worst)


def lstm_highway_open(seed: int) -> Measure:
    run = headline("LSTM", seed)
    through_c = ratio(run.end.grad_norms(quantity="c"))
    return Measure(through_c >= 0.1, through_c)


def lstm_c_above_h(seed: int) -> Measure:
    """After training, more of the gradient reaches step 0 along c than along h (the dashed line is higher)."""
    run = headline("LSTM", seed)
    gap = math.log10(max(ratio(run.end.grad_norms(quantity="c")), 1e-300)) - \
        math.log10(max(ratio(run.end.grad_norms()), 1e-300))
    return Measure(gap > 0, gap)


# ---- inside the gates ------------------------------------------------------------------------------

def gates_at_init(seed: int, cell: str = "lstm") -> list[float]:
    """Gradient reaching step 0 (along c for the LSTM) at initialisation, for the page's four biases."""
    found = []
    for bias in (0.0, 1.0, 2.0, 4.0):
        trace = Training(ex.gate_bias_run(cell, gate_bias=bias, seed=seed, steps=0)).snapshot()
        found.append(ratio(trace.grad_norms(quantity="c" if cell == "lstm" else "h")))
    return found


def bias_tilts(cell: str) -> Callable[[int], Measure]:
    def check(seed):
        reach = gates_at_init(seed, cell)
        steps_up = np.diff(np.log10(np.maximum(reach, 1e-300)))
        return Measure(bool(np.all(steps_up > 0)), float(np.log10(max(reach[-1], 1e-300)) - np.log10(max(reach[0], 1e-300))))
    return check


def gates_run(bias: float, seed: int, cell: str = "lstm") -> Outcome:
    return outcome(ex.gate_bias_run(cell, gate_bias=bias, seed=seed))


def gates_solves(bias: float) -> Callable[[int], Measure]:
    def check(seed):
        score = gates_run(bias, seed).score
        return Measure(score >= SOLVED, score)
    return check


# ---- vanishing & exploding -------------------------------------------------------------------------

def below_one_vanishes(seed: int) -> Measure:
    """Orthogonal / identity W_hh with ρ < 1, tanh: ‖∂h_T/∂h_0‖ ≤ ρ^(T−1) (tanh′ ≤ 1 only shrinks it)."""
    worst = -math.inf
    for init in ("orthogonal", "identity"):
        for scale in (0.5, 0.8, 0.95):
            study = jacobian_study("tanh", 50, init, scale, seed=seed)
            worst = max(worst, study.profile[0] / study.theory[0])
    return Measure(worst <= 1 + 1e-6, worst)


def decades(kind: str, seed: int, scale: float, bias: float | None, length: int = 100) -> float:
    profile = jacobian_study(kind, length, "orthogonal", scale, bias, seed=seed).profile
    return float(np.log10(max(profile[0], 1e-300)))


def bias_and_radius_both_matter(seed: int) -> Measure:
    """LSTM, 100 steps, orthogonal W_hh: the gate bias 0 → 4 and ρ 0.5 → 1.5 each lift the left end ≥ 10 decades."""
    by_bias = decades("lstm", seed, 1.0, 4.0) - decades("lstm", seed, 1.0, 0.0)
    by_radius = decades("lstm", seed, 1.5, 0.0) - decades("lstm", seed, 0.5, 0.0)
    smaller = min(by_bias, by_radius)
    return Measure(smaller >= 10, smaller)


def huge_bias_saturates(seed: int) -> Measure:
    """LSTM, identity init, forget bias 6, T = 100: |c| piles up and the line ends lower than with bias 4."""
    six, four = lstm_at_init(seed, 6.0), lstm_at_init(seed, 4.0)
    c_size = float(np.abs(six.get("c")[:, -1]).mean())
    lower = six.jacobian_norms()[0] < four.jacobian_norms()[0]
    return Measure(c_size >= 10 and lower, c_size)


def lstm_at_init(seed: int, bias: float) -> Trace:
    """The vanishing page's LSTM (hidden 32, 8 inputs, 4 examples of N(0, 1) inputs) with identity W_hh."""
    rnn = fresh_cell("lstm", 32, 8, "identity", 1.0, bias, seed)
    x = torch.randn(4, 100, 8, generator=torch.Generator().manual_seed(seed + 2))
    return record(rnn, x, probe=("states",))


def clip_run(clip: float | None, seed: int) -> Outcome:
    configs = ex.clipping_comparison(clip if clip is not None else 1.0, seed=seed)
    return outcome(configs["free"] if clip is None else configs["clipped"])


def unclipped_diverges(seed: int) -> Measure:
    at = clip_run(None, seed).diverged_at
    return Measure(at is not None and at <= 2, float(at or math.inf))


def clipped_learns(clips: tuple[float, ...]) -> Callable[[int], Measure]:
    def check(seed):
        worst = min(clip_run(c, seed).score for c in clips)
        return Measure(worst >= 0.99, worst)
    return check


def loose_clip_stalls(seed: int) -> Measure:
    runs = [clip_run(c, seed) for c in (10.0, 30.0)]
    finite = all(r.diverged_at is None for r in runs)
    worst = max(abs(r.score - r.training.task.chance) for r in runs) if finite else math.inf
    return Measure(finite and worst <= NEAR_CHANCE, worst)


# ---- the unrolled RNN ------------------------------------------------------------------------------

def edit_changes_later_columns(seed: int) -> Measure:
    """Change one l of the default text ("hello", hidden 4) into a letter that came before it, so the
    vocabulary stays the same: the columns before it stay, every column from it on moves."""
    text = list("hello")
    k = 2 + seed % 2                                          # one of the two l's
    edited = text[:k] + [text[seed // 2 % 2]] + text[k + 1:]  # into h or e: the vocabulary stays h, e, l, o
    before, after = unroll_text(text, seed=seed), unroll_text(edited, seed=seed)
    assert before.vocab == after.vocab
    moved = np.abs(before.h - after.h).max(axis=1)
    held = bool(np.all(moved[:k] == 0) and np.all(moved[k:] > 1e-9))
    return Measure(held, float(moved[k:].min()))


def new_letter_changes_nothing(seed: int) -> Measure:
    """Swap a letter for one that is not in the text: the one-hot vectors, and so every column, stay the same."""
    before = unroll_text(list("hello"), seed=seed)
    after = unroll_text(list("hallo"), seed=seed)
    moved = float(np.abs(before.h - after.h).max())
    return Measure(moved == 0.0, moved)


# ---- the character model ---------------------------------------------------------------------------

def char_run(seed: int) -> Outcome:
    return outcome(ex.char_model(seed=seed))


def beats_letter_frequencies(seed: int) -> Measure:
    run = char_run(seed)
    task = run.training.task
    bpc = task.bits_per_char(float(np.mean([r[1] for r in run.training.rows[-20:]])))
    margin = unigram_bits(task) - bpc
    return Measure(margin > 0, margin)


def unit_tracks(feature: str, threshold: float) -> Callable[[int], Measure]:
    """Some unit of the trained model follows `feature` over the page's first window of the text."""
    def check(seed):
        run = char_run(seed)
        task = run.training.task
        window = task.text[:600]
        states = hidden_states(run.training.model, task, window).get("h")[0]
        ranked = rank_units(states, {feature: text_features(window)[feature]})
        best = float(ranked["correlation"].abs().max())
        return Measure(best >= threshold, best)
    return check


def word_share(model, task, seed: int, temperature: float = 0.8, length: int = 300) -> float:
    """Share of the words of a sample (at the page's default temperature) that occur in the training text."""
    words = set(task.text.split())
    sample = sample_text(model, task, default_prime(task), length, temperature, seed).split()
    return sum(word in words for word in sample) / max(len(sample), 1)


def samples_become_words(seed: int) -> Measure:
    """After the page's default training, most sampled words are real words of the text; untrained, few are."""
    trained = char_run(seed).training
    untrained = Training(ex.char_model(seed=seed, steps=0))
    after, before = word_share(trained.model, trained.task, seed), word_share(untrained.model, untrained.task, seed)
    return Measure(after >= 0.5 and before <= 0.2, after)


@torch.no_grad()
def greedy_share(model, task, temperature: float, seed: int, length: int = 200) -> float:
    """Share of the characters sampled at `temperature` that are the model's most likely next character."""
    model.eval()
    prime = default_prime(task)
    text = sample_text(model, task, prime, length, temperature, seed)
    ids = task.encode(prime + text)
    logits, _ = model(ids[None, :-1])
    return float((logits[0, len(prime) - 1:].argmax(-1) == ids[len(prime):]).float().mean())


def temperature_orders(seed: int) -> Measure:
    """Near 0 the samples approach the greedy path; higher temperatures leave it more often."""
    training = char_run(seed).training
    model, task = training.model, training.task
    shares = [greedy_share(model, task, temp, seed) for temp in (0.05, 1.0, 2.0)]
    return Measure(shares[0] >= 0.95 and shares[0] > shares[1] > shares[2], shares[0])


# ---- deep & bidirectional --------------------------------------------------------------------------

def direction_run(task: str, bidirectional: bool, seed: int) -> Outcome:
    return outcome(ex.bidirectional_comparison(task, seed=seed)[bidirectional])


def past_only_ceiling(seed: int) -> Measure:
    score = direction_run("lookahead", False, seed).score
    return Measure(score <= 0.5 + 0.05, score)


def bidirectional_solves(task: str) -> Callable[[int], Measure]:
    def check(seed):
        score = direction_run(task, True, seed).score
        return Measure(score >= SOLVED, score)
    return check


def bidirectional_wins_recall(seed: int) -> Measure:
    lead = direction_run("recall", True, seed).score - direction_run("recall", False, seed).score
    return Measure(lead >= 0.7, lead)


# ---- memory ---------------------------------------------------------------------------------------

def reach(seed: int) -> dict[str, np.ndarray]:
    """The memory page's three models at its defaults, reading its default probe (the first characters of the
    sonnets): label → mean connectivity at each distance, divided by its value at distance 0."""
    found = {}
    for label, config in ex.memory_comparison(seed=seed).items():
        training = outcome(config).training
        probe = training.task.text[:ex.MEMORY_DEFAULTS["probe_chars"]]
        profile = distance_profile(connectivity(training.model, training.task, probe))
        found[label] = profile / profile[0]
    return found


def alike_nearby(seed: int) -> Measure:
    """Five characters back, the largest of the three relative connectivities is within 3× the smallest."""
    at5 = [profile[5] for profile in reach(seed).values()]
    spread = max(at5) / min(at5)
    return Measure(bool(spread <= 3), float(spread))


def vanilla_fades(seed: int) -> Measure:
    far = reach(seed)["vanilla RNN"][50]
    return Measure(bool(far < 1e-6), float(far))


def gated_reach_further(seed: int) -> Measure:
    """Fifty characters back, the LSTM's and the GRU's relative connectivity are each ≥ 100× the vanilla RNN's."""
    profiles = reach(seed)
    lead = min(profiles["LSTM"][50], profiles["GRU"][50]) / profiles["vanilla RNN"][50]
    return Measure(bool(lead >= 100), float(lead))


# ---- attention ------------------------------------------------------------------------------------

def attention_run(label: str, seed: int) -> Outcome:
    return outcome(ex.attention_comparison(seed=seed)[ex.ATTENTION_LABELS[label]])


def attention_solves(seed: int) -> Measure:
    score = attention_run("attention", seed).score
    return Measure(score >= SOLVED, score)


def bottleneck_stalls(seed: int) -> Measure:
    score = attention_run("none", seed).score
    return Measure(score <= 0.7, score)


# ---- generation ------------------------------------------------------------------------------------

def cs182_sentences(seed: int) -> Measure:
    """Of the page's 1000 samples at temperature 1, ≥ 95 % fed back are corpus sentences, ≤ 10 % drawn independently."""
    demo = cs182_demo(seed)
    fed = valid_share(demo.task, draw_autoregressive(demo, SAMPLES, seed))
    independent = valid_share(demo.task, draw_independent(demo.marginals, SAMPLES, seed))
    return Measure(fed >= 0.95 and independent <= 0.1, fed)


_EXPOSURE: dict = {}


def exposure_run(seed: int):
    if seed not in _EXPOSURE:
        _EXPOSURE[seed] = exposure_demo(seed)
    return _EXPOSURE[seed]


def teacher_forced_gap(seed: int) -> Measure:
    gap = exposure_run(seed).gap(TEACHER)
    return Measure(gap >= 100, gap)


def scheduled_trades_one_step(seed: int) -> Measure:
    """Scheduled sampling narrows the gap, and its one-step error is over 10× the teacher-forced model's."""
    demo = exposure_run(seed)
    worse = float(demo.one_step[SCHEDULED].mean() / demo.one_step[TEACHER].mean())
    return Measure(demo.gap(SCHEDULED) < demo.gap(TEACHER) and worse >= 10, worse)


def teacher_forced_first_steps(seed: int) -> Measure:
    demo = exposure_run(seed)
    lead = demo.free[SCHEDULED][:3] - demo.free[TEACHER][:3]
    return Measure(bool((lead > 0).all()), float(lead.min()))


def late_rollout_knows_nothing(seed: int) -> Measure:
    """Second half of the rollout: the scheduled model's error within 15 % of always predicting 0, the
    teacher-forced model's above it."""
    demo = exposure_run(seed)
    late = slice(len(demo.horizons) // 2, None)
    zero = demo.zero[late].mean()
    scheduled, teacher = demo.free[SCHEDULED][late].mean() / zero, demo.free[TEACHER][late].mean() / zero
    return Measure(bool(abs(scheduled - 1) <= 0.15 and teacher > 1), float(scheduled))


# ---- the registry ----------------------------------------------------------------------------------

CLAIMS: list[Claim] = [
    Claim("flow.lstm_solves", ("flow.accuracy_caption", "flow.honest"),
          "headline defaults: the LSTM reaches ≥ 95 % held-out accuracy", "LSTM held-out accuracy",
          solves("LSTM")),
    Claim("flow.lstm_in_time", ("flow.steps_help",),
          "headline defaults: the LSTM's training accuracy (20-step mean) reaches 90 % by step 600",
          "step reaching 90 %", lstm_in_time),
    Claim("flow.gru_solves", ("flow.accuracy_caption", "flow.honest"),
          "headline defaults: the GRU reaches ≥ 95 % held-out accuracy", "GRU held-out accuracy", solves("GRU")),
    Claim("flow.vanilla_at_chance", ("flow.accuracy_caption",),
          "headline defaults: the vanilla RNN stays within 0.1 of chance (0.25)", "vanilla held-out accuracy",
          stays_at_chance("vanilla RNN")),
    *[Claim(f"flow.{start}_{cell.lower()}_at_chance", (f"flow.why.{start}",),
            f"start {start}, 400 steps: the {cell} stays within 0.1 of chance at distance 100",
            f"{cell} held-out accuracy", stays_at_chance(cell, start, SHORT))
      for start in ("pytorch", "bias1") for cell in ("LSTM", "GRU")],
    Claim("flow.bias4_gru_solves", ("flow.why.bias4",), "start +4, 400 steps: the GRU reaches ≥ 95 % held-out",
          "GRU held-out accuracy", solves("GRU", "bias4", SHORT)),
    Claim("flow.bias4_lstm_some", ("flow.why.bias4",),
          "start +4, 400 steps: the LSTM solves some seeds but not all (2–8 of 10)", "LSTM held-out accuracy",
          solves("LSTM", "bias4", SHORT), held_on=(2, 8)),
    Claim("flow.bias4_saturates", ("flow.why.bias4",),
          "start +4, before training: the LSTM's mean |c_T| ≥ 3 and most units have |tanh c_T| > 0.95",
          "mean |c_T|", bias4_saturates, trains=False),
    Claim("flow.chrono_small_c", ("flow.why.chrono",),
          "chrono start, before training: the LSTM's mean |c_T| < 0.5 and < 5 % of units saturated", "mean |c_T|",
          chrono_stays_small, trains=False),
    *[Claim(f"flow.chrono_distance{d}", ("flow.why.chrono",),
            f"chrono start, 400 steps, distance {d}: LSTM and GRU both reach ≥ 95 % held-out",
            "worse of the two held-out accuracies", chrono_solves_at(d)) for d in (50, 150)],
    Claim("flow.vanilla_vanishes", ("flow.flow_caption", "flow.anim_caption"),
          "vanilla ‖∂L/∂h_0‖ ≤ 1e-6 ‖∂L/∂h_T‖ before and after training", "worst h_0/h_T ratio",
          vanilla_vanishes),
    Claim("flow.lstm_highway", ("flow.anim_caption", "flow.h_vs_c"),
          "after training, the LSTM's ‖∂L/∂c_0‖ ≥ 0.1 ‖∂L/∂c_T‖", "c_0/c_T after training", lstm_highway_open),
    Claim("flow.c_above_h", ("flow.h_vs_c",),
          "after training, the LSTM's c-line ends above its h-line at step 0", "decades c above h",
          lstm_c_above_h),
    Claim("gates.bias_tilts_lstm", ("gates.bias_intro",),
          "at initialisation, each larger forget bias (0, 1, 2, 4) lets more gradient reach step 0 along c",
          "decades gained from bias 0 to 4", bias_tilts("lstm"), trains=False),
    Claim("gates.bias_tilts_gru", ("gates.bias_intro_gru",),
          "at initialisation, each larger bias of z (0, 1, 2, 4) lets more gradient reach step 0",
          "decades gained from bias 0 to 4", bias_tilts("gru"), trains=False),
    Claim("gates.bias0_at_chance", ("gates.bias_honest",),
          "gates page defaults (LSTM 16, recall 20, 800 steps), forget bias 0: within 0.1 of chance",
          "held-out accuracy", lambda seed: near_chance(gates_run(0.0, seed))),
    Claim("gates.bias1_rarely_solves", ("gates.bias_honest",),
          "gates page defaults, forget bias +1: ≥ 95 % held-out on at most 3 of 10 seeds", "held-out accuracy",
          gates_solves(1.0), held_on=(0, 3)),
    *[Claim(f"gates.bias{bias:g}_solves", ("gates.bias_honest",),
            f"gates page defaults, forget bias +{bias:g}: ≥ 95 % held-out", "held-out accuracy",
            gates_solves(bias)) for bias in (2.0, 4.0)],
    Claim("vanish.below_one", ("vanish.act_sentence", "vanish.verdict.below"),
          "tanh, orthogonal or identity W_hh with ρ < 1: ‖∂h_T/∂h_0‖ ≤ ρ^(T−1)", "worst profile / ρ^(T−1)",
          below_one_vanishes, trains=False),
    Claim("vanish.gate_and_radius", ("vanish.depends",),
          "LSTM, 100 steps: bias 0 → 4 and ρ 0.5 → 1.5 each lift the left end by ≥ 10 decades",
          "smaller of the two moves (decades)", bias_and_radius_both_matter, trains=False),
    Claim("vanish.huge_bias", ("vanish.depends",),
          "LSTM, identity init, forget bias 6, T = 100: mean |c_T| ≥ 10 and the line ends lower than at bias 4",
          "mean |c_T|", huge_bias_saturates, trains=False),
    Claim("vanish.unclipped_diverges", ("vanish.loss_caption", "vanish.clip_depends"),
          "the clipping demo without clipping diverges by its second step", "step of divergence",
          unclipped_diverges),
    Claim("vanish.clipped_learns", ("vanish.loss_caption", "vanish.clip_depends"),
          "clipped at c = 0.1, 0.3, 1 or 3 the demo reaches ≥ 99 % held-out accuracy", "worst held-out accuracy",
          clipped_learns((0.1, 0.3, 1.0, 3.0))),
    Claim("vanish.loose_clip_stalls", ("vanish.clip_depends",),
          "clipped at c = 10 or 30 the demo stays finite and within 0.1 of chance", "largest distance from chance",
          loose_clip_stalls),
    Claim("unroll.later_columns", ("unroll.heat_caption",),
          "changing one letter of 'hello' into an earlier one moves every column from it on and none before it",
          "smallest change of a later column", edit_changes_later_columns, trains=False),
    Claim("unroll.new_letter", ("unroll.heat_caption",),
          "'hello' → 'hallo' changes no column (the one-hot vectors follow first appearance)",
          "largest change", new_letter_changes_nothing, trains=False),
    Claim("charlm.beats_frequencies", ("charlm.bpc_caption",),
          "page defaults: bits per character end below letter frequencies alone", "bits below the grey line",
          beats_letter_frequencies),
    Claim("charlm.whitespace_unit", ("charlm.card", "charlm.heat_caption"),
          "page defaults: some unit correlates with whitespace at |r| ≥ 0.5", "best |r| with whitespace",
          unit_tracks("whitespace", 0.5)),
    Claim("charlm.samples_words", ("charlm.intro",),
          "page defaults: ≥ 50 % of sampled words are words of the text after training, ≤ 20 % before",
          "share of real words after training", samples_become_words),
    Claim("charlm.temperature", ("charlm.temperature_help",),
          "at temperature 0.05 ≥ 95 % of sampled characters are the likeliest; fewer at 1, fewer still at 2",
          "greedy share at 0.05", temperature_orders),
    Claim("deep.past_only_ceiling", ("deep.accuracy_caption_lookahead",),
          "lookahead: the unidirectional model stays ≤ 55 % held-out", "unidirectional held-out accuracy",
          past_only_ceiling),
    Claim("deep.bidirectional_solves", ("deep.accuracy_caption_lookahead",),
          "lookahead: the bidirectional model reaches ≥ 95 % held-out", "bidirectional held-out accuracy",
          bidirectional_solves("lookahead")),
    Claim("deep.bidirectional_wins_recall", ("deep.accuracy_caption_recall",),
          "recall at distance 30: bidirectional leads unidirectional by ≥ 0.7 held-out", "lead",
          bidirectional_wins_recall),
    Claim("memory.alike_nearby", ("memory.claim_near",),
          "memory page defaults: 5 characters back, the three models' mean connectivity (÷ distance 0) within 3×",
          "largest ÷ smallest at distance 5", alike_nearby),
    Claim("memory.vanilla_fades", ("memory.claim_reach",),
          "memory page defaults: 50 characters back, the vanilla RNN's mean connectivity < 1e-6 of distance 0",
          "vanilla RNN at distance 50 ÷ distance 0", vanilla_fades),
    Claim("memory.gated_reach", ("memory.claim_reach",),
          "memory page defaults: 50 characters back, LSTM's and GRU's mean connectivity ≥ 100× the vanilla RNN's",
          "smaller of LSTM, GRU ÷ vanilla RNN at distance 50", gated_reach_further),
    Claim("attention.with_solves", ("attention.claim_default",),
          "attention page defaults (reverse, length 16): the model with attention reaches ≥ 95 % exact match",
          "held-out exact match", attention_solves),
    Claim("attention.without_stalls", ("attention.claim_default",),
          "attention page defaults: the model without attention stays at or below 70 % exact match",
          "held-out exact match", bottleneck_stalls),
    Claim("generation.cs182", ("generation.claim_cs182",),
          "CS182 sentences, 1000 samples at temperature 1: ≥ 95 % valid fed back, ≤ 10 % drawn independently",
          "share valid fed back", cs182_sentences),
    Claim("generation.teacher_gap", ("generation.claim_teacher_gap",),
          "sine rollout, teacher forcing: mean free-running MSE ≥ 100× the one-step MSE", "free ÷ one-step",
          teacher_forced_gap),
    Claim("generation.scheduled_trade", ("generation.claim_scheduled_trade",),
          "scheduled sampling (inverse sigmoid): a narrower gap, and one-step MSE ≥ 10× teacher forcing's",
          "one-step MSE, scheduled ÷ teacher-forced", scheduled_trades_one_step),
    Claim("generation.teacher_first_steps", ("generation.claim_teacher_first_steps",),
          "sine rollout: over the first three free-running steps the teacher-forced model's error is the lower",
          "smallest lead of the scheduled model's error", teacher_forced_first_steps),
    Claim("generation.late_rollout", ("generation.claim_late_rollout",),
          "second half of the rollout: scheduled within 15 % of always predicting 0, teacher-forced above it",
          "scheduled error ÷ predicting 0", late_rollout_knows_nothing),
]


def run(claim: Claim, seeds=range(10)) -> tuple[int, list[float]]:
    """How many of `seeds` the claim held on, and the figure measured for each."""
    measures = [claim.check(seed) for seed in seeds]
    return sum(m.held for m in measures), [m.figure for m in measures]
