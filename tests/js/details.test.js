import {test} from "node:test";
import assert from "node:assert/strict";
import {WHEN, WORDS, useDocument} from "./env.js";
import {browse, chronological, countText, dateText, detailsElement, eventHref, listLabel, listOf, offMapText, pageText,
  pager, placeText, safeUrl} from "../../static/conflictmap/details.js";

const window = useDocument();
const STYLE = {color: "#D55E00", shape: "circle"};

// The cases the Add page's cards and the Events table say alike (tests/js/when.json).
test("dateText says a week-precision date by its day (never a week past it), the month, and a span", () => {
  for (const c of WHEN) {
    assert.equal(dateText(c, WORDS), c.text, c.event_date);
    assert.equal(dateText(c, WORDS, true), c.brief, c.event_date);
  }
});

test("countText keeps unknown apart from zero and shows a range that differs", () => {
  assert.equal(countText(""), "unknown");
  assert.equal(countText(null), "unknown");
  assert.equal(countText(undefined), "unknown");
  assert.equal(countText("0"), "0");
  assert.equal(countText(0), "0");
  assert.equal(countText("5", "3", "9"), "5 (range 3-9)");
  assert.equal(countText("5", "5", "5"), "5");
  assert.equal(countText("5", "", ""), "5");
  assert.equal(countText("5", "3", ""), "5");
});

test("safeUrl lets only well-formed http(s) addresses through", () => {
  assert.equal(safeUrl("https://example.org/a?b=1"), "https://example.org/a?b=1");
  assert.equal(safeUrl("HTTP://Example.org"), "http://example.org/");
  for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
    "//evil.example", "/relative", "ftp://example.org", "http://", "https://[::1", " https://example.org", ""]) {
    assert.equal(safeUrl(bad), null, bad);
  }
});

