"""Add events: the extractor proposes events from a news text, a person fixes or drops them, the kept ones are
saved to the events store in one transaction. Reads widgets, calls conflictmap.review and the store, draws."""
from __future__ import annotations

import datetime as dt
import html

import folium
import streamlit as st
import streamlit.components.v1 as components

from conflictmap import review
from conflictmap.csvio import save_wait_s
from conflictmap.extraction import candidates_to_frame, extract_events
from conflictmap.extraction.language import NAMES as LANGUAGE_NAMES
from conflictmap.extraction.language import SUPPORTED
from conflictmap.geocoding import get_geocoder
from conflictmap.mapview import base_map
from conflictmap.schema import COLUMN_DOCS, EVENT_TYPES, empty_events
from conflictmap.store import EventsFileError, access, open_store, serve_on
from conflictmap.wording import agreeing, counted, plural_of
from ui import datasets, sidebar
from ui.entry import through_navigation
from ui.safe import md

through_navigation()

st.set_page_config(page_title="Add events - conflictmap", page_icon=":world_map:", layout="wide")
st.title("Add events from a news text")

serve_on(st.get_option("server.address"))  # this page may be a fresh session's first script, before dashboard.py
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
    left, middle, right, lang_column = st.columns([3, 4, 6, 3])
    published = left.date_input("Publication date (required)", value=None, max_value=dt.date.today(),
                                format="YYYY-MM-DD", key="published",
                                help="Relative dates in the text (yesterday, on Monday) count from this day.")
    source_name = middle.text_input("Source name", key="source_name", placeholder="outlet or agency")
    source_url = right.text_input("Source URL", key="source_url", placeholder="https://...")
    lang = lang_column.selectbox("Language", ["auto", *SUPPORTED], key="lang",
                                 format_func=lambda c: "detect it" if c == "auto" else f"{LANGUAGE_NAMES[c]} ({c})",
                                 help="Detected from the text (English, French, Ukrainian or Russian) unless chosen.")
    propose = st.form_submit_button("Propose events")

if propose:
    state["review_report"] = None  # the last save's report belongs to the last text, not to this one
    rejections: list[review.InputRejected] = []

    def checked(check, *args):
        """`check(*args)`, or None with its rejection kept: every field's fault is said at once, not one a try."""
        try:
            return check(*args)
        except review.InputRejected as exc:
            rejections.append(exc)
            return None

    url = checked(review.check_source_url, source_url)
    published = checked(review.check_published, published)
    if upload is not None and text.strip():
        rejections.append(review.InputRejected("Give either a pasted text or an uploaded file, not both."))
    elif upload is not None:
        body, encoding = checked(review.decode_upload, upload.getvalue()) or (None, None)
    else:
        body, encoding = checked(review.check_text, text), "utf-8"
    for exc in rejections:
        show_rejection(exc)
    if not rejections:
        try:
            with st.spinner("Reading the text..."):
                candidates = candidates_to_frame(extract_events(
                    body, published, lang=None if lang == "auto" else lang, source_name=source_name.strip(),
                    source_url=url))
        except ValueError as exc:
            show_rejection(review.InputRejected("The extractor could not read this text:", str(exc)))
            st.stop()
        origin = review.origin_label(source_name, url, published, upload.name if upload is not None else "")
        state["review_table"] = review.review_table(candidates, origin, existing,
                                                    admin1_form=get_geocoder().dataset_admin1)
        state["review_generation"] += 1
        state["review_read_as"] = encoding

report = state.get("review_report")
if report:
    getattr(st, report.kind)(md(report.headline) if report.kind == "error" else report.headline)
    if report.details:
        st.text("\n".join(report.details))
    if report.saved and st.button("Open the map", icon=":material/map:", key="open_map"):
        # the map of the file saved to, unfiltered: the reader's filter of another dataset would hide the new events
        sidebar.show_everything_of(target.key, f"Showing every event of {target.label}, where the events were saved.")
        st.switch_page("pages/0_Map.py")

table = state.get("review_table")
if table is None:
    st.stop()
if state.get("review_read_as", "utf-8") != "utf-8":
    st.info(f"The uploaded file was not UTF-8; it was read as {md(state['review_read_as'])}. Check the evidence "
            "below reads correctly.")
if table.empty:
    st.info("No events were found in this text. Statements, commentary and predictions are not events.")
    st.stop()

