"""The map page in Streamlit's AppTest: what reaches the map for each filter, warnings, URL parameters."""
from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap.mapview import EventsLayer
from tests.browser_select import browser_rows
from tests.conftest import ROOT
from tests.helpers import row, write_events


def layer_payload(at: AppTest) -> dict:
    """The events layer's payload as the browser puts it together: the dataset's part from st_folium's feature
    group script, the selection from the page's hidden element (EventsLayer.selection_html) naming that dataset."""
    components = at.get("component_instance")
    assert len(components) == 1, "exactly one map expected"
    script = json.loads(components[0].proto.json_args)["feature_group"]
    match = re.search(r"L\.conflictEvents\((\{.*\})\);", script, re.S)
    assert match, script[:300]
    payload = json.loads(match.group(1))
    assert payload.pop("fromPage") is True
    channels = [h.proto.body for h in at.get("html") if EventsLayer.CHANNEL_ATTR in h.proto.body]
    assert len(channels) == 1, "exactly one selection for the map expected"
    found = re.search(EventsLayer.CHANNEL_ATTR + r'="([^"]*)"', channels[0])
    selection = json.loads(html.unescape(found.group(1)))
    assert selection.pop("dataset") == payload["url"]
    return {**payload, **selection}


def shown_ids(at: AppTest, events_path) -> list[str]:
    """The events the map's browser code selects from the layer's payload (the server counts them too)."""
    from conflictmap.store import load_events

    payload = layer_payload(at)
    events = load_events(events_path).events
    rows = browser_rows(events, [payload])[0]
    assert len(rows) == payload["shown"], "the browser selects as many events as the server counts"
    return list(events["event_id_cnty"].iloc[rows])


@pytest.fixture
def events_file(tmp_path, monkeypatch, clear_streamlit_caches):
    rows = [
        row(event_id_cnty="E1", event_date="2024-11-01", event_type="Battles", sub_event_type="Armed clash",
            notes="clash near the river", fatalities="2"),
        row(event_id_cnty="E2", event_date="2024-11-02", injuries="15"),
        row(event_id_cnty="E3", event_date="2024-11-03", event_type="Strategic developments",
            sub_event_type="Other", notes="a visit", geo_precision="3"),
        row(event_id_cnty="E4", event_date="2024-11-04", latitude="", longitude="", geo_precision="",
            location="Unplaceable"),
    ]
    path = write_events(tmp_path / "events.csv", rows)
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    return path


