"""The sidebar: the one place that decides which dataset and filter a page shows.

The filter lives in the session as one FilterState, not in the widgets: a link is read once, when the session
starts; each widget change is copied into the state by its callback; before the widgets are drawn the state is
reconciled with the chosen dataset (conflictmap.filters.reconcile), and whatever that changed is said on the page.
The widgets are then drawn from the state and the URL is written from it, so the address bar always reopens
exactly what is on screen, on every page and after every dataset switch.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from conflictmap.filters import (
    KM_RANGE, QUERY_KEYS, EventFilter, FilterState, describe, event_filter, filter_mask, reconcile,
    restore_held_types, search_readings, state_from_query, state_to_query, types_held_back,
)
from conflictmap.csvio import StoreIOError
from conflictmap.dataset_files import MAX_OPEN_MB, RefusedFile, datasets_dir, open_file
from conflictmap.geocoding import GeodataError
from conflictmap.geocoding.phrases import parse_phrase
from conflictmap.geocoding.resolver import NOT_THERE
from conflictmap.store import EventsFileError, access
from conflictmap.wording import counted

from . import datasets
from .safe import md

# For page-specific widgets whose options never change (the Timeline's period, the map's toggles): Streamlit
# keeps them in the URL itself. The shared filter below is written by this module instead.
BOUND = {"bind": "query-params", "persist_state": "session"}

STATE = "cm_view"
DATES_LABEL = "Dates"
DATASET_PARAM = "dataset"
DATASET_LABEL = "Dataset"


@dataclass
class ViewState:
    """What the session is looking at: a dataset key and the filter, with notes still to be shown.

    A dataset switch fits the filter to the new dataset, dropping dates outside it and types it lacks: those are
    held (`held_dates`, `held_types`) and given back on the next switch, so a round trip never narrows or widens
    the reader's choice silently; a held part is forgotten once the reader changes it. `restored` is set by a
    switch until the next run has fitted the filter: the held dates and types the switch gave back, said on the
    page once they hold. `shown` is the dataset whose figures the session's last run drew (None before the first).

    A type selection says what the reader left out as much as what they kept: `offered` holds the event types of
    the dataset last drawn, and a switch adds the types it offered but the selection left out to `left_out`. In the
    next dataset every type is selected except those left out (a type the reader never saw offered is shown, not
    hidden for want of a tick), and the page names the new dataset's types that stay hidden. `left_out` is
    forgotten once the reader changes the types; a link's `types` is followed exactly.
    """

    dataset: str
    filters: FilterState
    notes: list[str] = field(default_factory=list)
    held_types: tuple[str, ...] = ()
    held_dates: tuple[dt.date, dt.date] | None = None
    restored: tuple[tuple[dt.date, dt.date] | None, tuple[str, ...]] | None = None
    shown: str | None = None
    offered: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()


@dataclass
class View:
    """What a page shows: the chosen dataset, the user's filter and the rows it selects."""

    choice: datasets.DatasetChoice
    loaded: datasets.LoadedDataset
    spec: EventFilter
    mask: np.ndarray
    state: FilterState
    notes: list[str]

    @property
    def events(self):
        """Every column (a page that reads a few: `loaded.first_view`, with the same rows and `mask`)."""
        return self.loaded.events


def _dataset_from_url(value: str | None, options: list[datasets.DatasetChoice]) -> tuple[str, list[str]]:
    """A link names a dataset by its label (as the map's event links do) or its key."""
    if not value:
        return options[0].key, []
    for choice in options:
        if value in (choice.key, choice.label):
            return choice.key, []
    return options[0].key, [f"No dataset {value[:80]!r} here: showing {options[0].label}."]


def _session(options: list[datasets.DatasetChoice]) -> ViewState:
    """The session's view state, read from the URL on the session's first run."""
    if STATE not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        dataset, notes = _dataset_from_url((params.get(DATASET_PARAM) or [None])[-1], options)
        filters, more = state_from_query(params)
        st.session_state[STATE] = ViewState(dataset, filters, notes + more)
    state = st.session_state[STATE]
    if state.dataset not in {c.key for c in options}:
        state.dataset = options[0].key
    return state


