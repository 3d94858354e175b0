// The peacepath workbench: the negotiation record as a few clicks, the answer at once.
// Everything here talks to the same server's API; nothing is fetched from another host.
"use strict";

const PARTIES = ["US", "DPRK", "ROK", "PRC", "JAPAN", "RUSSIA"];
const STATUSES = [["in-force", "in force"], ["suspended", "suspended"], ["revoked", "revoked"]];
const BASIS = {
  stated: "stated: the source says it",
  hedged: "hedged: the source proposes it with \u201ccould\u201d, \u201cmight\u201d or \u201cperhaps\u201d",
  inferred: "inferred: a reading of the source",
};
const $ = (id) => document.getElementById(id);

const model = {
  rulesets: [],      // from GET /v1/rulesets
  catalog: [],       // from GET /v1/steps
  ruleset: "sigal",
  records: {},       // step id -> the records of it: [{date, status, facility, note}], one per time taken
  parties: {},       // step id -> parties, where they differ from the ones assumed
  goal: "",
  advice: "follow",  // the plan's: "follow" advice as if firm, or "ignore" it (firm rules only)
  decision: null,
  sent: [],          // for each record of the last request, in order: [step id, its number among the step's records]
  graphs: {},        // "name@revision" -> graph
};

const times = (id) => (model.records[id] || []).length;
const step = (id) => model.catalog.find((s) => s.id === id);

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

// ---- the record, as the API takes it and as the address keeps it -------------------------

/** Who takes a step when the record does not say: the required parties and the first of "at least one of". */
function defaultParties(s) {
  return (s.atLeastOneOf || []).length ? [...s.parties, s.atLeastOneOf[0]] : s.parties;
}

/** The record as the API takes it; `sent` gets, for each entry, [step id, its number among that step's records]. */
function requestBody(sent = []) {
  const completed = [];
  for (const s of model.catalog) {
    (model.records[s.id] || []).forEach((record, i) => {
      const entry = { step: s.id };
      if (model.parties[s.id]) entry.parties = model.parties[s.id];
      if (record.facility) entry.facility = record.facility;
      if (record.date) entry.date = record.date;
      if (record.status && record.status !== "in-force") entry.status = record.status;
      if (record.note) entry.note = record.note;
      completed.push(entry);
      sent.push([s.id, i]);
    });
  }
  return { ruleset: model.ruleset, completed };
}

// A record's date, status, facility and note travel in the address as
// record=peace-mechanism:s=suspended:d=2027-09,dismantlement.2:f=Yongbyon (".2": the second record of it).
const DETAIL = { d: "date", s: "status", f: "facility", n: "note" };

function saveToAddress() {
  const params = new URLSearchParams();
  params.set("ruleset", model.ruleset);
  const done = model.catalog.filter((s) => times(s.id))
    .map((s) => (times(s.id) > 1 ? `${s.id}*${times(s.id)}` : s.id));
  if (done.length) params.set("done", done.join(","));
  const parties = Object.entries(model.parties).map(([id, list]) => `${id}:${list.join(".")}`);
  if (parties.length) params.set("parties", parties.join(","));
  const details = [];
  for (const s of model.catalog) {
    (model.records[s.id] || []).forEach((record, i) => {
      const bits = Object.entries(DETAIL)
        .filter(([, field]) => record[field] && !(field === "status" && record[field] === "in-force"))
        .map(([key, field]) => `${key}=${encodeURIComponent(record[field])}`);
      if (bits.length) details.push([s.id + (i ? "." + (i + 1) : ""), ...bits].join(":"));
    });
  }
  if (details.length) params.set("record", details.join(","));
  if (model.goal) params.set("goal", model.goal);
  if (model.advice === "ignore") params.set("advice", "ignore");
  history.replaceState(null, "", "?" + params.toString());
}