def run_app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_all_events_reach_the_map_with_counts(events_file):
    at = run_app()
    assert not at.exception
    assert shown_ids(at, events_file) == ["E1", "E2", "E3", "E4"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Events": "4", "Fatalities": "2", "Injuries": "15"}
    assert any("no coordinates" in e.label for e in at.expander), "unplaced events must be listed"


def test_type_filter_changes_what_reaches_the_map(events_file):
    at = run_app()
    at.multiselect(key="types").set_value(["Battles"]).run()
    assert shown_ids(at, events_file) == ["E1"]
    at.multiselect(key="types").set_value([]).run()
    assert shown_ids(at, events_file) == []
    assert at.info[0].value.replace("\\", "") == "No events match. Filters: types: none. Widen or clear one of these."


def test_date_slider_and_search_filter(events_file):
    at = run_app()
    at.slider(key="dates").set_value((dt.date(2024, 11, 2), dt.date(2024, 11, 3))).run()
    assert shown_ids(at, events_file) == ["E2", "E3"]
    at.text_input(key="q").input("VISIT").run()
    assert shown_ids(at, events_file) == ["E3"]
    at.checkbox(key="precise").check().run()
    assert shown_ids(at, events_file) == []


def test_an_event_over_several_days_is_shown_on_each_of_them(monkeypatch, clear_streamlit_caches):
    """The bundled CM-SEED-005 ran 2024-11-03..2024-11-04: the slider on 2024-11-04 alone shows it with the three
    events of that day, on the map, in the headline and in the filter's description."""
    monkeypatch.delenv("CONFLICTMAP_EVENTS", raising=False)
    at = run_app()
    at.slider(key="dates").set_value((dt.date(2024, 11, 4), dt.date(2024, 11, 4))).run()
    assert not at.exception
    assert shown_ids(at, ROOT / "events.csv") == ["CM-SEED-001", "CM-SEED-004", "CM-SEED-005", "CM-SEED-007"]
    assert {m.label: m.value for m in at.metric}["Events"] == "4"
    at.slider(key="dates").set_value((dt.date(2024, 11, 3), dt.date(2024, 11, 3))).run()
    assert "CM-SEED-005" in shown_ids(at, ROOT / "events.csv"), "and on its first day"


def test_url_parameters_preselect_filters(events_file):
    at = run_app(types=["Strategic developments", "Battles"], q="river")
    assert set(at.multiselect(key="types").value) == {"Battles", "Strategic developments"}
    assert shown_ids(at, events_file) == ["E1"]


def test_bad_rows_produce_a_visible_warning_with_lines(tmp_path, monkeypatch, clear_streamlit_caches):
    path = write_events(tmp_path / "bad.csv", [row(event_id_cnty="G"), row(event_id_cnty="B1", event_date="2024-13-01"),
                                               row(event_id_cnty="B2", latitude="123")])
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    at = run_app()
    assert "2 rows of" in at.warning[0].value
    report = at.text[0].value
    assert "line 3 [event_date]" in report and "line 4 [latitude]" in report
    assert shown_ids(at, path) == ["G"]


def test_unreadable_file_is_an_error_not_a_traceback(tmp_path, monkeypatch, clear_streamlit_caches):
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(tmp_path / "missing.csv"))
    at = run_app()
    assert not at.exception
    assert "cannot be read" in at.error[0].value


def test_the_map_element_is_identical_between_filters_and_the_selection_goes_through_the_page(events_file):
    """Streamlit sends an identical element as a reference to the one the browser has (not the whole map script,
    about 12 KB, at every filter change); the filter reaches the map through the page's hidden element."""
    at = run_app()
    first, first_shown = at.get("component_instance")[0].proto.json_args, layer_payload(at)
    at.multiselect(key="types").set_value(["Battles"]).run()
    second, second_shown = at.get("component_instance")[0].proto.json_args, layer_payload(at)
    assert first == second
    assert first_shown["filter"]["types"] is None and second_shown["filter"]["types"] == [0]
    assert first_shown["shown"] > second_shown["shown"]
    assert all(url.startswith("/app/static/") for url in json.loads(first)["js_links"])


def test_near_filter_uses_the_geocoder_and_reports_unknown_places(events_file):
    at = run_app()
    at.text_input(key="near").input("Kyiv").run()
    at.number_input(key="km").set_value(100).run()
    assert shown_ids(at, events_file) == ["E1", "E2", "E3"], "Testville (50.0, 30.0) is about 60 km from Kyiv"
    at.number_input(key="km").set_value(40).run()
    assert shown_ids(at, events_file) == []
    at.text_input(key="near").input("Shevchenkivskyi").run()
    assert "places match: choose one in 'Which place?'" in at.sidebar.warning[0].value
    assert "'Near a place' is off" in at.warning[0].value, "said beside the map, not only low in the sidebar"
    assert shown_ids(at, events_file) == ["E1", "E2", "E3", "E4"], "an unplaceable 'near' must not filter"


def test_the_near_caption_names_the_region_as_the_datasets_rows_do(events_file):
    """'Within N km of Bila Tserkva, Kyiv Oblast': the region in the dataset's form, not GeoNames' "Kiev"."""
    at = run_app()
    at.text_input(key="near").input("Bila Tserkva").run()
    caption = next(c.value for c in at.sidebar.caption if "Within 50 km of" in c.value).replace("\\", "")
    assert "Within 50 km of Bila Tserkva, Kyiv Oblast UA" in caption, caption
    at.text_input(key="near").input("Kharkivska oblast").run()
    caption = next(c.value for c in at.sidebar.caption if "Within 50 km of" in c.value).replace("\\", "")
    assert "Kharkiv Oblast, Kharkiv Oblast UA" in caption and "(precision 3" in caption, caption