st.subheader(f"{len(table):,} proposed {plural_of(len(table), 'event')}")
st.caption("Fix any cell, untick keep to leave a row out, then save. Coordinates are never typed: edit the "
           "place and it is looked up in the gazetteer when you save. Each candidate is shown in full below the "
           "table, with a map of where it will land. A cell shown as None is unknown, never zero: type 0 only when "
           "the text says no one.")
flagged = int((table[review.DUPLICATE_OF] != "").sum())
if flagged:
    st.warning(f"{counted(flagged, 'row')} {agreeing(flagged, 'looks')} like "
               f"{'an event' if flagged == 1 else 'events'} already in the file (same type, dates a day or less "
               f"apart, places within {review.DUPLICATE_KM:g} km; each row's card below names them). Choose for "
               "each in the column 'decision': skip it, save it as a new event, or merge it into the saved event "
               "(which keeps its date, place, type and figures and gains this report's source, link and a note).")

signed_in = signed_in_user()
if signed_in:
    st.caption(f"Saving as {md(signed_in)} (signed in): recorded with each event you save or merge.")
if "analyst" not in state:  # the field is not drawn between two texts, which would forget the name
    state["analyst"] = state.get("analyst_kept", "")
analyst = signed_in or st.text_input("Your name", key="analyst", max_chars=review.MAX_NAME_CHARS,
                                     help="Recorded with each event you save or merge (column recorded_by).")
state["analyst_kept"] = analyst

text_column = st.column_config.TextColumn
number_column = st.column_config.NumberColumn
subtypes = list(dict.fromkeys(s for subs in EVENT_TYPES.values() for s in subs))
# What a reviewer checks for every row, narrow enough to fit a 1,400 px window beside the navigation; the rest
# is in "More fields", and every row is shown whole (with its evidence) below. "keep", "killed" and "injured" are
# wide enough for their header beside the grid's edit mark (they were cut at 1,400 px: newcomer trial 6).
main_config = {
    review.KEEP: st.column_config.CheckboxColumn("keep", width=62, help="Untick to leave this row out."),
    "event_date": st.column_config.DateColumn("date", format="YYYY-MM-DD", required=True, width=92),
    "event_type": st.column_config.SelectboxColumn("event type", options=list(EVENT_TYPES), required=True,
                                                   width=118),
    "sub_event_type": st.column_config.SelectboxColumn("sub-event type", options=subtypes, width=124,
                                                       help=COLUMN_DOCS["sub_event_type"]),
    "location": text_column("place", width=100, help="Edit to move the event: the new place is looked up on save."),
    "fatalities": number_column("killed", min_value=0, step=1, format="%d", width=72, help=COLUMN_DOCS["fatalities"]),
    "injuries": number_column("injured", min_value=0, step=1, format="%d", width=78, help=COLUMN_DOCS["injuries"]),
    "actor1": text_column("actor 1", width=96),
    "actor2": text_column("actor 2", width=90),
    "source": text_column("source", width=100, help=COLUMN_DOCS["source"]),
}
if flagged:  # the decision joins the table; which saved events a row may repeat is told in its card below
    main_config = {
        review.KEEP: main_config.pop(review.KEEP),
        review.DECISION: st.column_config.SelectboxColumn(
            "decision", options=review.decision_options(table), width=112,
            help="For a row that may repeat a saved event (named in its card below): skip it, save it as a new "
                 "event, or merge it into the saved event."),
        **main_config,
    }
    for column, width in (("event_type", 90), ("sub_event_type", 94), ("location", 88), ("actor1", 78),
                          ("actor2", 76), ("source", 90)):
        main_config[column]["width"] = width
more_config = {
    "event_id_cnty": text_column("id", disabled=True),
    "event_date_end": st.column_config.DateColumn("until", format="YYYY-MM-DD", help=COLUMN_DOCS["event_date_end"]),
    "time_precision": number_column("date precision", min_value=1, max_value=3, step=1, format="%d",
                                    help=COLUMN_DOCS["time_precision"]),
    "claimed_by": text_column("claimed by", help=COLUMN_DOCS["claimed_by"]),
    "source_url": text_column("source URL", help=COLUMN_DOCS["source_url"]),
    "notes": text_column("notes", width="large"),
    "admin2": text_column("district", disabled=True),
    "admin1": text_column("region", disabled=True),
    "country": text_column("country", disabled=True),
    "latitude": number_column("latitude", disabled=True, format="%.4f"),
    "longitude": number_column("longitude", disabled=True, format="%.4f"),
    "geo_precision": number_column("place precision", disabled=True, help=COLUMN_DOCS["geo_precision"]),
    "confidence": number_column("confidence", disabled=True, format="%.2f"),
    "origin": text_column("origin", disabled=True),
}
generation = state["review_generation"]
edited = st.data_editor(table, key=f"review-{generation}", num_rows="fixed", hide_index=True,
                        column_order=list(main_config), column_config=main_config, width="stretch")
