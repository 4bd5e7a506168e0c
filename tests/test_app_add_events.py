"""The "Add events" page in Streamlit's AppTest: propose from a pasted text, edit, save, see it on the map."""
from __future__ import annotations

import datetime as dt
import json
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conflictmap import review
from conflictmap.geocoding import get_geocoder
from conflictmap.store import load_events
from tests.conftest import ROOT
from tests.helpers import row, write_events
from tests.processes import confined, held_lock, needs_confinement, release, sha256
from tests.test_app_map import shown_ids

PAGE = "pages/3_Add_events.py"
TEXT = ("Russian drones struck Kharkiv overnight, injuring 4 people, the regional governor said on Telegram. "
        "On Monday, a missile attack hit the railway station in Odesa, killing 2 people, according to the "
        "regional governor.")
REWORDED = "A Russian drone hit a residential building in Kharkiv overnight, injuring four residents, the mayor said."


@pytest.fixture
def events_file(tmp_path, monkeypatch, clear_streamlit_caches):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="OLD1", event_date="2024-10-01")])
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    return path


def open_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    return at.switch_page(PAGE).run()


def propose(at: AppTest, text: str, url: str = "https://example.org/wire/1", name: str = "Test Wire") -> AppTest:
    at.text_area(key="text").input(text)
    at.date_input(key="published").set_value(dt.date(2024, 11, 5))
    at.text_input(key="source_name").input(name)
    at.text_input(key="source_url").input(url)
    return at.button[0].click().run()


MORE_FIELDS = {"event_date_end", "time_precision", "claimed_by", "source_url", "notes"}  # in "More fields"


def edit(at: AppTest, rows: dict[int, dict]) -> None:
    """Edit cells as a reviewer does, in the table that shows them (the main one, or "More fields")."""
    for k, wanted in enumerate((lambda c: c not in MORE_FIELDS, lambda c: c in MORE_FIELDS)):
        part = {r: {c: v for c, v in changes.items() if wanted(c)} for r, changes in rows.items()}
        part = {r: changes for r, changes in part.items() if changes}
        if part:
            at.session_state[at.data_editor[k].key] = {"edited_rows": part, "added_rows": [], "deleted_rows": []}


def previews(at: AppTest) -> list:
    """The merge previews (read-only tables other than the two review tables)."""
    return [frame for frame in at.dataframe if not str(frame.key).startswith("review")]


def save(at: AppTest, analyst: str = "Test Analyst") -> AppTest:
    if at.text_input(key="analyst").value != analyst:
        at.text_input(key="analyst").input(analyst)
    return at.button(key="save").click().run()


def test_propose_edit_save_and_the_map_shows_the_new_events(events_file):
    at = propose(open_page(), TEXT)
    assert not at.exception and not at.error
    proposed = at.data_editor[0].value
    assert list(proposed["location"]) == ["Kharkiv", "Odesa"]
    assert set(proposed["evidence"].str[:14]) == {"Russian drones", "On Monday, a m"}

    edit(at, {0: {"fatalities": 1, "notes": "Drone strike on Kharkiv, checked by hand."},
              1: {"location": "Mykolaiv"}})
    save(at)
    assert not at.exception
    assert at.success[0].value.startswith("Added 2 events")
    mykolaiv = get_geocoder().lookup("Mykolaiv")
    assert f"placed at {mykolaiv.name}" in at.text[0].value

    saved = load_events(events_file).events.set_index("event_id_cnty")
    new_ids = [i for i in saved.index if i != "OLD1"]
    assert new_ids == list(proposed["event_id_cnty"])
    kharkiv, moved = saved.loc[new_ids[0]], saved.loc[new_ids[1]]
    assert kharkiv["fatalities"] == 1 and kharkiv["injuries"] == 4
    assert set(saved.loc[new_ids, "recorded_by"]) == {"Test Analyst"}, "who saved each event is recorded"
    assert kharkiv["notes"] == "Drone strike on Kharkiv, checked by hand."
    assert kharkiv["origin"] == "Test Wire https://example.org/wire/1"
    assert kharkiv["source_url"] == "https://example.org/wire/1" and "Test Wire" in kharkiv["source"]
    assert (moved["location"], moved["latitude"], moved["longitude"]) == (mykolaiv.name, mykolaiv.lat, mykolaiv.lon)
    assert not at.data_editor, "saved rows leave the review table"
    propose(at, TEXT, url="javascript:alert(1)")  # the next text, rejected: the last save's report goes
    assert "must be an http:// or https:// link" in at.error[0].value and not at.success

    at.switch_page("pages/0_Map.py").run()
    assert not at.exception
    assert shown_ids(at, events_file) == ["OLD1"] + new_ids


