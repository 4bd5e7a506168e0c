"""The sidebar (ui/sidebar.py) in AppTest: one filter state per session, fitted to each dataset, said when changed,
and written to the URL so that the address reopens exactly the view on screen."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

UCDP = "UCDP GED Ukraine 2014-2023"
MAP = "pages/0_Map.py"
PAGES = ("pages/1_Timeline.py", "pages/2_Events_table.py", MAP)


@pytest.fixture
def bundled(monkeypatch, clear_streamlit_caches):
    """The two datasets that ship: events.csv (7 events, 2024-10-31..2024-11-04) and UCDP (3,883 events)."""
    monkeypatch.delenv("CONFLICTMAP_EVENTS", raising=False)


def open_app(page: str = MAP, **query) -> AppTest:
    """Open the app's address (dashboard.py builds the navigation) with `query`, on `page`."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update(query)
    at.run()
    return at if page == MAP else at.switch_page(page).run()


def shown(at: AppTest) -> int:
    """The number of events the page says it shows (the map's metric, the table's or timeline's caption)."""
    metrics = {m.label: m.value for m in at.metric}
    if "Events" in metrics:
        return int(metrics["Events"].replace(",", ""))
    for caption in at.caption:
        words = caption.value.replace(",", "").split()
        if len(words) > 1 and words[0].isdigit() and (words[1] == "of" or words[1].startswith("events")):
            return int(words[0])
    raise AssertionError(f"no event count on the page: {[c.value for c in at.caption]}")


def notes(at: AppTest) -> str:
    """The notes on the page, without the markdown escapes that keep their text plain."""
    return re.sub(r"\\(.)", r"\1", " ".join(i.value for i in at.info))


def view_of(at: AppTest) -> tuple:
    return (shown(at), at.selectbox(key="dataset").value, at.multiselect(key="types").value,
            at.slider(key="dates").value, at.text_input(key="q").value)


def reopen(at: AppTest, page: str = MAP) -> AppTest:
    """A colleague opens the address shown."""
    return open_app(page, **at.query_params)


def test_narrowed_dates_then_another_dataset_keeps_every_page_working(bundled):
    at = open_app()
    at.slider(key="dates").set_value((dt.date(2024, 11, 1), dt.date(2024, 11, 4))).run()
    assert shown(at) == 6
    at.selectbox(key="dataset").set_value("ucdp").run()
    assert not at.exception
    assert "2024-11-01 to 2024-11-04 are outside this dataset" in notes(at)
    assert shown(at) == 3883
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert shown(at) == 3883, page
        assert at.slider(key="dates").value == (dt.date(2014, 1, 22), dt.date(2023, 3, 5))


def test_switching_datasets_back_and_forth_hides_nothing_and_the_url_reopens_the_view(bundled):
    at = open_app()
    assert shown(at) == 7
    at.selectbox(key="dataset").set_value("ucdp").run()
    assert shown(at) == 3883, "a type filter of the bundled events must not hide UCDP's one-sided violence"
    assert at.multiselect(key="types").value == ["Battles", "Violence against civilians"]
    assert at.query_params == {"dataset": UCDP}
    assert view_of(reopen(at)) == view_of(at)
    at.selectbox(key="dataset").set_value("events").run()
    assert shown(at) == 7 and at.query_params == {}
    assert view_of(reopen(at)) == view_of(at)


def test_a_chosen_filter_that_the_next_dataset_lacks_is_dropped_and_said(bundled):
    at = open_app()
    at.multiselect(key="types").set_value(["Explosions/Remote violence"]).run()
    at.text_input(key="q").input("Kyiv").run()
    assert shown(at) == 3
    assert at.query_params == {"types": "Explosions/Remote violence", "q": "Kyiv"}
    at.selectbox(key="dataset").set_value("ucdp").run()
    assert "No event of type Explosions/Remote violence in this dataset" in notes(at)
    assert at.multiselect(key="types").value == ["Battles", "Violence against civilians"]
    assert at.query_params == {"dataset": UCDP, "q": "Kyiv"}, "the search still applies and stays in the URL"
    for page in PAGES:
        at.switch_page(page).run()
        assert view_of(reopen(at, page)) == view_of(at), page


