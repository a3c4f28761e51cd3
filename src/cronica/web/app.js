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
};

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

function formFromHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const form = $("#filters");
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.type === "checkbox") input.checked = params.getAll(input.name).includes(input.value);
    else if (params.has(input.name)) input.value = params.get(input.name);
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
  const rowH = 19;
  root.setAttribute("viewBox", `0 0 420 ${rows.length * rowH + 4}`);
  rows.forEach((r, i) => {
    const w = (300 * r.count) / max;
    const g = svg("g", { class: "actor-row", "data-code": r.key });
    g.appendChild(svg("text", { x: 78, y: i * rowH + 13, "text-anchor": "end" }, r.key));
    g.appendChild(svg("rect", { class: "hbar", x: 84, y: i * rowH + 3, width: w.toFixed(1), height: rowH - 6 }));
    g.appendChild(svg("text", { x: 88 + w, y: i * rowH + 13 }, String(r.count)));
    g.appendChild(svg("title", {}, `${r.key}: ${r.count}`));
    g.addEventListener("click", () => { $("#filters").elements.actor.value = r.key; applyFilters(); });
    root.appendChild(g);
  });
}

// Actors on a circle, heaviest first; an arrow per pair (actor -> recipient), its width
// by count. A circle keeps every label readable without a force simulation.
function renderNetwork(pairs) {
  const root = $("#network");
  clear(root);
  pairs = pairs.filter((p) => p.actor && p.recipient && p.actor !== p.recipient).slice(0, 14);
  if (!pairs.length) return;
  const W = 420, H = 300, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 34;
  const weight = {};
  for (const p of pairs) {
    weight[p.actor] = (weight[p.actor] || 0) + p.count;
    weight[p.recipient] = (weight[p.recipient] || 0) + p.count;
  }
  // Order of first appearance in the (biggest first) pairs: partners sit side by side.
  const nodes = [...new Set(pairs.flatMap((p) => [p.actor, p.recipient]))];
  const pos = {};
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    pos[n] = [cx + rad * Math.cos(a), cy + rad * Math.sin(a), a];
  });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, markerUnits: "userSpaceOnUse", orient: "auto" });
  marker.appendChild(svg("path", { d: "M0 0L10 5L0 10z", fill: "#1f5f8b" }));
  defs.appendChild(marker);
  root.appendChild(defs);
  const maxC = Math.max(...pairs.map((p) => p.count));
  const maxW = Math.max(...Object.values(weight));
  const nodeR = (n) => 3.5 + 4.5 * Math.sqrt(weight[n] / maxW);
  for (const p of pairs) {
    const [x1, y1] = pos[p.actor], [x2, y2] = pos[p.recipient];
    const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
    const r1 = nodeR(p.actor), r2 = nodeR(p.recipient) + 1;
    const line = svg("line", { class: "edge",
      x1: (x1 + (dx * r1) / len).toFixed(1), y1: (y1 + (dy * r1) / len).toFixed(1),
      x2: (x2 - (dx * r2) / len).toFixed(1), y2: (y2 - (dy * r2) / len).toFixed(1),
      "stroke-width": (0.8 + (3 * p.count) / maxC).toFixed(1), "marker-end": "url(#arrow)",
      "data-actor": p.actor, "data-recipient": p.recipient });
    line.appendChild(svg("title", {}, `${p.actor} → ${p.recipient}: ${p.count}`));
    line.addEventListener("click", () => {
      const f = $("#filters").elements;
      f.actor.value = p.actor; f.recipient.value = p.recipient; applyFilters();
    });
    root.appendChild(line);
  }
  for (const n of nodes) {
    const [x, y, a] = pos[n];
    const g = svg("g", { class: "node", "data-code": n });
    g.appendChild(svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: nodeR(n).toFixed(1) }));
    // label outside the circle, on the node's radius
    const lx = x + Math.cos(a) * (nodeR(n) + 4), ly = y + Math.sin(a) * (nodeR(n) + 4) + 3;
    const anchor = Math.abs(Math.cos(a)) < 0.3 ? "middle" : Math.cos(a) > 0 ? "start" : "end";
    g.appendChild(svg("text", { x: lx.toFixed(1), y: (Math.sin(a) > 0.9 ? ly + 6 : ly).toFixed(1),
      "text-anchor": anchor }, n));
    g.appendChild(svg("title", {}, `${n}: ${weight[n]}`));
    g.addEventListener("click", () => { $("#filters").elements.actor.value = n; applyFilters(); });
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

function renderMap(data) {
  const layer = $("#points");
  clear(layer);
  clear($("#place-events"));
  $("#map-note").textContent = data.points.length ? "" : t("no_points");
  const max = Math.max(1, ...data.points.map((p) => p.count));
  // Biggest first, so small points stay clickable on top of big ones.
  for (const p of [...data.points].sort((a, b) => b.count - a.count)) {
    const c = svg("circle", {
      class: "point", cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2),
      r: (1.4 + 3 * Math.sqrt(p.count / max)).toFixed(2),
      "data-id": p.events[0] ? p.events[0].id : "", "data-count": p.count, "data-name": p.name || "",
    });
    c.appendChild(svg("title", {}, `${p.name || ""} (${p.country || "?"}): ${p.count}`));
    c.addEventListener("click", () => selectPlace(p, c));
    layer.appendChild(c);
  }
}