def set_filters(**changes) -> None:
    """Change the session's filter, e.g. `set_filters(dates=None)`; for widget callbacks of the pages, which
    run before the sidebar draws, so the sidebar reconciles and shows the change. The reader's own change of a
    part forgets what a dataset switch held of it."""
    state = st.session_state[STATE]
    state.filters = dataclasses.replace(state.filters, **changes)
    if "dates" in changes:
        state.held_dates = None
    if "types" in changes:
        state.held_types, state.left_out = (), ()


def _copy(widget_key: str, field_name: str, convert=lambda v: v):
    """A widget callback that copies the widget's new value into the session's filter."""

    def callback() -> None:
        set_filters(**{field_name: convert(st.session_state[widget_key])})

    return callback


def _choose_dataset(choice: str) -> None:
    """The Dataset box's callback: switch to the dataset chosen."""
    _switch(st.session_state[STATE], st.session_state[choice])


def _switch(state: ViewState, dataset: str) -> None:
    """Switch datasets, giving back the parts of the filter that the previous switch held."""
    if state.filters.types is not None:
        state.left_out = tuple(dict.fromkeys(
            state.left_out + tuple(t for t in state.offered if t not in state.filters.types)))
    state.dataset = dataset
    filters = restore_held_types(state.filters, state.held_types)
    if state.held_dates is not None:
        filters = dataclasses.replace(filters, dates=state.held_dates)
    state.restored = (state.held_dates, state.held_types)
    state.filters, state.held_types, state.held_dates = filters, (), None


def show_everything_of(dataset: str, why: str) -> None:
    """Show every event of `dataset` on the next page: the dataset chosen, every date and type, no search, place or
    sub-type (the radius kept), with `why` said above the figures. For a page that sends the reader to the map to
    see events a filter of another dataset would hide, as the Add events page after a save."""
    state = st.session_state.setdefault(STATE, ViewState(dataset, FilterState()))
    state.dataset = dataset  # not _switch: nothing it holds or gives back survives the reset below
    state.filters = FilterState(within_km=state.filters.within_km)
    state.held_types, state.held_dates, state.left_out, state.restored = (), None, (), None
    state.notes.append(why)


OPEN_TURN = "cm_open_turn"  # how many files the session opened: the uploader's key, so it is empty after each
REFUSED = "cm_open_refused"  # {uploaded file's id: RefusedFile}: a refused upload is checked once, said on every run
OPENED_BOX = "dataset_opened"  # the Dataset box drawn again, naming the file, in the run that opened it


def _uploader(slot, turn: int):
    """The sidebar's "Open a CSV" uploader of the session's `turn`, drawn in `slot`; the uploaded file or None."""
    return slot.file_uploader(
        "Open a CSV", type=["csv"], key=f"open_csv_{turn}", max_upload_size=MAX_OPEN_MB,
        help=f"An events file in this project's columns, up to {MAX_OPEN_MB} MB. It is checked as `python -m "
             f"conflictmap validate` checks it, then kept in {datasets_dir()} and listed under Dataset on every page.")


def _open_csv(state: ViewState, hide_previous_run) -> bool:
    """The sidebar's "Open a CSV": an events file checked as `validate` checks it, kept in the datasets folder and
    shown (every page lists it from then on), or refused with its errors by line and nothing saved
    (conflictmap.dataset_files). While a file is checked, the page shows the loading progress bar in place of the
    figures of the dataset shown before (hidden by calling `hide_previous_run`). Returns True when a file was
    opened: the session then shows it, in this same run (see filtered_view), and the uploader is empty again.

    The switch is made in the run that checked the file, not by a rerun: at a rerun's start Streamlit marks every
    element of the checking run stale, the guard's style among them, and for the 50-100 ms until the new run drew
    its guard the previous dataset's figures stood beside the check's last bar (CI run G, trial 10)."""
    turn = st.session_state.get(OPEN_TURN, 0)
    slot = st.sidebar.empty()
    upload = _uploader(slot, turn)
    bar = st.empty()  # on every run, so that the elements after it keep their places
    if upload is None:
        return False
    refused = st.session_state.setdefault(REFUSED, {})
    if upload.file_id not in refused:
        hide_previous_run()
        datasets.show_step(bar, datasets.STEPS[0], 0, 0)  # at once: the upload is copied before the first step
        try:
            opened = open_file(upload.name, upload.getvalue(), progress=lambda *step: datasets.show_step(bar, *step))
        except RefusedFile as exc:
            refused[upload.file_id] = exc
        except StoreIOError as exc:  # read-only, permissions, a full disk: nothing was written
            refused[upload.file_id] = RefusedFile(f"{upload.name} was not opened: {exc}")
        else:
            st.session_state[OPEN_TURN] = turn + 1
            _uploader(slot, turn + 1)
            _switch(state, datasets.opened_key(opened.path))
            state.notes.append(f"Opened {upload.name}: {counted(opened.events, 'event')}, kept as {opened.path}.")
            return True
        finally:
            bar.empty()
    exc = refused[upload.file_id]
    st.error(md(exc), icon=":material/block:")
    if exc.problems:
        with st.expander(f"Errors by line ({len(exc.problems):,})", expanded=True):
            st.text("\n".join(str(p) for p in exc.problems[:500]))
    return False


