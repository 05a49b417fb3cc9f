"""Page 5, the character model: the user's text is learned, samples appear and follow the temperature,
the coloured text follows the chosen unit, and bad text gets a clear message instead of a traceback."""

import math
import time

import numpy as np
from conftest import array, figures, finish_training, run_page, shown

from rnnviz.generate import hidden_states, sample_text
from rnnviz.ui.runner import clear_cache

PAGE = "pages/5_char_model.py"
TEXT = ("I think therefore I am\nI like machine learning\nI am not just a neural network\n"
        "\"Quotes\" and (parentheses) help the features\n")


def _paste(at, text):
    at.radio(key="charlm.source").set_value("paste").run()
    at.text_area(key="charlm.text").set_value(text).run()
    return at


def _small(at, steps=20):
    at.select_slider(key="charlm.hidden").set_value(32).run()
    at.select_slider(key="charlm.steps").set_value(steps).run()
    return at


def _messages(at):
    return [shown(m.value) for m in [*at.warning, *at.error]]


def test_the_default_page_renders_without_figures_before_training():
    at = run_page(PAGE)
    assert figures(at) == []
    assert any("distinct" in c.value for c in at.caption)  # the sonnets are described


def test_training_on_a_pasted_text_gives_samples_units_and_a_path():
    clear_cache()
    at = _small(_paste(run_page(PAGE), TEXT))
    at.button(key="charlm.run.train").click().run()
    finish_training(at)
    run = at.session_state["live_runs"]["charlm.run"]
    result = run.results["LSTM"]
    model, task = result.model(), result.task
    assert task.text == TEXT  # the pasted text reached the engine

    sample = at.code[-1].value
    assert sample == sample_text(model, task, "", 300, 0.8, seed=0)
    bpc = next(f for f in figures(at) if "Bits per character" in f["layout"]["title"]["text"])
    np.testing.assert_allclose(array(bpc["data"][0]["y"]), result.history()["loss"] / math.log(2))

    values = hidden_states(model, task, TEXT).get("h")[0]
    order = at.selectbox(key="charlm.unit").options
    first = int(order[0].split()[1])
    html = at.html[0].proto.body
    assert f'title="{values[0, first]:.3f}"' in html  # the first character's value of the chosen unit
    other = int(order[5].split()[1])
    at.selectbox(key="charlm.unit").select(other).run()
    assert at.html[0].proto.body != html
    assert f'title="{values[0, other]:.3f}"' in at.html[0].proto.body

    at.slider(key="charlm.temperature").set_value(1.5).run()
    assert at.code[-1].value != sample
    assert at.code[-1].value == sample_text(model, task, "", 300, 1.5, seed=0)

    pca = next(f for f in figures(at) if "PCA" in f["layout"]["title"]["text"])
    assert len(array(pca["data"][1]["x"])) == len(TEXT)


def test_samples_appear_while_it_trains():
    clear_cache()
    at = _small(_paste(run_page(PAGE), TEXT), steps=1000)
    at.button(key="charlm.run.train").click().run()
    deadline = time.time() + 30
    while not any("after" in c.value and "steps" in c.value for c in at.caption) and time.time() < deadline:
        time.sleep(0.3)
        at.run()
    assert any(c.value.startswith("after ") for c in at.caption)
    assert at.code and len(at.code[0].value) == 150
    at.button(key="charlm.run.stop").click().run()
    finish_training(at)


def test_a_typed_prime_and_probe_are_used_and_unknown_characters_get_a_message():
    clear_cache()
    at = _small(_paste(run_page(PAGE), TEXT))
    at.button(key="charlm.run.train").click().run()
    finish_training(at)
    at.text_input(key="charlm.prime").set_value("I am").run()
    assert at.code[-1].value.startswith("I am")
    at.text_area(key="charlm.probe").set_value("I like").run()
    assert at.html[0].proto.body.count("<span") == len("I like")
    at.text_input(key="charlm.prime").set_value("Zzz").run()
    at.text_area(key="charlm.probe").set_value("I like Zebras").run()
    assert not at.exception
    assert sum("'Z" in m for m in _messages(at)) == 2  # both name the unknown character
    assert at.html[0].proto.body.count("<span") == len(TEXT)  # back to the training text


def test_empty_huge_and_unusable_texts_get_a_clear_message():
    at = _paste(run_page(PAGE), "")
    assert any("no text" in m for m in _messages(at))
    at.text_area(key="charlm.text").set_value("a" * 300_000).run()
    assert not at.exception
    assert any("300,000" in m and "200,000" in m for m in _messages(at))
    at.text_area(key="charlm.text").set_value("too short").run()
    assert any("need at least" in m for m in _messages(at))  # the task's own message
    at.text_area(key="charlm.text").set_value("".join(chr(0x4E00 + i) for i in range(300))).run()
    assert any("vocabulary too large" in m for m in _messages(at))
    assert not at.exception
    assert figures(at) == []


def test_an_uploaded_file_must_be_utf8_text():
    at = run_page(PAGE)
    at.radio(key="charlm.source").set_value("upload").run()
    assert any("Choose a .txt file" in m for m in _messages(at))
    at.file_uploader(key="charlm.upload").set_value(("latin1.txt", "café ".encode("latin-1") * 40, "text/plain")).run()
    assert not at.exception
    assert any("not UTF-8" in m for m in _messages(at))
    at.file_uploader(key="charlm.upload").set_value(("poem.txt", TEXT.encode("utf-8"), "text/plain")).run()
    assert not _messages(at)
    assert any(f"{len(TEXT)} characters" in c.value for c in at.caption)