def test_second_save_of_the_same_incident_is_flagged_and_needs_a_decision(events_file):
    at = propose(open_page(), TEXT)
    save(at)
    assert at.success[0].value.startswith("Added 2")

    propose(at, REWORDED, url="", name="")
    assert at.warning[0].value.startswith("1 row looks like an event already in the file")
    flagged = at.data_editor[0].value
    assert flagged[review.DUPLICATE_OF].iat[0].startswith("CM-2024-11-04-")
    save(at)
    assert "Added 0 events, merged into 0 saved events. Skipped: 1 possible duplicate," in (
        at.warning[0].value)
    assert "held back, row 1" in at.text[0].value
    assert len(load_events(events_file).events) == 3

    edit(at, {0: {review.DECISION: review.SAVE_NEW}})
    save(at)
    assert at.success[0].value.startswith("Added 1 event, merged into 0 saved events")
    events = load_events(events_file).events
    assert len(events) == 4
    assert events["origin"].iat[-1] == "pasted text, 2024-11-05"


def test_invalid_url_is_rejected_before_anything_is_proposed(events_file):
    at = propose(open_page(), TEXT, url="javascript:alert(1)")
    assert "must be an http:// or https:// link" in at.error[0].value
    assert at.code[0].value == "javascript:alert(1)"
    assert not at.data_editor