def _guard(placeholder, labels: list[str], shown: str, hide_previous_run: bool) -> None:
    """Keep one dataset's figures from standing beside another's name, with a style in `placeholder` (an
    st.empty() drawn before the Dataset box on every run, so that each run replaces the previous run's).

    Streamlit keeps the previous run's elements on the page, greyed, until the running script draws over them or
    ends, and the Dataset box shows a choice at once, before the rerun it asks for has begun. So, as long as the box
    shows a dataset of `labels` (the box's texts) other than `shown` (the one this run draws), everything below it
    is hidden, headings aside; with `hide_previous_run` (a switch, a dataset that loads, a file opened from the
    sidebar that is checked), whatever the previous run drew is hidden until this run draws over it or ends, so
    the progress bar stands alone in place of the other dataset's figures. So is it whenever this run shows a
    progress bar (only datasets.show_step draws one on these pages), whichever guard the page holds: the browser
    may draw a bar a moment before the st.html that replaced the guard (recorded in Chromium: the check's first
    bar beside the previous figures for 45 ms, under the guard that did not yet hide). The style takes no room."""
    mark = "cm-dataset-guard" + (" cm-hide-previous-run" if hide_previous_run else "")
    box = f'input[aria-label="{DATASET_LABEL}"]'
    hidden = ['[data-testid="stApp"]:has([data-stale="false"] .cm-hide-previous-run) [data-stale="true"]',
              '[data-testid="stApp"]:has([data-stale="false"] [data-testid="stProgress"]) [data-stale="true"]']
    others = ",".join(f"[value={_css_string(label)}]" for label in labels if label != shown)
    if others:
        hidden.append(f'[data-testid="stApp"]:has({box}:is({others})) '
                      f'[data-testid="stElementContainer"]:not(:has({box}, [data-testid="stHeading"]))')
    placeholder.html(
        f'<span class="{mark}"></span><style>'
        '[data-testid="stElementContainer"]:has(.cm-dataset-guard) {display: none;}'
        f'{", ".join(hidden)} {{opacity: 0 !important; transition: none !important; pointer-events: none;}}'
        '</style>')


def _label(options: list[datasets.DatasetChoice], key: str) -> str:
    return next(c.label for c in options if c.key == key)