def test_a_round_trip_through_a_dataset_lacking_a_chosen_type_gives_the_choice_back(bundled):
    """Newcomer trial 4: Battles and Explosions chosen, UCDP (no Explosions) and back showed Battles alone, 2 of 7
    events, with no note: a choice narrowed silently. Trial 10: on UCDP, its Violence against civilians, a type the
    bundled events lack and so never left out by the reader, stayed hidden without a word."""
    at = open_app()
    at.multiselect(key="types").set_value(["Battles", "Explosions/Remote violence"]).run()  # Strategic dev. out
    assert shown(at) == 5
    at.selectbox(key="dataset").set_value("ucdp").run()
    assert "No event of type Explosions/Remote violence in this dataset: that filter was dropped" in notes(at)
    assert at.multiselect(key="types").value == ["Battles", "Violence against civilians"]
    assert shown(at) == 3883
    assert at.query_params == {"dataset": UCDP}, "the URL says what UCDP shows"
    at.switch_page("pages/1_Timeline.py").run()
    at.selectbox(key="dataset").set_value("events").run()
    assert at.multiselect(key="types").value == ["Battles", "Explosions/Remote violence"]
    assert "Hidden, as before the switch: Strategic developments." in notes(at)
    assert shown(at) == 5
    assert view_of(reopen(at, "pages/1_Timeline.py")) == view_of(at)


def test_a_type_left_out_stays_out_and_the_next_datasets_other_types_are_shown_and_said(
        monkeypatch, clear_streamlit_caches, tmp_path):
    """Trial 10: Strategic developments removed on the bundled events, then a file with every type opened: only
    Battles and Explosions stayed selected, most of the file hidden with no note. The reader left out one type:
    the file shows all the others, the note names the type still hidden, and the URL lists exactly what is shown."""
    from benchmarks.synthetic import synthetic_events
    from conflictmap.store import save_events

    monkeypatch.delenv("CONFLICTMAP_EVENTS", raising=False)
    monkeypatch.setenv("CONFLICTMAP_DATASETS", str(tmp_path / "datasets"))
    (tmp_path / "datasets").mkdir()
    events = synthetic_events(600)
    save_events(tmp_path / "datasets" / "every type.csv", events)
    present = set(events["event_type"])
    assert len(present) == 6
    at = open_app()
    at.multiselect(key="types").set_value(["Battles", "Explosions/Remote violence"]).run()
    at.selectbox(key="dataset").set_value("file:every type.csv").run()
    kept = [t for t in at.multiselect(key="types").options if t != "Strategic developments"]
    assert at.multiselect(key="types").value == kept and len(kept) == 5
    assert shown(at) == int((events["event_type"] != "Strategic developments").sum())
    assert "Hidden, as before the switch: Strategic developments. Add it under Event types to show it." in notes(at)
    assert at.query_params["types"] == kept
    assert view_of(reopen(at)) == view_of(at), "the link opens exactly the types shown"


def test_a_round_trip_through_a_dataset_without_the_chosen_dates_gives_them_back_and_says_so(bundled):
    """Newcomer trial 5: 2024-11-04 alone, UCDP (its dates end in 2023: dropped, said) and back showed all dates,
    the narrowing lost without a word."""
    at = open_app(dates=["2024-11-04", "2024-11-04"])
    assert shown(at) == 4
    at.selectbox(key="dataset").set_value("ucdp").run()
    assert "are outside this dataset" in notes(at) and shown(at) == 3883
    at.switch_page("pages/2_Events_table.py").run()
    at.selectbox(key="dataset").set_value("events").run()
    assert "The dates 2024-11-04 to 2024-11-04 chosen before the switch apply again." in notes(at)
    assert shown(at) == 4 and at.query_params["dates"] == ["2024-11-04", "2024-11-04"]
    assert view_of(reopen(at, "pages/2_Events_table.py")) == view_of(at)


def test_dates_changed_by_the_reader_forget_the_dates_held(bundled):
    at = open_app(dates=["2024-11-04", "2024-11-04"])
    at.selectbox(key="dataset").set_value("ucdp").run()
    at.slider(key="dates").set_value((dt.date(2020, 1, 1), dt.date(2020, 12, 31))).run()  # the reader's choice
    at.selectbox(key="dataset").set_value("events").run()
    assert "chosen before the switch" not in notes(at)
    assert "are outside this dataset" in notes(at) and shown(at) == 7


def test_a_type_changed_by_the_reader_forgets_what_was_held(bundled):
    at = open_app()
    at.multiselect(key="types").set_value(["Battles", "Explosions/Remote violence"]).run()
    at.selectbox(key="dataset").set_value("ucdp").run()
    at.multiselect(key="types").set_value(["Violence against civilians"]).run()  # the reader's new choice
    at.selectbox(key="dataset").set_value("events").run()
    assert "No event of type Violence against civilians in this dataset: showing every type" in notes(at)
    assert shown(at) == 7, "Explosions, held before the reader chose again, is not brought back alone"


