"""Generation (curriculum §4): sampling with temperature and top-k from the CS182 word model, sentences drawn
independently from its per-step marginals against sentences drawn autoregressively, and exposure bias: a
teacher-forced and a scheduled-sampling model of a wave rolled out free-running.  Both demos (`rnnviz.exposure`)
train in a worker process (`computed`), shared by every session: the sentences in about a second, the two wave
models when asked; only the sampling runs here."""

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.exposure import (CS182, LEVEL, SAMPLES, SCHEDULED, SCHEDULES, SINE, TEACHER, SentenceDemo,
                             draw_autoregressive, draw_independent, next_logits, teacher_probability, valid_share)
from rnnviz.figures import legend_below, marginals_heatmap, next_word_bars, rollout_errors, schedule_curves
from rnnviz.figures.generation import WORDS
from rnnviz.generate import next_distribution
from rnnviz.ui import computed, control, figure, page_setup, t

TOP_K = [0, 1, 2, 3, 5]  # 0: every word
SHOWN = 8                # samples listed of each kind
MIN_SHOWN = 0.001        # words less likely than this in both distributions are left out of the bars

settings = page_setup("generation")
words = {**settings.words, **{name: t(f"generation.fig.{name}") for name in WORDS}}


@st.cache_data(max_entries=64, show_spinner=False)
def draws(_demo: SentenceDemo, seed: int, temperature: float, top_k: int) -> tuple[np.ndarray, np.ndarray]:
    """The samples of the seed's model (`_demo`, not hashed: the seed names it)."""
    return (draw_independent(_demo.marginals, SAMPLES, seed).numpy(),
            draw_autoregressive(_demo, SAMPLES, seed, temperature, top_k or None).numpy())


def samples_table(task, ids: np.ndarray) -> pd.DataFrame:
    rows = [task.decode(row) for row in ids[:SHOWN]]
    return pd.DataFrame({t("generation.col.sentence"): [" ".join(r) for r in rows],
                         t("generation.col.valid"): [task.is_sentence(r) for r in rows]})


def sentences(demo: SentenceDemo) -> None:
    """Temperature and top-k, the next-word bars, the marginals and the two kinds of samples."""
    task = demo.task
    left, right = st.columns(2)
    temperature = control(left.slider, "generation.temperature", t("generation.temperature"), min_value=0.0,
                          max_value=2.0, value=1.0, step=0.05, help=t("generation.temperature_help"))
    top_k = control(right.select_slider, "generation.top_k", t("generation.top_k"), options=TOP_K, value=0,
                    format_func=lambda k: t("generation.top_k.all") if k == 0 else t("generation.top_k.k", k=k),
                    help=t("generation.top_k_help"))

    logits = next_logits(demo, ["I"])
    drawn_label = t("generation.label.sampled", temperature=temperature,
                    top_k=t("generation.top_k.all") if top_k == 0 else t("generation.top_k.k", k=top_k))
    probs = {t("generation.label.model"): next_distribution(logits, 1.0, None)[0].numpy(),
             drawn_label: next_distribution(logits, temperature, top_k or None)[0].numpy()}
    likely = np.flatnonzero(np.maximum(*probs.values()) >= MIN_SHOWN)  # the words either distribution can draw
    left, right = st.columns(2, gap="medium")
    with left:
        fig = next_word_bars({label: p[likely] for label, p in probs.items()}, [task.words[i] for i in likely], "I",
                             projector=settings.projector, words=words)
        figure(legend_below(fig), t("generation.next_caption", shown=MIN_SHOWN), key="generation.next",
               data=pd.DataFrame({"word": task.words, **probs}))
    with right:
        figure(marginals_heatmap(demo.marginals, task.words, projector=settings.projector, words=words),
               t("generation.marginals_caption"), key="generation.marginals",
               data=pd.DataFrame(demo.marginals, columns=task.words).assign(position=range(1, task.seq_len + 1)))

    independent, fed = draws(demo, settings.seed, temperature, top_k)
    for column, kind, ids in zip(st.columns(2, gap="medium"), ("independent", "autoregressive"), (independent, fed)):
        with column:
            st.markdown(f"**{t(f'generation.{kind}')}**")
            st.metric(t("generation.valid", n=SAMPLES), f"{valid_share(task, ids):.1%}")
            st.dataframe(samples_table(task, ids), hide_index=True)
    st.caption(t("generation.samples_caption", shown=SHOWN, n=SAMPLES, seed=settings.seed, steps=task.seq_len))
    st.info(t("generation.claim_cs182", n=SAMPLES))