function loadFromAddress() {
  const params = new URLSearchParams(location.search);
  if (params.get("ruleset")) model.ruleset = params.get("ruleset");
  for (const item of (params.get("done") || "").split(",").filter(Boolean)) {
    const [id, count] = item.split("*");
    model.records[id] = Array.from({ length: Math.max(0, Math.min(99, Number(count || 1) || 0)) }, () => ({}));
  }
  for (const item of (params.get("parties") || "").split(",").filter(Boolean)) {
    const [id, list] = item.split(":");
    model.parties[id] = (list || "").split(".").filter(Boolean);
  }
  for (const item of (params.get("record") || "").split(",").filter(Boolean)) {
    const [head, ...bits] = item.split(":");
    const [id, number] = head.split(".");
    const record = (model.records[id] || [])[Number(number || 1) - 1];
    if (!record) continue;
    for (const bit of bits) {
      const at = bit.indexOf("=");
      const field = DETAIL[bit.slice(0, at)];
      if (field && at > 0) {
        try { record[field] = decodeURIComponent(bit.slice(at + 1)); } catch (e) { /* a mangled link: leave it out */ }
      }
    }
  }
  model.goal = params.get("goal") || "";
  model.advice = params.get("advice") === "ignore" ? "ignore" : "follow";
}

function loadBody(body) {
  if (!body || !Array.isArray(body.completed)) {
    throw new Error("the file is not a peacepath state: it needs a \"completed\" list");
  }
  model.records = {};
  model.parties = {};
  for (const entry of body.completed) {
    const id = typeof entry === "string" ? entry : entry.step;
    const record = {};
    for (const field of Object.values(DETAIL)) if (entry[field]) record[field] = entry[field];
    (model.records[id] = model.records[id] || []).push(record);
    if (entry.parties) model.parties[id] = entry.parties;
  }
  if (body.ruleset) model.ruleset = body.ruleset;
}

// ---- words ----------------------------------------------------------------------------------

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
  const s = step(id);
  return s ? s.title : id;
}

/** "X", "X and Y", "X, Y and Z". */
function and(words) {
  return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
}

function rule(id) {
  const current = model.rulesets.find((r) => r.name === model.ruleset);
  return current && (current.rules || []).find((r) => r.id === id);
}

const ruleName = (id) => (rule(id) ? rule(id).name : id);

function basis(word) {
  return el("span", { class: "basis basis-" + word, title: BASIS[word] || word }, word);
}

/** "US, DPRK, ROK", "DPRK and at least one of ROK, US", "... (may also sign: PRC)". */
function partiesText(parties, atLeastOneOf = [], mayAlsoSign = []) {
  let text = parties.join(", ");
  if (atLeastOneOf && atLeastOneOf.length) {
    text += (parties.length ? " and " : "") + "at least one of " + atLeastOneOf.join(", ");
  }
  if (mayAlsoSign && mayAlsoSign.length) text += ` (may also sign: ${mayAlsoSign.join(", ")})`;
  return text;
}

/** A record of the last request, by its index there: "Peace mechanism", or "Dismantlement … (record 2)". */
function recordLabel(index) {
  const [id, i] = model.sent[index] || [];
  if (!id) return `record ${index + 1}`;
  return title(id) + (times(id) > 1 || (step(id) || {}).repeatable ? ` (record ${i + 1})` : "");
}

const capital = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);

// ---- drawing --------------------------------------------------------------------------------