def test_a_datasets_first_run_shows_a_step_until_its_figures_are_drawn(bundled, monkeypatch):
    """Trial 10: after a big file's check the page showed its title alone while the map's files were published and
    its first view built (the previous dataset's figures hidden by the guard). The map page's first run of a dataset
    shows "drawing the page" while it does so, then clears it; a rerun of the same dataset shows no step."""
    from ui import datasets

    steps, show = [], datasets.show_step

    def recorded(placeholder, stage, done, total):
        steps.append(stage)
        show(placeholder, stage, done, total)

    monkeypatch.setattr(datasets, "show_step", recorded)
    at = open_app()
    assert steps[-1:] == [datasets.DRAWING]
    steps.clear()
    at.selectbox(key="dataset").set_value("ucdp").run()
    assert steps[-1:] == [datasets.DRAWING] and shown(at) == 3883
    assert not [e for e in at.main if e.type == "progress"], "the step is cleared once the figures are drawn"
    steps.clear()
    at.text_input(key="q").input("Kyiv").run()
    assert steps == []


def test_a_link_with_dates_outside_the_dataset_says_so_and_the_url_is_corrected(bundled):
    at = open_app(dates=["2030-01-01", "2030-02-01"])
    assert not at.exception
    assert "The dates 2030-01-01 to 2030-02-01 are outside this dataset (2024-10-31 to 2024-11-04)" in notes(at)
    assert shown(at) == 7 and "dates" not in at.query_params
    at = open_app(dates=["2024-10-01", "2024-11-02"])
    assert "narrowed to 2024-10-31 to 2024-11-02" in notes(at)
    assert at.query_params["dates"] == ["2024-10-31", "2024-11-02"]


def test_a_link_naming_no_dataset_here_says_so(bundled):
    at = open_app(dataset="ACLED Mars 2099")
    assert "No dataset 'ACLED Mars 2099' here" in notes(at)
    assert shown(at) == 7 and at.query_params == {}
    assert open_app(dataset="ucdp").selectbox(key="dataset").value == "ucdp", "the key names it too"


def test_dates_set_by_the_pages_are_iso_in_the_url(bundled):
    at = open_app("pages/1_Timeline.py")
    chart = at.get("vega_lite_chart")[0]
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    first = int(dt.datetime(2024, 11, 1, 12, tzinfo=dt.timezone.utc).timestamp() * 1000)
    last = int(dt.datetime(2024, 11, 3, 12, tzinfo=dt.timezone.utc).timestamp() * 1000)
    state.string_value = '{"selection": {"span": {"period_start": [%d, %d]}}}' % (first, last)
    at = at._run(widget_state=states)
    assert at.query_params["dates"] == ["2024-11-01", "2024-11-03"]
    at.button[0].click().run()  # "Show all dates"
    assert "dates" not in at.query_params and shown(at) == 7


def test_a_link_written_with_microseconds_by_earlier_versions_still_opens(bundled):
    at = open_app(dates=["1730419200000000", "1730592000000000"])
    assert at.slider(key="dates").value == (dt.date(2024, 11, 1), dt.date(2024, 11, 3))
    assert at.query_params["dates"] == ["2024-11-01", "2024-11-03"]


def test_the_search_box_finds_a_place_by_its_news_and_cyrillic_spellings(bundled):
    """UCDP writes Izyum; a reader types the news spelling or the Cyrillic one and finds the same 26 events
    (trial 7: "Izium" found 23, missing the 3 that name it only in the notes). The sidebar says which place the
    word was read as; the typed text is what the URL keeps."""
    at = open_app(dataset=UCDP)
    for typed in ("Izyum", "Izium", "Ізюм", "Изюм"):
        at.text_input(key="q").input(typed).run()
        assert not at.exception
        assert shown(at) == 26, typed
        assert at.query_params["q"] == typed
        assert f"{typed}: read as Izyum (Kharkiv Oblast, Ukraine)" in captions(at), typed
    at.switch_page("pages/2_Events_table.py").run()
    assert shown(at) == 26, "the table shows what the map does"


def captions(at: AppTest) -> str:
    """The sidebar's captions, without the markdown escapes that keep their text plain."""
    return re.sub(r"\\(.)", r"\1", " ".join(c.value for c in at.sidebar.caption))


def test_old_and_russian_names_of_a_town_find_its_events_and_a_shared_name_is_said(bundled):
    """Trial 7: "Kiev", "Киев", "Kharkov" and "Харьков" found nothing among the bundled events at Kyiv and
    Kharkiv. Each finds what the town's own name finds; a name several places bear is said to be matched as
    written."""
    at = open_app()
    counts = {}
    for typed in ("Kyiv", "Kiev", "Киев", "Київ", "Kharkiv", "Kharkov", "Харьков"):
        at.text_input(key="q").input(typed).run()
        assert not at.exception
        counts[typed] = shown(at)
    assert counts == {"Kyiv": 5, "Kiev": 5, "Киев": 5, "Київ": 5, "Kharkiv": 1, "Kharkov": 1, "Харьков": 1}
    assert "Харьков: read as Kharkiv (Kharkiv Oblast, Ukraine), found by any of its names" in captions(at)
    at.text_input(key="q").input("Lyman").run()
    assert "Lyman: several places bear this name, so it is matched as written only" in captions(at)


