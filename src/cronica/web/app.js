// cronica dashboard: vanilla JS + SVG over the JSON API of `cronica serve`.
// Everything it draws comes from /api/*, /world.json and /static/i18n.json (same origin).
// Text from the data is only ever set with textContent, never parsed as HTML.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const PAGE = 25;
// One colour per PLOVER type, so a type keeps its colour across charts and tags.
const TYPE_COLORS = {
  AGREE: "#2e7d32", CONSULT: "#66bb6a", SUPPORT: "#00897b", CONCEDE: "#80cbc4",
  COOPERATE: "#1565c0", AID: "#42a5f5", RETREAT: "#9fa8da", REQUEST: "#7e57c2",
  ACCUSE: "#f9a825", REJECT: "#ff8f00", THREATEN: "#ef6c00", PROTEST: "#8d6e63",
  SANCTION: "#ad1457", MOBILIZE: "#6d4c41", COERCE: "#d84315", ASSAULT: "#b71c1c",
};

const state = {
  lang: "es", strings: {}, offset: 0, total: 0, interval: "auto",
  world: null, selected: null, cache: {}, loads: 0, detail: null, sort: "-date",
  labels: { countries: {}, sectors: {} }, mapBox: null,
};
// PLOVER sector and organisation codes: a code starting with one of these has no country.
let SECTORS = new Set();

// -- helpers ---------------------------------------------------------------------------
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = text;
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function t(key, vars = {}) {
  let s = (state.strings[state.lang] || {})[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

function typeName(type) {
  const names = (state.strings[state.lang] || {}).types || {};
  return names[type] ? `${names[type]} (${type})` : type;
}

function colorOf(type) { return TYPE_COLORS[type] || "#78909c"; }

// 'IRQGOV' -> 'Iraq: government' (as cronica.labels.code_label does on the server).
function codeLabel(code) {
  if (!code) return "";
  const [base, where] = code.split("@");
  const countries = state.labels.countries || {}, sectors = state.labels.sectors || {};
  let country = null, sector = base;
  if (base.length >= 3 && !SECTORS.has(base.slice(0, 3))) { country = base.slice(0, 3); sector = base.slice(3); }
  const parts = [];
  if (country) parts.push(countries[country] || country);
  if (sector) {
    const words = [];
    for (let i = 0; i < sector.length; i += 3) words.push(sectors[sector.slice(i, i + 3)] || sector.slice(i, i + 3));
    parts.push(words.join(", "));
  }
  let label = parts.join(": ");
  if (where) label += ` (${countries[where] || where})`;
  return label;
}

// "IRQGOV · Iraq: government"; an uncoded actor shows its words.
function actorText(arg) {
  if (!arg) return "";
  if (arg.code) return `${arg.code} · ${codeLabel(arg.code)}`;
  return arg.text ? `“${arg.text}”` : "";
}

function actorCell(arg) {
  const td = el("td", { class: "code" });
  if (!arg) return td;
  if (arg.code) {
    td.appendChild(el("span", { class: "code-id" }, arg.code));
    td.appendChild(el("span", { class: "code-name" }, codeLabel(arg.code)));
    td.title = arg.text || "";
  } else if (arg.text) {
    td.appendChild(el("span", { class: "uncoded", title: t("uncoded") }, arg.text));
  }
  return td;
}

function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

async function loadLabels() {
  const data = await getJSON(`/api/labels?lang=${state.lang}`);
  state.labels = data;
  SECTORS = new Set(data.sector_codes || []);
  return data;
}

async function getJSON(url) {
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  if (!resp.ok) {
    let msg = `${resp.status}`;
    try { msg = (await resp.json()).detail || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return resp.json();
}

function setStatus(text, isError = false) {
  const s = $("#status");
  s.textContent = text;
  s.classList.toggle("error", isError);
}

// -- filters ---------------------------------------------------------------------------
function filterParams() {
  const form = $("#filters");
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form).entries()) {
    const val = String(v).trim();
    if (!val || (k === "min_sources" && val === "1")) continue;
    params.append(k, val);
  }
  return params;
}

// The view lives in the URL's hash: the filters, plus the page and the open event, so
// that back and forward (and a shared link) restore it.
function formFromHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const form = $("#filters");
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.type === "checkbox") input.checked = params.getAll(input.name).includes(input.value);
    else if (params.has(input.name)) input.value = params.get(input.name);
    else input.value = input.name === "min_sources" ? "1" : "";
  }
  state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  state.sort = params.get("sort") || "-date";
  return params.get("event");
}

function viewHash() {
  const params = filterParams();
  if (state.offset) params.set("offset", String(state.offset));
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.selected && !$("#detail-panel").hidden) params.set("event", state.selected);
  const q = params.toString();
  return q ? `#${q}` : location.pathname;
}

function saveView(push = true) {
  const target = viewHash();
  if (target === (location.hash || location.pathname)) return;
  if (push) history.pushState(null, "", target);
  else history.replaceState(null, "", target);
}

