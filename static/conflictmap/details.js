// What a reader sees of an event: its details (in a popup or a list) and the one-line entries of lists.
// Every text from the data is written with textContent; only http(s) addresses become links.
// `words` is the payload's table of precision words and place names (conflictmap/review/table.py,
// precision_words: {place: {geo_precision: words}, time: {time_precision: words}, placeNames: [column, ...]}),
// the one home of the words the Add page's cards say too.

import {button, el, onActivate, shapeIcon} from "./dom.js";

export const LIST_PAGE = 100;  // entries per page of a list

function known(value) {
  return value !== "" && value !== null && value !== undefined;
}

// When the event happened, as the Add page's cards and the Events table say it (conflictmap/review/table.py,
// when_text): a span "2022-02-24 to 2022-09-23"; a span whose exact day is unknown (time_precision 2 or 3: UCDP's
// earliest and latest possible days) "between 2022-09-11 and 2022-09-12 (exact day unknown)"; a date known only to
// the week, the day recorded and no span past it ("around 2024-11-04 (known to the week)": the day may be the one a
// report dates, and a week would run past the report); only to the month "month of 2024-11 (exact day unknown)";
// else the day. `words.time[tp]` is [words before the date, the note after it], `words.range` [words before the
// first day, between the days, the note]; `brief` (for list lines) leaves out the note.
export function dateText(d, words, brief = false) {
  const tp = parseInt(d.time_precision, 10), when = words.time[tp];
  let text = d.event_date;
  const spans = d.event_date_end && d.event_date_end > d.event_date;
  if (spans && when && words.range) {
    const range = words.range;
    text = range[0] + " " + d.event_date + " " + range[1] + " " + d.event_date_end;
    return brief ? text : text + " (" + range[2] + ")";
  }
  if (spans) {
    text += " to " + d.event_date_end;
  } else if (when && known(d.event_date)) {
    text = when[0] + " " + (tp === 3 ? d.event_date.slice(0, 7) : d.event_date);
  }
  return when && !spans && !brief && known(d.event_date) ? text + " (" + when[1] + ")" : text;
}

// A reported figure: "unknown" when blank (unknown is not zero), with UCDP's low-high range when it differs.
export function countText(value, low, high) {
  if (!known(value)) { return "unknown"; }
  let text = String(value);
  if (known(low) && known(high) && (String(low) !== String(value) || String(high) !== String(value))) {
    text += " (range " + low + "-" + high + ")";
  }
  return text;
}

