"""The landing page and the navigation shell."""

from conftest import ROOT, figures, finish_training, run_page

from rnnviz.ui import PAGES, url_path
from rnnviz.ui.text import keys


def test_landing_page_renders_a_card_per_page_and_the_demo_button():
    at = run_page("app.py")  # the cards link to pages, which exist only under the app's navigation
    assert at.button(key="home.start").label == "Start the classroom demo"
    links = [e.proto.page for e in at.get("page_link")]
    assert links == [url_path(p) for p in PAGES]


def test_every_page_file_exists_and_has_its_strings():
    for page in PAGES:
        assert (ROOT / page.path).exists(), page.path
        assert {f"{page.key}.title", f"{page.key}.intro", f"{page.key}.card"} <= keys(), page.key


def test_app_entry_point_renders_the_landing_page():
    at = run_page("app.py")
    assert at.title[0].value == "rnnviz"


def test_the_demo_button_switches_to_the_gradient_flow_page():
    at = run_page("app.py")
    at.button(key="home.start").click().run()
    assert not at.exception
    assert any("gradient" in t.value.lower() for t in at.title)


def test_a_trained_model_survives_a_trip_to_another_page_and_back():
    at = run_page("app.py")
    at.switch_page("pages/3_gradient_flow.py").run()
    at.slider(key="flow.distance").set_value(40).run()
    at.select_slider(key="flow.steps").set_value(100).run()
    at.button(key="flow.run.train").click().run()
    finish_training(at)
    trained = at.session_state["live_runs"]["flow.run"]
    at.switch_page("pages/7_training_lab.py").run()
    assert not at.exception and "flow.distance" not in [s.key for s in at.slider]
    at.switch_page("pages/3_gradient_flow.py").run()
    assert at.slider(key="flow.distance").value == 40  # the control kept its value
    assert at.session_state["live_runs"]["flow.run"] is trained
    assert any("Accuracy" in f["layout"]["title"]["text"] for f in figures(at))