// A range that ends before it starts: say so instead of asking the server.
function rangeProblem() {
  const f = $("#filters").elements;
  const from = f.from.value, to = f.to.value;
  return from && to && from > to ? t("bad_range", { from, to }) : null;
}

function updateDownloads() {
  for (const a of document.querySelectorAll("a.download")) {
    a.href = withParams("/api/export", { format: a.dataset.format });
    a.setAttribute("download", `cronica-events.${a.dataset.format}`);
  }
}

function withParams(path, extra = {}) {
  const params = filterParams();
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

// -- i18n ------------------------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const typeSelect = $("#filters select[name=type]");
  for (const opt of typeSelect.options) if (opt.value) opt.textContent = typeName(opt.value);
  for (const opt of $("#filters select[name=sector]").options) {
    if (opt.value) opt.textContent = `${opt.value} · ${(state.labels.sectors || {})[opt.value] || ""}`;
  }
  $("#lang").value = state.lang;
}

function chooseLanguage() {
  const saved = localStorage.getItem("cronica.lang");
  if (saved === "es" || saved === "en") return saved;
  const nav = (navigator.language || "es").toLowerCase();
  return nav.startsWith("en") ? "en" : "es";
}

// -- timeline: stacked bars per period ----------------------------------------------------
function renderTimeline(data) {
  const root = $("#timeline");
  clear(root);
  const W = 900, H = 220, L = 36, R = 8, T = 8, B = 34;
  const buckets = data.buckets;
  const legend = $("#timeline-legend");
  clear(legend);
  if (!buckets.length) {
    root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, t("no_events")));
    return;
  }
  const max = Math.max(...buckets.map((b) => b.total), 1);
  const step = (W - L - R) / buckets.length;
  const barW = Math.max(1, Math.min(step * 0.8, 40)); // thin bars stay readable when few
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const axis = svg("g", { class: "axis" });
  axis.appendChild(svg("line", { x1: L, x2: W - R, y1: y(0), y2: y(0) }));
  for (const v of [0, Math.ceil(max / 2), max]) {
    axis.appendChild(svg("text", { x: L - 4, y: y(v) + 3, "text-anchor": "end" }, String(v)));
    axis.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), "stroke-dasharray": "2 3" }));
  }
  root.appendChild(axis);
  const every = Math.max(1, Math.ceil(buckets.length / 12)); // at most ~12 labels
  buckets.forEach((b, i) => {
    const x = L + i * step + (step - barW) / 2;
    let acc = 0;
    for (const type of data.types) {
      const n = b.counts[type] || 0;
      if (!n) continue;
      const rect = svg("rect", {
        class: "bar", x: x.toFixed(2), width: barW.toFixed(2),
        y: y(acc + n).toFixed(2), height: (y(acc) - y(acc + n)).toFixed(2),
        fill: colorOf(type), "data-type": type, "data-key": b.key, "data-count": n,
      });
      rect.appendChild(svg("title", {}, `${b.key} · ${typeName(type)}: ${n}`));
      rect.addEventListener("click", () => drillDown(b.key, data.interval, type));
      root.appendChild(rect);
      acc += n;
    }
    if (i % every === 0) {
      root.appendChild(svg("text", { x: (x + barW / 2).toFixed(2), y: H - B + 14, "text-anchor": "middle",
        class: "axis" }, b.key));
    }
  });
  for (const type of data.types) {
    const item = el("span", { "data-type": type });
    const sw = el("span", { class: "swatch" });
    sw.style.background = colorOf(type);
    item.appendChild(sw);
    item.appendChild(document.createTextNode(typeName(type)));
    legend.appendChild(item);
  }
}

// Events dated to a year only ('in 2019') have no day, week or month: listed apart.
function renderYears(data) {
  const box = $("#year-only");
  clear(box);
  const years = (data && data.years) || [];
  if (!years.length) return;
  box.appendChild(el("span", { class: "label" }, `${t("year_only")}: `));
  years.forEach((y, i) => {
    if (i) box.appendChild(document.createTextNode(" · "));
    const types = Object.entries(y.counts).map(([k, n]) => `${typeName(k)} ${n}`).join(", ");
    const a = el("a", { "data-year": y.key, title: types }, `${y.key}: ${y.total}`);
    a.addEventListener("click", () => {
      const f = $("#filters").elements;
      f.from.value = `${y.key}-01-01`; f.to.value = `${y.key}-12-31`;
      applyFilters();
    });
    box.appendChild(a);
  });
}

