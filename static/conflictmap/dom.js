// Building DOM nodes from data: text is always set with textContent, never parsed as HTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}

// A control that replaces content when used (a list entry that becomes the event's details, a page of a list)
// may take its own target out of the document. Leaflet's map then no longer finds the target inside the popup
// or control, takes the click for a click on the map, and closes the popup. Every control inside a popup or a
// map control is bound through this one helper: its click stops at the control, whatever the handler replaces.
export function onActivate(node, handler) {
  node.addEventListener("click", function (e) {
    e.stopPropagation();
    handler(e);
  });
  return node;
}

export function button(className, text, handler) {
  const node = el("button", className, text);
  node.type = "button";
  return onActivate(node, handler);
}

// Marker shapes, one per event type (style.js on the server says which), drawn in an s x s pixel box.
export const SHAPES = {
  circle: (s) => ["circle", {cx: s / 2, cy: s / 2, r: s / 2 - 2}],
  square: (s) => ["rect", {x: 2, y: 2, width: s - 4, height: s - 4}],
  triangle: (s) => ["polygon", {points: [s / 2, 1, s - 1, s - 2, 1, s - 2].join(" ")}],
  diamond: (s) => ["polygon", {points: [s / 2, 1, s - 1, s / 2, s / 2, s - 1, 1, s / 2].join(" ")}],
  star: (s) => {
    const pts = [], c = s / 2;
    for (let k = 0; k < 10; k++) {
      const r = k % 2 === 0 ? c - 1 : c * 0.45, a = Math.PI / 5 * k - Math.PI / 2;
      pts.push((c + r * Math.cos(a)).toFixed(1), (c + r * Math.sin(a)).toFixed(1));
    }
    return ["polygon", {points: pts.join(" ")}];
  },
  cross: (s) => {
    const a = s * 0.3, b = s * 0.7;
    return ["polygon", {points: [a, 1, b, 1, b, a, s - 1, a, s - 1, b, b, b, b, s - 1, a, s - 1, a, b, 1, b, 1, a, a, a]
      .join(" ")}];
  }
};

// An SVG icon of `style` ({shape, color}), `size` pixels square; faded and dashed when the place is approximate.
export function shapeIcon(style, size, approximate) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  svg.setAttribute("viewBox", "0 0 " + size + " " + size);
  const spec = (SHAPES[style.shape] || SHAPES.circle)(size);
  const node = document.createElementNS(SVG_NS, spec[0]);
  Object.keys(spec[1]).forEach((k) => node.setAttribute(k, spec[1][k]));
  node.setAttribute("fill", style.color);
  node.setAttribute("fill-opacity", approximate ? "0.45" : "0.9");
  node.setAttribute("stroke", "#ffffff");
  node.setAttribute("stroke-width", "1.5");
  if (approximate) { node.setAttribute("stroke-dasharray", "2 2"); }
  svg.appendChild(node);
  return svg;
}

// The body of the app's page `doc`, which the map's frame (same origin) may read; null when there is no page or
// it belongs to another origin. follow.js and channel.js watch the page through it.
export function pageBody(doc) {
  try {
    return (doc && doc.body) || null;
  } catch (err) {
    return null;  // another origin's page
  }
}
