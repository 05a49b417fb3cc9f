"""Page 9, memory: it opens in both languages, trains the three cells on the same text and budget, draws each
model's connectivity from the engine, follows the picked character, and reads the character page's model too."""

import numpy as np
import pytest
from conftest import ROOT, array, figures, finish_training, run_page, titled

from rnnviz.memory import connectivity, itemised_gradient
from rnnviz.ui.runner import clear_cache
from rnnviz.ui.text import t

PAGE = "pages/9_memory.py"
LABELS = ["vanilla RNN", "LSTM", "GRU"]


def _texts(at) -> dict[str, dict]:
    """The coloured texts, by their title (the model's label)."""
    return {f["layout"]["title"]["text"]: f for f in figures(at) if f["data"][0]["type"] == "heatmap"}


@pytest.fixture(scope="module")
def trained():
    """The page after training all three (32 units, 100 steps) from an empty cache."""
    clear_cache()
    at = run_page(PAGE)
    at.select_slider(key="memory.hidden").set_value(32).run()
    at.select_slider(key="memory.steps").set_value(100).run()
    at.button(key="memory.run.train").click().run()
    return finish_training(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_opens_in_both_languages_and_asks_for_training(lang):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == t("memory.title", lang)
    assert figures(at) == []
    assert any(t("memory.no_model", lang, button=t("memory.button", lang)) == i.value for i in at.info)
    run = at.session_state["live_runs"]["memory.run"]
    assert sorted(c.cell for c in run.configs.values()) == ["gru", "lstm", "rnn"]
    assert len({(c.hidden_size, c.steps, c.seed, c.lr, str(c.task_params)) for c in run.configs.values()}) == 1


def test_each_model_colours_the_text_with_its_own_connectivity(trained):
    at = trained
    run = at.session_state["live_runs"]["memory.run"]
    texts = _texts(at)
    assert sorted(texts) == sorted(LABELS)
    result = run.results["LSTM"]
    probe = result.task.text[:200]
    picked = at.slider(key="memory.pick").value
    assert picked == len(probe) - 2
    row = connectivity(result.model(), result.task, probe)[picked]
    shade = array(texts["LSTM"]["data"][0]["z"]).ravel()
    shade = shade[np.isfinite(shade)]
    np.testing.assert_allclose(np.sort(shade), np.sort(np.maximum(np.log10(row[:picked + 1] / row[:picked + 1].max()), -6)))
    (distance,) = titled(at, "How far back")
    assert distance["layout"]["yaxis"]["type"] == "log" and len(distance["data"]) == 3
    (bars,) = titled(at, "Itemised gradient")
    want = itemised_gradient(result.model(), result.task, probe, picked)
    drawn = array(bars["data"][1]["y"])
    np.testing.assert_allclose(drawn[1:picked + 1], want[1:picked + 1], rtol=1e-9)
    assert any(t("memory.claim_reach") == m.value for m in at.markdown)


def test_picking_another_character_changes_the_colouring(trained):
    at = trained
    before = _texts(at)["GRU"]
    at.slider(key="memory.pick").set_value(40).run()
    assert not at.exception
    after = _texts(at)["GRU"]
    assert before["layout"]["shapes"][0]["x0"] != after["layout"]["shapes"][0]["x0"] or \
        before["layout"]["shapes"][0]["y0"] != after["layout"]["shapes"][0]["y0"]
    shade = array(after["data"][0]["z"]).ravel()
    assert np.isfinite(shade).sum() == 41  # characters 0 … 40 coloured, the rest not read yet
    assert not np.array_equal(np.nan_to_num(array(before["data"][0]["z"])), np.nan_to_num(array(after["data"][0]["z"])))


def test_a_typed_text_is_read_and_unknown_characters_get_a_message(trained):
    at = trained
    at.text_area(key="memory.probe").set_value("Shall I compare thee").run()
    assert not at.exception
    assert "Shall I compare thee" == "".join(array_text(_texts(at)["LSTM"]))
    at.text_area(key="memory.probe").set_value("Shall I\r\ncompare").run()  # read as "Shall I\ncompare"
    assert not at.exception
    assert "".join(array_text(_texts(at)["GRU"])) == "Shall I\ncompare"
    at.text_area(key="memory.probe").set_value("<b>Ω</b>").run()
    assert not at.exception
    assert at.warning and "outside the vocabulary" in at.warning[0].value
    at.text_area(key="memory.probe").set_value("").run()


def array_text(fig) -> list[str]:
    """The characters a coloured text shows, in order, as they were typed."""
    return [" " if ch == " " else ch.replace("↵", "\n") for ch in fig["data"][1]["text"]]


def test_the_character_page_model_reads_here_too():
    from streamlit.testing.v1 import AppTest

    clear_cache()
    charlm = run_page("pages/5_char_model.py")
    charlm.select_slider(key="charlm.hidden").set_value(32).run()
    charlm.select_slider(key="charlm.steps").set_value(20).run()
    charlm.button(key="charlm.run.train").click().run()
    finish_training(charlm)
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=120)
    at.session_state["live_runs"] = {"charlm.run": charlm.session_state["live_runs"]["charlm.run"]}  # the same session
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    label = t("memory.yours", cell="LSTM", hidden=32)
    assert list(_texts(at)) == [label]  # nothing trained here yet: only the character page's model reads