function selectPlace(p, circle) {
  for (const c of document.querySelectorAll("#map .point.selected")) c.classList.remove("selected");
  circle.classList.add("selected");
  const list = $("#place-events");
  clear(list);
  list.appendChild(el("li", {}, t("places_events", { name: p.name || "?", n: p.count })));
  for (const e of p.events) {
    const li = el("li");
    const a = el("a", { "data-id": e.id }, `${e.date || "?"} · ${e.event} · ${e.actor || "?"} → ${e.recipient || "?"}`);
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
    tr.appendChild(el("td", { class: "code" }, e.actor ? e.actor.code : ""));
    tr.appendChild(el("td", { class: "code" }, e.recipient ? e.recipient.code : ""));
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
  $("#summary").textContent = t("total_events", { n: total });
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

async function showEvent(id, articleId = null) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
  const panel = $("#detail-panel");
  panel.hidden = false;
  setStatus(t("loading"));
  try {
    const ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    const mentions = mentionsOf(ev);
    const artId = articleId || (mentions[0] && mentions[0].article_id) || ev.article_id
      || (ev.article_ids || [])[0];
    const article = await getJSON(`/api/articles/${encodeURIComponent(artId)}`);
    state.detail = [ev, article, mentions, artId];
    renderDetail(ev, article, mentions, artId);
    setStatus("");
    panel.scrollIntoView({ block: "start" });
    const ev0 = $("#detail-text mark");
    if (ev0) $("#detail-text").scrollTop = Math.max(0, ev0.offsetTop - $("#detail-text").offsetTop - 40);
  } catch (err) {
    setStatus(t("error", { msg: err.message }), true);
  }
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
  const local = localEvent(ev, article, mentions, artId);
  const rows = [
    [t("type"), typeName(ev.event)],
    [t("date"), (ev.date || "?") + (ev.date_inferred ? ` (${t("date_inferred")})` : "")],
    [t("actor"), ev.actor ? `${ev.actor.code} · ${ev.actor.text}` : "—"],
    [t("recipient"), ev.recipient ? `${ev.recipient.code} · ${ev.recipient.text}` : "—"],
    [t("place"), loc.name ? `${loc.name}${loc.country ? " (" + loc.country + ")" : ""}` : "—"],
    [t("sources"), String(ev.n_sources ?? 1)],
    [t("mode"), ev.mode || "—"],
    [t("aux_mode"), auxText(ev, local)],
    [t("chain"), chainText(local, article, head)],
    [t("confidence"), ev.confidence != null ? String(ev.confidence) : "—"],
    [t("article"), [head.title || artId, head.source, head.date].filter(Boolean).join(" · ")],
  ];
  for (const [k, v] of rows) { fields.appendChild(el("dt", {}, k)); fields.appendChild(el("dd", {}, v)); }

  // Other articles that report the same (merged) event.
  const box = $("#detail-mentions");
  clear(box);
  const others = [...new Set(mentions.map((m) => m.article_id).filter(Boolean))];
  if (others.length > 1) {
    box.appendChild(document.createTextNode(`${t("reported_in")}: `));
    others.forEach((a, i) => {
      const link = el("a", { "data-article": a }, a);
      link.addEventListener("click", () => showEvent(ev.id, a));
      if (i) box.appendChild(document.createTextNode(", "));
      box.appendChild(link);
    });
  }

  // Where the event sits in this article: its mention here, or the event's own trigger.
  const here = mentions.find((m) => m.article_id === artId);
  let trig = null;
  if (here) trig = spanOf(here.trigger) || spanOf(here);
  if (!trig && (ev.article_id === artId || !ev.article_id)) trig = spanOf(ev.trigger);
  let evidence = null;
  const sentences = article.sentences || [];
  if (here && Number.isInteger(here.sentence) && sentences[here.sentence]) evidence = sentences[here.sentence];
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
  setStatus(t("loading"));
  try {
    await ensureWorld();
    const [events, timeline, actors, pairs, map] = await Promise.all([
      getJSON(withParams("/api/events", { limit: PAGE, offset: state.offset, sort: state.sort })),
      getJSON(withParams("/api/timeline", { interval: state.interval })),
      getJSON(withParams("/api/stats", { by: "actor", limit: 10 })),
      getJSON(withParams("/api/stats", { by: "pair", limit: 14 })),
      getJSON(withParams("/api/map")),
    ]);
    Object.assign(state.cache, { events, timeline, actors, pairs, map });
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
  if (c.pairs) renderNetwork(c.pairs.rows);
  if (c.map) renderMap(c.map);
  if (state.detail && !$("#detail-panel").hidden) renderDetail(...state.detail);
}

function applyFilters() {
  state.offset = 0;
  const q = filterParams().toString();
  history.replaceState(null, "", q ? `#${q}` : location.pathname);
  loadAll();
}

async function init() {
  state.strings = await getJSON("/static/i18n.json");
  state.lang = chooseLanguage();
  const meta = await getJSON("/api/meta");
  const typeSelect = $("#filters select[name=type]");
  for (const type of meta.types) typeSelect.appendChild(el("option", { value: type }, type));
  applyLanguage();
  formFromHash();

  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  $("#filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
  $("#lang").addEventListener("change", (ev) => {
    state.lang = ev.target.value;
    localStorage.setItem("cronica.lang", state.lang);
    applyLanguage();
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
      loadEvents();
    });
  }
  showSortOrder();
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  $("#close-detail").addEventListener("click", () => { $("#detail-panel").hidden = true; state.selected = null; });
  await loadAll();
}

document.addEventListener("DOMContentLoaded", () => {
  init().catch((err) => setStatus(`cronica: ${err.message}`, true));
});