def test_the_dataset_box_names_the_file_and_the_caption_gives_its_whole_path(monkeypatch, clear_streamlit_caches,
                                                                            tmp_path):
    """Trial 7: at 1,024 px the box showed "Events (/tmp/trial7-big..." cut off. It names the file; the caption
    under it gives the whole path (and wraps)."""
    folder = tmp_path / "a folder with a long name for the events files of this trial" / "exports"
    folder.mkdir(parents=True)
    path = folder / "kharkiv-2024.csv"
    path.write_bytes((ROOT / "events.csv").read_bytes())
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    monkeypatch.setenv("CONFLICTMAP_DATASETS", str(tmp_path / "datasets"))
    at = open_app()
    box = at.selectbox(key="dataset")
    assert box.format_func(box.value) == "Events (kharkiv-2024.csv)"
    assert f"File: {path}" in captions(at)


@pytest.mark.parametrize("readonly", ["", "1"])
def test_open_a_csv_is_offered_only_where_saving_is_allowed(monkeypatch, clear_streamlit_caches, tmp_path, readonly):
    monkeypatch.delenv("CONFLICTMAP_EVENTS", raising=False)
    monkeypatch.setenv("CONFLICTMAP_DATASETS", str(tmp_path / "datasets"))
    monkeypatch.setenv("CONFLICTMAP_READONLY", readonly)
    at = open_app()
    assert not at.exception
    uploaders = [e for e in at.sidebar if getattr(e, "type", "") == "file_uploader"]
    assert [u.proto.label for u in uploaders] == ([] if readonly else ["Open a CSV"])


def test_a_file_name_cannot_break_out_of_the_dataset_guards_style():
    """The Dataset box's text (an opened file's name) is written into a CSS attribute selector of the sidebar's
    guard (ui.sidebar._guard): quoted so that no name ends the string or the <style> element, and read back whole."""
    from ui.sidebar import _css_string

    name = 'x"]) , * {display:none} </style><script>alert(1)</script>\\ é Київ (2).csv\n'
    quoted = _css_string(name)
    assert quoted[0] == quoted[-1] == '"'
    assert not set('"<>{}\\\n') & set(quoted[1:-1].replace("\\", "")), quoted
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m[1], 16)), quoted[1:-1]) == name


def test_a_file_opened_from_the_sidebar_is_shown_in_the_run_that_checked_it(bundled, monkeypatch, tmp_path):
    """An opened file is shown by the run that checked it (ui.sidebar._open_csv; the rerun it asked for before let
    the previous figures stand beside the check's bar for 50-100 ms, which test_browser_open_csv records): the box,
    drawn again in that run, names it and still switches; the figures and dates are its own, the note says where it
    is kept, and the uploader is empty again."""
    from tests.helpers import row, write_events

    monkeypatch.setenv("CONFLICTMAP_DATASETS", str(tmp_path / "datasets"))
    opened = write_events(tmp_path / "three.csv", [
        row(event_id_cnty=f"T-{i}", event_date=f"2023-01-0{i}", location="Kharkiv") for i in (1, 2, 3)])
    at = open_app()
    assert shown(at) == 7
    at.get("file_uploader")[0].set_value(("three.csv", opened.read_bytes(), "text/csv")).run()
    assert not at.exception
    boxes = [e for e in at.sidebar if getattr(e, "type", "") == "selectbox" and e.label == "Dataset"]
    assert len(boxes) == 1 and boxes[0].value == "file:three.csv"
    assert shown(at) == 3 and at.slider(key="dates").value == (dt.date(2023, 1, 1), dt.date(2023, 1, 3))
    assert f"Opened three.csv: 3 events, kept as {tmp_path / 'datasets' / 'three.csv'}." in notes(at)
    uploaders = [e for e in at.sidebar if getattr(e, "type", "") == "file_uploader"]
    assert len(uploaders) == 1 and not uploaders[0].value, "the uploader is empty again"
    at.selectbox(key=boxes[0].key).set_value("events").run()
    assert shown(at) == 7, "the box drawn again in that run still switches"
    at.run()
    assert [b.value for b in at.sidebar if getattr(b, "type", "") == "selectbox" and b.label == "Dataset"] == [
        "events"]
