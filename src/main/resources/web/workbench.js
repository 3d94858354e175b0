// The peacepath workbench: the negotiation state as a few clicks, the answer at once.
// Everything here talks to the same server's API; nothing is fetched from another host.
"use strict";

const PARTIES = ["US", "DPRK", "ROK", "PRC", "JAPAN", "RUSSIA"];
const $ = (id) => document.getElementById(id);

const model = {
  rulesets: [],      // from GET /v1/rulesets
  catalog: [],       // from GET /v1/steps
  ruleset: "sigal",
  counts: {},        // step id -> times taken
  parties: {},       // step id -> parties, where they differ from the required ones
  goal: "",
  decision: null,
  graphs: {},        // "name@revision" -> graph
};

// ---- talking to the API -------------------------------------------------------------------

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* not JSON: said below */ }
  if (!response.ok) {
    const error = new Error(json && json.error ? json.error : `The server answered ${response.status}.`);
    error.details = json && json.details ? json.details : [];
    throw error;
  }
  return json !== null ? json : text;
}

function showError(error) {
  const box = $("api-error");
  if (!error) { box.hidden = true; box.textContent = ""; return; }
  const details = (error.details || []).map((d) => `• ${d.field}: ${d.message}`).join("\n");
  box.textContent = "The server could not answer: " + error.message + (details ? "\n" + details : "");
  box.hidden = false;
}

// ---- the state, as the API takes it and as the address keeps it --------------------------

function requestBody() {
  const completed = [];
  for (const step of model.catalog) {
    const times = model.counts[step.id] || 0;
    for (let i = 0; i < times; i++) {
      const entry = { step: step.id };
      if (model.parties[step.id]) entry.parties = model.parties[step.id];
      completed.push(entry);
    }
  }
  return { ruleset: model.ruleset, completed };
}

function saveToAddress() {
  const params = new URLSearchParams();
  params.set("ruleset", model.ruleset);
  const done = model.catalog.filter((s) => model.counts[s.id])
    .map((s) => (model.counts[s.id] > 1 ? `${s.id}*${model.counts[s.id]}` : s.id));
  if (done.length) params.set("done", done.join(","));
  const parties = Object.entries(model.parties).map(([id, list]) => `${id}:${list.join(".")}`);
  if (parties.length) params.set("parties", parties.join(","));
  if (model.goal) params.set("goal", model.goal);
  history.replaceState(null, "", "?" + params.toString());
}

function loadFromAddress() {
  const params = new URLSearchParams(location.search);
  if (params.get("ruleset")) model.ruleset = params.get("ruleset");
  for (const item of (params.get("done") || "").split(",").filter(Boolean)) {
    const [id, times] = item.split("*");
    model.counts[id] = Number(times || 1);
  }
  for (const item of (params.get("parties") || "").split(",").filter(Boolean)) {
    const [id, list] = item.split(":");
    model.parties[id] = (list || "").split(".").filter(Boolean);
  }
  model.goal = params.get("goal") || "";
}

function loadBody(body) {
  if (!body || !Array.isArray(body.completed)) {
    throw new Error("the file is not a peacepath state: it needs a \"completed\" list");
  }
  model.counts = {};
  model.parties = {};
  for (const entry of body.completed) {
    const id = typeof entry === "string" ? entry : entry.step;
    model.counts[id] = (model.counts[id] || 0) + 1;
    if (entry.parties) model.parties[id] = entry.parties;
  }
  if (body.ruleset) model.ruleset = body.ruleset;
}

// ---- drawing --------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function title(id) {
  const step = model.catalog.find((s) => s.id === id);
  return step ? step.title : id;
}

