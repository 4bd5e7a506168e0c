"""Add events: the extractor proposes events from a news text, a person fixes or drops them, the kept ones are
saved to the events store in one transaction. Reads widgets, calls conflictmap.review and the store, draws."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from conflictmap import review
from conflictmap.csvio import save_wait_s
from conflictmap.extraction import candidates_to_frame, extract_events
from conflictmap.geocoding import get_geocoder
from conflictmap.schema import COLUMN_DOCS, EVENT_TYPES, empty_events
from conflictmap.store import EventsFileError, access, open_store
from ui import datasets
from ui.safe import md

st.set_page_config(page_title="Add events - conflictmap", page_icon=":world_map:", layout="wide")
st.title("Add events from a news text")

allowed = access()
if not allowed.writable:  # the page is not in the navigation then; the store refuses every save anyway
    st.info(f"Adding events is off here: {md(allowed.why)}.")
    st.stop()

target = datasets.choices()[0]
st.caption(f"Saved events are appended to {md(target.path)} and appear on the map at once.")
try:
    existing = datasets.load(target).result.events if target.path.exists() else empty_events()
except EventsFileError as exc:
    st.error(f"The events file cannot be read, so nothing can be added to it: {md(exc)}")
    st.stop()

state = st.session_state
state.setdefault("review_generation", 0)


def show_rejection(exc: review.InputRejected) -> None:
    st.error(exc.message)
    if exc.value:
        st.code(exc.value, language=None)


def signed_in_user() -> str:
    """The signed-in user's name (or email) where Streamlit's authentication is configured; "" otherwise."""
    if not st.user.get("is_logged_in"):
        return ""
    return str(st.user.get("name") or st.user.get("email") or "")


with st.form("source"):
    text = st.text_area("News text", height=220, key="text",
                        help=f"One report, up to {review.MAX_TEXT_BYTES:,} bytes.")
    upload = st.file_uploader("... or upload a .txt file", type=["txt"], key="upload",
                              max_upload_size=max(1, review.MAX_TEXT_BYTES // 1_000_000))
    left, middle, right, lang_column = st.columns([3, 4, 6, 2])
    published = left.date_input("Publication date", value=dt.date.today(), max_value=dt.date.today(),
                                format="YYYY-MM-DD", key="published",
                                help="Relative dates in the text (yesterday, on Monday) count from this day.")
    source_name = middle.text_input("Source name", key="source_name", placeholder="outlet or agency")
    source_url = right.text_input("Source URL", key="source_url", placeholder="https://...")
    lang = lang_column.selectbox("Language", ["auto", "en", "fr", "uk", "ru"], key="lang",
                                 help="auto: detected from the text (English, French, Ukrainian or Russian).")
    propose = st.form_submit_button("Propose events")

if propose:
    try:
        url = review.check_source_url(source_url)
        if upload is not None and text.strip():
            raise review.InputRejected("Give either a pasted text or an uploaded file, not both.")
        if upload is not None:
            body, encoding = review.decode_upload(upload.getvalue())
        else:
            body, encoding = review.check_text(text), "utf-8"
    except review.InputRejected as exc:
        show_rejection(exc)
    else:
        try:
            with st.spinner("Reading the text..."):
                candidates = candidates_to_frame(extract_events(
                    body, published, lang=None if lang == "auto" else lang, source_name=source_name.strip(),
                    source_url=url))
        except ValueError as exc:
            show_rejection(review.InputRejected("The extractor could not read this text:", str(exc)))
            st.stop()
        origin = review.origin_label(source_name, url, published, upload.name if upload is not None else "")
        state["review_table"] = review.review_table(candidates, origin, existing)
        state["review_generation"] += 1
        state["review_report"] = None
        state["review_read_as"] = encoding

report = state.get("review_report")
if report:
    getattr(st, report.kind)(md(report.headline) if report.kind == "error" else report.headline)
    if report.details:
        st.text("\n".join(report.details))
    if report.saved:
        st.page_link("pages/0_Map.py", label="Open the map", icon=":material/map:")

table = state.get("review_table")
if table is None:
    st.stop()
if state.get("review_read_as", "utf-8") != "utf-8":
    st.info(f"The uploaded file was not UTF-8; it was read as {md(state['review_read_as'])}. Check the evidence "
            "below reads correctly.")
if table.empty:
    st.info("No events were found in this text. Statements, commentary and predictions are not events.")
    st.stop()

st.subheader(f"{len(table)} proposed event(s)")
st.caption("Fix any cell, untick keep to leave a row out, then save. Coordinates are never typed: edit the "
           "location and it is looked up in the gazetteer when you save.")
flagged = int((table[review.DUPLICATE_OF] != "").sum())
if flagged:
    st.warning(f"{flagged} row(s) look like events already in the file (column 'may repeat': same type, dates a "
               f"day or less apart, places within {review.DUPLICATE_KM:g} km). Choose for each: skip it, save it as "
               "a new event, or merge it into the saved event (which keeps its date, place, type and figures and "
               "gains this report's source, link and a note).")

text_column = st.column_config.TextColumn
number_column = st.column_config.NumberColumn
subtypes = list(dict.fromkeys(s for subs in EVENT_TYPES.values() for s in subs))
config = {
    review.KEEP: st.column_config.CheckboxColumn("keep", help="Untick to leave this row out."),
    review.DUPLICATE_OF: text_column("may repeat", disabled=True,
                                     help="Saved events this row looks like: id, date, place."),
    review.DECISION: st.column_config.SelectboxColumn(
        "decision", options=review.decision_options(table),
        help="For a row that may repeat a saved event: skip it, save it as a new event, or merge it into the "
             "saved event."),
    "evidence": text_column("evidence", disabled=True, width="large",
                            help="The sentences of the text the event rests on."),
    "event_date": st.column_config.DateColumn("date", format="YYYY-MM-DD", required=True),
    "event_date_end": st.column_config.DateColumn("until", format="YYYY-MM-DD", help=COLUMN_DOCS["event_date_end"]),
    "time_precision": number_column("date precision", min_value=1, max_value=3, step=1, format="%d",
                                    help=COLUMN_DOCS["time_precision"]),
    "event_type": st.column_config.SelectboxColumn("event type", options=list(EVENT_TYPES), required=True),
    "sub_event_type": st.column_config.SelectboxColumn("sub-event type", options=subtypes,
                                                       help=COLUMN_DOCS["sub_event_type"]),
    "location": text_column("location", help="Edit to move the event: the new place is looked up on save."),
    "admin1": text_column("region", disabled=True),
    "admin2": text_column("district", disabled=True),
    "country": text_column("country", disabled=True),
    "latitude": number_column("latitude", disabled=True, format="%.4f"),
    "longitude": number_column("longitude", disabled=True, format="%.4f"),
    "geo_precision": number_column("place precision", disabled=True, help=COLUMN_DOCS["geo_precision"]),
    "fatalities": number_column("fatalities", min_value=0, step=1, format="%d", help=COLUMN_DOCS["fatalities"]),
    "injuries": number_column("injuries", min_value=0, step=1, format="%d", help=COLUMN_DOCS["injuries"]),
    "actor1": text_column("actor 1"),
    "actor2": text_column("actor 2"),
    "claimed_by": text_column("claimed by", help=COLUMN_DOCS["claimed_by"]),
    "source": text_column("source", help=COLUMN_DOCS["source"]),
    "source_url": text_column("source URL", help=COLUMN_DOCS["source_url"]),
    "notes": text_column("notes"),
    "confidence": number_column("confidence", disabled=True, format="%.2f"),
    "event_id_cnty": text_column("id", disabled=True),
    "origin": text_column("origin", disabled=True),
}
signed_in = signed_in_user()
if signed_in:
    st.caption(f"Saving as {md(signed_in)} (signed in): recorded with each event you save or merge.")
analyst = signed_in or st.text_input("Your name", key="analyst", max_chars=review.MAX_NAME_CHARS,
                                     help="Recorded with each event you save or merge (column recorded_by).")
edited = st.data_editor(table, key=f"review-{state['review_generation']}", num_rows="fixed", hide_index=True,
                        column_order=list(config), column_config=config, width="stretch")
edited = edited.assign(recorded_by=" ".join(analyst.split()))

merges, _ = review.plan_merges(edited, existing)
changing = [m for m in merges if m.after]
if changing:
    st.subheader(f"Merging changes {len(changing)} saved event(s)")
    st.caption("Only these cells change; the saved events keep their id, date, place, type and figures.")
    for merge in changing:
        st.text(f"{merge.target} (from table row(s) {', '.join(map(str, merge.rows))})")
        st.dataframe(review.merge_table(merge), width="stretch")
unchanged = [m.target for m in merges if not m.after]
if unchanged:
    st.info(f"Already recorded, nothing to merge into: {md(', '.join(unchanged))}")

save_label = f"Save kept events and merge into {len(changing)} saved event(s)" if changing else "Save kept events"
if st.button(save_label, type="primary", key="save"):
    try:
        review.check_recorder(analyst)
    except review.InputRejected as exc:
        show_rejection(exc)
        st.stop()
    plan = review.plan_save(edited, existing, get_geocoder().lookup)
    if plan.problems:
        report = review.report_save(plan)
    else:
        waiting = st.empty()

        def show_wait(waited: float, ahead: int) -> None:
            waiting.info(f"Waiting for {ahead} other save(s) to finish first: {waited:.0f} s so far (this save "
                         f"gives up after {save_wait_s():.0f} s and keeps your rows for another try).")

        try:
            report = review.report_save(plan, open_store(target.path).apply(plan.changes, on_wait=show_wait))
        except EventsFileError as exc:
            report = review.report_save(plan, failure=str(exc))
            plan.table_after = edited
    state["review_report"] = report
    state["review_table"] = plan.table_after if plan.problems or not plan.table_after.empty else None
    state["review_generation"] += 1
    st.rerun()