def test_a_name_whose_one_gazetteer_place_is_offered_says_so_in_the_singular(events_file):
    """'Kharkivka' names two villages of the codifier, one of them in the gazetteer (newcomer trial 8 read
    "1 places match: choose one"): the note offers that one place as possibly not the one meant."""
    at = run_app()
    at.text_input(key="near").input("Kharkivka").run()
    note = at.sidebar.warning[0].value
    assert "offers the gazetteer's one place of that name: choose it only if it is the one you mean" in note, note
    assert "1 places" not in note
    assert len(at.selectbox(key="near_choice").options) == 1


def test_a_place_of_several_of_one_name_is_chosen_in_the_sidebar_and_kept_in_the_url(events_file):
    """'Oleksandrivka, Donetsk Oblast' names two villages of the gazetteer: each is offered once with its region
    and coordinates (never Donetsk, which GeoNames also calls Oleksandrivka after a village it took in); the one
    chosen filters the map and the URL names it by its GeoNames id, so the link reopens the same place."""
    at = run_app()
    at.text_input(key="near").input("Oleksandrivka").run()
    capped = at.sidebar.warning[0].value
    assert re.search(r"lists the 10 largest of (\d+) places of that name", capped) and "add the region" in capped, \
        "a capped list says it is capped, how long it is, and how to narrow it"
    assert int(re.search(r"largest of (\d+)", capped)[1]) > 10
    labels = at.selectbox(key="near_choice").options
    assert labels and all(label.startswith("Oleksandrivka (") for label in labels), labels
    at.text_input(key="near").input("Oleksandrivka, Donetsk Oblast").run()
    assert "2 places match" in at.sidebar.warning[0].value
    assert "give the raion" in at.sidebar.warning[0].value, "the geocoder's own reason, as the command line says it"
    choice = at.selectbox(key="near_choice")
    assert len(choice.options) == len(set(choice.options)) == 2, "each place once, told apart"
    assert all(re.search(r"^Oleksandrivka \(\d+\.\d{3}, \d+\.\d{3}\), Donetsk, UA$", label) for label in choice.options), \
        "the coordinates right after the name, where a narrow sidebar does not cut them"
    from conflictmap.geocoding import get_geocoder
    from ui.sidebar import candidate_choices

    offered = candidate_choices(get_geocoder().lookup("Oleksandrivka, Donetsk Oblast").candidates)
    village = next(value for value, label in offered.items() if label == choice.options[0])
    choice.set_value(village).run()
    assert not at.exception
    assert at.query_params["near"] == village and village.startswith("Oleksandrivka #")
    assert any("Within 50 km of Oleksandrivka" in c.value for c in at.sidebar.caption)
    again = run_app(near=village)
    assert any("Within 50 km of Oleksandrivka" in c.value for c in again.sidebar.caption)


def test_a_region_after_a_comma_is_the_hint_and_no_place_elsewhere_is_offered(events_file):
    """'Oleksandrivka, Kharkiv Oblast': the gazetteer has none there. The sidebar says what the command line says
    (the text's region is the admin1 hint of the one phrase parser) and offers no place of another oblast."""
    at = run_app()
    at.text_input(key="near").input("Oleksandrivka, Kharkiv Oblast").run()
    note = at.sidebar.warning[0].value
    assert "no place of that name where the hints say" in note and "remove the region" in note
    assert "largest" not in note
    assert all(w.key != "near_choice" for w in at.selectbox), "no place outside Kharkiv Oblast is offered"
    assert at.query_params["near"] == "Oleksandrivka, Kharkiv Oblast", "the typed text stays in the URL"


def test_heat_and_playback_reach_the_layer(events_file):
    at = run_app()
    payload = layer_payload(at)
    assert payload["heat"] is False and payload["playback"] is False
    at.toggle(key="heat").set_value(True).run()
    at.toggle(key="play").set_value(True).run()
    payload = layer_payload(at)
    assert payload["heat"] is True and payload["playback"] is True