function drawSteps() {
  const box = $("steps");
  box.replaceChildren();
  for (const step of model.catalog) {
    const row = el("div", { class: "step-row", "data-step": step.id });
    const inputId = (step.repeatable ? "count-" : "step-") + step.id;
    const input = step.repeatable
      ? el("input", { type: "number", id: inputId, min: "0", max: "99", value: String(model.counts[step.id] || 0),
        "aria-describedby": "kind-" + step.id })
      : el("input", { type: "checkbox", id: inputId, "aria-describedby": "kind-" + step.id });
    if (!step.repeatable) input.checked = !!model.counts[step.id];
    input.addEventListener("change", () => {
      const value = step.repeatable ? Math.max(0, Math.min(99, Number(input.value) || 0)) : (input.checked ? 1 : 0);
      if (value) model.counts[step.id] = value; else delete model.counts[step.id];
      refresh();
    });
    const label = el("label", { for: inputId }, step.title + (step.repeatable ? " (times)" : ""));
    row.append(label, input);
    const details = el("details", {}, el("summary", {}, "Parties: ", el("span", { id: "kind-" + step.id },
      (model.parties[step.id] || step.parties).join(", ") + " · " + step.kind)));
    const chosen = model.parties[step.id] || step.parties;
    for (const party of PARTIES) {
      const id = `party-${step.id}-${party}`;
      const box = el("input", { type: "checkbox", id });
      box.checked = chosen.includes(party);
      box.addEventListener("change", () => {
        const now = PARTIES.filter((p) => $(`party-${step.id}-${p}`).checked);
        const same = now.length === step.parties.length && step.parties.every((p) => now.includes(p));
        if (same) delete model.parties[step.id]; else model.parties[step.id] = now;
        refresh();
      });
      const required = step.parties.includes(party) ? " (required)" : "";
      details.append(el("label", { for: id }, box, " " + party + required));
    }
    row.append(details);
    box.append(row);
  }
}

function drawDecision(decision) {
  const counted = new Set(decision.completed);
  const notCounted = new Set(decision.notCounted.map((n) => n.step));
  for (const row of document.querySelectorAll(".step-row")) {
    row.classList.toggle("is-completed", counted.has(row.dataset.step));
    row.classList.toggle("is-not-counted", notCounted.has(row.dataset.step));
  }
  $("advisories").replaceChildren(...decision.advisories.map((a) => el("p", { title: a.rule }, "Advisory: " + a.text)));
  $("not-counted").replaceChildren(...decision.notCounted.map((n) => el("p", {}, "Not counted: " + n.reason)));
  $("unlocked").replaceChildren(...decision.unlocked.map((u) => el("li", { "data-step": u.id },
    el("button", { type: "button", class: "take", "aria-label": "Mark " + u.title + " as taken",
      onclick: () => { model.counts[u.id] = (model.counts[u.id] || 0) + 1; drawSteps(); refresh(); } }, "Mark taken"),
    el("span", { class: "step-title" }, u.title), " ",
    el("span", { class: "parties" }, "— " + u.parties.join(", ")))));
  $("blocked").replaceChildren(...decision.blocked.map((b) => el("li", { "data-step": b.id },
    el("span", { class: "step-title" }, b.title),
    ...b.reasons.map((r) => el("div", { class: "reason-block" },
      el("p", { class: "reason" }, r.reason),
      el("div", { class: "requires" }, "Still needs: " + r.requires.map(title).join(", ")),
      el("div", { class: "rule" }, "Rule: " + r.rule))))));
}