// Clicking a bar narrows the filters to that period and type.
function drillDown(key, interval, type) {
  const form = $("#filters");
  if (interval === "day") { form.elements.from.value = key; form.elements.to.value = key; }
  else if (interval === "week" && /^\d{4}-\d{2}-\d{2}$/.test(key)) {
    const end = new Date(`${key}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 6);
    form.elements.from.value = key;
    form.elements.to.value = end.toISOString().slice(0, 10);
  }
  else if (interval === "month" && /^\d{4}-\d{2}$/.test(key)) {
    const [yy, mm] = key.split("-").map(Number);
    const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    form.elements.from.value = `${key}-01`;
    form.elements.to.value = `${key}-${String(last).padStart(2, "0")}`;
  }
  form.elements.type.value = type;
  applyFilters();
}

// -- top actors and the actor-pair network -----------------------------------------------
function renderActors(rows) {
  const root = $("#top-actors");
  clear(root);
  rows = rows.filter((r) => r.key).slice(0, 10);
  if (!rows.length) return;
  const max = Math.max(...rows.map((r) => r.count));
  const rowH = 19, left = 190;
  root.setAttribute("viewBox", `0 0 420 ${rows.length * rowH + 4}`);
  rows.forEach((r, i) => {
    const w = ((410 - left - 30) * r.count) / max;
    const g = svg("g", { class: "actor-row", "data-code": r.key });
    const name = codeLabel(r.key);
    const label = `${r.key} · ${name}`;
    g.appendChild(svg("text", { x: left - 6, y: i * rowH + 13, "text-anchor": "end" },
      label.length > 34 ? `${label.slice(0, 33)}…` : label));
    g.appendChild(svg("rect", { class: "hbar", x: left, y: i * rowH + 3, width: w.toFixed(1), height: rowH - 6 }));
    g.appendChild(svg("text", { x: left + 4 + w, y: i * rowH + 13 }, String(r.count)));
    g.appendChild(svg("title", {}, `${label}: ${r.count}`));
    g.addEventListener("click", () => { $("#filters").elements.actor.value = r.key; applyFilters(); });
    root.appendChild(g);
  });
}

// A force-directed layout (written here: no library): nodes repel each other, edges pull
// their ends together, a weak pull keeps everything near the centre. Deterministic: the
// nodes start on a circle in a fixed order and the simulation runs a fixed number of steps.
function forceLayout(nodes, edges, W, H, steps = 400) {
  const n = nodes.length, pos = {};
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    pos[d.id] = { x: W / 2 + (W / 4) * Math.cos(a), y: H / 2 + (H / 4) * Math.sin(a), vx: 0, vy: 0 };
  });
  const k = Math.min(70, Math.sqrt((W * H) / Math.max(1, n)) * 0.6); // ideal edge length
  for (let step = 0; step < steps; step++) {
    const cool = 1 - step / steps;
    for (let i = 0; i < n; i++) {
      const p = pos[nodes[i].id];
      for (let j = i + 1; j < n; j++) {
        const q = pos[nodes[j].id];
        let dx = p.x - q.x, dy = p.y - q.y;
        let d = Math.hypot(dx, dy);
        if (d < 0.1) { dx = 0.1 * (i - j); dy = 0.1; d = Math.hypot(dx, dy); }
        if (d > 3 * k) continue; // far apart: no push (keeps components near the centre)
        const f = Math.min(4, (k * k) / (d * d)) * 0.6; // push, as a step along the line
        p.vx += (dx / d) * f; p.vy += (dy / d) * f; q.vx -= (dx / d) * f; q.vy -= (dy / d) * f;
      }
    }
    for (const e of edges) {
      const p = pos[e.source], q = pos[e.target];
      const dx = q.x - p.x, dy = q.y - p.y, d = Math.hypot(dx, dy) || 1;
      const f = ((d - k) / d) * 0.08;
      p.vx += dx * f; p.vy += dy * f; q.vx -= dx * f; q.vy -= dy * f;
    }
    for (const d of nodes) {
      const p = pos[d.id];
      p.vx += (W / 2 - p.x) * 0.006; p.vy += (H / 2 - p.y) * 0.009;
      const v = Math.hypot(p.vx, p.vy), max = 10 * cool + 0.3;
      if (v > max) { p.vx *= max / v; p.vy *= max / v; }
      p.x = Math.min(W - 40, Math.max(40, p.x + p.vx));
      p.y = Math.min(H - 14, Math.max(18, p.y + p.vy));
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  return pos;
}

function nodeLabel(node) {
  if (node.code) return node.country && node.id.includes("@") ? `${node.code} (${node.country})` : node.code;
  return `“${node.text}”`;
}

function nodeTitle(node) {
  return node.code ? `${nodeLabel(node)} · ${codeLabel(node.id)}` : `${node.text} (${t("uncoded")})`;
}

function filterOnNode(node, field) {
  const f = $("#filters").elements;
  if (node.code) f[field].value = node.code;
  else f.q.value = node.text;
  if (node.code && node.id.includes("@") && node.country) f.country.value = node.country;
}

// The actor network: one node per full actor code (a sector-only code per country),
// arrows actor -> recipient, width by count.
function renderNetwork(data) {
  const root = $("#network");
  clear(root);
  const nodes = data.nodes || [], edges = data.edges || [];
  if (!edges.length) return;
  const W = 420, H = 300;
  const pos = forceLayout(nodes, edges, W, H);
  const byId = Object.fromEntries(nodes.map((d) => [d.id, d]));
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, markerUnits: "userSpaceOnUse", orient: "auto" });
  marker.appendChild(svg("path", { d: "M0 0L10 5L0 10z", fill: "#1f5f8b" }));
  defs.appendChild(marker);
  root.appendChild(defs);
  const maxC = Math.max(...edges.map((e) => e.count));
  const maxW = Math.max(...nodes.map((d) => d.count));
  const nodeR = (id) => 3.5 + 4.5 * Math.sqrt(byId[id].count / maxW);
  for (const e of edges) {
    const p = pos[e.source], q = pos[e.target];
    const dx = q.x - p.x, dy = q.y - p.y, len = Math.hypot(dx, dy) || 1;
    const r1 = nodeR(e.source), r2 = nodeR(e.target) + 1;
    const line = svg("line", { class: "edge",
      x1: (p.x + (dx * r1) / len).toFixed(1), y1: (p.y + (dy * r1) / len).toFixed(1),
      x2: (q.x - (dx * r2) / len).toFixed(1), y2: (q.y - (dy * r2) / len).toFixed(1),
      "stroke-width": (0.8 + (3 * e.count) / maxC).toFixed(1), "marker-end": "url(#arrow)",
      "data-actor": e.source, "data-recipient": e.target });
    line.appendChild(svg("title", {}, `${nodeTitle(byId[e.source])} → ${nodeTitle(byId[e.target])}: ${e.count}`));
    line.addEventListener("click", () => {
      filterOnNode(byId[e.source], "actor"); filterOnNode(byId[e.target], "recipient"); applyFilters();
    });
    root.appendChild(line);
  }
  for (const d of nodes) {
    const p = pos[d.id];
    const g = svg("g", { class: d.code ? "node" : "node uncoded", "data-code": d.id });
    g.appendChild(svg("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: nodeR(d.id).toFixed(1) }));
    const label = nodeLabel(d);
    g.appendChild(svg("text", { x: p.x.toFixed(1), y: (p.y - nodeR(d.id) - 3).toFixed(1), "text-anchor": "middle" },
      label.length > 22 ? `${label.slice(0, 21)}…` : label));
    g.appendChild(svg("title", {}, `${nodeTitle(d)}: ${d.count}`));
    g.addEventListener("click", () => { filterOnNode(d, "actor"); applyFilters(); });
    root.appendChild(g);
  }
}

// -- map: equirectangular, x = lon + 180, y = 90 - lat (as world.json is projected) ---------
async function ensureWorld() {
  if (state.world) return;
  state.world = await getJSON("/world.json");
  const base = svg("g", { id: "countries" });
  for (const c of state.world.countries) {
    const path = svg("path", { class: "country", d: c.d, "data-id": c.id || "" });
    path.appendChild(svg("title", {}, c.name));
    base.appendChild(path);
  }
  $("#map").appendChild(base);
  $("#map").appendChild(svg("g", { id: "points" }));
}

// The map shows the box around the events' places (zoom buttons move in and out of it);
// the busiest places carry their names.
const WORLD_BOX = [0, 0, 360, 180];
const MAP_LABELS = 12;

function setMapBox(box) {
  const [x, y, w, h] = box;
  state.mapBox = [Math.max(0, x), Math.max(0, y), Math.min(360, w), Math.min(180, h)];
  $("#map").setAttribute("viewBox", state.mapBox.map((v) => v.toFixed(2)).join(" "));
  const scale = state.mapBox[2] / 360; // text and points keep their size on screen
  for (const c of document.querySelectorAll("#map .point")) c.setAttribute("r", (c.dataset.r * Math.sqrt(scale)).toFixed(3));
  layoutLabels(scale);
}

// Names of the busiest places, biggest first; a name that would cover one already placed
// tries the left side, then is left out (its point keeps its tooltip).
function layoutLabels(scale) {
  const layer = $("#points");
  for (const l of document.querySelectorAll("#map .place-label")) l.remove();
  const points = [...((state.cache.map || {}).points || [])].sort((a, b) => b.count - a.count);
  const size = 8 * scale, placed = [];
  const [bx, by, bw, bh] = state.mapBox;
  for (const p of points) {
    if (placed.length >= MAP_LABELS) break;
    const text = `${p.name || "?"} (${p.count})`;
    const w = 0.6 * size * text.length, h = size, x = p.lon + 180, y = 90 - p.lat;
    if (x < bx || x > bx + bw || y < by || y > by + bh) continue;
    const sides = [[x + 3 * scale, "start"], [x - 3 * scale, "end"]];
    for (const [lx, anchor] of sides) {
      const x0 = anchor === "start" ? lx : lx - w;
      const box = [x0, y - h / 2, x0 + w, y + h / 2];
      const inside = box[0] >= bx && box[2] <= bx + bw;
      const free = placed.every((o) => box[2] < o[0] || box[0] > o[2] || box[3] < o[1] || box[1] > o[3]);
      if (!inside || !free) continue;
      placed.push(box);
      const label = svg("text", { class: "place-label", x: lx.toFixed(2), y: y.toFixed(2),
        dy: "0.35em", "text-anchor": anchor, "data-name": p.name || "" }, text);
      label.style.fontSize = `${size.toFixed(3)}px`; // CSS beats the attribute: set it inline
      layer.appendChild(label);
      break;
    }
  }
}

function fitBox(points) {
  if (!points.length) return WORLD_BOX;
  const xs = points.map((p) => p.lon + 180), ys = points.map((p) => 90 - p.lat);
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  x1 += Math.max(8, (x1 - x0) * 0.15); // room for the names to the right of the points
  const w = Math.max(x1 - x0, 24) * 1.3, h = Math.max(y1 - y0, 12) * 1.3;
  // keep the map's 2:1 shape
  const W = Math.max(w, 2 * h), H = W / 2;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return [Math.min(Math.max(0, cx - W / 2), 360 - W), Math.min(Math.max(0, cy - H / 2), 180 - H), W, H];
}

function zoomMap(factor) {
  const [x, y, w, h] = state.mapBox || WORLD_BOX;
  const W = Math.min(360, Math.max(4, w * factor)), H = W / 2;
  const cx = x + w / 2, cy = y + h / 2;
  setMapBox([Math.min(Math.max(0, cx - W / 2), 360 - W), Math.min(Math.max(0, cy - H / 2), 180 - H), W, H]);
}

function renderMap(data) {
  const layer = $("#points");
  clear(layer);
  clear($("#place-events"));
  $("#map-note").textContent = data.points.length ? "" : t("no_points");
  const max = Math.max(1, ...data.points.map((p) => p.count));
  // Biggest first, so small points stay clickable on top of big ones.
  const sorted = [...data.points].sort((a, b) => b.count - a.count);
  for (const p of sorted) {
    const r = 1.4 + 3 * Math.sqrt(p.count / max);
    const c = svg("circle", {
      class: "point", cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2), r: r.toFixed(2),
      "data-r": r.toFixed(2),
      "data-id": p.events[0] ? p.events[0].id : "", "data-count": p.count, "data-name": p.name || "",
    });
    c.appendChild(svg("title", {}, `${p.name || ""} (${p.country || "?"}): ${p.count}`));
    c.addEventListener("click", () => selectPlace(p, c));
    layer.appendChild(c);
  }
  setMapBox(fitBox(data.points));
}

function selectPlace(p, circle) {
  for (const c of document.querySelectorAll("#map .point.selected")) c.classList.remove("selected");
  circle.classList.add("selected");
  const list = $("#place-events");
  clear(list);
  list.appendChild(el("li", {}, t("places_events", { name: p.name || "?", n: p.count })));
  for (const e of p.events) {
    const li = el("li");
    const who = (code) => (code ? `${code} (${codeLabel(code)})` : "?");
    const a = el("a", { "data-id": e.id }, `${e.date || "?"} · ${e.event} · ${who(e.actor)} → ${who(e.recipient)}`);
    a.addEventListener("click", () => showEvent(e.id));
    li.appendChild(a);
    list.appendChild(li);
  }
  if (p.events[0]) showEvent(p.events[0].id);
}

// -- event table -----------------------------------------------------------------------
function placeName(e) { return (e.event_loc && e.event_loc.name) || ""; }

function renderTable(data) {
  const body = $("#events tbody");
  clear(body);
  state.total = data.total;
  if (!data.events.length) {
    const tr = el("tr", { class: "empty" });
    tr.appendChild(el("td", { colspan: 7 }, t("no_events")));
    body.appendChild(tr);
  }
  for (const e of data.events) {
    const tr = el("tr", { "data-id": e.id, "data-type": e.event });
    if (state.selected === e.id) tr.classList.add("selected");
    tr.appendChild(el("td", {}, e.date || ""));
    const typeCell = el("td");
    const tag = el("span", { class: "type-tag" }, e.event + (e.aux_mode ? ` · ${t(e.aux_mode)}` : ""));
    tag.style.background = colorOf(e.event);
    typeCell.appendChild(tag);
    tr.appendChild(typeCell);
    tr.appendChild(actorCell(e.actor));
    tr.appendChild(actorCell(e.recipient));
    tr.appendChild(el("td", {}, placeName(e)));
    tr.appendChild(el("td", {}, String(e.n_sources ?? 1)));
    tr.appendChild(el("td", { class: "evidence", title: e.event_text || "" }, e.event_text || ""));
    tr.tabIndex = 0; // reachable by keyboard: Enter opens the detail
    tr.addEventListener("click", () => showEvent(e.id));
    tr.addEventListener("keydown", (k) => { if (k.key === "Enter") showEvent(e.id); });
    body.appendChild(tr);
  }
  const from = data.total ? state.offset + 1 : 0;
  const to = data.total_capped ? state.offset + data.events.length
    : Math.min(state.offset + PAGE, data.total);
  // a capped count ("10000+"): there are at least that many
  const total = data.total_capped ? `${data.total}+` : data.total;
  $("#page-info").textContent = t("page", { from, to, total });
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = state.offset + PAGE >= data.total && !data.total_capped;
  const currentOnly = !filterParams().has("include");
  $("#summary").textContent = t("total_events", { n: total }) + (currentOnly ? ` (${t("current_only")})` : "");
}

function showSortOrder() {
  for (const btn of document.querySelectorAll("#events button.sort")) {
    const key = btn.dataset.sort;
    const dir = state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : "none";
    btn.parentElement.setAttribute("aria-sort", dir);
  }
}

// -- event detail: the article with its layers highlighted ----------------------------------
function spanOf(x) {
  if (!x) return null;
  if (typeof x.start === "number" && typeof x.end === "number") return x;
  return x.span && typeof x.span.start === "number" ? x.span : null;
}

// Flat segments: each piece of text between two boundaries carries the classes of every
// layer that covers it, so overlapping layers (an actor inside a quote) both show.
function highlight(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(text.length, m.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    if (a >= b) continue;
    const on = marks.filter((m) => m.start <= a && b <= m.end);
    const piece = text.slice(a, b);
    if (!on.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const classes = [...new Set(on.map((m) => m.cls))].join(" ");
    const tag = on.some((m) => m.cls === "hl-evidence") ? "mark" : "span";
    const node = el(tag, { class: classes }, piece);
    const titles = on.map((m) => m.title).filter(Boolean);
    if (titles.length) node.title = [...new Set(titles)].join(" · ");
    frag.appendChild(node);
  }
  return frag;
}

function articleMarks(article, evidence, trigger) {
  const marks = [];
  const add = (x, cls, title) => {
    const s = spanOf(x);
    if (s && s.end > s.start) marks.push({ start: s.start, end: s.end, cls, title });
  };
  const paren = (v) => (v ? ` (${v})` : "");
  for (const a of article.actors || []) add(a, "hl-actor", `${t("hl_actor")}: ${a.code || "?"}${paren(a.name)}`);
  for (const d of article.dates || []) add(d, "hl-date", `${t("hl_date")}: ${d.value || "?"}`);
  for (const p of article.places || []) add(p, "hl-place", `${t("hl_place")}: ${p.name}${paren(p.country)}`);
  for (const q of article.quotes || []) {
    add(q.content, "hl-quote", `${t("hl_quote")}${q.speaker_code ? ": " + q.speaker_code : ""}`);
    add(q.cue, "hl-quote", t("hl_quote"));
  }
  if (evidence) add(evidence, "hl-evidence", t("hl_evidence"));
  if (trigger) add(trigger, "hl-trigger", t("hl_trigger"));
  return marks;
}

// The store nests the article header (with its text) under "article".
function articleText(article) {
  return (article.article && article.article.text) || article.text || "";
}

function sentenceAt(article, offset) {
  for (const s of article.sentences || []) if (s.start <= offset && offset < s.end) return s;
  return null;
}

function mentionsOf(ev) {
  return (ev.mentions || []).filter((m) => m && (m.article_id || ev.article_id));
}

async function showEvent(id, articleId = null, remember = true) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
  const panel = $("#detail-panel");
  panel.hidden = false;
  if (remember) saveView(true);
  setStatus(t("loading"));
  try {
    const ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    const mentions = mentionsOf(ev);
    const artId = articleId || (mentions[0] && mentions[0].article_id) || ev.article_id
      || (ev.article_ids || [])[0];
    const article = await getJSON(`/api/articles/${encodeURIComponent(artId)}`);
    if (state.selected !== id) return; // another event was picked meanwhile
    state.detail = [ev, article, mentions, artId];
    renderDetail(ev, article, mentions, artId);
    setStatus("");
    panel.scrollIntoView({ block: "start" });
    const ev0 = $("#detail-text mark");
    if (ev0) $("#detail-text").scrollTop = Math.max(0, ev0.offsetTop - $("#detail-text").offsetTop - 40);
  } catch (err) {
    if (state.selected !== id) return;
    // never leave the previous article on screen under the new selection
    state.detail = null;
    for (const sel of ["#detail-fields", "#detail-mentions", "#detail-text"]) {
      const node = $(sel);
      if (node) clear(node);
    }
    setStatus(t("error", { msg: err.message }), true);
  }
}

// Who is quoted saying the event: the speaker of its quote in each report.
function quoteSpeakers(ev, article, mentions, artId) {
  const out = [];
  const add = (text, code) => {
    const v = [text, code ? `(${code})` : ""].filter(Boolean).join(" ");
    if (v && !out.includes(v)) out.push(v);
  };
  for (const m of mentions) {
    if (!m.quote || m.article_id !== artId) continue;
    const q = (article.quotes || []).find((x) => x.id === m.quote);
    if (q) add(q.speaker && q.speaker.text, q.speaker_code);
  }
  if (ev.quote_speaker) add(ev.quote_speaker.text, ev.quote_speaker.code);
  return out;
}

function linkOrText(url, text) {
  const safe = safeUrl(url);
  if (!safe) return el("span", {}, text);
  return el("a", { href: safe, target: "_blank", rel: "noopener noreferrer", class: "external" }, text);
}

// One line per article reporting the event: title, publisher, date, its address.
function renderReports(ev, mentions, artId) {
  const box = $("#detail-mentions");
  clear(box);
  const seen = new Map();
  for (const m of mentions) if (m.article_id && !seen.has(m.article_id)) seen.set(m.article_id, m);
  if (!seen.size && ev.article_id) seen.set(ev.article_id, { article_id: ev.article_id,
    article_title: ev.article_title, article_source: ev.publisher, article_url: ev.article_url });
  box.appendChild(el("h3", {}, t("n_articles", { n: seen.size })));
  const list = el("ol", { class: "reports" });
  for (const [id, m] of seen) {
    const li = el("li", { "data-article": id });
    if (id === artId) li.classList.add("current");
    const open = el("a", { "data-article": id, class: "open-article" }, m.article_title || id);
    open.addEventListener("click", () => showEvent(ev.id, id));
    li.appendChild(open);
    const meta = [m.article_source, m.article_date].filter(Boolean).join(", ");
    if (meta) li.appendChild(document.createTextNode(` — ${meta} `));
    if (safeUrl(m.article_url)) li.appendChild(linkOrText(m.article_url, t("source_link")));
    list.appendChild(li);
  }
  box.appendChild(list);
}

// The event as this article's extraction has it (aux_evidence, quote, reported_by).
function localEvent(ev, article, mentions, artId) {
  const here = mentions.find((m) => m.article_id === artId);
  const start = here && here.trigger ? here.trigger.start : (ev.trigger || {}).start;
  return (article.events || []).find((x) => x.event_id === ev.id && (start == null || (x.trigger || {}).start === start))
    || (article.events || []).find((x) => x.event_id === ev.id) || {};
}

// "historical — «había» (pluperfect)": the aux mode with the words that decided it.
function auxText(ev, local) {
  const mode = local.aux_mode || ev.aux_mode;
  if (!mode) return "—";
  const why = local.aux_evidence;
  return t(mode) + (why ? ` — «${why.text}» (${why.rule})` : "");
}

// Speaker -> reporting links -> publisher, in order (innermost first).
function chainText(local, article, head) {
  const q = (article.quotes || []).find((x) => x.id === local.quote);
  const speaker = q && q.speaker ? q.speaker.text : null;
  const links = [speaker, ...(local.reported_by || []), head.source];
  const uniq = links.filter((x, i) => x && links.indexOf(x) === i);
  return uniq.length ? uniq.join(" → ") : "—";
}

function renderDetail(ev, article, mentions, artId) {
  const fields = $("#detail-fields");
  clear(fields);
  const loc = ev.event_loc || {};
  const head = article.article || {};
  const here = mentions.find((m) => m.article_id === artId) || {};
  const place = loc.name ? [loc.name, loc.admin1 && loc.admin1 !== loc.name ? loc.admin1 : null,
    loc.country].filter(Boolean).join(", ") : "—";
  const speakers = quoteSpeakers(ev, article, mentions, artId);
  const local = localEvent(ev, article, mentions, artId);
  const rows = [
    [t("type"), typeName(ev.event)],
    [t("date"), (ev.date || "?") + (ev.date_inferred ? ` (${t("date_inferred")})` : "")],
    [t("actor"), ev.actor ? actorText(ev.actor) + (ev.actor.code && ev.actor.text ? ` — “${ev.actor.text}”` : "") : "—"],
    [t("recipient"), ev.recipient ? actorText(ev.recipient) + (ev.recipient.code && ev.recipient.text ? ` — “${ev.recipient.text}”` : "") : "—"],
    [t("place"), place],
    [t("sources"), String(ev.n_sources ?? 1)],
    [t("mode"), ev.mode || "—"],
    [t("aux_mode"), auxText(ev, local)],
    [t("chain"), chainText(local, article, head)],
    [t("confidence"), ev.confidence != null ? String(ev.confidence) : "—"],
    [t("cameo"), ev.cameo || "—"],
    [t("event_id"), ev.id],
    [t("quote_speakers"), speakers.length ? speakers.join("; ") : "—"],
  ];
  for (const [k, v] of rows) {
    fields.appendChild(el("dt", {}, k));
    fields.appendChild(el("dd", { "data-field": k }, v));
  }
  fields.appendChild(el("dt", {}, t("article")));
  const dd = el("dd", { "data-field": "article" });
  dd.appendChild(linkOrText(head.url || here.article_url, head.title || artId));
  const meta = [head.source, head.date].filter(Boolean).join(" · ");
  if (meta) dd.appendChild(document.createTextNode(` · ${meta}`));
  fields.appendChild(dd);
  renderReports(ev, mentions, artId);

  // Where the event sits in this article: its mention here, or the event's own trigger.
  let trig = null;
  if (here.article_id) trig = spanOf(here.trigger) || spanOf(here);
  if (!trig && (ev.article_id === artId || !ev.article_id)) trig = spanOf(ev.trigger);
  let evidence = null;
  const sentences = article.sentences || [];
  if (here.article_id && Number.isInteger(here.sentence) && sentences[here.sentence]) evidence = sentences[here.sentence];
  else if (trig) evidence = sentenceAt(article, trig.start);
  const text = articleText(article);
  const target = $("#detail-text");
  clear(target);
  target.appendChild(highlight(text, articleMarks(article, evidence, trig)));

  const legend = $("#detail-legend");
  clear(legend);
  for (const k of ["evidence", "trigger", "actor", "date", "place", "quote"]) {
    legend.appendChild(el("span", { class: `hl hl-${k}` }, t(`hl_${k}`)));
  }
}

// -- loading ---------------------------------------------------------------------------
async function loadEvents() {
  try {
    const data = await getJSON(withParams("/api/events", { limit: PAGE, offset: state.offset, sort: state.sort }));
    state.cache.events = data;
    renderTable(data);
  } catch (err) {
    setStatus(t("error", { msg: err.message }), true);
  }
}

async function loadAll() {
  updateDownloads();
  const problem = rangeProblem();
  if (problem) { // nothing to ask the server: it would refuse every request
    setStatus(problem, true);
    document.body.dataset.loads = String(++state.loads);
    return;
  }
  setStatus(t("loading"));
  try {
    await ensureWorld();
    const [events, timeline, actors, pairs, map, years] = await Promise.all([
      getJSON(withParams("/api/events", { limit: PAGE, offset: state.offset, sort: state.sort })),
      getJSON(withParams("/api/timeline", { interval: state.interval })),
      getJSON(withParams("/api/stats", { by: "actor", limit: 10 })),
      getJSON(withParams("/api/network")),
      getJSON(withParams("/api/map")),
      getJSON(withParams("/api/years")),
    ]);
    Object.assign(state.cache, { events, timeline, actors, pairs, map, years });
    renderAll();
    setStatus("");
  } catch (err) {
    setStatus(t("error", { msg: err.message }), true);
  }
  document.body.dataset.loads = String(++state.loads); // lets tests wait for a reload
}

function renderAll() {
  const c = state.cache;
  if (c.events) renderTable(c.events);
  if (c.timeline) renderTimeline(c.timeline);
  if (c.actors) renderActors(c.actors.rows);
  if (c.pairs) renderNetwork(c.pairs);
  if (c.map) renderMap(c.map);
  renderYears(c.years);
  if (state.detail && !$("#detail-panel").hidden) renderDetail(...state.detail);
}

function applyFilters() {
  state.offset = 0;
  saveView(true);
  loadAll();
}

// Back and forward: the hash holds the view; rebuild it.
async function restoreView() {
  const eventId = formFromHash();
  showSortOrder();
  await loadAll();
  if (eventId) showEvent(eventId, null, false);
  else { $("#detail-panel").hidden = true; state.selected = null; }
}

async function init() {
  state.strings = await getJSON("/static/i18n.json");
  state.lang = chooseLanguage();
  const meta = await getJSON("/api/meta");
  const typeSelect = $("#filters select[name=type]");
  for (const type of meta.types) typeSelect.appendChild(el("option", { value: type }, type));
  const labels = await loadLabels();
  for (const mode of labels.modes || []) $("#filters select[name=mode]").appendChild(el("option", { value: mode }, mode));
  for (const code of labels.sector_codes || []) $("#filters select[name=sector]").appendChild(el("option", { value: code }, code));
  applyLanguage();
  const eventId = formFromHash();
  window.addEventListener("popstate", () => { restoreView(); });
  $("#zoom-in").addEventListener("click", () => zoomMap(0.5));
  $("#zoom-out").addEventListener("click", () => zoomMap(2));
  $("#zoom-fit").addEventListener("click", () => setMapBox(fitBox((state.cache.map || { points: [] }).points)));

  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  $("#filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
  $("#lang").addEventListener("change", async (ev) => {
    state.lang = ev.target.value;
    localStorage.setItem("cronica.lang", state.lang);
    applyLanguage();
    renderAll();
    try { await loadLabels(); } catch (err) { setStatus(t("error", { msg: err.message }), true); }
    applyLanguage(); // names of countries and sectors in the new language
    renderAll();
  });
  $("#interval").addEventListener("change", async (ev) => {
    state.interval = ev.target.value;
    try {
      state.cache.timeline = await getJSON(withParams("/api/timeline", { interval: state.interval }));
      renderTimeline(state.cache.timeline);
    } catch (err) { setStatus(t("error", { msg: err.message }), true); }
  });
  // Sortable columns: a first click sorts descending, the next one ascending.
  for (const btn of document.querySelectorAll("#events button.sort")) {
    btn.addEventListener("click", () => {
      const key = btn.dataset.sort;
      state.sort = state.sort === `-${key}` ? key : `-${key}`;
      state.offset = 0;
      showSortOrder();
      saveView(true);
      loadEvents();
    });
  }
  showSortOrder();
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); saveView(true); loadEvents(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; saveView(true); loadEvents(); });
  $("#close-detail").addEventListener("click", () => {
    $("#detail-panel").hidden = true; state.selected = null; saveView(true);
  });
  await loadAll();
  if (eventId) showEvent(eventId, null, false);
}

document.addEventListener("DOMContentLoaded", () => {
  init().catch((err) => setStatus(`cronica: ${err.message}`, true));
});