// The address itself if it is a well-formed http(s) URL, else null (javascript:, data:, relative, malformed).
export function safeUrl(value) {
  if (!/^https?:\/\//i.test(value)) { return null; }
  try {
    const parsed = new URL(value);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

// The names of d's place in the order `words.placeNames` gives, blanks left out, each once.
function placeNames(d, words) {
  const names = words.placeNames.map((column) => d[column]).filter((x) => x);
  return names.filter((x, i) => names.indexOf(x) === i);
}

// "Kyiv, Desnianskyi, Kyiv City, Ukraine", or "unnamed place".
export function placeText(d, words) {
  return placeNames(d, words).join(", ") || "unnamed place";
}

// The one line per event of every list ("events at this place", "in view", "not on the map"): "2024-11-04
// Air/drone strike, Kyiv", "around 2024-11-04 Armed clash, Kursk Oblast", "2024-11-03 to 2024-11-04 Armed clash,
// Kursk Oblast": the popup's date in its brief form.
export function listLabel(d, words) {
  return dateText(d, words, true) + " " + (d.sub_event_type || d.event_type) + ", " +
    (placeNames(d, words)[0] || "unnamed place");
}

// The title of one page of a list: "12 events in view", "250 events at this place: 101-200 shown, 150 not shown".
export function pageText(total, start, shown, what) {
  let text = total + (total === 1 ? " event" : " events") + " " + what;
  if (shown < total) {
    text += ": " + (start + 1) + "-" + (start + shown) + " shown, " + (total - shown) + " not shown";
  }
  return text;
}

// Rows in date order (then file order), as every list shows them. `day` is the dataset's day column.
export function chronological(rows, day) {
  return rows.slice().sort((a, b) => (day[a] - day[b]) || (a - b));
}

// The address of one event, to cite: in the app, the map page opened on it (`?dataset=KEY&event=ID`); in a file
// that stands alone, the file itself opened on it (`#event=ID`). `where` is the page's location.
export function eventHref(id, link, where) {
  if (link && link.page === "file") {
    return where.href.split("#")[0] + "#event=" + encodeURIComponent(id);
  }
  return where.origin + where.pathname + "?dataset=" + encodeURIComponent((link && link.dataset) || "") +
    "&event=" + encodeURIComponent(id);
}

function pageLocation() {
  try { return window.parent.location; } catch (e) { return window.location; }
}

function eventLink(id, link) {
  const a = onActivate(el("a", "cm-event-link", id), () => {});
  const file = link && link.page === "file";
  a.href = eventHref(id, link, file ? window.location : pageLocation());
  if (!file) {
    a.target = "_blank";
    a.rel = "noopener";
  }
  a.title = "Link to this event";
  return a;
}

function addRow(table, label, value, className) {
  if (!known(value)) { return; }
  const row = el("tr", className);
  row.appendChild(el("th", null, label));
  const cell = el("td");
  if (typeof value === "object") { cell.appendChild(value); } else { cell.textContent = String(value); }
  row.appendChild(cell);
  table.appendChild(row);
}

// The details of event `d` (an object keyed by column name) with the icon of its type's `style`.
export function detailsElement(d, style, link, words) {
  const box = el("div", "cm-popup");
  box.dataset.eventId = d.event_id_cnty;
  const head = el("div", "cm-head");
  head.appendChild(shapeIcon(style, 14, false));
  head.appendChild(el("span", "cm-type", d.event_type + (d.sub_event_type ? " / " + d.sub_event_type : "")));
  box.appendChild(head);
  if (d.claimed_by) {
    box.appendChild(el("div", "cm-claim", "Claim by " + d.claimed_by + ", not independently verified"));
  }
  const table = el("table", "cm-fields");
  addRow(table, "Date", dateText(d, words), "cm-date");
  const precision = words.place[parseInt(d.geo_precision, 10)] || "precision unknown";
  addRow(table, "Place", placeText(d, words) + " (" + precision + ")", "cm-place");
  addRow(table, "Fatalities", countText(d.fatalities, d.fatalities_low, d.fatalities_high), "cm-fatalities");
  addRow(table, "Injuries", countText(d.injuries), "cm-injuries");
  const actors = [d.actor1, d.assoc_actor_1].filter((x) => x).join("; ");
  const others = [d.actor2, d.assoc_actor_2].filter((x) => x).join("; ");
  // An unknown first side is said, not left blank: "vs Civilians (Ukraine)" read as a broken line (trial 9).
  addRow(table, "Actors", others ? (actors || "unknown") + " vs " + others : actors, "cm-actors");
  addRow(table, "Source", d.source, "cm-source");
  const links = String(d.source_url || "").split(/\s+/).map(safeUrl).filter((x) => x);
  if (links.length) {
    const list = el("span", "cm-links");
    links.forEach((href, j) => {
      const a = onActivate(el("a", null, href), () => {});
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      if (j) { list.appendChild(document.createTextNode(" ")); }
      list.appendChild(a);
    });
    addRow(table, "Links", list, "cm-urls");
  }
  addRow(table, "Origin", d.origin, "cm-origin");
  addRow(table, "Event id", eventLink(d.event_id_cnty, link), "cm-id");
  box.appendChild(table);
  if (d.notes) { box.appendChild(el("p", "cm-notes", d.notes)); }
  return box;
}

// The one list-item builder: for each row, a button with its type's icon and "date type, place" once its text
// has loaded. `entry` says how: {style(i), approximate(i), details(i) -> Promise of d, open(i), words}.
export function listOf(rows, entry) {
  const list = el("ul");
  rows.forEach((i) => {
    const item = el("li"), line = button("cm-list-item", null, () => entry.open(i));
    line.dataset.row = String(i);
    line.appendChild(shapeIcon(entry.style(i), 12, entry.approximate(i)));
    const label = el("span", null, "...");
    line.appendChild(label);
    entry.details(i).then((d) => { label.textContent = listLabel(d, entry.words); }, () => {
      label.textContent = "(details could not be loaded)";
    });
    item.appendChild(line);
    list.appendChild(item);
  });
  return list;
}

// "3 events not on the map: 2 placed only to a country, 1 without coordinates" (`country` of `total` are the
// former). Paged like every list.
export function offMapText(total, country, start, shown) {
  const kinds = [];
  if (country) { kinds.push(country + " placed only to a country"); }
  if (total - country) { kinds.push((total - country) + " without coordinates"); }
  let text = total + (total === 1 ? " event" : " events") + " not on the map: " + kinds.join(", ");
  if (shown < total) {
    text += "; " + (start + 1) + "-" + (start + shown) + " shown, " + (total - shown) + " not shown";
  }
  return text;
}

// A list to browse inside `box` (a popup, a panel): a page of `rows` under `title(start, shown)` and a pager;
// an entry shows its event's details (`details(i)`, a Promise of an element) in the same box, with a button
// `back` to that page. `changed()` is called after each change (a popup fits itself to its new content).
export function browse(box, rows, title, back, entry, details, changed) {
  const showPage = (start) => {
    const page = rows.slice(start, start + LIST_PAGE);
    box.classList.remove("cm-list-event");
    box.textContent = "";
    box.appendChild(el("div", "cm-list-title", title(start, page.length)));
    box.appendChild(pager(rows.length, start, showPage));
    box.appendChild(listOf(page, {...entry, open: (i) => showEvent(i, start)}));
    changed();
  };
  const showEvent = (i, start) => {
    details(i).then((element) => {
      box.classList.add("cm-list-event");
      box.textContent = "";
      box.appendChild(button("cm-back", "\u25C0 " + back, () => showPage(start)));
      box.appendChild(element);
      changed();
    });
  };
  showPage(0);
}

// Previous / next page of a long list, so that every event stays reachable however many share a place.
// Empty when the list fits on one page; `onPage(start)` shows the page starting at that entry.
export function pager(total, start, onPage, size = LIST_PAGE) {
  const box = el("div", "cm-pager");
  if (total <= size) { return box; }
  const prev = button("cm-page-prev", "\u25C0 Previous " + size, () => onPage(start - size));
  const next = button("cm-page-next", "Next " + Math.max(0, Math.min(size, total - start - size)) + " \u25B6",
    () => onPage(start + size));
  prev.disabled = start === 0;
  next.disabled = start + size >= total;
  box.appendChild(prev);
  box.appendChild(next);
  return box;
}