function drawRevision() {
  const current = model.rulesets.find((r) => r.name === model.ruleset);
  if (!current) return;
  $("revision").textContent = `revision ${current.revision}, loaded ${new Date(current.loadedAt).toLocaleString()}`;
  const banner = $("reload-error");
  const last = current.lastReload;
  const problems = last.result === "refused" ? last.errors : last.scenarioFailures;
  if (problems.length) {
    const what = last.result === "refused"
      ? "The last edit of these rules was refused; the revision shown keeps serving."
      : "Scenarios fail under the rules now serving.";
    banner.textContent = what + "\n" + problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n");
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

// Lays the graph out in layers: each step one column to the right of the furthest step it needs.
function drawGraph(graph, decision) {
  const status = {};
  for (const id of decision.completed) status[id] = "completed";
  for (const u of decision.unlocked) status[u.id] = status[u.id] || "unlocked";
  for (const b of decision.blocked) status[b.id] = "blocked";
  const needs = {};
  for (const e of graph.edges) (needs[e.to] = needs[e.to] || []).push(e.from);
  const layer = {};
  const depth = (id, seen = new Set()) => {
    if (layer[id] !== undefined) return layer[id];
    if (seen.has(id)) return 0;
    seen.add(id);
    layer[id] = Math.max(-1, ...(needs[id] || []).map((n) => depth(n, seen))) + 1;
    return layer[id];
  };
  graph.nodes.forEach((n) => depth(n.id));
  const columns = [];
  graph.nodes.forEach((n) => (columns[layer[n.id]] = columns[layer[n.id]] || []).push(n));
  const W = 178, H = 34, GX = 46, GY = 12, at = {};
  columns.forEach((column, x) => column.forEach((n, y) => (at[n.id] = { x: 10 + x * (W + GX), y: 10 + y * (H + GY) })));
  const width = 20 + columns.length * (W + GX), height = 20 + Math.max(...columns.map((c) => c.length)) * (H + GY);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width); svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const marker = `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#9aa3ad"/></marker></defs>`;
  svg.innerHTML = marker;
  for (const e of graph.edges) {
    const a = at[e.from], b = at[e.to];
    const path = document.createElementNS(ns, "path");
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mid = (x1 + x2) / 2;
    path.setAttribute("d", `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`);
    path.setAttribute("marker-end", "url(#arrow)");
    const tip = document.createElementNS(ns, "title");
    tip.textContent = `${title(e.from)} → ${title(e.to)}: ${e.rules.join("; ")}`;
    path.append(tip);
    svg.append(path);
  }
  for (const n of graph.nodes) {
    const g = document.createElementNS(ns, "g");
    g.setAttribute("class", "node " + (status[n.id] || "blocked"));
    g.setAttribute("data-step", n.id);
    const rect = document.createElementNS(ns, "rect");
    Object.entries({ x: at[n.id].x, y: at[n.id].y, width: W, height: H }).forEach(([k, v]) => rect.setAttribute(k, v));
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", at[n.id].x + 6); text.setAttribute("y", at[n.id].y + H / 2 + 4);
    text.textContent = n.title.length > 30 ? n.title.slice(0, 29) + "…" : n.title;
    const tip = document.createElementNS(ns, "title");
    tip.textContent = `${n.title} (${status[n.id] || "blocked"})`;
    g.append(rect, text, tip);
    svg.append(g);
  }
  $("graph").replaceChildren(svg);
}

function drawPlan(plan) {
  const list = $("plan");
  if (!plan) { list.replaceChildren(); $("plan-summary").textContent = ""; return; }
  if (!plan.reachable) {
    $("plan-summary").textContent = `There is no road to ${title(plan.goal)} under this doctrine.`;
    list.replaceChildren(...plan.blocks.map((b) => el("li", {}, `${title(b.step)} stays blocked: ${b.reason}`)));
    return;
  }
  $("plan-summary").textContent = plan.length === 0
    ? `${title(plan.goal)} has been reached.`
    : `${plan.length} ${plan.length === 1 ? "step" : "steps"} to ${title(plan.goal)}:`;
  list.replaceChildren(...plan.steps.map((s) => el("li", { "data-step": s.step },
    el("span", { class: "step-title" }, s.title), " ", el("span", { class: "parties" }, "— " + s.parties.join(", ")))));
}

function drawComparison(comparison, roads) {
  const names = comparison.decisions.map((d) => d.ruleset.name);
  const head = el("tr", {}, el("th", { scope: "col" }, "Step"), ...names.map((n) => el("th", { scope: "col" }, n)));
  $("compare").tHead.replaceChildren(head);
  const rows = [];
  if (roads) {
    rows.push(el("tr", { "data-road": model.goal }, el("th", { scope: "row" }, "Road to " + title(model.goal)),
      ...names.map((n) => el("td", { class: "road" }, !roads[n].reachable ? "no road"
        : `${roads[n].length} ${roads[n].length === 1 ? "step" : "steps"}`))));
  }
  rows.push(...comparison.differences.map((d) => el("tr", { "data-step": d.id },
    el("th", { scope: "row" }, d.title), ...names.map((n) => el("td", { class: d.status[n] }, d.status[n])))));
  $("compare").tBodies[0].replaceChildren(...rows);
  $("compare-same").hidden = comparison.differences.length > 0;
  $("compare").hidden = rows.length === 0;
}

/** The doctrines side by side: where they judge the state differently, and how long each road to the goal is. */
async function compare(completed) {
  const comparison = await api("POST", "/v1/compare", { completed });
  let roads = null;
  if (model.goal) {
    const names = comparison.decisions.map((d) => d.ruleset.name);
    const plans = await Promise.all(names.map((ruleset) =>
      api("POST", "/v1/plan", { ruleset, completed, goal: model.goal })));
    roads = Object.fromEntries(names.map((n, i) => [n, plans[i]]));
  }
  drawComparison(comparison, roads);
}

// ---- keeping it all current ------------------------------------------------------------------

let generation = 0;

async function refresh() {
  const mine = ++generation;
  saveToAddress();
  const body = requestBody();
  try {
    const decision = await api("POST", "/v1/evaluate", body);
    if (mine !== generation) return;
    model.decision = decision;
    showError(null);
    drawDecision(decision);
    const key = decision.ruleset.name + "@" + decision.ruleset.revision;
    model.graphs[key] = model.graphs[key] || await api("GET", "/v1/graph?format=json&ruleset=" + encodeURIComponent(model.ruleset));
    if (mine !== generation) return;
    drawGraph(model.graphs[key], decision);
    await compare(body.completed);
    if (model.goal) await plan();
  } catch (error) {
    if (mine === generation) showError(error);
  }
}

async function plan() {
  if (!model.goal) { drawPlan(null); return; }
  saveToAddress();
  try {
    drawPlan(await api("POST", "/v1/plan", { ...requestBody(), goal: model.goal }));
    await compare(requestBody().completed);
  } catch (error) {
    showError(error);
  }
}

async function loadRuleSets() {
  model.rulesets = (await api("GET", "/v1/rulesets")).rulesets;
  const select = $("ruleset");
  const names = model.rulesets.map((r) => r.name).join(",");
  if (select.dataset.names !== names) {
    const chosen = model.ruleset;
    select.replaceChildren(...model.rulesets.map((r) => el("option", { value: r.name }, `${r.title || r.name} (${r.name})`)));
    select.dataset.names = names;
    if (model.rulesets.some((r) => r.name === chosen)) select.value = chosen;
    model.ruleset = select.value;
  }
  drawRevision();
}

async function start() {
  loadFromAddress();
  try {
    await loadRuleSets();
    model.catalog = (await api("GET", "/v1/steps?ruleset=" + encodeURIComponent(model.ruleset))).steps;
  } catch (error) {
    showError(error);
    return;
  }
  $("goal").replaceChildren(el("option", { value: "" }, "Choose a goal…"),
    ...model.catalog.map((s) => el("option", { value: s.id }, s.title)));
  $("goal").value = model.goal;
  drawSteps();
  $("ruleset").addEventListener("change", () => { model.ruleset = $("ruleset").value; drawRevision(); refresh(); });
  $("goal").addEventListener("change", () => { model.goal = $("goal").value; plan(); });
  $("plan-form").addEventListener("submit", (event) => { event.preventDefault(); model.goal = $("goal").value; plan(); });
  $("reset").addEventListener("click", () => { model.counts = {}; model.parties = {}; drawSteps(); refresh(); });
  $("download").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(requestBody(), null, 2)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "negotiation-state.json" });
    document.body.append(link); link.click(); link.remove();
  });
  $("load").addEventListener("change", async () => {
    const file = $("load").files[0];
    if (!file) return;
    try {
      let body;
      try {
        body = JSON.parse(await file.text());
      } catch (error) {
        throw new Error(`${file.name} is not valid JSON: ${error.message}`);
      }
      // Ask the server first, so that a file it refuses leaves the state on screen as it was.
      await api("POST", "/v1/evaluate", body);
      loadBody(body);
      $("ruleset").value = model.ruleset;
      drawSteps();
      await refresh();
    } catch (error) {
      showError(error);
    }
    $("load").value = "";
  });
  // The rules may be edited while the page is open: keep the revision and any reload error current.
  setInterval(() => loadRuleSets().catch(() => {}), 5000);
  await refresh();
}

start();