test("one label for every list: date, type, first known place, never a dangling comma", () => {
  const d = {event_date: "2024-11-04", event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike"};
  assert.equal(listLabel({...d, location: "Kyiv", admin1: "Kyiv City"}, WORDS), "2024-11-04 Air/drone strike, Kyiv");
  assert.equal(listLabel({...d, sub_event_type: "", admin1: "Kursk Oblast"}, WORDS),
    "2024-11-04 Explosions/Remote violence, Kursk Oblast");
  assert.equal(listLabel({...d, location: "", admin2: "", admin1: "", country: ""}, WORDS),
    "2024-11-04 Air/drone strike, unnamed place");
  // a date known to the week or a span of days reads as such, as in the popup (newcomer trial 5)
  assert.equal(listLabel({...d, location: "Kursk Oblast", time_precision: "2", event_date: "2024-11-07"}, WORDS),
    "around 2024-11-07 Air/drone strike, Kursk Oblast", "the day recorded, as the popup says it, never a week past it");
  assert.equal(listLabel({...d, location: "Kyiv", time_precision: "1", event_date_end: "2024-11-05"}, WORDS),
    "2024-11-04 to 2024-11-05 Air/drone strike, Kyiv");
  assert.equal(placeText({location: "Kyiv", admin2: "Desnianskyi", admin1: "Kyiv City", country: "Ukraine"}, WORDS),
    "Kyiv, Desnianskyi, Kyiv City, Ukraine");
  assert.equal(placeText({}, WORDS), "unnamed place");
});

test("pageText says how many events a page leaves out", () => {
  assert.equal(pageText(1, 0, 1, "in view"), "1 event in view");
  assert.equal(pageText(7, 0, 7, "in view"), "7 events in view");
  assert.equal(pageText(250, 0, 100, "at this place"), "250 events at this place: 1-100 shown, 150 not shown");
  assert.equal(pageText(250, 200, 50, "at this place"), "250 events at this place: 201-250 shown, 200 not shown");
});

test("lists are in date order, then file order", () => {
  const day = new Int32Array([20000, 19990, 20000, 19995]);
  assert.deepEqual(chronological([0, 1, 2, 3], day), [1, 3, 0, 2]);
  assert.deepEqual(chronological([2, 0], day), [0, 2]);
});

test("the link to one event opens the app page on it, or the exported file itself", () => {
  const app = {origin: "http://127.0.0.1:8501", pathname: "/", href: "http://127.0.0.1:8501/?dates=x"};
  assert.equal(eventHref("CM 1&2", {page: "app", dataset: "UCDP GED"}, app),
    "http://127.0.0.1:8501/?dataset=UCDP%20GED&event=CM%201%262");
  const file = {href: "file:///home/me/export.html#event=OLD"};
  assert.equal(eventHref("UCDP-1", {page: "file"}, file), "file:///home/me/export.html#event=UCDP-1");
});

test("details show hostile text as text and link only http(s) addresses", () => {
  const hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
  const box = detailsElement({
    event_id_cnty: "H1", event_date: "2024-11-03", time_precision: "1", event_type: "Battles",
    sub_event_type: "Armed clash", location: hostile, geo_precision: "2", notes: hostile, source: hostile,
    source_url: "javascript:alert(3) https://example.org/a data:text/html,x http://example.org/b",
    claimed_by: hostile, fatalities: "", injuries: "0", origin: "test"
  }, STYLE, {page: "app", dataset: "events"}, WORDS);
  assert.equal(box.querySelectorAll("img, script").length, 0);
  assert.equal(box.dataset.eventId, "H1");
  assert.equal(box.querySelector(".cm-notes").textContent, hostile);
  assert.equal(box.querySelector(".cm-source td").textContent, hostile);
  assert.equal(box.querySelector(".cm-place td").textContent, hostile + " (near or part of the place)");
  assert.equal(box.querySelector(".cm-claim").textContent, "Claim by " + hostile + ", not independently verified");
  assert.equal(box.querySelector(".cm-fatalities td").textContent, "unknown");
  assert.equal(box.querySelector(".cm-injuries td").textContent, "0");
  assert.deepEqual(Array.from(box.querySelectorAll(".cm-urls a"), (a) => a.href),
    ["https://example.org/a", "http://example.org/b"]);
  const own = box.querySelector("a.cm-event-link");
  assert.equal(own.textContent, "H1");
  assert.equal(own.href, "http://127.0.0.1:8501/app/?dataset=events&event=H1");
});

test("a field the event lacks gets no row", () => {
  const box = detailsElement({event_id_cnty: "E", event_date: "2024-11-03", event_type: "Riots"}, STYLE, null, WORDS);
  assert.equal(box.querySelector(".cm-actors"), null);
  assert.equal(box.querySelector(".cm-urls"), null);
  assert.equal(box.querySelector(".cm-notes"), null);
  assert.equal(box.querySelector(".cm-place td").textContent, "unnamed place (precision unknown)");
});

test("an event whose first actor is unknown says so before the other side", () => {
  const only = (d) => detailsElement({event_id_cnty: "E", event_date: "2024-11-03", event_type: "Riots", ...d},
    STYLE, null, WORDS).querySelector(".cm-actors td").textContent;
  assert.equal(only({actor2: "Civilians (Ukraine)"}), "unknown vs Civilians (Ukraine)");
  assert.equal(only({actor1: "Military Forces of Russia (2000-)"}), "Military Forces of Russia (2000-)");
  assert.equal(only({actor1: "A", assoc_actor_1: "B", actor2: "C"}), "A; B vs C");
});

test("the one list builder labels each entry once its text is loaded, and opens it", async () => {
  const opened = [];
  const texts = {3: {event_date: "2024-11-03", event_type: "Battles", location: "Kharkiv"},
    5: {event_date: "2024-11-04", event_type: "Riots", location: ""}};
  const list = listOf([3, 5], {
    style: () => STYLE, approximate: (i) => i === 5, details: (i) => Promise.resolve(texts[i]),
    open: (i) => opened.push(i), words: WORDS
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const entries = list.querySelectorAll("button.cm-list-item");
  assert.deepEqual(Array.from(entries, (b) => b.textContent), ["2024-11-03 Battles, Kharkiv",
    "2024-11-04 Riots, unnamed place"]);
  entries[1].dispatchEvent(new window.MouseEvent("click", {bubbles: true}));
  assert.deepEqual(opened, [5]);
});

test("the pager reaches every page and says so on its buttons", () => {
  assert.equal(pager(100, 0, () => {}).children.length, 0, "one page: no buttons");
  const pages = [];
  const first = pager(250, 0, (start) => pages.push(start));
  const [prev, next] = first.querySelectorAll("button");
  assert.equal(prev.disabled, true);
  assert.equal(next.textContent, "Next 100 \u25B6");
  next.dispatchEvent(new window.MouseEvent("click", {bubbles: true}));
  const last = pager(250, 200, (start) => pages.push(start));
  assert.equal(last.querySelector(".cm-page-next").disabled, true);
  assert.equal(last.querySelector(".cm-page-prev").disabled, false);
  last.querySelector(".cm-page-prev").dispatchEvent(new window.MouseEvent("click", {bubbles: true}));
  assert.deepEqual(pages, [100, 100]);
  assert.equal(pager(250, 100, () => {}).querySelector(".cm-page-next").textContent, "Next 50 \u25B6");
});

test("events not on the map are counted by kind", () => {
  assert.equal(offMapText(3, 2, 0, 3), "3 events not on the map: 2 placed only to a country, 1 without coordinates");
  assert.equal(offMapText(1, 1, 0, 1), "1 event not on the map: 1 placed only to a country");
  assert.equal(offMapText(150, 0, 100, 50),
    "150 events not on the map: 150 without coordinates; 101-150 shown, 100 not shown");
});

test("a country-level event says so in its details", () => {
  const box = detailsElement({event_id_cnty: "U", event_date: "2022-02-24", event_type: "Battles",
    country: "Ukraine", geo_precision: "4"}, STYLE, null, WORDS);
  assert.equal(box.querySelector(".cm-place td").textContent, "Ukraine (only the country is known)");
});

test("browse: an entry shows its details in the same box, and the way back returns to its page", async () => {
  const box = window.document.createElement("div");
  const rows = Array.from({length: 120}, (_, k) => k);
  let changes = 0;
  browse(box, rows, (start, shown) => pageText(rows.length, start, shown, "here"), "All 120 events here", {
    style: () => STYLE, approximate: () => false,
    details: (i) => Promise.resolve({event_date: "2024-01-01", event_type: "Riots", location: "P" + i}), words: WORDS
  }, (i) => Promise.resolve(Object.assign(window.document.createElement("p"), {textContent: "details " + i})),
  () => { changes += 1; });
  assert.equal(box.querySelector(".cm-list-title").textContent, "120 events here: 1-100 shown, 20 not shown");
  box.querySelector(".cm-page-next").click();
  assert.equal(box.querySelectorAll(".cm-list-item").length, 20);
  box.querySelectorAll(".cm-list-item")[19].click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(box.querySelector("p").textContent, "details 119");
  assert.equal(box.querySelector(".cm-back").textContent, "\u25C0 All 120 events here");
  box.querySelector(".cm-back").click();
  assert.equal(box.querySelector(".cm-list-title").textContent, "120 events here: 101-120 shown, 100 not shown");
  assert.equal(changes, 4);
});

test("a town's event never claims to be at the exact spot: its point is the place's centre", () => {
  const box = detailsElement({
    event_id_cnty: "K1", event_date: "2024-11-03", time_precision: "1", event_type: "Explosions/Remote violence",
    sub_event_type: "Shelling/artillery/missile attack", location: "Kyiv", admin1: "Kyiv City", country: "Ukraine",
    geo_precision: "1", notes: "", source: "s", source_url: "", claimed_by: "", fatalities: "", injuries: "",
    origin: "test"
  }, STYLE, {page: "app", dataset: "events"}, WORDS);
  const place = box.querySelector(".cm-place td").textContent;
  assert.ok(place.endsWith("(in this place, drawn at its centre)"), place);
  assert.ok(!place.includes("exact"), place);
});

test("a place and its region of one name are named once", () => {
  assert.equal(placeText({location: "Kharkiv", admin2: "", admin1: "Kharkiv", country: "Ukraine"}, WORDS),
    "Kharkiv, Ukraine");
  assert.equal(placeText({location: "Kursk Oblast", admin1: "Kursk Oblast", country: "Russia"}, WORDS),
    "Kursk Oblast, Russia");
  assert.equal(placeText({location: "", admin1: "", country: ""}, WORDS), "unnamed place");
});

test("the precision words and the place's names are the payload's, not the script's own", async () => {
  const words = {place: {"1": "P-ONE", "4": "P-FOUR"}, time: {"2": ["T-TWO", "N-TWO"]}, placeNames: ["admin1", "location"]};
  const d = {event_id_cnty: "W", event_date: "2024-11-04", time_precision: "2", event_type: "Battles",
    location: "Sudzha", admin1: "Kursk Oblast", country: "Russia", geo_precision: "1"};
  assert.equal(dateText(d, words), "T-TWO 2024-11-04 (N-TWO)");
  assert.equal(dateText({...d, time_precision: "3"}, words), "2024-11-04", "no words for 3 in this table");
  assert.equal(placeText(d, words), "Kursk Oblast, Sudzha", "the table's names in its order; country not named");
  assert.equal(listLabel(d, words), "T-TWO 2024-11-04 Battles, Kursk Oblast");
  const box = detailsElement(d, STYLE, null, words);
  assert.equal(box.querySelector(".cm-date td").textContent, "T-TWO 2024-11-04 (N-TWO)");
  assert.equal(box.querySelector(".cm-place td").textContent, "Kursk Oblast, Sudzha (P-ONE)");
  const list = listOf([0], {style: () => STYLE, approximate: () => false, details: () => Promise.resolve(d),
    open: () => {}, words});
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(list.querySelector("button").textContent, "T-TWO 2024-11-04 Battles, Kursk Oblast");
});