def test_oversize_text_is_rejected_with_the_limit(events_file):
    at = propose(open_page(), "Kharkiv. " * (review.MAX_TEXT_BYTES // 9 + 1))
    assert f"the limit is {review.MAX_TEXT_BYTES:,} bytes" in at.error[0].value
    assert not at.data_editor


def test_invalid_edit_is_reported_by_row_and_nothing_is_saved(events_file):
    at = propose(open_page(), TEXT)
    edit(at, {1: {"sub_event_type": "Armed clash"}})
    save(at)
    assert at.error[0].value.startswith("Nothing was saved")
    assert "row 2 [sub_event_type]" in at.text[0].value
    assert len(load_events(events_file).events) == 1
    assert len(at.data_editor[0].value) == 2


def test_uploaded_text_file_is_read(events_file):
    at = open_page()
    at.file_uploader(key="upload").set_value(("report.txt", TEXT.encode("utf-8"), "text/plain"))
    at.date_input(key="published").set_value(dt.date(2024, 11, 5))
    at.button[0].click().run()
    assert not at.error
    table = at.data_editor[0].value
    assert len(table) == 2 and set(table["origin"]) == {"file report.txt, 2024-11-05"}


def test_saving_creates_the_events_file_when_there_is_none(tmp_path, monkeypatch, clear_streamlit_caches):
    path = tmp_path / "new" / "events.csv"
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    at = propose(open_page(), TEXT)
    assert len(at.data_editor[0].value) == 2
    save(at)
    assert at.success[0].value.startswith("Added 2")
    assert len(load_events(path).events) == 2


def test_merge_into_the_saved_event_shows_the_change_then_adds_the_source_to_it(events_file):
    at = propose(open_page(), TEXT)
    save(at)
    before = load_events(events_file).events.set_index("event_id_cnty")
    kharkiv = [i for i in before.index if i != "OLD1"][0]

    propose(at, REWORDED, url="https://example.org/wire/2", name="Second Wire")
    flagged = at.data_editor[0].value
    assert flagged[review.DECISION].iat[0] == review.SKIP
    assert previews(at) == [], "only the review tables: no merge is previewed before one is chosen"
    edit(at, {0: {review.DECISION: review.MERGE_INTO + kharkiv}})
    at.run()
    assert not at.exception
    assert at.button(key="save").label == "Save kept events and merge into 1 saved event"
    preview = previews(at)[0].value
    assert list(preview.index) == ["source", "source_url", "notes"]
    assert preview.loc["source_url", "before"] == "https://example.org/wire/1"
    assert preview.loc["source_url", "after"] == "https://example.org/wire/1 https://example.org/wire/2"
    assert len(load_events(events_file).events) == 3, "nothing is written before the save is confirmed"

    save(at)
    assert not at.exception
    assert at.success[0].value.startswith("Added 0 events, merged into 1 saved event.")
    after = load_events(events_file).events.set_index("event_id_cnty")
    assert list(after.index) == list(before.index), "no new row"
    merged = after.loc[kharkiv]
    assert merged["source"].startswith(before.loc[kharkiv, "source"] + "; ") and "Second Wire" in merged["source"]
    assert merged["source_url"] == "https://example.org/wire/1 https://example.org/wire/2"
    assert "Also reported by" in merged["notes"] and "(Second Wire https://example.org/wire/2)." in merged["notes"]
    unchanged = ["event_date", "location", "latitude", "longitude", "event_type", "fatalities", "injuries", "origin"]
    assert merged[unchanged].equals(before.loc[kharkiv, unchanged])
    assert after.drop(index=kharkiv).equals(before.drop(index=kharkiv))


def test_merge_applies_to_the_saved_event_as_it_is_when_saving(events_file):
    """Someone else's change to the saved event between the preview and the save is kept, not overwritten."""
    at = propose(open_page(), TEXT)
    save(at)
    kharkiv = [i for i in load_events(events_file).events["event_id_cnty"] if i != "OLD1"][0]
    propose(at, REWORDED, url="https://example.org/wire/2", name="Second Wire")
    edit(at, {0: {review.DECISION: review.MERGE_INTO + kharkiv}})
    at.run()
    text = events_file.read_text(encoding="utf-8")
    events_file.write_text(text.replace("https://example.org/wire/1", "https://example.org/wire/9"), encoding="utf-8")
    save(at)
    assert not at.exception and at.success[0].value.startswith("Added 0 events, merged into 1 saved event.")
    saved = load_events(events_file).events.set_index("event_id_cnty").loc[kharkiv]
    assert saved["source_url"] == "https://example.org/wire/9 https://example.org/wire/2"


def test_a_save_that_cannot_get_its_turn_says_so_and_keeps_the_rows_for_a_retry(events_file, monkeypatch):
    """Issue 10.5: under contention the page showed Streamlit's generic error box and the reviewer's rows were
    gone. Now the wait is bounded, the failure is one sentence, and the rows stay until a retry saves them."""
    monkeypatch.setenv("CONFLICTMAP_SAVE_WAIT", "1")
    at = propose(open_page(), TEXT)
    edit(at, {0: {"notes": "Checked by hand."}})
    before = events_file.read_bytes()
    holder = held_lock(events_file)
    try:
        save(at)
    finally:
        release(holder)
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")
    assert shown.startswith(f"Nothing was saved: cannot save to {events_file}: other saves have held it for 1 s")
    assert at.text[0].value.endswith("Every row is still in the table below: save again to try once more.")
    assert events_file.read_bytes() == before
    kept = at.data_editor[0].value
    assert len(kept) == 2 and kept["notes"].iat[0] == "Checked by hand.", "the reviewer's edits are kept"

    save(at)
    assert at.success[0].value.startswith("Added 2 events")
    assert load_events(events_file).events["notes"].iat[1] == "Checked by hand."


PAGE_DRIVER = """
import datetime as dt, json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("dashboard.py", default_timeout=120).run()
at = at.switch_page("pages/3_Add_events.py").run()
at.text_area(key="text").input(sys.argv[1])
at.date_input(key="published").set_value(dt.date(2024, 11, 5))
at.button[0].click().run()
at.text_input(key="analyst").input("Test Analyst")
at.button(key="save").click().run()
print(json.dumps({"errors": [e.value for e in at.error], "rows": len(at.data_editor[0].value) if at.data_editor
                  else 0, "exception": [str(e.value) for e in at.exception]}))
"""


@needs_confinement
def test_a_folder_that_cannot_be_written_is_one_sentence_on_the_page(tmp_path):
    """Issue 10.5: with the folder not writable the page showed the generic error box (with search links)."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = write_events(folder / "events.csv", [row(event_id_cnty="OLD1", event_date="2024-10-01")])
    env_path = f"CONFLICTMAP_EVENTS={path}"
    done, names, digest = confined(folder, "read-only", "env", env_path, sys.executable, "-c", PAGE_DRIVER, TEXT)
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["exception"] == [] and shown["rows"] == 2
    assert [e.replace("\\", "") for e in shown["errors"]] == [
        f"Nothing was saved: cannot save to {path}: the file system is read-only, so nothing was saved and the file "
        "is unchanged; save to a file on a writable disk"]
    assert names == ["events.csv"] and digest == sha256(path)


def test_saving_needs_the_name_of_who_saves(events_file):
    at = propose(open_page(), TEXT)
    at.button(key="save").click().run()
    assert at.error[0].value == "Give your name before saving: it is recorded with each event you save or merge."
    assert len(load_events(events_file).events) == 1 and len(at.data_editor[0].value) == 2
    save(at, analyst="  Olena   K. ")
    assert at.success[0].value.startswith("Added 2 events")
    assert set(load_events(events_file).events["recorded_by"]) == {"", "Olena K."}



def test_a_forgotten_publication_date_proposes_nothing(events_file):
    """Issue 10.4: the date defaulted to today, so a forgotten date dated every event wrongly."""
    at = open_page()
    assert at.date_input(key="published").value is None, "no default date"
    at.text_area(key="text").input(TEXT)
    at.button[0].click().run()
    assert at.error[0].value.startswith("Give the text's publication date first")
    assert not at.data_editor


def test_every_input_fault_is_reported_at_once(events_file):
    """Newcomer trial 6: the page said one fault a try (the link, then the date, then the text)."""
    at = open_page()
    at.text_input(key="source_url").input("ftp://example.org/wire")
    at.button[0].click().run()
    errors = [e.value for e in at.error]
    assert len(errors) == 3, errors
    assert "must be an http:// or https:// link" in errors[0]
    assert errors[1].startswith("Give the text's publication date first")
    assert errors[2].startswith("Paste a news text or upload a .txt file first")
    assert not at.data_editor


UKRAINIAN = "Російські дрони атакували Харків уночі, поранено чотирьох людей, повідомив голова обласної адміністрації."


def test_the_language_choice_offers_the_four_languages_and_reaches_the_extractor(events_file):
    at = open_page()
    assert at.selectbox(key="lang").options == ["detect it", "French (fr)", "English (en)", "Ukrainian (uk)",
                                                "Russian (ru)"]
    at.selectbox(key="lang").set_value("uk")
    table = propose(at, UKRAINIAN).data_editor[0].value
    assert list(table["location"]) == ["Kharkiv"] and table["injuries"].iat[0] == 4
    at.selectbox(key="lang").set_value("en")  # the choice reaches the extractor: English rules miss the count
    table = propose(at, UKRAINIAN).data_editor[0].value
    assert list(table["location"]) == ["Kharkiv"] and pd.isna(table["injuries"].iat[0])


def test_an_uploaded_file_is_named_as_the_origin_even_with_a_source_name(events_file):
    at = open_page()
    at.file_uploader(key="upload").set_value(("wire-0411.txt", TEXT.encode("utf-8"), "text/plain"))
    at.date_input(key="published").set_value(dt.date(2024, 11, 5))
    at.text_input(key="source_name").input("Test Wire")
    at.button[0].click().run()
    assert set(at.data_editor[0].value["origin"]) == {"Test Wire (file wire-0411.txt)"}


def test_every_candidate_is_shown_whole_with_where_it_lands(events_file):
    at = propose(open_page(), TEXT)
    shown = [m.value for m in at.markdown]
    assert any(v.startswith("**1.** 2024") and "Explosions/Remote violence" in v.replace("\\", "") for v in shown)
    assert any("4 injured" in v and "Kharkiv" in v for v in shown)
    assert any(c.value.replace("\\", "").startswith("Russian drones struck Kharkiv overnight") for c in at.caption)
    assert any(c.value.startswith("Where the new events will land: 2 of 2 placed") for c in at.caption)
    edit(at, {1: {"location": "Mykolaiv"}})
    at.run()
    assert any(c.value.startswith("Where the new events will land: 1 of 2 placed") for c in at.caption)
    assert any("Mykolaiv: looked up in the gazetteer when you save" in m.value.replace("\\", "") for m in at.markdown)


def test_an_events_file_that_cannot_be_read_is_one_sentence_and_offers_nothing_to_save(tmp_path, monkeypatch,
                                                                                       clear_streamlit_caches):
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(tmp_path))  # a folder where the file should be
    at = open_page()
    assert not at.exception and not at.text_area and not at.button
    assert [e.value.replace("\\", "") for e in at.error] == [
        f"The events file cannot be read, so nothing can be added to it: cannot read {tmp_path}: it is a folder; "
        "give the path of a file"]


def test_the_cards_and_the_save_message_name_the_region_as_the_saved_row_does(events_file):
    """Newcomer trial 10: the card said "Bila Tserkva, Kiev, Ukraine" and the save message "Fastiv, Kiev,
    Ukraine" (GeoNames' admin1, from the geocoder) while the saved row and the map's popup said "Kyiv Oblast"."""
    at = propose(open_page(), "Russian drones struck Bila Tserkva overnight, injuring 4 people, the regional "
                              "governor said on Telegram.")
    assert not at.exception and not at.error
    cards = [m.value.replace("\\", "") for m in at.markdown]
    assert any(v.startswith("Bila Tserkva, Kyiv Oblast, Ukraine") for v in cards), cards
    assert not any("Kiev" in v for v in cards)
    assert list(at.data_editor[0].value["admin1"]) == ["Kyiv Oblast"], "the table's region column too"
    edit(at, {0: {"location": "Fastiv"}})
    save(at)
    assert at.success[0].value.startswith("Added 1 event")
    assert "placed at Fastiv, Kyiv Oblast, Ukraine" in at.text[0].value and "Kiev" not in at.text[0].value
    saved = load_events(events_file).events
    assert list(saved.loc[saved["event_id_cnty"] != "OLD1", "admin1"]) == ["Kyiv Oblast"]


def test_open_the_map_after_a_save_shows_the_file_saved_to_with_every_event(events_file):
    """Trial 11: with UCDP and a search chosen on the map, "Open the map" after a save showed UCDP, filtered, and
    no new event. It opens the file saved to, with no filter that hides the events just saved."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.selectbox(key="dataset").set_value("ucdp").run()
    at.text_input(key="q").input("Izyum").run()
    at = save(propose(at.switch_page(PAGE).run(), TEXT))
    assert at.success[0].value.startswith("Added 2 events")
    at = at.button(key="open_map").click().run()
    assert not at.exception
    assert at.selectbox(key="dataset").value == "events" and at.text_input(key="q").value == ""
    saved = list(load_events(events_file).events["event_id_cnty"])
    assert len(saved) == 3 and shown_ids(at, events_file) == saved
    assert any("where the events were saved" in i.value for i in at.info), "the reader is told why the filter went"