def test_playback_speed_is_chosen_beside_the_toggle_kept_in_the_url_and_reaches_the_layer(events_file):
    """Trial 10: play stepped a day a second with no way to go faster or slower."""
    at = run_app()
    assert not [w for w in at.sidebar if getattr(w, "key", "") == "speed"], "no speed without playback"
    assert layer_payload(at)["speed"] == 1.0
    at.toggle(key="play").set_value(True).run()
    speed = next(w for w in at.sidebar if getattr(w, "key", "") == "speed")
    assert list(speed.options) == ["0.5x", "1x", "2x", "4x"] and speed.value == 1.0
    speed.set_value(4.0).run()
    assert layer_payload(at)["speed"] == 4.0
    linked = run_app(play="true", speed="0.5x")
    assert layer_payload(linked)["speed"] == 0.5 and layer_payload(linked)["playback"] is True


def test_while_playing_back_the_page_says_its_figures_are_the_whole_selections(events_file):
    """Trial 10: the map's bar said the day's count beside the Events figure of every day. The bar says the day's
    share of the figure ("4 of 7 events", static/conflictmap/layer.js), whose count the layer carries."""
    at = run_app(play="true")
    assert at.metric[0].value == "4" and layer_payload(at)["shown"] == 4
    assert "the figures count all 4 events of the selected dates" in " ".join(c.value for c in at.caption)


def test_linked_event_is_shown_even_when_filtered_out(events_file):
    at = run_app(event="E3", types=["Battles"])
    payload = layer_payload(at)
    assert payload["focus"] == 2
    assert shown_ids(at, events_file) == ["E1", "E3"]
    at = run_app(event="NOPE", types=["Battles"])
    assert "No event NOPE" in at.warning[0].value
    # the link is dropped from the address, the rest of it kept, and it is said once (newcomer trial 6)
    assert "event" not in at.query_params and at.query_params["types"] in ("Battles", ["Battles"])
    at.toggle(key="heat").set_value(True).run()
    assert not [w for w in at.warning if "No event" in w.value] and "event" not in at.query_params


def test_hostile_query_text_is_escaped_in_messages(events_file):
    at = run_app(near="[x](javascript:alert(1)) *bold*")
    warning = at.sidebar.warning[0].value
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in warning and "\\*bold\\*" in warning


def test_bundled_ucdp_dataset_is_selectable_from_the_url_with_attribution(clear_streamlit_caches, monkeypatch):
    monkeypatch.delenv("CONFLICTMAP_EVENTS", raising=False)
    at = run_app(dataset="UCDP GED Ukraine 2014-2023")
    assert not at.exception
    payload = layer_payload(at)
    assert payload["n"] == 3883 and payload["shown"] == 3883
    assert any("CC BY 4.0" in c.value and "Sundberg & Melander" in c.value for c in at.caption)
    # No row errors; the only warning names UCDP's own two events whose admin1 is the neighbouring oblast's
    # (UCDP-417429 at 49.34, 39.14 is in Luhansk Oblast but coded Donetsk; UCDP-425997 the other way round).
    assert [w.value[:9] for w in at.warning] == ["2 events "]
    table = next(df.value for df in at.dataframe if "reason" in df.value.columns)
    assert list(table["event_id_cnty"]) == ["UCDP-417429", "UCDP-425997"]


def test_country_level_events_are_listed_beside_the_map_not_drawn(tmp_path, monkeypatch, clear_streamlit_caches):
    path = write_events(tmp_path / "country.csv", [
        row(event_id_cnty="PLACE"),
        row(event_id_cnty="COUNTRY", geo_precision="4", latitude="49.0", longitude="32.0", location="Ukraine",
            notes="fighting across the country", fatalities="5294"),
        row(event_id_cnty="NOWHERE", latitude="", longitude="", geo_precision="", location="Unknown village")])
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    at = run_app()
    assert shown_ids(at, path) == ["PLACE", "COUNTRY", "NOWHERE"], "selected, so the map lists them"
    labels = [e.label for e in at.expander]
    assert "1 event in this selection is placed only to a country and is not drawn on the map" in labels[0]
    assert labels[1].startswith("1 event in this selection has no coordinates")
    country, unplaced = at.dataframe[0].value, at.dataframe[1].value
    assert country["event_id_cnty"].tolist() == ["COUNTRY"] and unplaced["event_id_cnty"].tolist() == ["NOWHERE"]
    assert country["notes"].tolist() == ["fighting across the country"] and country["fatalities"].tolist() == [5294]
    payload = layer_payload(at)
    assert payload["n"] == 3