def _dataset_box(box, path, options: list[datasets.DatasetChoice], dataset: str, widget_key: str) -> None:
    """The Dataset box in `box`, showing `dataset`, and the file's whole path in `path` below it (a box 1,024 px wide
    cuts the name). `widget_key` is "dataset", or OPENED_BOX where the run that opened a file draws the box again
    (one run may not draw two widgets of one key)."""
    by_key = {c.key: c for c in options}
    _seed(widget_key, dataset)
    box.selectbox(DATASET_LABEL, list(by_key), format_func=lambda k: by_key[k].label, key=widget_key,
                  on_change=_choose_dataset, args=(widget_key,))
    path.caption(md(f"File: {by_key[dataset].path}"))


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that no file name can end early or use to close the <style> element."""
    return '"' + "".join(c if c.isalnum() or c in " ._-()" else f"\\{ord(c):x} " for c in text) + '"'


def _hold_and_fit(state: ViewState, offer) -> list[str]:
    """Fit the session's filter to the dataset shown (conflictmap.filters.reconcile); after a switch, hold what
    the fit dropped. Returns the notes to show: what changed, and what a switch gave back."""
    before = state.filters
    if state.restored is None:  # no switch since the last run: nothing to hold, nothing given back
        state.filters, notes = reconcile(before, offer)
        return notes
    state.held_types = types_held_back(before, offer)
    state.filters, notes = reconcile(_leave_out(before, offer, state.left_out), offer)
    hidden = [t for t in offer.event_types if state.filters.types is not None and t not in state.filters.types]
    if hidden and state.left_out:
        them = "it" if len(hidden) == 1 else "them"
        notes.append(f"Hidden, as before the switch: {', '.join(hidden)}. Add {them} under Event types to show {them}.")
    if before.dates is not None and state.filters.dates != before.dates:
        state.held_dates = before.dates
    dates, types = state.restored
    if dates is not None and state.filters.dates == dates:
        notes.append(f"The dates {dates[0].isoformat()} to {dates[1].isoformat()} chosen before the switch apply "
                     "again.")
    back = [t for t in types if state.filters.types is not None and t in state.filters.types]
    if back:
        notes.append(f"Event types chosen before the switch are selected again: {', '.join(back)}.")
    state.restored = None
    return notes


def _leave_out(filters: FilterState, offer, left_out: tuple[str, ...]) -> FilterState:
    """`filters` for a switch to the dataset `offer` describes: every type it holds except those `left_out`, and
    the selected types it lacks (which reconcile drops and says). Unchanged when no type is left out, or when
    none of the selected types is in the dataset (reconcile then shows every type and says so)."""
    if not left_out or (filters.types is not None and not set(filters.types) & set(offer.event_types)):
        return filters
    shown = tuple(t for t in offer.event_types if t not in left_out)
    if not shown:
        return filters
    missing = tuple(t for t in filters.types or () if t not in offer.event_types)
    return dataclasses.replace(filters, types=shown + missing)


def _seed(widget_key: str, value) -> None:
    """Make the widget show `value`; set before the widget is drawn, on every run, because a widget drawn by
    another page (or for another dataset) starts from its default otherwise."""
    st.session_state[widget_key] = value


def filtered_view(on_loaded: Callable[[datasets.DatasetChoice, datasets.LoadedDataset], None] | None = None) -> View:
    """The sidebar every events page starts with: dataset, filter widgets, notes on what was changed, the URL.

    `on_loaded(choice, loaded)` is called as soon as the dataset is loaded, before the filter widgets: what a page
    draws from the dataset alone (the map element) then reaches the browser before the rest of the page.
    Stops the page (after an error message) when the events file cannot be read.
    """
    options = datasets.choices()
    state = _session(options)
    previous = st.sidebar.empty()  # before the Dataset box, on every run: see _guard
    _guard(previous, [c.label for c in options], _label(options, state.dataset),
           hide_previous_run=state.shown != state.dataset)

    def hide_previous_run() -> None:
        _guard(previous, [c.label for c in options], _label(options, state.dataset), hide_previous_run=True)

    box, path = st.sidebar.empty(), st.sidebar.empty()
    _dataset_box(box, path, options, state.dataset, "dataset")
    if access().writable and _open_csv(state, hide_previous_run):
        # the file opened is shown in this run: the box names it at once, then the guard knows it
        options = datasets.choices()
        _dataset_box(box, path, options, state.dataset, OPENED_BOX)
        hide_previous_run()
    choice = next(c for c in options if c.key == state.dataset)
    try:
        loaded = datasets.load(choice, on_wait=hide_previous_run)
    except EventsFileError as exc:
        st.error(f"The events file cannot be read: {md(exc)}")
        _write_url(choice, options, None)
        st.stop()
    # On the dataset's first run, while `on_loaded` works (the map's files published, its first view built) the page
    # shows a step, not the blank of the previous run's hidden figures; cleared before this dataset's widgets.
    drawing = st.empty()  # on every run, so that the elements after it keep their places
    if on_loaded is not None:
        if state.shown != state.dataset:
            datasets.show_step(drawing, datasets.DRAWING, 0, 0)
        on_loaded(choice, loaded)
        drawing.empty()
    changed = _hold_and_fit(state, loaded.facets)
    state.offered = loaded.facets.event_types
    notes, state.notes = state.notes + changed, []
    _write_url(choice, options, state.filters)
    for note in notes:
        st.info(md(note), icon=":material/filter_alt:")
    near, near_name = _filter_widgets(loaded, state.filters)
    state.shown = state.dataset
    spec = event_filter(state.filters, near, near_name)
    return View(choice, loaded, spec, filter_mask(loaded.events_for(spec), spec), state.filters, notes)


def _filter_widgets(loaded: datasets.LoadedDataset, filters: FilterState) -> tuple[tuple[float, float] | None, str]:
    """Draw the filter widgets from `filters`; returns the geocoded 'near' place ((lat, lon) or None) and its name."""
    side = st.sidebar
    offer = loaded.facets
    bounds = offer.date_range
    slider = date_slider(loaded)
    if slider:
        _seed("dates", filters.dates or bounds)
        side.slider(DATES_LABEL, min_value=bounds[0], max_value=bounds[1], format="YYYY-MM-DD",
                    key="dates", step=dt.timedelta(days=1), on_change=_copy("dates", "dates", tuple))
    elif bounds:
        side.caption(f"All events are dated {bounds[0].isoformat()}.")
    present = list(offer.event_types)
    _seed("types", present if filters.types is None else list(filters.types))
    side.multiselect("Event types", present, key="types", on_change=_copy("types", "types", tuple))
    _seed("sub", list(filters.sub_event_types))
    side.multiselect("Sub-event types (none = all)", offer.sub_types_of(filters.types), key="sub",
                     on_change=_copy("sub", "sub_event_types", tuple))
    _seed("q", filters.text)
    side.text_input("Search notes, places, actors, sources", key="q", on_change=_copy("q", "text"))
    for reading in search_readings(filters.text):
        side.caption(md(search_reading_note(reading)))
    _seed("precise", filters.precise_only)
    side.checkbox("Precise locations only", key="precise", on_change=_copy("precise", "precise_only"),
                  help="Leave out events placed only near a town or only to a region.")
    return near_place(filters)


def search_reading_note(reading) -> str:
    """The sidebar's sentence on how the search read a word as a place (filters.PlaceReading)."""
    if reading.ambiguous:
        return f"{reading.word}: several places bear this name, so it is matched as written only."
    where = f" ({reading.region})" if reading.region else ""
    return f"{reading.word}: read as {reading.place}{where}, found by any of its names."


