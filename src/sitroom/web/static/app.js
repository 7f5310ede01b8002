// The situation room page: map, timeline, event list and event panel over the JSON API.
// Plain JS, no build step. Article text is untrusted: it only ever reaches the page through
// textContent / text nodes (the el() helper), never as markup, and links only keep http(s) URLs.
"use strict";
(() => {
  const FILTER_KEYS = ["since", "until", "type", "sub_type", "plover", "actor", "country", "place",
                       "min_sources", "min_confidence", "q", "bbox"];
  const COLORS = {
    "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
    "Protests": "#1f77b4", "Riots": "#d4a700", "Strategic developments": "#2ca02c",
  };
  const PAGE = 50;
  const color = (type) => COLORS[type] || "#7f7f7f";
  const $ = (id) => document.getElementById(id);
  let params = new URLSearchParams(location.search);
  let generation = 0;
  let facets = { dates: [null, null] };

  // --- helpers ---------------------------------------------------------------------------------
  function el(tag, cls, ...children) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function safeUrl(value) {
    try {
      const url = new URL(value, location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }
  function setParams(changes) {
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === "") params.delete(k); else params.set(k, v);
    }
    const query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }
  function filterQuery() {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) if (params.get(k)) q.set(k, params.get(k));
    return q;
  }
  async function getJSON(url) {
    const response = await fetch(url);
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = JSON.stringify((await response.json()).detail); } catch (e) { /* keep statusText */ }
      throw new Error(`${response.status} ${detail}`);
    }
    return response.json();
  }
  const isoDay = (d) => d.toISOString().slice(0, 10);

  // --- map -------------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 });
  const view = (params.get("map") || "").split("/").map(Number);
  if (view.length === 3 && view.every(Number.isFinite)) map.setView([view[1], view[2]], view[0]);
  else if (params.get("bbox")) {
    const [w, s, e, n] = params.get("bbox").split(",").map(Number);
    map.fitBounds([[s, w], [n, e]]);
  } else map.setView([25, 20], 2);
  map.createPane("basemap").style.zIndex = 250;
  let basemap = null;
  fetch("/api/basemap.geojson").then((r) => r.json()).then((world) => {
    basemap = L.geoJSON(world, { pane: "basemap", interactive: false,
      style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f2efe6", fillOpacity: tilesOn() ? 0 : 1 } }).addTo(map);
  });
  const tilesUrl = document.body.dataset.tiles;
  let tiles = null;
  function tilesOn() { return Boolean(tilesUrl) && localStorage.getItem("sitroom.tiles") === "1"; }
  function applyTiles() {
    if (tilesOn() && !tiles) tiles = L.tileLayer(tilesUrl, { attribution: "© OpenStreetMap contributors" }).addTo(map);
    if (!tilesOn() && tiles) { map.removeLayer(tiles); tiles = null; }
    if (basemap) basemap.setStyle({ fillOpacity: tilesOn() ? 0 : 1 });
  }
  if (tilesUrl) {
    $("tiles-setting").hidden = false;
    $("tiles-toggle").checked = tilesOn();
    $("tiles-toggle").addEventListener("change", (e) => {
      localStorage.setItem("sitroom.tiles", e.target.checked ? "1" : "0");
      applyTiles();
    });
    applyTiles();
  }
  const cluster = L.markerClusterGroup({
    maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: (c) => L.divIcon({ html: String(c.getChildCount()), className: "sr-cluster",
                                           iconSize: [34, 34] }),
  }).addTo(map);
  cluster.on("click", (e) => openEvent(e.layer.options.eventId));
  map.on("moveend", () => {
    const c = map.getCenter();
    setParams({ map: `${map.getZoom()}/${c.lat.toFixed(3)}/${c.lng.toFixed(3)}` });
    if ($("filters").elements.in_view.checked) {
      const b = map.getBounds();
      const box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((x, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, x)).toFixed(3)).join(",");
      if (box !== params.get("bbox")) { setParams({ bbox: box, offset: null }); refresh(); }
    }
  });
  function drawPoints(data) {
    cluster.clearLayers();
    const fills = data.types.map(color); // points carry an index into data.types
    const layers = data.points.map(([id, lat, lon, type, fatalities]) => L.circleMarker([lat, lon], {
      radius: 4 + Math.min(12, 2 * Math.sqrt(fatalities || 0)), color: "#ffffff", weight: 1,
      fillColor: fills[type], fillOpacity: 0.85, className: "sr-point", eventId: id,
    }));
    cluster.addLayers(layers);
    document.body.dataset.points = String(layers.length);
    document.body.dataset.truncated = data.truncated ? "1" : "0";
  }
  function drawLegend(types) {
    const legend = $("legend");
    legend.replaceChildren();
    for (const type of types) {
      const item = el("span", null, type);
      item.style.setProperty("--c", color(type));
      legend.append(item);
    }
  }

  // --- timeline --------------------------------------------------------------------------------
  const svgNS = "http://www.w3.org/2000/svg";
  const timeline = $("timeline");
  let scale = null; // {start, end} in ms, for brushing
  function interval() {
    const since = params.get("since") || facets.dates[0];
    const until = params.get("until") || facets.dates[1];
    if (!since || !until) return "day";
    const days = (Date.parse(until) - Date.parse(since)) / 864e5;
    return days <= 120 ? "day" : days <= 1100 ? "week" : "month";
  }
  function periodStart(p) { return Date.parse(p.length === 7 ? p + "-01" : p); }
  function periodEnd(p, unit) {
    const d = new Date(periodStart(p));
    if (unit === "month") d.setUTCMonth(d.getUTCMonth() + 1); else d.setUTCDate(d.getUTCDate() + (unit === "week" ? 7 : 1));
    return d.getTime();
  }
  function drawTimeline(rows, unit) {
    timeline.replaceChildren();
    const width = timeline.clientWidth || 600, height = timeline.clientHeight || 100;
    const total = rows.reduce((n, r) => n + r.events, 0);
    $("timeline-label").textContent = `${total.toLocaleString()} events per ${unit}` +
      (params.get("since") || params.get("until") ? ` (${params.get("since") || "…"} to ${params.get("until") || "…"})` : "");
    document.body.dataset.total = String(total);
    if (!rows.length) { scale = null; return; }
    const start = Math.min(...rows.map((r) => periodStart(r.period)));
    const end = Math.max(...rows.map((r) => periodEnd(r.period, unit)));
    scale = { start, end, width };
    const stacks = new Map();
    for (const r of rows) {
      const s = stacks.get(r.period) || [];
      s.push(r);
      stacks.set(r.period, s);
    }
    const max = Math.max(...[...stacks.values()].map((s) => s.reduce((n, r) => n + r.events, 0)));
    const x = (t) => ((t - start) / (end - start)) * width;
    for (const [period, stack] of stacks) {
      const x0 = x(periodStart(period)), w = Math.max(1, x(periodEnd(period, unit)) - x0 - 0.5);
      let y = height;
      for (const r of stack) {
        const h = (r.events / max) * (height - 4);
        y -= h;
        const rect = document.createElementNS(svgNS, "rect");
        rect.setAttribute("x", x0); rect.setAttribute("y", y);
        rect.setAttribute("width", w); rect.setAttribute("height", h);
        rect.setAttribute("fill", color(r.key));
        const title = document.createElementNS(svgNS, "title");
        title.textContent = `${period} ${r.key || ""}: ${r.events} events, ${r.fatalities} fatalities`;
        rect.append(title);
        timeline.append(rect);
      }
    }
  }
  let brushFrom = null;
  const brush = document.createElementNS(svgNS, "rect");
  brush.setAttribute("class", "brush");
  const localX = (e) => e.clientX - timeline.getBoundingClientRect().left;
  timeline.addEventListener("mousedown", (e) => {
    if (!scale) return;
    brushFrom = localX(e);
    brush.setAttribute("x", brushFrom); brush.setAttribute("y", 0);
    brush.setAttribute("width", 0); brush.setAttribute("height", timeline.clientHeight);
    timeline.append(brush);
  });
  window.addEventListener("mousemove", (e) => {
    if (brushFrom === null) return;
    const to = Math.max(0, Math.min(scale.width, localX(e)));
    brush.setAttribute("x", Math.min(brushFrom, to));
    brush.setAttribute("width", Math.abs(to - brushFrom));
  });
  window.addEventListener("mouseup", (e) => {
    if (brushFrom === null) return;
    const to = Math.max(0, Math.min(scale.width, localX(e)));
    const [a, b] = [Math.min(brushFrom, to), Math.max(brushFrom, to)];
    brushFrom = null;
    brush.remove();
    if (b - a < 3) return;
    const at = (px) => new Date(scale.start + (px / scale.width) * (scale.end - scale.start));
    const until = new Date(at(b).getTime() - 1);
    setParams({ since: isoDay(at(a)), until: isoDay(until), offset: null });
    syncForm();
    refresh();
  });
  $("all-dates").addEventListener("click", () => { setParams({ since: null, until: null, offset: null }); syncForm(); refresh(); });

  // --- list ------------------------------------------------------------------------------------
  function typeLabel(ev) { return ev.acled_sub_event_type || ev.acled_event_type || ev.plover || "event"; }
  function drawList(page) {
    const list = $("events");
    list.replaceChildren();
    for (const ev of page.events) {
      const type = el("span", "ev-type", typeLabel(ev));
      type.style.setProperty("--c", color(ev.acled_event_type || ev.plover));
      const where = [ev.place, ev.country].filter(Boolean).join(", ");
      const item = el("li", null,
        el("div", "ev-head", type, el("span", "ev-meta", ev.date_start || "undated"), el("span", "ev-meta", where)),
        el("div", "ev-meta", [ev.actor1, ev.actor2].filter(Boolean).join(" vs "),
           ev.fatalities ? ` · ${ev.fatalities} killed` : "", ` · ${ev.n_sources} source${ev.n_sources === 1 ? "" : "s"}`),
        el("div", "ev-text", ev.evidence_text || ""));
      item.dataset.id = ev.id;
      item.tabIndex = 0;
      item.addEventListener("click", () => openEvent(ev.id));
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(ev.id); });
      list.append(item);
    }
    const offset = page.offset;
    $("count").textContent = page.events.length
      ? `events ${offset + 1}–${offset + page.events.length}${page.more ? " (more)" : ""}` : "no events";
    $("prev").disabled = offset === 0;
    $("next").disabled = !page.more;
  }
  $("prev").addEventListener("click", () => { setParams({ offset: Math.max(0, Number(params.get("offset") || 0) - PAGE) || null }); loadList(generation); });
  $("next").addEventListener("click", () => { setParams({ offset: Number(params.get("offset") || 0) + PAGE }); loadList(generation); });
  $("sort").addEventListener("change", (e) => { setParams({ sort: e.target.value === "-date" ? null : e.target.value, offset: null }); loadList(generation); });

  // --- event panel -----------------------------------------------------------------------------
  function sentence(text, highlights) {
    const chars = Array.from(text); // offsets are Unicode code points, as in Python
    const node = el("p", "sentence");
    let at = 0;
    for (const h of highlights) {
      if (h.start < at) continue;
      node.append(chars.slice(at, h.start).join(""));
      const mark = el("mark", "hl-" + h.kind, chars.slice(h.start, h.end).join(""));
      mark.title = h.kind;
      node.append(mark);
      at = h.end;
    }
    node.append(chars.slice(at).join(""));
    return node;
  }
  function count(ev, kind) {
    const c = (ev.counts || {})[kind];
    if (!c || c.best === null || c.best === undefined) return ev[kind] === null || ev[kind] === undefined ? null : String(ev[kind]);
    const range = c.low !== c.best || c.high !== c.best ? ` (${c.low ?? "?"}–${c.high ?? "?"})` : "";
    return `${c.best}${range}`;
  }
  function facts(pairs) {
    const dl = el("dl", "facts");
    for (const [k, v] of pairs) if (v !== null && v !== undefined && v !== "") dl.append(el("dt", null, k), el("dd", null, v));
    return dl;
  }
  function sourceCard(s) {
    const url = safeUrl(s.url);
    const title = url ? el("a", null, s.title || s.url) : el("span", null, s.title || "(untitled)");
    if (url) { title.href = url; title.target = "_blank"; title.rel = "noopener noreferrer"; }
    const card = el("div", "source",
      el("div", null, el("span", "outlet", s.outlet || "unknown outlet"), " · ", s.published || "", " · ", title));
    if (s.sentence) card.append(sentence(s.sentence, s.highlights || []));
    if (s.quote) {
      const who = [s.quote.speaker, s.quote.role, s.quote.org].filter(Boolean).join(", ");
      card.append(el("blockquote", "quote", `“${s.quote.text}”`, who ? el("span", "speaker", ` — ${who}`) : null));
    }
    const more = el("button", null, "full text");
    more.type = "button";
    more.addEventListener("click", async () => {
      more.disabled = true;
      try {
        const doc = await getJSON(`/api/documents/${encodeURIComponent(s.document)}`);
        card.append(el("div", "doc-text", doc.text));
      } catch (err) { card.append(el("p", "error", String(err))); }
    });
    card.append(more);
    return card;
  }
  async function openEvent(id) {
    if (!id) return;
    setParams({ event: id });
    for (const li of document.querySelectorAll("#events li")) li.classList.toggle("active", li.dataset.id === id);
    const body = $("panel-body");
    $("panel").hidden = false;
    body.replaceChildren(el("p", null, "loading…"));
    try {
      const ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
      if (params.get("event") !== id) return;
      const where = [ev.place, ev.admin1, ev.country].filter(Boolean).join(", ");
      body.replaceChildren(
        el("h2", null, [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" — ") || ev.plover),
        facts([["date", ev.date_start ? `${ev.date_start}${ev.date_end && ev.date_end !== ev.date_start ? " to " + ev.date_end : ""} (${ev.date_precision || "?"})` : "undated"],
               ["place", where], ["actor 1", ev.actor1], ["actor 2", ev.actor2],
               ["fatalities", count(ev, "fatalities")], ["injured", count(ev, "injured")],
               ["displaced", count(ev, "displaced")],
               ["contested", ev.contested.length ? el("span", "contested", ev.contested.join(", ")) : null],
               ["PLOVER", [ev.plover, ev.mode].filter(Boolean).join(" / ")],
               ["sources", `${ev.n_sources} independent, ${ev.n_documents} articles`],
               ["confidence", ev.confidence.toFixed(2)], ["flags", [ev.negated && "negated", ev.hypothetical && "hypothetical"].filter(Boolean).join(", ")],
               ["id", ev.id]]),
        ...ev.sources.map(sourceCard));
      body.dataset.event = ev.id;
    } catch (err) {
      body.replaceChildren(el("p", "error", String(err)));
    }
  }
  $("close").addEventListener("click", () => { $("panel").hidden = true; setParams({ event: null }); });

  // --- filters and loading ---------------------------------------------------------------------
  const form = $("filters");
  function syncForm() {
    for (const k of FILTER_KEYS) if (form.elements[k]) form.elements[k].value = params.get(k) || "";
    form.elements.in_view.checked = Boolean(params.get("bbox"));
    $("sort").value = params.get("sort") || "-date";
  }
  form.addEventListener("change", (e) => {
    const name = e.target.name;
    if (name === "in_view") {
      if (!e.target.checked) setParams({ bbox: null });
      else { map.fire("moveend"); return; }
    } else if (FILTER_KEYS.includes(name)) setParams({ [name]: e.target.value.trim() });
    setParams({ offset: null });
    refresh();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  $("reset").addEventListener("click", () => {
    for (const k of [...FILTER_KEYS, "offset", "sort", "event"]) params.delete(k);
    setParams({});
    syncForm();
    refresh();
  });
  function fillSelect(name, values) {
    const select = form.elements[name];
    for (const v of values) select.append(new Option(v, v));
    select.value = params.get(name) || "";
  }
  async function loadList(gen) {
    const q = filterQuery();
    q.set("limit", PAGE);
    if (params.get("offset")) q.set("offset", params.get("offset"));
    if (params.get("sort")) q.set("sort", params.get("sort"));
    const page = await getJSON("/api/events?" + q);
    if (gen === generation) drawList(page);
  }
  async function refresh() {
    const gen = ++generation;
    document.body.dataset.ready = "0";
    const q = filterQuery();
    for (const a of ["csv", "geojson", "plover"]) {
      const link = $("export-" + a);
      link.href = `/api/export/${a === "csv" ? "acled-csv" : a}?${q}`;
    }
    const unit = interval();
    try {
      const [pts, agg] = await Promise.all([
        getJSON("/api/points?" + q),
        getJSON(`/api/aggregates?${q}&interval=${unit}&by=type`),
        loadList(gen),
      ]);
      if (gen !== generation) return;
      drawPoints(pts);
      drawTimeline(agg, unit);
      document.body.dataset.ready = "1";
    } catch (err) {
      if (gen === generation) { $("count").textContent = `error: ${err.message}`; document.body.dataset.ready = "error"; }
    }
  }

  async function start() {
    syncForm();
    const menus = getJSON("/api/facets").then((data) => {
      facets = data;
      fillSelect("type", facets.type);
      fillSelect("sub_type", facets.sub_type);
      fillSelect("plover", facets.plover);
      drawLegend(facets.type);
    }).catch((err) => { $("count").textContent = `error: ${err.message}`; });
    // the timeline's interval needs the store's date range only when the filter has none
    if (!(params.get("since") && params.get("until"))) await menus;
    await refresh();
    if (params.get("event")) openEvent(params.get("event"));
  }
  start();
})();