def test_events_whose_coordinates_contradict_their_region_are_named_above_the_map(monkeypatch,
                                                                                  clear_streamlit_caches):
    """../shared/cases/acled_implausible_coordinates.csv: Kharkiv rows at 0,0, swapped and sign-flipped were drawn
    in the Gulf of Guinea, Iran and the South Atlantic with no word on the page."""
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(ROOT / "tests" / "data" / "cases" /
                                                 "acled_implausible_coordinates.csv"))
    at = run_app()
    assert not at.exception
    warning = next(w.value for w in at.warning if "contradict their own region" in w.value)
    assert warning.startswith("3 events of")
    table = next(df.value for df in at.dataframe if "reason" in df.value.columns)
    reasons = " ".join(table["reason"])
    assert "0, 0" in reasons and "swapped" in reasons and "sign of the" in reasons
    assert set(table["admin1"]) == {"Kharkiv"}
    shown = next(df for df in at.dataframe if "reason" in df.value.columns)
    assert json.loads(shown.proto.columns)["reason"]["width"] == "large", "the reason whole, not cut (trial 6)"


def test_a_long_list_of_coordinates_to_check_is_built_when_its_box_is_opened(tmp_path, monkeypatch,
                                                                            clear_streamlit_caches):
    """More than 10 events to check start in a closed box, whose table is built only once it is opened: the table's
    code loaded with the first view delayed the map's frame (issue 11). The warning says them all at once."""
    import csv

    with open(ROOT / "tests" / "data" / "cases" / "acled_implausible_coordinates.csv", encoding="utf-8") as fh:
        zeroed = next(csv.DictReader(fh))  # a Kharkiv row at 0, 0
    path = tmp_path / "many.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(zeroed))
        writer.writeheader()
        writer.writerows({**zeroed, "event_id_cnty": f"UKR9007{k:02d}"} for k in range(12))
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    at = run_app()
    assert not at.exception
    assert any(w.value.startswith("12 events of") and "contradict their own region" in w.value for w in at.warning)
    box = next(e for e in at.expander if e.label == "Coordinates to check")
    assert not box.proto.expanded and not at.dataframe, "closed, and no table sent"
    at.session_state["misplaced"] = True  # the reader opens the box
    at.run()
    table = next(df.value for df in at.dataframe if "reason" in df.value.columns)
    assert len(table) == 12 and set(table["admin1"]) == {"Kharkiv"}


def test_plausible_coordinates_bring_no_such_warning(events_file):
    at = run_app()
    assert not any("contradict their own region" in w.value for w in at.warning)


def test_the_first_view_is_whole_before_the_popup_texts_are_written(events_file, monkeypatch):
    """A never-seen file's first view needs only meta.json and the points: the page renders its map, figures and
    layer while the detail chunks are still being written (the browser asks again for a chunk not there yet)."""
    import threading

    from conflictmap import mapdata

    release, write_details = threading.Event(), mapdata.write_details

    def held(rows, n, target):
        assert release.wait(60)
        write_details(rows, n, target)

    monkeypatch.setattr(mapdata, "write_details", held)
    try:
        at = run_app()
        assert not at.exception
        payload = layer_payload(at)
        assert payload["n"] == 4 and payload["shown"] == 4
        folder = mapdata.CACHE_DIR / payload["url"].rsplit("/", 1)[1]
        assert (folder / "meta.json").is_file() and (folder / mapdata.POINTS).is_file()
        assert not (folder / "details" / "0.bin").exists()
    finally:
        release.set()
    published = mapdata.PublishedDataset(key=folder.name, url=payload["url"], n=4)
    assert mapdata.wait_for_details(published, timeout=60)
    assert (folder / "details" / "0.bin").is_file()