function drawSteps() {
  const box = $("steps");
  box.replaceChildren();
  for (const s of model.catalog) {
    const row = el("div", { class: "step-row", "data-step": s.id });
    const inputId = (s.repeatable ? "count-" : "step-") + s.id;
    const input = s.repeatable
      ? el("input", { type: "number", id: inputId, min: "0", max: "99", value: String(times(s.id)),
        "aria-describedby": "kind-" + s.id })
      : el("input", { type: "checkbox", id: inputId, "aria-describedby": "kind-" + s.id });
    if (!s.repeatable) input.checked = times(s.id) > 0;
    input.addEventListener("change", () => {
      const value = s.repeatable ? Math.max(0, Math.min(99, Number(input.value) || 0)) : (input.checked ? 1 : 0);
      const records = (model.records[s.id] || []).slice(0, value);
      while (records.length < value) records.push({});
      if (value) model.records[s.id] = records; else delete model.records[s.id];
      drawRecords(s);
      refresh();
    });
    const label = el("label", { for: inputId }, s.title + (s.repeatable ? " (times)" : ""));
    row.append(label, input);
    const chosen = model.parties[s.id] || defaultParties(s);
    const details = el("details", {}, el("summary", {}, "Parties: ",
      el("span", { id: "kind-" + s.id }, (chosen.join(", ") || "none") + " · " + s.kind),
      el("span", { id: "marks-" + s.id, class: "marks" })));
    for (const party of PARTIES) {
      const id = `party-${s.id}-${party}`;
      const check = el("input", { type: "checkbox", id });
      check.checked = chosen.includes(party);
      check.addEventListener("change", () => {
        const now = PARTIES.filter((p) => $(`party-${s.id}-${p}`).checked);
        const assumed = defaultParties(s);
        const same = now.length === assumed.length && assumed.every((p) => now.includes(p));
        if (same) delete model.parties[s.id]; else model.parties[s.id] = now;
        $("kind-" + s.id).textContent = (now.join(", ") || "none") + " · " + s.kind;
        refresh();
      });
      const role = s.parties.includes(party) ? " (required)"
        : (s.atLeastOneOf || []).includes(party) ? " (at least one)"
          : (s.mayAlsoSign || []).includes(party) ? " (may also sign)" : "";
      details.append(el("label", { for: id }, check, " " + party + role));
    }
    details.append(el("div", { class: "records", id: "records-" + s.id }));
    row.append(details);
    box.append(row);
    drawRecords(s);
  }
}