# ---- the CS182 sentences ----------------------------------------------------------------------------
st.subheader(t("generation.cs182_header"))
st.markdown(t("generation.cs182_intro"))
demo = computed("rnnviz.exposure.cs182_demo", settings.seed,
                label=t("generation.training_words", steps=CS182["steps"]))
if demo is not None:
    sentences(demo)

# ---- exposure bias -----------------------------------------------------------------------------------
st.subheader(t("generation.exposure_header"))
st.markdown(t("generation.exposure_intro", warmup=SINE["warmup"]))
labels = {TEACHER: t("generation.label.teacher"), SCHEDULED: t("generation.label.scheduled")}
left, right = st.columns([2, 3], gap="medium")
with left:
    schedule = control(st.radio, "generation.schedule", t("generation.schedule"), options=list(SCHEDULES),
                       index=SCHEDULES.index(SINE["schedule"]), format_func=lambda k: t(f"generation.schedule.{k}"),
                       help=t("generation.schedule_help", level=LEVEL))
    curves = {t(f"generation.schedule.{kind}"): [teacher_probability(kind, i, SINE["steps"])
                                                  for i in range(SINE["steps"])] for kind in SCHEDULES}
with right:
    figure(schedule_curves(curves, chosen=t(f"generation.schedule.{schedule}"), projector=settings.projector,
                           words=words),
           t("generation.schedule_caption"), key="generation.schedules",
           data=pd.DataFrame(curves).rename_axis("step").reset_index())

trained = st.session_state.setdefault("generation.trained", set())
run_key = (settings.seed, schedule)
if st.button(t("generation.train"), key="generation.train", type="primary", disabled=run_key in trained):
    trained.add(run_key)
if run_key not in trained:
    st.info(t("generation.press_train"))
elif (result := computed("rnnviz.exposure.exposure_demo", *run_key,
                         label=t("generation.training", steps=SINE["steps"]))) is not None:
    free = {labels[k]: v for k, v in result.free.items()}
    one_step = {labels[k]: v for k, v in result.one_step.items()}
    fig = legend_below(rollout_errors(result.horizons, free, one_step, result.zero, projector=settings.projector,
                                      words=words))
    frame = pd.DataFrame({"horizon": result.horizons, "zero": result.zero,
                          **{f"{k} free": v for k, v in result.free.items()},
                          **{f"{k} one step": v for k, v in result.one_step.items()}})
    figure(fig, t("generation.rollout_caption"), key="generation.rollout", data=frame)
    st.markdown(t("generation.this_run", seed=settings.seed,
                  teacher_one=result.one_step[TEACHER].mean(), scheduled_one=result.one_step[SCHEDULED].mean(),
                  teacher_free=result.free[TEACHER].mean(), scheduled_free=result.free[SCHEDULED].mean(),
                  teacher_gap=result.gap(TEACHER), scheduled_gap=result.gap(SCHEDULED)))

with st.container(border=True):
    st.markdown(f"**{t('generation.measured', level=LEVEL, steps=SINE['steps'])}**")
    for claim in ("teacher_gap", "scheduled_trade", "teacher_first_steps", "late_rollout"):
        st.markdown("- " + t(f"generation.claim_{claim}"))
    st.caption(t("generation.anchor"))