def date_slider(loaded: datasets.LoadedDataset) -> tuple[str, tuple[dt.date, dt.date]] | None:
    """The label and (first, last) bounds of the sidebar's date range slider for `loaded`; None when there is
    none (no dates, or all on one day)."""
    bounds = loaded.facets.date_range
    return (DATES_LABEL, bounds) if bounds and bounds[0] < bounds[1] else None


def _write_url(choice: datasets.DatasetChoice, options: list[datasets.DatasetChoice],
               filters: FilterState | None) -> None:
    """Make the address bar say exactly what is shown; parameters of other widgets are left alone."""
    wanted = state_to_query(filters) if filters is not None else {}
    if choice.key != options[0].key:
        wanted[DATASET_PARAM] = [choice.label]
    managed = [DATASET_PARAM, *QUERY_KEYS.values()]
    current = {key: st.query_params.get_all(key) for key in managed if key in st.query_params}
    if current == wanted:
        return
    for key in current:
        if key not in wanted:
            del st.query_params[key]
    changed = {key: value for key, value in wanted.items() if current.get(key) != value}
    if changed:
        st.query_params.update(changed)


def say_nothing_matches(spec: EventFilter) -> None:
    """The page's note when the filters keep no event: which filters are on, so the reader knows what to widen."""
    st.info(f"No events match. {md(describe(spec))}. Widen or clear one of these.")