with st.expander("More fields: id, last day, date precision, claim, links, notes, admin areas, coordinates"):
    more = st.data_editor(table, key=f"review-more-{generation}", num_rows="fixed", hide_index=True,
                          column_order=list(more_config), column_config=more_config, width="stretch")
editable_more = [c for c, column in more_config.items() if not column.get("disabled")]
edited = edited.assign(**{c: more[c] for c in editable_more}, recorded_by=" ".join(analyst.split()))

cards = review.describe_candidates(edited)
cards_column, map_column = st.columns([3, 2])
with cards_column.container(height="content" if len(cards) <= 3 else 640, border=False):
    for card in cards:
        with st.container(border=True):
            left_note = "" if card.kept else " (left out: keep is unticked)"
            st.markdown(f"**{card.number}.** {md(card.when)} · **{md(card.what)}**{md(left_note)}")
            st.markdown(f"{md(card.place)}  \n{md(card.figures)} · {md(card.actors)}  \n"
                        f"Source: {md(card.source)}" + (f" · {md(card.claim)}" if card.claim else ""))
            if card.repeats:
                st.warning(md(card.repeats))
            if card.evidence:
                st.caption(md(card.evidence))
with map_column:
    placed = [c for c in cards if c.lat is not None and c.saved_as_new]
    st.caption(f"Where the new events will land: {len(placed)} of {len(cards)} placed"
               + (" (numbers are table rows)" if placed else ""))
    if placed:
        landing = base_map([[min(c.lat for c in placed), min(c.lon for c in placed)],
                            [max(c.lat for c in placed), max(c.lon for c in placed)]])
        for card in placed:
            folium.Marker([card.lat, card.lon], tooltip=html.escape(f"{card.number}. {card.place}"),
                          icon=folium.DivIcon(html=f'<div class="cm-review-pin">{card.number}</div>',
                                              icon_size=(22, 22), icon_anchor=(11, 11))).add_to(landing)
        landing.get_root().header.add_child(folium.Element(
            "<style>.cm-review-pin{width:22px;height:22px;border-radius:11px;background:#1f4e79;color:#fff;"
            "font:bold 12px/22px sans-serif;text-align:center;box-shadow:0 0 0 2px #fff}</style>"))
        components.html(landing.get_root().render(), height=340)  # a picture: it sends nothing back, no rerun

merges, _ = review.plan_merges(edited, existing)
changing = [m for m in merges if m.after]
if changing:
    st.subheader(f"Merging changes {counted(len(changing), 'saved event')}")
    st.caption("Only these cells change; the saved events keep their id, date, place, type and figures.")
    for merge in changing:
        rows = ", ".join(map(str, merge.rows))
        st.text(f"{merge.target} (from table {plural_of(len(merge.rows), 'row')} {rows})")
        st.dataframe(review.merge_table(merge), width="stretch")
unchanged = [m.target for m in merges if not m.after]
if unchanged:
    st.info(f"Already recorded, nothing to merge into: {md(', '.join(unchanged))}")

save_label = (f"Save kept events and merge into {counted(len(changing), 'saved event')}" if changing
              else "Save kept events")
if st.button(save_label, type="primary", key="save"):
    try:
        review.check_recorder(analyst)
    except review.InputRejected as exc:
        show_rejection(exc)
        st.stop()
    plan = review.plan_save(edited, existing, get_geocoder().lookup, admin1_form=get_geocoder().dataset_admin1)
    if plan.problems:
        report = review.report_save(plan)
    else:
        waiting = st.empty()

        def show_wait(waited: float, ahead: int) -> None:
            waiting.info(f"Waiting for {counted(ahead, 'other save')} to finish first: {waited:.0f} s so far "
                         f"(this save gives up after {save_wait_s():.0f} s and keeps your rows for another try).")

        try:
            report = review.report_save(plan, open_store(target.path).apply(plan.changes, on_wait=show_wait))
        except EventsFileError as exc:
            report = review.report_save(plan, failure=str(exc))
            plan.table_after = edited
    state["review_report"] = report
    state["review_table"] = plan.table_after if plan.problems or not plan.table_after.empty else None
    state["review_generation"] += 1
    st.rerun()