/** Each record of a step: its date, its status and, for a dismantlement, the facility. */
function drawRecords(s) {
  const box = $("records-" + s.id);
  const records = model.records[s.id] || [];
  const numbered = s.repeatable || records.length > 1;
  const facility = s.kind === "reciprocal-measure";
  box.replaceChildren(...records.map((record, i) => {
    const key = `${s.id}-${i}`;
    const line = el("div", { class: "record", "data-record": key });
    if (numbered) line.append(el("span", { class: "record-number" }, `Record ${i + 1}`));
    const date = el("input", { type: "text", id: "date-" + key, value: record.date || "", size: "10",
      placeholder: "YYYY-MM-DD", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", inputmode: "numeric" });
    date.addEventListener("change", () => { set(record, "date", date.value.trim()); marks(s); refresh(); });
    line.append(el("span", { class: "field" }, el("label", { for: "date-" + key }, "Date "), date));
    const status = el("select", { id: "status-" + key },
      ...STATUSES.map(([value, words]) => el("option", { value }, words)));
    status.value = record.status || "in-force";
    status.addEventListener("change", () => {
      set(record, "status", status.value === "in-force" ? "" : status.value); marks(s); refresh();
    });
    line.append(el("span", { class: "field" }, el("label", { for: "status-" + key }, "Status "), status));
    if (facility) {
      const name = el("input", { type: "text", id: "facility-" + key, value: record.facility || "", size: "14",
        placeholder: "e.g. Yongbyon reactor" });
      name.addEventListener("change", () => { set(record, "facility", name.value.trim()); marks(s); refresh(); });
      line.append(el("span", { class: "field" }, el("label", { for: "facility-" + key }, "Facility "), name));
    }
    if (record.note) line.append(el("span", { class: "record-note" }, "Note: " + record.note));
    line.append(el("span", { class: "record-state", id: "state-" + key }));
    return line;
  }));
  marks(s);
}

function set(record, field, value) {
  if (value) record[field] = value; else delete record[field];
}

/** The summary of a step's details says what its records say beyond "taken": "· 2027-03 · suspended". */
function marks(s) {
  const words = (model.records[s.id] || [])
    .map((r) => [r.facility, r.date, r.status && r.status !== "in-force" ? r.status : ""].filter(Boolean).join(", "))
    .filter(Boolean);
  $("marks-" + s.id).textContent = words.length ? " · " + words.join("; ") : "";
}

/** Advice on a step, in one line; why, on demand. */
function cautionView(c) {
  const head = c.recommends.length ? "Advised first: " + c.recommends.map(title).join(", ") : "Advice: " + c.rule;
  return el("div", { class: "caution", "data-rule": c.ruleId },
    el("span", { class: "caution-head" }, head), " ", basis(c.basis),
    el("details", { class: "caution-why" }, el("summary", {}, "why"), el("p", { class: "caution-reason" }, c.reason)));
}

function take(ids) {
  for (const id of ids) (model.records[id] = model.records[id] || []).push({});
  drawSteps();
  refresh();
}

function drawDecision(decision) {
  const counted = new Set(decision.completed);
  const notCounted = new Set(decision.notCounted.map((n) => n.id));
  for (const row of document.querySelectorAll(".step-row")) {
    const id = row.dataset.step;
    row.classList.toggle("is-completed", counted.has(id));
    row.classList.toggle("is-not-counted", notCounted.has(id) && !counted.has(id));
  }
  for (const state of document.querySelectorAll(".record-state")) state.textContent = "";
  for (const line of document.querySelectorAll(".record")) line.classList.remove("not-counted", "irregular");
  const markRecord = (index, css, words) => {
    const [id, i] = model.sent[index] || [];
    const line = document.querySelector(`.record[data-record="${id}-${i}"]`);
    if (!line) return;
    line.classList.add(css);
    const state = $(`state-${id}-${i}`);
    state.textContent = (state.textContent ? state.textContent + "; " : "") + words;
  };
  decision.notCounted.forEach((n) => markRecord(n.index, "not-counted", "not counted: " + n.reason));
  (decision.irregular || []).forEach((r) => markRecord(r.index, "irregular", "taken out of order"));

  $("advisories").replaceChildren(...decision.advisories.map((a) =>
    el("p", { title: ruleName(a.ruleId) + " (" + a.basis + ")" }, "Advisory: " + a.text)));
  $("not-counted").replaceChildren(
    ...decision.notCounted.map((n) => el("p", { "data-step": n.id },
      `Not counted: ${recordLabel(n.index)}, because ${/^(suspended|revoked)$/.test(n.reason) ? "it is " : ""}`
      + `${n.reason}.`)),
    ...(decision.irregular || []).map((r) => el("p", { class: "irregular", "data-step": r.id },
      `Out of order: ${recordLabel(r.index)} (${r.date}) was taken while a firm rule held it back: `
      + r.ruleIds.map(ruleName).join("; ") + ".")));
  $("unlocked").replaceChildren(...decision.unlocked.map((u) => el("li", { "data-step": u.id },
    el("button", { type: "button", class: "take", "aria-label": "Mark " + u.title + " as taken",
      onclick: () => take([u.id]) }, "Mark taken"),
    el("span", { class: "step-title" }, u.title), " ",
    el("span", { class: "parties" }, "— " + partiesText(u.parties, u.atLeastOneOf, u.mayAlsoSign)),
    ...u.cautions.map(cautionView))));
  const packages = decision.packages || [];
  $("packages-panel").hidden = packages.length === 0;
  $("packages").replaceChildren(...packages.map((p) => {
    const words = and(p.steps.map(title));
    return el("li", { "data-steps": p.steps.join(" "), title: p.ruleIds.map(ruleName).join("; ") },
      el("button", { type: "button", class: "take", "aria-label": "Mark " + words + " as taken together",
        onclick: () => take(p.steps) }, "Mark all taken"),
      el("span", { class: "step-title" }, "Take together: " + words),
      el("div", { class: "rule" }, "Tied by: " + p.ruleIds.map(ruleName).join("; ")));
  }));
  $("blocked").replaceChildren(...decision.blocked.map((b) => el("li", { "data-step": b.id },
    el("span", { class: "step-title" }, b.title),
    ...b.reasons.map((r) => el("div", { class: "reason-block", "data-rule": r.ruleId },
      el("p", { class: "reason" }, r.reason),
      el("div", { class: "requires" }, "Still needs: " + r.requires.map(title).join(", ")),
      el("div", { class: "rule" }, "Rule: " + r.rule + " ", basis(r.basis)))),
    ...b.cautions.map(cautionView))));
}

function drawRevision() {
  const current = model.rulesets.find((r) => r.name === model.ruleset);
  if (!current) return;
  const together = current.simultaneous === "refused" ? "; no steps taken together" : "";
  $("revision").textContent = `revision ${current.revision}, loaded ${new Date(current.loadedAt).toLocaleString()}`
    + together;
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
// The steps of a package need each other; they share a column, one under the other.
function drawGraph(graph, decision) {
  const status = {};
  for (const id of decision.completed) status[id] = "completed";
  for (const u of decision.unlocked) status[u.id] = status[u.id] || "unlocked";
  for (const b of decision.blocked) status[b.id] = "blocked";
  const tied = new Set((graph.packages || [])
    .flatMap((p) => p.flatMap((a) => p.filter((b) => b !== a).map((b) => a + ">" + b))));
  const needs = {};
  for (const e of graph.edges) {
    if (!tied.has(e.from + ">" + e.to)) (needs[e.to] = needs[e.to] || []).push(e.from);
  }
  const layer = {};
  const depth = (id, seen = new Set()) => {
    if (layer[id] !== undefined) return layer[id];
    if (seen.has(id)) return 0;
    seen.add(id);
    layer[id] = Math.max(-1, ...(needs[id] || []).map((n) => depth(n, seen))) + 1;
    return layer[id];
  };
  graph.nodes.forEach((n) => depth(n.id));
  for (const p of graph.packages || []) {
    const deepest = Math.max(...p.map((id) => layer[id] || 0));
    p.forEach((id) => { layer[id] = deepest; });
  }
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
    if (!a || !b) continue;
    const path = document.createElementNS(ns, "path");
    if (a.x === b.x) {
      // Two steps of one column that need each other (a package): an arc beside them, out and back.
      const x = a.x + W, y1 = a.y + H / 2, y2 = b.y + H / 2, bulge = y1 < y2 ? 18 : 34;
      path.setAttribute("d", `M${x},${y1} C${x + bulge},${y1} ${x + bulge},${y2} ${x},${y2}`);
    } else {
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mid = (x1 + x2) / 2;
      path.setAttribute("d", `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`);
    }
    path.setAttribute("marker-end", "url(#arrow)");
    path.setAttribute("class", e.strength === "advice" ? "advice" : "firm");
    if (tied.has(e.from + ">" + e.to)) path.classList.add("together");
    const tip = document.createElementNS(ns, "title");
    tip.textContent = `${title(e.from)} → ${title(e.to)} (${e.strength === "advice" ? "advice" : "firm rule"}): `
      + (e.ruleIds || []).map(ruleName).join("; ");
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
  const mode = plan.advice === "ignore" ? "by firm rules only" : "following advice";
  const unsure = plan.complete === false ? " The search stopped at its limit, so a shorter road may exist." : "";
  if (!plan.reachable) {
    $("plan-summary").textContent = `There is no road to ${title(plan.goal)} under this doctrine, ${mode}.` + unsure;
    list.replaceChildren(...(plan.blocks || []).map((b) => el("li", { "data-step": b.step },
      `${title(b.step)} is held back: ${b.reason}`
      + (b.requires.length ? ` (needs ${and(b.requires.map(title))})` : ""))));
    return;
  }
  const moves = plan.moves || [];
  $("plan-summary").textContent = (plan.length === 0
    ? `${title(plan.goal)} has been reached.`
    : `${plan.length} ${plan.length === 1 ? "step" : "steps"}`
      + (moves.length !== plan.length ? ` in ${moves.length} ${moves.length === 1 ? "move" : "moves"}` : "")
      + ` to ${title(plan.goal)}, ${mode}:`) + unsure;
  list.replaceChildren(...moves.map((m) => {
    const ids = m.steps.map((s) => s.id);
    const who = [...new Set(m.steps.flatMap((s) => s.parties))];
    const atLeast = m.steps.length === 1 ? m.steps[0].atLeastOneOf : [];
    return el("li", { value: String(m.number), "data-move": String(m.number), "data-step": ids.join("+"),
      class: m.together ? "together" : "" },
      m.together ? el("span", { class: "together-tag" }, "together: ") : "",
      el("span", { class: "step-title" }, and(m.steps.map((s) => s.title))), " ",
      el("span", { class: "parties" }, "— " + partiesText(who, atLeast)),
      el("div", { class: "move-reason", title: (m.ruleIds || []).map(ruleName).join("; ") }, capital(m.reason || "")));
  }));
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

/** The doctrines side by side: where they judge the record differently, and how long each road to the goal is. */
async function compare(completed) {
  const comparison = await api("POST", "/v1/compare", { completed });
  let roads = null;
  if (model.goal) {
    const names = comparison.decisions.map((d) => d.ruleset.name);
    const plans = await Promise.all(names.map((ruleset) =>
      api("POST", "/v1/plan", { ruleset, completed, goal: model.goal, advice: model.advice })));
    roads = Object.fromEntries(names.map((n, i) => [n, plans[i]]));
  }
  return () => drawComparison(comparison, roads);
}

// ---- keeping it all current ------------------------------------------------------------------

let generation = 0;

/** Asks for everything the page shows about the record on screen; an answer overtaken by a later change is dropped. */
async function refresh() {
  const mine = ++generation;
  saveToAddress();
  const sent = [];
  const body = requestBody(sent);
  try {
    const decision = await api("POST", "/v1/evaluate", { ...body, packages: true });
    if (mine !== generation) return;
    model.decision = decision;
    model.sent = sent;
    showError(null);
    drawDecision(decision);
    const key = decision.ruleset.name + "@" + decision.ruleset.revision;
    model.graphs[key] = model.graphs[key] || await api("GET", "/v1/graph?format=json&ruleset=" + encodeURIComponent(model.ruleset));
    if (mine !== generation) return;
    drawGraph(model.graphs[key], decision);
    const plan = model.goal
      ? await api("POST", "/v1/plan", { ...body, goal: model.goal, advice: model.advice }) : null;
    if (mine !== generation) return;
    drawPlan(plan);
    const drawCompared = await compare(body.completed);
    if (mine !== generation) return;
    drawCompared();
  } catch (error) {
    if (mine === generation) showError(error);
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
  $("advice").value = model.advice;
  drawSteps();
  $("ruleset").addEventListener("change", () => { model.ruleset = $("ruleset").value; drawRevision(); refresh(); });
  $("goal").addEventListener("change", () => { model.goal = $("goal").value; refresh(); });
  $("advice").addEventListener("change", () => { model.advice = $("advice").value; refresh(); });
  $("plan-form").addEventListener("submit", (event) => {
    event.preventDefault(); model.goal = $("goal").value; model.advice = $("advice").value; refresh();
  });
  $("reset").addEventListener("click", () => { model.records = {}; model.parties = {}; drawSteps(); refresh(); });
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
      // Ask the server first, so that a file it refuses leaves the record on screen as it was.
      await api("POST", "/v1/evaluate", body);
      loadBody(body);
      $("ruleset").value = model.ruleset;
      drawRevision();
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