def near_place(filters: FilterState) -> tuple[tuple[float, float] | None, str]:
    """'Within N km of <place>': the place goes through the project's geocoder, never a guess. Returns its (lat,
    lon) and name, or (None, "") when no place is asked for or it cannot be placed (said in the sidebar)."""
    side = st.sidebar
    _seed("near", filters.near)
    place = side.text_input("Near a place", key="near", placeholder="e.g. Kharkiv, Koursk, Запоріжжя",
                            on_change=_copy("near", "near"))
    _seed("km", filters.within_km)
    km = side.number_input("Within km", min_value=KM_RANGE[0], max_value=KM_RANGE[1], step=5, key="km",
                           on_change=_copy("km", "within_km", int))
    if not place.strip():
        return None, ""
    try:
        result = geocode_place(place.strip())
    except GeodataError:
        side.warning("The gazetteer data cannot be read, so 'near' is off. Run scripts/setup.sh, or check "
                     "CONFLICTMAP\\_GEODATA.")
        return None, ""
    if not result.found:
        # places of that name outside the region the text or hint gives are not offered: that region was asked for
        options = {} if result.reason == NOT_THERE else candidate_choices(result.candidates)
        st.warning(f"'Near a place' is off: '{md(place)}' could not be placed, so every event of the other filters "
                   "is shown." + (" Choose the place below." if options else " The sidebar says why."))
        side.warning(unplaced_note(place, result, len(options)))
        if options:
            # At the top of the page, under that warning, not at the foot of the long sidebar: there it stood at the
            # window's lower edge, the click that opened its list also scrolled the sidebar, and a scroll closes the
            # list, so it took a second click every time.
            st.selectbox("Which place?", list(options), index=None, key="near_choice",
                         format_func=options.get, placeholder="choose a place",
                         on_change=_choose_near, args=("near_choice",))
        return None, ""
    region = dataset_region(result.admin1) or ""
    side.caption(md(f"Within {km} km of {result.name}, {region} {result.country or ''} "
                    f"(precision {result.geo_precision}, {result.source})"))
    return (result.lat, result.lon), result.name


def unplaced_note(place: str, result, offered: int) -> str:
    """The sidebar's note on a 'near' place the geocoder did not place (`result`: its not-found PlaceResult,
    `offered`: how many of its candidates the sidebar offers): the geocoder's own reason, as the command line gives
    it, and whether the list of places is whole or cut short, and how to narrow it."""
    note = f"'{md(place)}' could not be placed: {md(result.reason)}."
    named_region = len(parse_phrase(place).segments) > 1  # "Oleksandrivka, Kharkiv Oblast": the text gives a region
    if result.reason == NOT_THERE:
        if result.candidates_total:
            note += (f" The gazetteer has {counted(result.candidates_total, 'place')} of that name elsewhere: "
                     "remove the region to choose among them.")
        return note
    if not offered:
        return note
    if result.candidates_total > len(result.candidates):
        narrow = "" if named_region else " To narrow the list, add the region, e.g. 'Lyman, Donetsk Oblast'."
        return note + (f" 'Which place?' at the top of the page lists the {len(result.candidates)} largest of "
                       f"{result.candidates_total} places of that name.{narrow}")
    if offered == 1:  # the others of that name are places the gazetteer lacks: this one may not be the one meant
        return note + (" 'Which place?' at the top of the page offers the gazetteer's one place of that name: "
                       "choose it only if it is the one you mean.")
    return note + f" {offered} places match: choose one in 'Which place?' at the top of the page."


# "Oleksandrivka #713633": a place chosen among several of one name, by its GeoNames id (citable in the URL)
CHOSEN_PLACE = re.compile(r"^(?P<name>.*?)\s*#(?P<geonameid>\d+)$")


def candidate_choices(candidates: list[dict]) -> dict[str, str]:
    """The geocoder's candidates as the near box's values ("Oleksandrivka #713633") and their labels, each place
    once, with its region and coordinates so that two villages of one name can be told apart."""
    choices = {}
    for c in candidates:
        region = ", ".join(x for x in (c.get("admin1"), c.get("country")) if x)
        choices.setdefault(f"{c['name']} #{c['geonameid']}",
                           f"{c['name']} ({c['lat']:.3f}, {c['lon']:.3f}), {region}")
    return choices


def _choose_near(widget_key: str) -> None:
    chosen = st.session_state[widget_key]
    if chosen:
        set_filters(near=chosen)


def dataset_region(admin1: str) -> str:
    """A geocoder's admin1 ("Kiev") as the dataset's rows name it ("Kyiv Oblast"): review.table's one function."""
    from conflictmap.geocoding import get_geocoder
    from conflictmap.review.table import admin1_in_dataset_form

    return admin1_in_dataset_form(admin1, get_geocoder().dataset_admin1)


@st.cache_data(max_entries=256, show_spinner=False)
def geocode_place(query: str):
    from conflictmap.geocoding import get_geocoder

    chosen = CHOSEN_PLACE.match(query)
    if chosen:
        return get_geocoder().offline.by_geonameid(int(chosen["geonameid"]))
    return get_geocoder().lookup(query)
