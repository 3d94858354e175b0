// The peacepath workbench: the negotiation record as a timeline, and the server's answer for it.
//
// One rule holds the page together: everything on screen is drawn from one state (the record, the
// doctrine, the goal) and the server's answers for that state. A change builds a new state and asks the
// server about it; only when every answer is in is the new state committed and every view drawn again.
// A change the server refuses, or cannot answer, leaves the committed state on screen untouched.
// Everything comes from the same server; nothing is fetched from another host.
"use strict";

const PARTIES = ["US", "DPRK", "ROK", "PRC", "JAPAN", "RUSSIA"];
const STATUSES = ["in-force", "suspended", "revoked"];
const STATUS_WORDS = { "in-force": "in force", suspended: "suspended", revoked: "revoked" };
const BASIS_WORDS = {
  stated: "stated: the source says it",
  hedged: "hedged: the source proposes it with \u201ccould\u201d, \u201cmight\u201d or \u201cperhaps\u201d",
  inferred: "inferred: a reading of the source, not its words",
};
const MAX_RECORDS_OF_A_STEP = 99;
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DETAIL = { d: "date", s: "status", f: "facility", n: "note", p: "parties" };
const ADDRESS_PARTS = ["ruleset", "done", "parties", "record", "goal", "advice"];
const POLL_MS = 5000;

const $ = (id) => document.getElementById(id);

const model = {
  rulesets: [],          // GET /v1/rulesets
  catalog: [],           // GET /v1/steps
  steps: new Map(),      // id -> catalog step
  state: null,           // the committed state: {ruleset, records: [{key, step, parties, date, status, facility, note}], goal, advice}
  view: null,            // the server's answers for it: {decision, plan, comparison, roads}
  here: { n: 0 },        // this page's entry in the browser's history: {n, did}
  forward: 0,            // how many entries Redo can walk forward
  graphs: new Map(),     // "name@revision" -> Promise<{graph, svg}>
  mounted: null,         // the graph on screen: {key, graph, svg}
  selected: null,        // the step chosen in the graph
  offline: false,        // the server cannot be reached: editing pauses
  pending: null,         // a change waiting for the server: {state, opts}
  retryDelay: 1000,
  linkFix: null,         // the corrected address of a refused link, when every problem has a correction
  changes: null,         // what the doctrine's last edit changed: {ruleset, revision, computing, latest}
};

let keys = 0;
const newKey = () => "r" + ++keys;

// ---- words ------------------------------------------------------------------------------------

const step = (id) => model.steps.get(id);
const title = (id) => (step(id) ? step(id).title : id);
const capital = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);

/** "the peace declaration", as the server's sentences say a step. */
function phrase(id) {
  const t = title(id);
  return "the " + (t.length > 1 && t[1] === t[1].toUpperCase() && /[A-Z]/.test(t[1]) ? t : t[0].toLowerCase() + t.slice(1));
}

/** "X", "X and Y", "X, Y and Z". */
function and(words, last = " and ") {
  return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + last + words[words.length - 1];
}

/** "US, DPRK and ROK", "DPRK with ROK or US", "JAPAN or RUSSIA", "nobody". */
function who(parties = [], anyOf = []) {
  const all = and(parties), any = and(anyOf || [], " or ");
  return all && any ? `${all} with ${any}` : all || any || "nobody";
}

const defaultParties = (s) => ((s.atLeastOneOf || []).length ? [...s.parties, s.atLeastOneOf[0]] : [...s.parties]);
const rulesetOf = (name) => model.rulesets.find((r) => r.name === name);
const rulesetTitle = (name) => (rulesetOf(name) ? rulesetOf(name).title || name : name);
const defaultRuleset = () => (model.rulesets.find((r) => r.default) || model.rulesets[0] || { name: "sigal" }).name;

function rule(id, ruleset = model.state && model.state.ruleset) {
  const r = rulesetOf(ruleset);
  return r && (r.rules || []).find((x) => x.id === id);
}

const ruleName = (id) => (rule(id) ? rule(id).name : id);
const plural = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;
const ordinal = (n) => ["first", "second", "third", "fourth", "fifth"][n - 1] || `${n}th`;

/** The edit distance of two words, to suggest the nearest known one. */
function distance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const kept = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = kept;
    }
  }
  return d[b.length];
}

function nearest(word, candidates) {
  let best = null, score = Infinity;
  for (const c of candidates) {
    const s = distance(String(word).toLowerCase(), c.toLowerCase());
    if (s < score) { best = c; score = s; }
  }
  return best !== null && score <= Math.max(2, Math.floor(String(word).length / 3)) ? best : null;
}

// ---- elements ---------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false && child !== "") node.append(child);
  }
  return node;
}

/**
 * A rule's basis as a tag. A rule firm because the design brief says so shows both: what the source
 * supports ("hedged") and what makes it firm, with the brief's words on hover.
 */
function basis(word, brief) {
  if (!brief) return el("span", { class: "basis basis-" + word, title: BASIS_WORDS[word] || word }, word);
  return el("span", { class: "basis basis-" + word + " basis-brief",
    title: `${BASIS_WORDS[word] || word}; firm because the design brief of peacepath asks for it: \u201c${brief}\u201d` },
    `${word} \u00b7 firm by the design brief`);
}

/** A rule's basis in words, for the briefing: "hedged; firm by the design brief (…)". */
function basisWords(x) {
  return x.brief ? `${x.basis}; firm by the design brief (\u201c${x.brief}\u201d)` : x.basis;
}

/** The passage of the source a rule quotes, and where the rule is written, on demand. */
function sourceOf(ruleId, label = "source") {
  const r = rule(ruleId);
  if (!r || !r.source) return null;
  return el("details", { class: "source" }, el("summary", {}, label),
    el("blockquote", {}, "\u201c" + r.source + "\u201d"),
    el("p", { class: "where" }, `Rule \u201c${r.id}\u201d, ${r.file}:${r.line}`));
}

// ---- the state and the API's request -----------------------------------------------------------

function emptyState(ruleset = defaultRuleset()) {
  return { ruleset, records: [], goal: "", advice: "follow" };
}

const inForce = (r) => !r.status || r.status === "in-force";

/** The records in date order: dated ones by their dates, then the undated in the order they were recorded. */
function ordered(records) {
  const dated = records.filter((r) => r.date);
  const undated = records.filter((r) => !r.date);
  dated.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [...dated, ...undated];
}

function clean(record) {
  const r = { key: record.key || newKey(), step: record.step };
  for (const field of ["date", "status", "facility", "note"]) {
    if (record[field] && !(field === "status" && record[field] === "in-force")) r[field] = record[field];
  }
  if (Array.isArray(record.parties)) r.parties = [...record.parties];
  return r;
}

const withRecords = (state, records) => ({ ...state, records: ordered(records.map(clean)) });

function entryOf(r) {
  const entry = { step: r.step };
  if (r.parties) entry.parties = r.parties;
  if (r.facility) entry.facility = r.facility;
  if (r.date) entry.date = r.date;
  if (r.status && r.status !== "in-force") entry.status = r.status;
  if (r.note) entry.note = r.note;
  return entry;
}

function requestBody(state) {
  return { ruleset: state.ruleset, completed: state.records.map(entryOf) };
}

const sameRecord = (a, b) => JSON.stringify(entryOf(a)) === JSON.stringify(entryOf(b));

/** Gives records that are the same as records on screen their keys, so that what did not change is not flagged as changed. */
function adoptKeys(records, before) {
  const free = [...before];
  return records.map((r) => {
    const i = free.findIndex((b) => sameRecord(b, r));
    if (i < 0) return r;
    const [match] = free.splice(i, 1);
    return { ...r, key: match.key };
  });
}

/** "record 3 (Peace mechanism, 2027-09)". */
function recordName(records, index, withTitle = true) {
  const r = records[index];
  if (!r) return `record ${index + 1}`;
  return `record ${index + 1}` + (withTitle ? ` (${title(r.step)}${r.date ? ", " + r.date : ""})` : "");
}

/** A server sentence with the request's positions ("completed[2]") said as the records on screen. */
function humanize(text, records, where = "") {
  return String(text).replace(/completed\[(\d+)\]/g, (_, i) => recordName(records, Number(i), false) + where);
}

// ---- the address: the state as a link ----------------------------------------------------------

function addressOf(state) {
  const params = new URLSearchParams();
  params.set("ruleset", state.ruleset);
  const runs = [];
  for (const r of state.records) {
    const last = runs[runs.length - 1];
    if (last && last.id === r.step) last.n++; else runs.push({ id: r.step, n: 1 });
  }
  if (runs.length) params.set("done", runs.map((x) => (x.n > 1 ? `${x.id}*${x.n}` : x.id)).join(","));
  const seen = {}, details = [];
  for (const r of state.records) {
    const i = seen[r.step] = (seen[r.step] === undefined ? 0 : seen[r.step] + 1);
    const bits = [];
    if (r.date) bits.push("d=" + encodeURIComponent(r.date));
    if (r.status && r.status !== "in-force") bits.push("s=" + r.status);
    if (r.facility) bits.push("f=" + encodeURIComponent(r.facility));
    if (r.note) bits.push("n=" + encodeURIComponent(r.note));
    if (r.parties) bits.push("p=" + r.parties.join("."));
    if (bits.length) details.push([r.step + (i ? "." + (i + 1) : ""), ...bits].join(":"));
  }
  if (details.length) params.set("record", details.join(","));
  if (state.goal) params.set("goal", state.goal);
  if (state.advice === "ignore") params.set("advice", "ignore");
  return "?" + params.toString();
}

/**
 * Reads a state from an address. Every part it cannot read is a problem said in words, with where it
 * is and, where there is one, the nearest known word; nothing is left out silently.
 */
function parseAddress(search) {
  const params = new URLSearchParams(search);
  const problems = [];
  const fixes = [];
  const problem = (text, fix) => { problems.push(text); if (fix) fixes.push(fix); };
  const stepIds = model.catalog.map((s) => s.id);
  const stepProblem = (id, where, replace) => {
    const near = nearest(id, stepIds);
    problem(`${where} names the step \u201c${id}\u201d, which peacepath does not know`
      + (near ? `; did you mean \u201c${near}\u201d (${title(near)})?` : "."), near ? replace(near) : null);
  };
  for (const key of new Set(params.keys())) {
    if (!ADDRESS_PARTS.includes(key)) {
      problem(`The link has a part \u201c${key}=\u2026\u201d that the workbench does not read (it reads ${and(ADDRESS_PARTS)}).`,
        (p) => p.delete(key));
    } else if (params.getAll(key).length > 1) {
      problem(`The link gives \u201c${key}\u201d ${params.getAll(key).length} times; give it once.`);
    }
  }
  const state = emptyState();
  const ruleset = params.get("ruleset");
  if (ruleset !== null) {
    if (rulesetOf(ruleset)) {
      state.ruleset = ruleset;
    } else {
      const near = nearest(ruleset, model.rulesets.map((r) => r.name));
      problem(`The link names the doctrine \u201c${ruleset}\u201d, which this server does not serve; the doctrines are `
        + and(model.rulesets.map((r) => `${r.title} (\u201c${r.name}\u201d)`))
        + (near ? `. Did you mean ${rulesetTitle(near)}?` : "."), near ? (p) => p.set("ruleset", near) : null);
    }
  }
  const records = [];
  const done = (params.get("done") || "").split(",").filter((x) => x !== "");
  done.forEach((item, n) => {
    const where = `\u201cdone\u201d, its ${ordinal(n + 1)} item (\u201c${item}\u201d),`;
    const match = /^([^*]*)(?:\*(.*))?$/.exec(item);
    const id = match[1];
    const count = match[2];
    let times = 1;
    if (count !== undefined) {
      if (!/^\d+$/.test(count) || Number(count) < 1) {
        problem(`${where} gives \u201c*${count}\u201d as a number of times; write a whole number from 1 to ${MAX_RECORDS_OF_A_STEP}.`);
        return;
      }
      times = Number(count);
      if (times > MAX_RECORDS_OF_A_STEP) {
        problem(`${where} records ${title(id)} ${times} times; the workbench keeps at most ${MAX_RECORDS_OF_A_STEP} records of one step.`);
        return;
      }
    }
    if (!step(id)) {
      stepProblem(id, where, (near) => (p) => p.set("done", p.get("done").split(",")
        .map((x, i) => (i === n ? near + (count !== undefined ? "*" + count : "") : x)).join(",")));
      return;
    }
    for (let i = 0; i < times; i++) records.push({ key: newKey(), step: id });
  });
  const partsOf = (value, where) => {
    const list = value.split(".").filter(Boolean);
    const unknown = list.filter((p) => !PARTIES.includes(p.toUpperCase()));
    if (unknown.length) {
      problem(`${where} names ${and(unknown.map((p) => `\u201c${p}\u201d`))} as ${unknown.length > 1 ? "parties" : "a party"}; the parties are ${and(PARTIES)}.`);
      return null;
    }
    return list.map((p) => p.toUpperCase());
  };
  for (const item of (params.get("parties") || "").split(",").filter(Boolean)) {
    const [id, list = ""] = item.split(":");
    const where = `\u201cparties\u201d (\u201c${item}\u201d)`;
    if (!step(id)) { stepProblem(id, where, null); continue; }
    const mine = records.filter((r) => r.step === id);
    if (!mine.length) { problem(`${where} gives the parties of ${title(id)}, which the link does not record as taken.`); continue; }
    const parties = partsOf(list, where);
    if (parties) mine.forEach((r) => { r.parties = parties; });
  }
  for (const item of (params.get("record") || "").split(",").filter(Boolean)) {
    const [head, ...bits] = item.split(":");
    const dot = head.lastIndexOf(".");
    const id = dot > 0 && /^\d+$/.test(head.slice(dot + 1)) ? head.slice(0, dot) : head;
    const number = id === head ? 1 : Number(head.slice(dot + 1));
    const where = `\u201crecord\u201d (\u201c${head}\u201d)`;
    if (!step(id)) { stepProblem(id, where, null); continue; }
    const mine = records.filter((r) => r.step === id);
    const record = mine[number - 1];
    if (!record) {
      problem(`${where} describes the ${ordinal(number)} record of ${title(id)}, but \u201cdone\u201d records it ${mine.length ? plural(mine.length, "time") : "not at all"}.`);
      continue;
    }
    for (const bit of bits) {
      const at = bit.indexOf("=");
      const field = at > 0 ? DETAIL[bit.slice(0, at)] : null;
      if (!field) {
        problem(`${where} has \u201c${bit}\u201d, which is not a detail the workbench reads (d= date, s= status, f= facility, n= note, p= parties).`);
        continue;
      }
      let value;
      try {
        value = decodeURIComponent(bit.slice(at + 1));
      } catch (e) {
        problem(`${where} has a ${field} that cannot be read (\u201c${bit.slice(at + 1)}\u201d): the link is damaged.`);
        continue;
      }
      if (field === "status" && !STATUSES.includes(value)) {
        problem(`${where} gives the status \u201c${value}\u201d; a status is in-force, suspended or revoked.`);
      } else if (field === "date" && value && !DATE.test(value)) {
        problem(`${where} gives the date \u201c${value}\u201d; write a date as YYYY, YYYY-MM or YYYY-MM-DD.`);
      } else if (field === "facility" && step(id).kind !== "reciprocal-measure") {
        problem(`${where} names a facility, but only a dismantlement names a facility.`);
      } else if (field === "parties") {
        const parties = partsOf(value, where);
        if (parties) record.parties = parties;
      } else {
        record[field] = value;
      }
    }
  }
  const goal = params.get("goal");
  if (goal) {
    if (step(goal)) state.goal = goal;
    else stepProblem(goal, "\u201cgoal\u201d", (near) => (p) => p.set("goal", near));
  }
  const advice = params.get("advice");
  if (advice !== null) {
    if (advice === "follow" || advice === "ignore") state.advice = advice;
    else problem(`\u201cadvice=${advice}\u201d: the plan either follows advice (advice=follow) or heeds the firm rules only (advice=ignore).`);
  }
  let fixed = null;
  if (problems.length && fixes.length === problems.length) {
    const corrected = new URLSearchParams(search);
    fixes.forEach((fix) => fix(corrected));
    fixed = "?" + corrected.toString();
  }
  return { state: withRecords(state, records), problems, fixed };
}

// ---- talking to the API -----------------------------------------------------------------------

class ApiError extends Error {
  constructor(kind, message, status = 0, body = null) {
    super(message);
    this.kind = kind;     // "unreachable": try again later; "refused": the request was wrong; "failed": the server failed
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20000);
  let response, text;
  try {
    response = await fetch(path, {
      method, cache: "no-store", signal: controller.signal,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    text = await response.text();
  } catch (e) {
    throw new ApiError("unreachable", "the server cannot be reached");
  } finally {
    clearTimeout(timer);
  }
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* said below */ }
  if (response.ok) {
    if (json === null) throw new ApiError("failed", `the server answered ${path} with something that is not JSON`, response.status);
    return json;
  }
  const said = json && json.error ? json.error : `the server answered ${response.status}`;
  if ([502, 503, 504].includes(response.status)) throw new ApiError("unreachable", said, response.status, json);
  if (response.status >= 500) throw new ApiError("failed", said, response.status, json);
  throw new ApiError("refused", said, response.status, json);
}

/** Everything the page shows about a state, asked at once; the state is committed only when all of it is in. */
async function answerFor(state) {
  const body = requestBody(state);
  const names = model.rulesets.map((r) => r.name);
  const others = names.filter((n) => n !== state.ruleset);
  const plan = (ruleset) => api("POST", "/v1/plan", { ruleset, completed: body.completed, goal: state.goal, advice: state.advice })
    .catch((error) => {
      // A plan the server gives up on (its budget of states or time) is an answer too: it is said, not an error.
      if (error.kind === "refused" && error.status === 422) return { ruleset: { name: ruleset }, goal: state.goal, budget: error.message };
      throw error;
    });
  const [decision, comparison, own, rest] = await Promise.all([
    api("POST", "/v1/evaluate", { ...body, packages: true }),
    api("POST", "/v1/compare", { completed: body.completed }),
    state.goal ? plan(state.ruleset) : null,
    state.goal ? Promise.all(others.map(plan)) : [],
  ]);
  const roads = {};
  if (state.goal) {
    roads[state.ruleset] = own;
    others.forEach((n, i) => { roads[n] = rest[i]; });
  }
  return { decision, comparison, plan: own, roads };
}

// ---- settling: one state, one set of answers ----------------------------------------------------

let generation = 0;

/**
 * Asks the server about a state and, when every answer is in, commits it and draws every view.
 * opts: action (what the user did, in words), push (a change: a new entry in the browser's history),
 * history (the history entry arrived at by Back or Forward), where (the element beside which a refusal
 * is said), focus (what to focus afterwards).
 */
async function settle(next, opts = {}) {
  const mine = ++generation;
  const started = performance.now();
  const busy = setTimeout(() => { $("busy").textContent = "Working\u2026"; }, 250);
  document.body.dataset.busy = "true";
  let ok = false;
  try {
    const view = await answerFor(next);
    if (mine !== generation) return false;
    commit(next, view, opts);
    ok = true;
  } catch (error) {
    if (mine !== generation) return false;
    if (!(error instanceof ApiError)) console.error(error);
    failed(error instanceof ApiError ? error : new ApiError("failed", String(error && error.message || error)), next, opts);
  } finally {
    clearTimeout(busy);
    if (mine === generation) {
      $("busy").textContent = "";
      delete document.body.dataset.busy;
      document.body.dataset.settled = String(Number(document.body.dataset.settled || 0) + 1);
      document.dispatchEvent(new CustomEvent("peacepath:settled", { detail: { ok, ms: performance.now() - started } }));
    }
  }
  return ok;
}

let queue = Promise.resolve();

/**
 * A change by the user: a new state, and a new entry in the browser's history so that Back undoes it.
 * Changes are made one after the other, each on the state the one before committed, so that two quick
 * clicks never lose one of them; `build` makes the new state from the committed one, or gives null when
 * the change no longer applies (a step already taken by the click before).
 */
function act(build, opts) {
  const run = async () => {
    if (model.offline || !model.state) return false;
    const next = build(model.state);
    if (!next) return false;
    return settle(next, { ...opts, push: true });
  };
  const done = queue.then(run, run);
  queue = done.catch(() => false);
  return done;
}

function commit(next, view, opts) {
  const before = model.state, answered = model.view;
  model.state = next;
  model.view = view;
  const url = addressOf(next);
  if (opts.history) {
    model.here = opts.history;
    if (location.search !== url) history.replaceState(model.here, "", url);
  } else if (opts.push && before) {
    model.here = { n: (model.here.n || 0) + 1, did: opts.action };
    model.forward = 0;
    history.pushState(model.here, "", url);
  } else {
    history.replaceState(model.here, "", url);
  }
  const recovered = model.offline;
  model.pending = null;
  if (model.offline) setOffline(false);
  if (!model.linkFix || opts.push) hideBanner();
  const change = difference(before, answered, next, view);
  const focused = rememberFocus();
  drawAll(change);
  drawChanges(opts, change, before, next, recovered);
  restoreFocus(focused, opts.focus);
  $("add-message").hidden = true;
  $("file-message").hidden = true;
  drawUndo();
}

function failed(error, next, opts) {
  if (error.kind === "unreachable") {
    // a change the user made waits for the server; a mere re-reading of the state on screen does not
    if (!opts.retrying) model.pending = opts.push || opts.history || opts.initial ? { state: next, opts } : null;
    setOffline(true);
    if (model.view) drawAll(null);
    return;
  }
  if (model.view) drawAll(null); // put every control back as the committed state has it
  const words = refusal(error, next, opts);
  if (opts.onRefused) { opts.onRefused(words); return; }
  const host = opts.where ? opts.where() : null;
  if (host) say(host, words); else showBanner(words, { dismiss: true });
}

/** A refusal in words: what was refused, where, and what to do, with the records named as on screen. */
function refusal(error, next, opts) {
  const records = opts.records || next.records;
  const where = opts.source ? ` in ${opts.source}` : "";
  const details = (error.body && error.body.details) || [];
  const lead = opts.action ? `Not done (${lowerFirst(opts.action)}): ` : "Not done: ";
  if (error.kind === "failed") {
    return `${lead}the server failed to answer (${humanize(error.message, records, where)}). Nothing was changed; try again, or tell whoever runs the server.`;
  }
  if (!details.length) return lead + capital(humanize(error.message, records, where)) + ".";
  const said = details.map((d) => detailWords(d, records, where));
  return lead + (said.length === 1 ? said[0] : said.map((s, i) => `(${i + 1}) ${s}`).join(" "));
}

const lowerFirst = (text) => (text ? text[0].toLowerCase() + text.slice(1) : text);

function detailWords(d, records, where) {
  const m = /^completed\[(\d+)\](?:\.(\w+))?/.exec(d.field || "");
  const subject = m ? capital(recordName(records, Number(m[1]))) + where : d.field === "goal" ? "The goal" : capital(d.field || "The request");
  const r = m ? records[Number(m[1])] : null;
  switch (d.code) {
    case "unknown_step":
      return `${subject} names a step peacepath does not know` + (d.suggestion ? `; did you mean \u201c${d.suggestion}\u201d (${title(d.suggestion)})?` : ".");
    case "repeated_step": {
      const other = /completed\[(\d+)\]/.exec(d.message || "");
      const both = other && m ? ` as records ${Number(other[1]) + 1} and ${Number(m[1]) + 1}${where}` : "";
      return `${title(r ? r.step : "")} would be in force twice${both}, and it can be in force only once.`
        + " Mark one of them suspended or revoked, or remove one.";
    }
    default:
      return `${subject}: ${humanize(d.message, records, where)}${/[.?!]$/.test(d.message) ? "" : "."}`;
  }
}

/** A message beside what the user acted on. */
function say(host, text) {
  let p = host.matches(".message") ? host : host.querySelector(":scope > .message");
  if (!p) { p = el("p", { class: "message", role: "alert" }); host.append(p); }
  p.textContent = text;
  p.hidden = false;
}

function showBanner(text, { retry = false, fix = null, dismiss = false } = {}) {
  $("status-text").textContent = text;
  $("retry").hidden = !retry;
  $("fix-link").hidden = !fix;
  model.linkFix = fix;
  $("dismiss-banner").hidden = !dismiss;
  $("status-banner").hidden = false;
}

function hideBanner() {
  $("status-banner").hidden = true;
  model.linkFix = null;
}

// ---- when the server cannot be reached ----------------------------------------------------------

let retryTimer = null;

function setOffline(on) {
  model.offline = on;
  document.body.classList.toggle("offline", on);
  if (on) {
    const waiting = model.pending && model.pending.opts.action
      ? ` Your change \u201c${model.pending.opts.action}\u201d is waiting: it will be applied when the server answers.` : "";
    showBanner(`The server cannot be reached, so the page cannot work out the answer to a change: editing is paused.`
      + ` What is shown is the last answer, for the record as shown.${waiting} The page keeps trying and recovers by itself.`,
    { retry: true });
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, model.retryDelay);
  } else {
    clearTimeout(retryTimer);
    model.retryDelay = 1000;
    hideBanner();
  }
  pauseControls();
}

/** While the server cannot be reached, every control that would change the state is paused. */
function pauseControls() {
  for (const c of document.querySelectorAll("main button, main input, main select, #ruleset, #undo, #redo")) {
    if (c.id === "download") continue;
    if (model.offline) {
      if (!c.disabled) { c.disabled = true; c.dataset.paused = "true"; }
    } else if (c.dataset.paused) {
      c.disabled = false;
      delete c.dataset.paused;
    }
  }
  if (!model.offline) drawUndo();
}

async function retry() {
  clearTimeout(retryTimer);
  try {
    await loadRuleSets();
  } catch (error) {
    if (model.offline) {
      model.retryDelay = Math.min(5000, model.retryDelay * 1.5);
      retryTimer = setTimeout(retry, model.retryDelay);
    }
    return;
  }
  const target = model.pending || (model.state ? { state: model.state, opts: { quiet: true } } : null);
  if (!target) { setOffline(false); return; }
  const ok = await settle(target.state, { ...target.opts, retrying: true });
  if (!ok && model.offline) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, model.retryDelay);
  }
}

// ---- what changed ----------------------------------------------------------------------------------

function statusOf(decision) {
  const status = new Map();
  for (const id of decision.completed) status.set(id, "completed");
  for (const u of decision.unlocked) if (!status.has(u.id)) status.set(u.id, "unlocked");
  for (const b of decision.blocked) status.set(b.id, "blocked");
  return status;
}

function counts(list) {
  const c = new Map();
  for (const id of list) c.set(id, (c.get(id) || 0) + 1);
  return c;
}

/** What the new answer says differently from the one on screen: steps, records, the plan, the advisories. */
function difference(before, answered, next, view) {
  const change = { steps: new Set(), records: new Set(), sentences: [] };
  if (!answered) return change;
  const a = statusOf(answered.decision), b = statusOf(view.decision);
  const unlockedBefore = new Set(answered.decision.unlocked.map((u) => u.id));
  const unlockedNow = new Set(view.decision.unlocked.map((u) => u.id));
  const countedBefore = counts(answered.decision.completed), countedNow = counts(view.decision.completed);
  const groups = { counted: [], uncounted: [], open: [], closed: [] };
  for (const s of model.catalog) {
    const was = countedBefore.get(s.id) || 0, is = countedNow.get(s.id) || 0;
    if (is > was) groups.counted.push(title(s.id) + (is > 1 ? ` (${is} times)` : ""));
    if (is < was) groups.uncounted.push(title(s.id));
    if (unlockedNow.has(s.id) && !unlockedBefore.has(s.id)) groups.open.push(title(s.id));
    if (b.get(s.id) === "blocked" && a.get(s.id) !== "blocked") groups.closed.push(title(s.id));
    if (was !== is || a.get(s.id) !== b.get(s.id) || unlockedBefore.has(s.id) !== unlockedNow.has(s.id)) change.steps.add(s.id);
  }
  if (groups.counted.length) change.sentences.push(`Now counted: ${and(groups.counted)}.`);
  if (groups.uncounted.length) change.sentences.push(`No longer counted: ${and(groups.uncounted)}.`);
  if (groups.open.length) change.sentences.push(`Now open: ${and(groups.open)}.`);
  if (groups.closed.length) change.sentences.push(`Now blocked: ${and(groups.closed)}.`);
  const oldRoad = answered.plan, newRoad = view.plan;
  if (newRoad && oldRoad && oldRoad.goal === newRoad.goal && !newRoad.budget && !oldRoad.budget) {
    const words = (p) => (p.reachable ? plural(p.length, "step") : "no road");
    if (words(oldRoad) !== words(newRoad) || oldRoad.advice !== newRoad.advice) {
      change.sentences.push(`Road to ${title(newRoad.goal)}: ${words(oldRoad)} \u2192 ${words(newRoad)}.`);
    }
  }
  const oldAdvisories = new Set(answered.decision.advisories.map((x) => x.ruleId));
  const added = view.decision.advisories.filter((x) => !oldAdvisories.has(x.ruleId));
  if (added.length) change.sentences.push(`New advisory: ${added.map((x) => x.text).join(" ")}`);
  // records: new or edited ones, and those whose verdict changed
  const verdict = (state, decision) => {
    const v = new Map(state.records.map((r) => [r.key, "counts"]));
    decision.notCounted.forEach((n) => state.records[n.index] && v.set(state.records[n.index].key, "not counted: " + n.reason));
    (decision.irregular || []).forEach((n) => state.records[n.index] && v.set(state.records[n.index].key,
      (v.get(state.records[n.index].key) || "") + " out of order"));
    return v;
  };
  const was = verdict(before, answered.decision), is = verdict(next, view.decision);
  const old = new Map(before.records.map((r) => [r.key, r]));
  for (const r of next.records) {
    if (!old.has(r.key) || !sameRecord(old.get(r.key), r) || was.get(r.key) !== is.get(r.key)) change.records.add(r.key);
  }
  view.decision.notCounted.forEach((n) => {
    const r = next.records[n.index];
    if (r && was.get(r.key) !== is.get(r.key)) {
      change.sentences.push(`${capital(recordName(next.records, n.index))} does not count: ${humanize(n.reason, next.records)}.`);
    }
  });
  return change;
}

function drawChanges(opts, change, before, next, recovered) {
  const box = $("changes");
  const lead = [];
  if (recovered) lead.push("The server answers again.");
  if (opts.action) lead.push(capital(opts.action) + ".");
  if (!opts.action && opts.quiet && !recovered) { return; }
  if (!before) { box.replaceChildren(); box.hidden = true; return; }
  const said = change.sentences.length ? change.sentences.join(" ") : "The answer is unchanged.";
  box.replaceChildren(el("strong", {}, lead.join(" ")), " ", said);
  box.hidden = false;
  box.classList.remove("flash");
  void box.offsetWidth;
  box.classList.add("flash");
}

// ---- focus across redraws ------------------------------------------------------------------------

function rememberFocus() {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  const item = active.closest("li[data-step], li[data-key], li[data-steps]");
  const list = item && item.parentElement;
  const typing = active.matches("input[type=text]") && active.value !== active.defaultValue;
  return {
    id: active.id,
    list: list && list.id ? list.id : null,
    index: item && list ? [...list.children].indexOf(item) : -1,
    // what the user is typing into a field the redraw replaces is kept, with the caret where it was
    typed: typing ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : null,
  };
}

function restoreFocus(focused, fallback) {
  if (!focused) return;
  if (focused.id && $(focused.id)) {
    const target = $(focused.id);
    if (document.activeElement !== target) target.focus({ preventScroll: true });
    if (focused.typed && target.value !== focused.typed.value) {
      target.value = focused.typed.value;
      target.setSelectionRange(focused.typed.start, focused.typed.end);
    }
    return;
  }
  if (fallback && $(fallback)) { $(fallback).focus({ preventScroll: true }); return; }
  if (focused.list && $(focused.list)) {
    const items = $(focused.list).children;
    const item = items[Math.min(focused.index, items.length - 1)];
    const target = item && item.querySelector("button, input, select, summary");
    if (target) { target.focus({ preventScroll: true }); return; }
  }
  $("changes").focus({ preventScroll: true });
}

// ---- drawing -----------------------------------------------------------------------------------

/** Where a disclosure stands, so that one a reader opened stays open when the page is drawn again. */
function detailsKey(d) {
  const where = [];
  for (let n = d; n && n.id !== "main"; n = n.parentElement) {
    const mark = n.id || n.dataset.step || n.dataset.steps || n.dataset.rule || n.dataset.key;
    if (mark) where.push(mark);
  }
  return where.join("<") + "|" + d.className;
}

function drawAll(change) {
  const opened = new Set([...document.querySelectorAll("main details[open]")].map(detailsKey));
  drawViews(change);
  if (opened.size) document.querySelectorAll("main details").forEach((d) => { if (opened.has(detailsKey(d))) d.open = true; });
}

function drawViews(change) {
  const flash = change || { steps: new Set(), records: new Set() };
  drawDoctrine();
  drawAnswer(flash);
  drawPlan(flash);
  drawTimeline(flash);
  drawAddForm();
  drawCompare(flash);
  drawGraph(flash);
  drawBriefing();
  pauseControls();
}

function drawDoctrine() {
  const { state, view } = model;
  const r = rulesetOf(state.ruleset);
  $("ruleset").value = state.ruleset;
  if (!r) return;
  const revision = view ? view.decision.ruleset.revision : r.revision;
  $("doctrine-summary").replaceChildren(
    el("strong", {}, r.title || r.name), ": ", r.description || "",
    el("span", { class: "revision" }, ` Revision ${revision}; ${r.simultaneous === "refused"
      ? "no steps may be taken together as one move" : "steps may be taken together as one move"}.`));
  drawDoctrineChanges();
  if (!model.changes || model.changes.ruleset !== state.ruleset) loadChanges();
}

/**
 * What the doctrine's last edit changed, as the server worked it out after the reload: asked for when the
 * doctrine or its revision changes, and again at each poll while the server is still working it out.
 */
async function loadChanges() {
  const name = model.state ? model.state.ruleset : defaultRuleset();
  const r = rulesetOf(name);
  const have = model.changes;
  if (!r || (have && have.ruleset === name && have.revision === r.revision && !have.computing)) return;
  try {
    const answer = await api("GET", `/v1/rulesets/${encodeURIComponent(name)}/changes`);
    const latest = answer.revisions[0];
    model.changes = { ruleset: name, revision: r.revision, latest,
      computing: !latest || latest.status === "computing" || latest.revision !== r.revision };
    drawDoctrineChanges();
  } catch (error) {
    // the line stays as it was; the next poll asks again
  }
}

/** The doctrine panel's sentence on the last edit (not the change line of an action: {@link drawChanges}). */
function drawDoctrineChanges() {
  const line = $("doctrine-changes");
  const name = model.state ? model.state.ruleset : defaultRuleset();
  const c = model.changes;
  const shown = c && c.ruleset === name && c.latest && c.latest.status !== "first";
  line.hidden = !shown;
  line.textContent = shown ? changesSentence(c.latest) : "";
}

/** "Revision 3f2a…, 14:02: 1,204 of 1,179,648 records now decide differently; the smallest: …". */
function changesSentence(rev) {
  const when = new Date(rev.loadedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const head = `Revision ${rev.revision}, ${when}: `;
  const n = (x) => x.toLocaleString("en-US");
  if (rev.status === "computing") return head + `still working out which records it decides differently from revision ${rev.previous}.`;
  if (rev.status === "failed") return head + `which records it decides differently from revision ${rev.previous} could not be worked out: ${rev.failure}`;
  if (rev.different === 0) return head + `no record decides differently from revision ${rev.previous} (${n(rev.records)} records compared).`;
  const s = rev.smallest;
  const counted = [];
  for (const id of s.record) {
    const last = counted[counted.length - 1];
    if (last && last.id === id) last.n++; else counted.push({ id, n: 1 });
  }
  const record = counted.length ? and(counted.map((c) => title(c.id) + (c.n > 1 ? ` \u00d7${c.n}` : ""))) : "nothing recorded";
  const said = s.steps.slice(0, 2).map((c) => {
    const rules = c.rules.length ? ` (${c.rules.join(", ")})` : "";
    if (c.step === "(advisories)") return `the advisories change${rules}`;
    if (c.before && c.after && c.before !== c.after) return `${c.title} goes from ${c.before} to ${c.after}${rules}`;
    return `what is said of ${c.title} changes${rules}`;
  });
  const more = s.steps.length > 2 ? `, and ${s.steps.length - 2} more steps` : "";
  return head + `${n(rev.different)} of ${n(rev.records)} records now decide differently from revision ${rev.previous}; `
    + `the smallest: ${record}, where ${and(said)}${more}.`;
}

/** An advice line: "Advised first: the peace mechanism", its basis, and why on demand. */
function cautionView(c) {
  const head = c.recommends.length ? "Advised first: " + and(c.recommends.map(title)) : "Caution: " + c.rule;
  return el("div", { class: "caution", "data-rule": c.ruleId },
    el("span", { class: "caution-head" }, head), " ", basis(c.basis), " ",
    el("details", { class: "why" }, el("summary", {}, "why"),
      el("p", {}, c.reason), el("p", { class: "rule-line" }, "Rule: " + c.rule), sourceOf(c.ruleId, "the source")));
}

function drawAnswer(flash) {
  const { state, view } = model;
  const d = view.decision;
  const fl = (id) => (flash.steps.has(id) ? " flash" : "");
  $("advisories").replaceChildren(...d.advisories.map((a) => el("p", { class: "advisory", "data-rule": a.ruleId },
    el("span", { class: "tag" }, "Advisory"), " ", a.text, " ", basis(a.basis), " ", sourceOf(a.ruleId))));
  const records = state.records;
  $("not-counted").replaceChildren(
    ...d.notCounted.map((n) => el("p", { class: "not-counted", "data-step": n.id },
      `Not counted: ${title(n.id)} (record ${n.index + 1}), because `
      + `${/^(suspended|revoked)$/.test(n.reason) ? "it is " : ""}${humanize(n.reason, records)}.`)),
    ...(d.irregular || []).map((r) => el("p", { class: "irregular", "data-step": r.id },
      `Out of order: ${title(r.id)} (record ${r.index + 1}, ${r.date}) was taken while a firm rule held it back: `
      + and(r.ruleIds.map((id) => `\u201c${ruleName(id)}\u201d`)) + ".")));

  $("unlocked-count").textContent = `(${d.unlocked.length})`;
  $("unlocked").replaceChildren(...d.unlocked.map((u) => {
    const s = step(u.id) || {};
    const mine = records.map((r, i) => [r, i]).filter(([r]) => r.step === u.id);
    const stuck = !s.repeatable && mine.find(([r]) => inForce(r)); // recorded in force but not counting
    const action = stuck
      ? el("button", { type: "button", class: "edit", id: "fix-" + u.id,
        "aria-label": `Edit record ${stuck[1] + 1}, ${u.title}`, onclick: () => focusRecord(stuck[0].key) }, `Edit record ${stuck[1] + 1}`)
      : el("button", { type: "button", class: "take", id: "take-" + u.id, "aria-label": `Mark ${u.title} taken`,
        onclick: () => take([u.id], () => $("take-" + u.id) && $("take-" + u.id).closest("li")) },
      mine.length && !s.repeatable ? "Mark taken again" : "Mark taken");
    const notCounting = stuck ? d.notCounted.find((n) => n.index === stuck[1]) : null;
    return el("li", { "data-step": u.id, class: "step-item" + fl(u.id) },
      el("div", { class: "step-line" },
        el("div", { class: "step-main" },
          el("span", { class: "step-title" }, u.title), " ",
          el("span", { class: "parties" }, who(u.parties, u.atLeastOneOf)
            + ((u.mayAlsoSign || []).length ? `; may also sign: ${and(u.mayAlsoSign)}` : ""))),
        action),
      notCounting ? el("p", { class: "note" }, `Recorded as record ${stuck[1] + 1}, which does not count: ${humanize(notCounting.reason, records)}.`) : null,
      ...u.cautions.map(cautionView));
  }));

  const packages = d.packages || [];
  $("packages-panel").hidden = packages.length === 0;
  $("packages").replaceChildren(...packages.map((p) => {
    const words = and(p.steps.map(title));
    const id = "take-together-" + p.steps.join("-");
    return el("li", { "data-steps": p.steps.join(" "), class: "step-item package" + (p.steps.some((x) => flash.steps.has(x)) ? " flash" : "") },
      el("div", { class: "step-line" },
        el("div", { class: "step-main" }, el("span", { class: "step-title" }, "Take together: " + words)),
        el("button", { type: "button", class: "take", id, "aria-label": `Mark ${words} taken together`,
          onclick: () => take(p.steps, () => $(id) && $(id).closest("li")) }, p.steps.length === 2 ? "Mark both taken" : "Mark all taken")),
      el("p", { class: "rule-line" }, "Each is blocked alone and free once the other is taken: "
        + and(p.ruleIds.map((id) => `\u201c${ruleName(id)}\u201d`)) + ".", " ", sourceOf(p.ruleIds[0])));
  }));

  // blocked steps, grouped by the rule that blocks them
  const groups = new Map();
  const shown = new Set();
  for (const b of d.blocked) {
    for (const r of b.reasons) {
      if (!groups.has(r.ruleId)) groups.set(r.ruleId, { ruleId: r.ruleId, rule: r.rule, basis: r.basis, brief: r.brief, items: [] });
      groups.get(r.ruleId).items.push({ b, r });
    }
  }
  $("blocked-count").textContent = `(${d.blocked.length})`;
  $("blocked").replaceChildren(...[...groups.values()].map((g) => {
    const reasons = new Set(g.items.map((x) => x.r.reason));
    const shared = reasons.size === 1 ? g.items[0].r.reason : null;
    return el("div", { class: "rule-group", "data-rule": g.ruleId },
      el("h4", {}, g.rule, " ", basis(g.basis, g.brief)),
      el("ul", { class: "steps-list" }, ...g.items.map(({ b, r }) => {
        const first = !shown.has(b.id);
        shown.add(b.id);
        return el("li", { "data-step": b.id, class: "step-item" + fl(b.id) },
          el("span", { class: "step-title" }, b.title),
          r.requires.length ? el("span", { class: "requires" }, " \u2014 still needs " + and(r.requires.map(title))) : null,
          shared ? null : el("p", { class: "reason" }, humanize(r.reason, records)),
          ...(first ? b.cautions.map(cautionView) : []));
      })),
      shared ? el("p", { class: "reason" }, humanize(shared, records), " ", sourceOf(g.ruleId)) : sourceOf(g.ruleId));
  }));
}

function take(ids, where) {
  return act((state) => {
    const d = model.view.decision;
    const open = new Set([...d.unlocked.map((u) => u.id), ...(d.packages || []).flatMap((p) => p.steps)]);
    if (!ids.every((id) => open.has(id))) return null; // taken already, by a click before this one
    return withRecords(state, [...state.records, ...ids.map((id) => ({ key: newKey(), step: id }))]);
  }, {
    action: `Marked ${and(ids.map(title))} taken${ids.length > 1 ? " together" : ""}`, where,
  });
}

function drawPlan(flash) {
  const { state, view } = model;
  $("goal").value = state.goal;
  $("advice-" + state.advice).checked = true;
  const plan = view.plan;
  const list = $("plan");
  const summary = $("plan-summary");
  if (!plan) {
    summary.textContent = "Choose a goal to see the shortest road to it from this record.";
    list.replaceChildren();
    return;
  }
  const mode = state.advice === "ignore" ? "by firm rules only" : "following advice";
  if (plan.budget) {
    summary.textContent = `No road to ${title(plan.goal)} was found within the server's search limit: ${plan.budget}`;
    list.replaceChildren();
    return;
  }
  const unsure = plan.complete === false ? " The search stopped at its limit, so a shorter road may exist." : "";
  if (!plan.reachable) {
    summary.textContent = `There is no road to ${title(plan.goal)} from this record under this doctrine, ${mode}.${unsure}`;
    list.replaceChildren(...(plan.blocks || []).map((b) => el("li", { "data-step": b.step, class: "held" },
      `${title(b.step)} stays held back: ${b.reason}` + (b.requires.length ? ` (it needs ${and(b.requires.map(title))})` : ""))));
    return;
  }
  const moves = plan.moves || [];
  summary.textContent = (plan.length === 0
    ? `${title(plan.goal)} has been reached.`
    : `${plural(plan.length, "step")}` + (moves.length !== plan.length ? ` in ${plural(moves.length, "move")}` : "")
      + ` to ${title(plan.goal)}, ${mode}:`) + unsure;
  const unlocked = new Set(view.decision.unlocked.map((u) => u.id));
  const packaged = new Set((view.decision.packages || []).flatMap((p) => p.steps));
  const firstSaid = new Map();
  list.replaceChildren(...moves.map((m, i) => {
    const reason = capital(m.reason || "");
    const same = firstSaid.get(reason);
    if (!same) firstSaid.set(reason, m.number);
    const ids = m.steps.map((s) => s.id);
    const people = m.steps.length === 1 ? who(m.steps[0].parties, m.steps[0].atLeastOneOf)
      : and(m.steps.map((s) => `${s.title}: ${who(s.parties, s.atLeastOneOf)}`), "; ");
    const first = i === 0 && ids.every((id) => unlocked.has(id) || packaged.has(id));
    return el("li", { value: String(m.number), "data-move": String(m.number), "data-step": ids.join("+"),
      class: (m.together ? "together" : "") + (ids.some((id) => flash.steps.has(id)) ? " flash" : "") },
      el("div", { class: "step-line" },
        el("div", { class: "step-main" },
          el("span", { class: "step-title" }, m.together ? el("span", { class: "together-tag" }, "together: ") : null, and(m.steps.map((s) => s.title))),
          " ", el("span", { class: "parties" }, people)),
        first ? el("button", { type: "button", class: "take", id: "take-move", "aria-label": `Take move ${m.number}: ${and(m.steps.map((s) => s.title))}`,
          onclick: () => take(ids, () => $("plan-panel")) }, "Take this move") : null),
      el("div", { class: "move-reason", title: (m.ruleIds || []).length ? "Rules: " + and(m.ruleIds.map(ruleName), "; ") : null },
        same && reason.includes(":") ? `${reason.slice(0, reason.indexOf(":"))}: the same rule as move ${same}.` : reason));
  }));
}

/** The record as a timeline: each record with its date, parties, status, facility and note, editable in place. */
function drawTimeline(flash) {
  const { state, view } = model;
  const d = view.decision;
  const records = state.records;
  const notCounted = new Map(d.notCounted.map((n) => [n.index, n]));
  const irregular = new Map((d.irregular || []).map((n) => [n.index, n]));
  const counted = records.length - notCounted.size;
  const dated = records.filter((r) => r.date).length;
  $("record-summary").textContent = !records.length ? ""
    : `${plural(records.length, "record")}: ${notCounted.size ? `${counted} ${counted === 1 ? "counts" : "count"}, ${notCounted.size} ${notCounted.size === 1 ? "does" : "do"} not.` : records.length === 1 ? "it counts." : "all count."}`
      + (dated === records.length ? ` Every record is dated, so the record is replayed in date order: ${irregular.size ? `${plural(irregular.size, "step")} taken out of order.` : "nothing was taken out of order."}`
        : dated ? ` ${plural(records.length - dated, "record")} without a date: date every record to see which steps were taken out of order.` : "");
  const open = new Set([...document.querySelectorAll("#timeline details.parties-edit[open]")].map((x) => x.id));
  if (!records.length) {
    $("timeline").replaceChildren(el("li", { class: "empty" }, "Nothing is recorded yet. Mark a step taken in the answer, or add one below."));
    return;
  }
  $("timeline").replaceChildren(...records.map((r, i) => {
    const s = step(r.step) || { parties: [], kind: "" };
    const k = r.key;
    const n = i + 1;
    const name = `record ${n}, ${title(r.step)}`;
    const nc = notCounted.get(i), ir = irregular.get(i);
    const verdict = nc
      ? el("span", { class: "verdict not-counted", id: "verdict-" + k }, "does not count: " + humanize(nc.reason, records))
      : el("span", { class: "verdict counts", id: "verdict-" + k }, "counts");
    const outOfOrder = ir ? el("p", { class: "verdict irregular" },
      "Taken out of order: it broke " + and(ir.ruleIds.map((id) => `\u201c${ruleName(id)}\u201d`))
      + " (" + and([...new Set(ir.ruleIds.map((id) => (rule(id) || {}).basis).filter(Boolean))]) + ").") : null;

    const date = el("input", { type: "text", class: "date", id: "date-" + k, value: r.date || "", size: "10",
      placeholder: "no date", inputmode: "numeric", "aria-label": `Date of ${name} (YYYY, YYYY-MM or YYYY-MM-DD)` });
    date.addEventListener("change", () => {
      const value = date.value.trim();
      if (value && !DATE.test(value)) {
        say(date.closest("li"), `\u201c${value}\u201d is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, such as 2027-05. The record keeps ${r.date ? "its date " + r.date : "no date"}.`);
        date.value = r.date || "";
        return;
      }
      edit(k, { date: value }, value ? `Dated ${name} ${value}` : `Took the date off ${name}`, "date-" + k);
    });

    const status = el("select", { id: "status-" + k, "aria-label": `Status of ${name}` },
      ...STATUSES.map((v) => el("option", { value: v }, STATUS_WORDS[v])));
    status.value = r.status || "in-force";
    status.addEventListener("change", () => edit(k, { status: status.value }, `Marked ${name} ${STATUS_WORDS[status.value]}`, "status-" + k));

    const fields = [el("label", { class: "field", for: "status-" + k }, "Status "), status];
    let facility = null;
    if (s.kind === "reciprocal-measure") {
      facility = el("input", { type: "text", id: "facility-" + k, value: r.facility || "", size: "18",
        placeholder: "which facility", "aria-label": `Facility dismantled, ${name}` });
      facility.addEventListener("change", () => edit(k, { facility: facility.value.trim() },
        facility.value.trim() ? `Named the facility of ${name}: ${facility.value.trim()}` : `Took the facility off ${name}`, "facility-" + k));
    }
    const chosen = r.parties || defaultParties(s);
    const partyBoxes = PARTIES.map((p) => {
      const id = `party-${k}-${p}`;
      const box = el("input", { type: "checkbox", id, value: p });
      box.checked = chosen.includes(p);
      box.addEventListener("change", () => {
        const now = PARTIES.filter((x) => $(`party-${k}-${x}`).checked);
        const assumed = defaultParties(s);
        const same = now.length === assumed.length && assumed.every((x) => now.includes(x));
        edit(k, { parties: same ? undefined : now }, `${box.checked ? "Added" : "Took"} ${p} ${box.checked ? "to" : "off"} the parties of ${name}`, id);
      });
      const role = s.parties.includes(p) ? "required" : (s.atLeastOneOf || []).includes(p) ? "at least one"
        : (s.mayAlsoSign || []).includes(p) ? "may also sign" : "";
      return el("label", { for: id, class: "party" }, box, " " + p, role ? el("span", { class: "role" }, ` (${role})`) : null);
    });
    const parties = el("details", { class: "parties-edit", id: "parties-" + k, open: open.has("parties-" + k) },
      el("summary", {}, "Parties: " + (chosen.length ? chosen.join(", ") : "nobody")),
      el("fieldset", {}, el("legend", { class: "sr-only" }, `Parties to ${name}`), ...partyBoxes));
    const note = el("input", { type: "text", id: "note-" + k, value: r.note || "", size: "22", placeholder: "a note",
      "aria-label": `Note on ${name}` });
    note.addEventListener("change", () => edit(k, { note: note.value.trim() }, `Changed the note on ${name}`, "note-" + k));
    const remove = el("button", { type: "button", class: "remove", id: "remove-" + k, "aria-label": `Remove ${name}`,
      onclick: () => removeRecord(k, name) }, "Remove");

    return el("li", { class: "record" + (nc ? " not-counted" : "") + (ir ? " irregular" : "") + (r.status && r.status !== "in-force" ? " " + r.status : "")
      + (flash.records.has(k) ? " flash" : ""), "data-key": k, "data-step": r.step, "data-index": String(i) },
      el("div", { class: "record-head" },
        el("span", { class: "record-number", "aria-hidden": "true" }, String(n)),
        date,
        el("span", { class: "step-title" }, title(r.step)),
        remove),
      el("div", { class: "record-fields" },
        el("span", { class: "field-pair" }, ...fields), verdict, parties,
        facility ? el("span", { class: "field-pair wide" }, el("label", { class: "field", for: "facility-" + k }, "Facility "), facility) : null,
        el("span", { class: "field-pair wide" }, el("label", { class: "field", for: "note-" + k }, "Note "), note)),
      outOfOrder);
  }));
}

function edit(key, patch, action, focus) {
  return act((state) => {
    if (!state.records.some((r) => r.key === key)) return null;
    return withRecords(state, state.records.map((r) => {
      if (r.key !== key) return r;
      const changed = { ...r };
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined || value === "") delete changed[field]; else changed[field] = value;
      }
      return changed;
    }));
  }, {
    action, focus, where: () => document.querySelector(`#timeline li[data-key="${key}"]`),
  });
}

function removeRecord(key, name) {
  const index = model.state.records.findIndex((r) => r.key === key);
  const after = model.state.records[index + 1] || model.state.records[index - 1];
  return act((state) => (state.records.some((r) => r.key === key)
    ? withRecords(state, state.records.filter((r) => r.key !== key)) : null), {
    action: `Removed ${name}`, focus: after ? "remove-" + after.key : "record-heading",
    where: () => document.querySelector(`#timeline li[data-key="${key}"]`),
  });
}

function focusRecord(key) {
  const li = document.querySelector(`#timeline li[data-key="${key}"]`);
  if (!li) return;
  li.querySelector("details.parties-edit").open = true;
  li.scrollIntoView({ block: "center", behavior: "smooth" });
  li.querySelector("input, select").focus({ preventScroll: true });
  li.classList.remove("flash");
  void li.offsetWidth;
  li.classList.add("flash");
}

function drawAddForm() {
  const { view } = model;
  const select = $("add-step");
  const chosen = select.value;
  const d = view.decision;
  const unlocked = new Set(d.unlocked.map((u) => u.id));
  const blocked = new Set(d.blocked.map((b) => b.id));
  const group = (label, ids) => (ids.length ? el("optgroup", { label }, ...ids.map((id) => el("option", { value: id }, title(id)))) : null);
  const ids = model.catalog.map((s) => s.id);
  select.replaceChildren(
    group("May be taken now", ids.filter((id) => unlocked.has(id))),
    group("Blocked now (to record history as it happened)", ids.filter((id) => blocked.has(id) && !unlocked.has(id))),
    group("Already counted", ids.filter((id) => !unlocked.has(id) && !blocked.has(id))));
  if (chosen && ids.includes(chosen)) select.value = chosen;
}

function drawCompare(flash) {
  const { state, view } = model;
  const comparison = view.comparison;
  const names = comparison.decisions.map((x) => x.ruleset.name);
  const head = el("tr", {}, el("th", { scope: "col" }, "Step"), ...names.map((n) => el("th", { scope: "col", "data-ruleset": n,
    class: n === state.ruleset ? "current" : "" },
  rulesetTitle(n), n === state.ruleset ? el("span", { class: "in-use" }, " (in use)")
    : el("button", { type: "button", class: "link", id: "use-" + n, "aria-label": `Use the doctrine ${rulesetTitle(n)}`,
      onclick: () => switchDoctrine(n, "compare-panel") }, "use"))));
  $("compare").tHead.replaceChildren(head);
  const rows = [];
  if (state.goal) {
    rows.push(el("tr", { "data-road": state.goal }, el("th", { scope: "row" }, "Road to " + title(state.goal)),
      ...names.map((n) => {
        const p = view.roads[n];
        return el("td", { class: "road" }, !p ? "" : p.budget ? "not found in time" : !p.reachable ? "no road" : plural(p.length, "step"));
      })));
  }
  const words = { completed: "completed", unlocked: "may be taken", blocked: "blocked" };
  rows.push(...comparison.differences.map((x) => el("tr", { "data-step": x.id, class: flash.steps.has(x.id) ? "flash" : "" },
    el("th", { scope: "row" }, x.title), ...names.map((n) => el("td", { class: x.status[n] }, words[x.status[n]] || x.status[n])))));
  $("compare").tBodies[0].replaceChildren(...rows);
  $("compare-same").hidden = comparison.differences.length > 0;
  $("compare").hidden = rows.length === 0;
  $("doctrines").replaceChildren(...model.rulesets.flatMap((r) => [
    el("dt", {}, r.title || r.name, el("span", { class: "revision" }, ` \u201c${r.name}\u201d, revision ${r.revision}`)),
    el("dd", {}, el("p", {}, r.description || ""),
      el("p", { class: "hint" }, r.simultaneous === "refused" ? "Refuses simultaneous action: no packages." : "Allows simultaneous action: packages may be taken together.",
        r.simultaneousSource ? el("details", { class: "source" }, el("summary", {}, "source"), el("blockquote", {}, "\u201c" + r.simultaneousSource + "\u201d")) : null),
      el("details", { class: "rules" }, el("summary", {}, `Its ${(r.rules || []).length} rules, with their basis and source`),
        el("ul", {}, ...(r.rules || []).map((x) => el("li", {}, x.name, " ", basis(x.basis, x.brief),
          el("details", { class: "source" }, el("summary", {}, "source"), el("blockquote", {}, "\u201c" + x.source + "\u201d"),
            el("p", { class: "where" }, `Rule \u201c${x.id}\u201d, ${x.file}:${x.line}`))))))),
  ]));
}

function switchDoctrine(name, focus) {
  const from = model.state.ruleset;
  if (name === from) return null;
  return act((state) => (state.ruleset === name ? null : { ...state, ruleset: name }), {
    action: `Switched the doctrine from ${rulesetTitle(from)} to ${rulesetTitle(name)}`,
    where: () => $("answer"), focus,
  });
}

// ---- the graph -----------------------------------------------------------------------------------

function graphFor(name, revision) {
  const key = name + "@" + revision;
  if (!model.graphs.has(key)) {
    const promise = api("GET", "/v1/graph?format=json&ruleset=" + encodeURIComponent(name))
      .then(async (graph) => ({ key, graph, svg: await PeacepathGraph.layout(graph) }));
    promise.catch(() => model.graphs.delete(key));
    model.graphs.set(key, promise);
  }
  return model.graphs.get(key);
}

const graphKey = () => model.state.ruleset + "@" + model.view.decision.ruleset.revision;

function drawGraph(flash) {
  const key = graphKey();
  if (model.mounted && model.mounted.key === key) { paintGraph(flash); return; }
  model.mounted = null;
  $("graph").replaceChildren(el("p", { class: "hint" }, "Laying out the graph\u2026"));
  graphFor(model.state.ruleset, model.view.decision.ruleset.revision).then((g) => {
    if (!model.view || graphKey() !== key || (model.mounted && model.mounted.key === key)) return;
    model.mounted = g;
    g.svg.style.setProperty("--w", g.svg.dataset.width + "px");
    $("graph").replaceChildren(g.svg);
    paintGraph({ steps: new Set() });
  }).catch((error) => {
    if (model.view && graphKey() === key) {
      $("graph").replaceChildren(el("p", { class: "message" }, "The graph could not be laid out: " + error.message));
    }
  });
}

function graphStatus() {
  const d = model.view.decision;
  const status = new Map();
  for (const u of d.unlocked) status.set(u.id, "unlocked");
  for (const id of d.completed) status.set(id, "completed");
  for (const b of d.blocked) status.set(b.id, "blocked");
  return status;
}

const STATUS_SAID = { completed: "completed", unlocked: "may be taken now", blocked: "blocked" };

function paintGraph(flash = { steps: new Set() }) {
  if (!model.mounted) return;
  const { svg } = model.mounted;
  const status = graphStatus();
  const onPlan = new Set(((model.view.plan && model.view.plan.moves) || []).flatMap((m) => m.steps.map((s) => s.id)));
  const nodes = [...svg.querySelectorAll("g.node")];
  const focusable = nodes.some((g) => g.dataset.step === model.selected) ? model.selected : nodes[0] && nodes[0].dataset.step;
  for (const g of nodes) {
    const id = g.dataset.step;
    const st = status.get(id) || "blocked";
    g.classList.remove("completed", "unlocked", "blocked", "on-plan", "selected", "flash");
    g.classList.add(st);
    if (onPlan.has(id)) g.classList.add("on-plan");
    if (id === model.selected) g.classList.add("selected");
    if (flash.steps.has(id)) { void g.getBBox(); g.classList.add("flash"); }
    g.setAttribute("tabindex", id === focusable ? "0" : "-1");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", `${title(id)}: ${STATUS_SAID[st]}${onPlan.has(id) ? ", on the plan" : ""}. Show why it stands here.`);
    let tip = g.querySelector(":scope > title");
    if (!tip) { tip = document.createElementNS("http://www.w3.org/2000/svg", "title"); g.prepend(tip); }
    tip.textContent = `${title(id)}: ${STATUS_SAID[st]}`;
  }
  for (const e of svg.querySelectorAll("g.edge")) {
    e.classList.toggle("related", !!model.selected && (e.dataset.from === model.selected || e.dataset.to === model.selected));
  }
  drawWhy();
}

function chooseStep(id, focus = false) {
  model.selected = id;
  paintGraph();
  const g = model.mounted && model.mounted.svg.querySelector(`g.node[data-step="${id}"]`);
  if (focus && g) g.focus();
  const why = $("graph-why");
  if (!why.hidden) why.scrollIntoView({ block: "nearest" });
}

/** Why a step stands where it does: what it comes after, what it opens, and what the answer says of it now. */
function drawWhy() {
  const box = $("graph-why");
  const id = model.selected;
  if (!id || !model.mounted) { box.hidden = true; return; }
  const { graph } = model.mounted;
  const d = model.view.decision;
  const st = graphStatus().get(id) || "blocked";
  // the arrows into and out of the step, grouped by the rules that draw them
  const grouped = (edges, end) => {
    const groups = new Map();
    for (const e of edges) {
      const key = e.strength + ":" + (e.ruleIds || []).join(",");
      if (!groups.has(key)) groups.set(key, { e, steps: [] });
      groups.get(key).steps.push(title(e[end]));
    }
    return el("ul", {}, ...[...groups.values()].map(({ e, steps }) => el("li", {}, and(steps) + " \u2014 "
      + (e.strength === "advice" ? "advice " : "firm rule ") + and((e.ruleIds || []).map((r) => `\u201c${ruleName(r)}\u201d`)))));
  };
  const into = graph.edges.filter((e) => e.to === id);
  const out = graph.edges.filter((e) => e.from === id);
  const parts = [
    el("h3", {}, title(id), " ", el("span", { class: "status-tag " + st }, STATUS_SAID[st])),
    into.length ? el("div", {}, el("p", {}, "It stands after:"), grouped(into, "from"))
      : el("p", {}, "No rule sets a step before it: it stands at the start."),
    out.length ? el("div", {}, el("p", {}, "It comes before:"), grouped(out, "to")) : el("p", {}, "No step waits for it."),
  ];
  const b = d.blocked.find((x) => x.id === id);
  const u = d.unlocked.find((x) => x.id === id);
  if (b) {
    parts.push(el("p", {}, "Now blocked: ", ...b.reasons.map((r) => el("span", {}, humanize(r.reason, model.state.records)
      + (r.requires.length ? ` It still needs ${and(r.requires.map(title))}.` : "") + " ", basis(r.basis, r.brief), " "))));
  } else if (u) {
    parts.push(el("p", {}, "It may be taken now" + (u.cautions.length ? "; advice says:" : ".")));
  } else {
    parts.push(el("p", {}, "It has been taken and counts."));
  }
  const cautions = (b || u || { cautions: [] }).cautions;
  parts.push(...cautions.map(cautionView));
  const move = ((model.view.plan && model.view.plan.moves) || []).find((m) => m.steps.some((s) => s.id === id));
  if (move) parts.push(el("p", {}, `Move ${move.number} of the plan to ${title(model.state.goal)}.`));
  box.replaceChildren(...parts);
  box.hidden = false;
}

function graphKeys(event) {
  const g = event.target.closest && event.target.closest("g.node");
  if (!g || !model.mounted) return;
  const nodes = [...model.mounted.svg.querySelectorAll("g.node")];
  const i = nodes.indexOf(g);
  let next = null;
  if (event.key === "Enter" || event.key === " ") { event.preventDefault(); chooseStep(g.dataset.step, true); return; }
  if (event.key === "ArrowRight" || event.key === "ArrowDown") next = nodes[(i + 1) % nodes.length];
  if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = nodes[(i - 1 + nodes.length) % nodes.length];
  if (event.key === "Home") next = nodes[0];
  if (event.key === "End") next = nodes[nodes.length - 1];
  if (next) {
    event.preventDefault();
    nodes.forEach((n) => n.setAttribute("tabindex", n === next ? "0" : "-1"));
    next.focus();
  }
}

// ---- the briefing ------------------------------------------------------------------------------------

/** The briefing as a list of blocks, written out as HTML for print and as Markdown for download. */
function briefing() {
  const { state, view } = model;
  const d = view.decision;
  const r = rulesetOf(state.ruleset) || { name: state.ruleset };
  const records = state.records;
  const blocks = [];
  const today = new Date().toISOString().slice(0, 10);
  blocks.push({ h: 1, text: "Briefing: the peace process on the Korean Peninsula" });
  blocks.push({ p: `Prepared ${today} with peacepath under the doctrine ${r.title || r.name} (revision ${d.ruleset.revision}). ${r.description || ""}` });
  blocks.push({ h: 2, text: "The record" });
  if (!records.length) {
    blocks.push({ p: "Nothing has been recorded yet." });
  } else {
    const nc = new Map(d.notCounted.map((n) => [n.index, n]));
    const ir = new Map((d.irregular || []).map((n) => [n.index, n]));
    blocks.push({
      table: ["#", "Date", "Step", "Parties", "Status", "Notes", "Counts"],
      rows: records.map((x, i) => {
        const s = step(x.step) || { parties: [] };
        return [String(i + 1), x.date || "", title(x.step), (x.parties || defaultParties(s)).join(", ") || "nobody",
          STATUS_WORDS[x.status || "in-force"], [x.facility ? "Facility: " + x.facility : "", x.note || ""].filter(Boolean).join("; "),
          (nc.has(i) ? "no: " + humanize(nc.get(i).reason, records) : "yes")
          + (ir.has(i) ? "; out of order (" + and(ir.get(i).ruleIds.map(ruleName)) + ")" : "")];
      }),
    });
  }
  blocks.push({ h: 2, text: "The decision" });
  const counted = [...counts(d.completed)].map(([id, n]) => title(id) + (n > 1 ? ` (${n} times)` : ""));
  blocks.push({ p: counted.length ? `Counted: ${and(counted)}.` : "Nothing recorded counts yet." });
  blocks.push({ p: `May be taken now: ${and(d.unlocked.map((u) => `${u.title} (${who(u.parties, u.atLeastOneOf)})`), "; and ") || "nothing"}.` });
  const advice = new Map();
  for (const x of [...d.unlocked, ...d.blocked]) {
    for (const c of x.cautions) {
      if (!advice.has(c.ruleId)) advice.set(c.ruleId, { c, steps: [] });
      advice.get(c.ruleId).steps.push(x.title);
    }
  }
  if ((d.packages || []).length) {
    blocks.push({ p: "Only together: " + d.packages.map((p) => `${and(p.steps.map(title))} can be taken only as one move (${and(p.ruleIds.map(ruleName))})`).join("; ") + "." });
  }
  const groups = new Map();
  for (const b of d.blocked) for (const x of b.reasons) {
    if (!groups.has(x.ruleId)) groups.set(x.ruleId, { x, steps: [] });
    groups.get(x.ruleId).steps.push(b.title + (x.requires.length ? ` (needs ${and(x.requires.map(title))})` : ""));
  }
  if (groups.size) {
    blocks.push({ h: 3, text: "Blocked, by firm rule" });
    blocks.push({ ul: [...groups.values()].map(({ x, steps }) => `${and(steps)}: ${humanize(x.reason, records)} [${x.rule}; ${basisWords(x)}]`) });
  }
  if (advice.size) {
    blocks.push({ h: 3, text: "Advice" });
    blocks.push({ ul: [...advice.values()].map(({ c, steps }) => (c.recommends.length ? `${and(steps)}: better after ${and(c.recommends.map(phrase))}. ` : `${and(steps)}: `)
      + `${c.reason} [${c.rule}; ${c.basis}]`) });
  }
  if ((d.irregular || []).length) {
    blocks.push({ h: 3, text: "Taken out of order" });
    blocks.push({ ul: d.irregular.map((x) => `${title(x.id)} (record ${x.index + 1}, ${x.date}) was taken while a firm rule blocked it: ${and(x.ruleIds.map(ruleName))}.`) });
  }
  if (d.advisories.length) {
    blocks.push({ h: 3, text: "Advisories" });
    blocks.push({ ul: d.advisories.map((a) => `${a.text} [${a.rule}; ${a.basis}]`) });
  }
  blocks.push({ h: 2, text: "The plan" });
  const plan = view.plan;
  if (!plan) {
    blocks.push({ p: "No goal has been chosen." });
  } else if (plan.budget) {
    blocks.push({ p: `No road to ${title(plan.goal)} was found within the search limit.` });
  } else if (!plan.reachable) {
    blocks.push({ p: `There is no road to ${title(plan.goal)} from this record under this doctrine.` });
    blocks.push({ ul: (plan.blocks || []).map((b) => `${title(b.step)} stays held back: ${b.reason}`) });
  } else if (plan.length === 0) {
    blocks.push({ p: `${title(plan.goal)} has been reached.` });
  } else {
    const mode = state.advice === "ignore" ? "on firm rules only" : "following advice";
    blocks.push({ p: `The shortest road to ${title(plan.goal)}, ${mode}, takes ${plural(plan.length, "step")}`
      + (plan.moves.length !== plan.length ? ` in ${plural(plan.moves.length, "move")}` : "") + ":" });
    const said = new Map();
    blocks.push({ ol: plan.moves.map((m) => {
      const reason = capital(m.reason || "");
      const same = said.get(reason);
      if (!same) said.set(reason, m.number);
      return `${m.together ? "Together: " : ""}${and(m.steps.map((s) => s.title))}, by `
        + `${and(m.steps.map((s) => who(s.parties, s.atLeastOneOf)), "; ")} \u2014 `
        + (same && reason.includes(":") ? `${reason.slice(0, reason.indexOf(":"))}: the same rule as move ${same}.` : reason);
    }) });
  }
  blocks.push({ small: `The rules follow Leon V. Sigal, \u201cReplacing the Armistice With A Peace Treaty in Korea\u201d (NAPSNet Policy Forum, 26 March 2013). This state: ${location.origin}${location.pathname}${addressOf(state)}` });
  return blocks;
}

function briefingHtml(blocks) {
  return blocks.map((b) => {
    if (b.h) return el("h" + b.h, {}, b.text);
    if (b.p) return el("p", {}, b.p);
    if (b.small) return el("p", { class: "small" }, b.small);
    if (b.ul || b.ol) return el(b.ul ? "ul" : "ol", {}, ...(b.ul || b.ol).map((x) => el("li", {}, x)));
    if (b.table) {
      return el("table", {}, el("thead", {}, el("tr", {}, ...b.table.map((h) => el("th", {}, h)))),
        el("tbody", {}, ...b.rows.map((row) => el("tr", {}, ...row.map((c) => el("td", {}, c))))));
    }
    return "";
  });
}

function briefingMarkdown(blocks) {
  const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
  return blocks.map((b) => {
    if (b.h) return "#".repeat(b.h) + " " + b.text;
    if (b.p) return b.p;
    if (b.small) return "_" + b.small + "_";
    if (b.ul) return b.ul.map((x) => "- " + x).join("\n");
    if (b.ol) return b.ol.map((x, i) => `${i + 1}. ${x}`).join("\n");
    if (b.table) {
      return ["| " + b.table.map(cell).join(" | ") + " |", "|" + b.table.map(() => " --- |").join(""),
        ...b.rows.map((row) => "| " + row.map(cell).join(" | ") + " |")].join("\n");
    }
    return "";
  }).join("\n\n") + "\n";
}

function drawBriefing() {
  if (!model.view) return;
  $("briefing").replaceChildren(...briefingHtml(briefing()));
}

function download(name, type, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// ---- undo ----------------------------------------------------------------------------------------------

function drawUndo() {
  const undo = $("undo"), redo = $("redo");
  const can = (model.here.n || 0) > 0;
  undo.disabled = !can || model.offline;
  undo.title = can ? `Undo: ${model.here.did || "the last change"} (Ctrl+Z, or the browser's Back)` : "Nothing to undo";
  redo.disabled = model.forward <= 0 || model.offline;
  redo.title = model.forward > 0 ? "Redo the change undone (Ctrl+Shift+Z, or the browser's Forward)" : "Nothing to redo";
}

function onHistory(event) {
  if (!model.catalog.length) return;
  // a jump within the page (a link to #something) is no change of state
  if (!event.state && model.state && location.search === addressOf(model.state)) return;
  const here = event.state || { n: 0 };
  const before = model.here || { n: 0 };
  const undoing = (here.n || 0) < (before.n || 0);
  model.forward = Math.max(0, model.forward + (undoing ? 1 : -1));
  const { state, problems } = parseAddress(location.search);
  if (problems.length) {
    showBanner("This address could not be read: " + problems.join(" "), { dismiss: true });
    return;
  }
  state.records = adoptKeys(state.records, model.state ? model.state.records : []);
  const did = undoing ? before.did : here.did;
  settle(state, { history: here, action: did ? `${undoing ? "Undone" : "Redone"}: ${lowerFirst(did)}` : undoing ? "Undone" : "Redone" });
}

// ---- loading and saving a state as a file ----------------------------------------------------------

async function loadFile(file) {
  const where = () => $("file-message");
  const shout = (text) => { say($("file-message"), text); };
  let body;
  try {
    body = JSON.parse(await file.text());
  } catch (error) {
    shout(`${file.name} was not loaded: it is not valid JSON (${error.message}). The record on screen is unchanged.`);
    return;
  }
  if (!body || typeof body !== "object" || Array.isArray(body) || !Array.isArray(body.completed)) {
    shout(`${file.name} was not loaded: it is not a peacepath state, which is a JSON object with a \u201ccompleted\u201d list of the steps taken, as \u201cDownload state\u201d writes it. The record on screen is unchanged.`);
    return;
  }
  if (body.ruleset !== undefined && !rulesetOf(body.ruleset)) {
    const near = nearest(String(body.ruleset), model.rulesets.map((r) => r.name));
    shout(`${file.name} was not loaded: it names the doctrine \u201c${body.ruleset}\u201d, which this server does not serve`
      + (near ? `; did you mean \u201c${near}\u201d (${rulesetTitle(near)})?` : `; the doctrines are ${and(model.rulesets.map((r) => `\u201c${r.name}\u201d`))}.`)
      + " The record on screen is unchanged.");
    return;
  }
  const inFile = body.completed.map((e) => (e && typeof e === "object" ? { key: newKey(), ...e } : { key: newKey(), step: String(e) }));
  // The server judges the file as it is written, so that what it says points at the file's own records.
  try {
    await api("POST", "/v1/evaluate", body);
  } catch (error) {
    if (error.kind === "unreachable") { setOffline(true); shout(`${file.name} was not loaded: the server cannot be reached to check it. Load it again once it answers.`); return; }
    shout(`${file.name} was not loaded; the record on screen is unchanged. ` + refusal(error, { records: inFile }, { records: inFile, source: file.name }).replace(/^Not done: /, ""));
    return;
  }
  await act((state) => withRecords({ ...state, ruleset: body.ruleset || state.ruleset }, inFile.map((e) => ({
    key: e.key, step: e.step, parties: e.parties, date: e.date, status: e.status, facility: e.facility, note: e.note,
  }))), { action: `Loaded ${file.name}`, where });
}

// ---- the rule sets, the catalog, and starting ---------------------------------------------------------------

async function loadRuleSets() {
  const answer = await api("GET", "/v1/rulesets");
  model.rulesets = answer.rulesets;
  drawStrayFiles(answer.strayFiles || []);
  const select = $("ruleset");
  const names = model.rulesets.map((r) => r.name + ":" + r.title).join(",");
  if (select.dataset.names !== names) {
    select.replaceChildren(...model.rulesets.map((r) => el("option", { value: r.name }, r.title || r.name)));
    select.dataset.names = names;
    if (model.state) select.value = model.state.ruleset;
  }
  drawReloadErrors();
  loadChanges();
  // The rules were edited while the page was open: work the answer out again under the new revision.
  if (model.view && !model.offline && !model.pending) {
    const current = rulesetOf(model.state.ruleset);
    if (current && current.revision !== model.view.decision.ruleset.revision && !document.body.dataset.busy) {
      settle(model.state, { action: `The rules of ${current.title} were edited (revision ${model.view.decision.ruleset.revision} \u2192 ${current.revision}); the answer has been worked out again` });
    }
  }
}

/** Files of the rules folder that no rule set reads: said to the policy staff who left them there. */
function drawStrayFiles(strays) {
  const box = $("stray-files");
  box.hidden = strays.length === 0;
  box.replaceChildren(...(strays.length ? [
    el("p", {}, strays.length === 1 ? "A file in the rules folder is not read by any doctrine:"
      : `${strays.length} files in the rules folder are not read by any doctrine:`),
    el("ul", {}, ...strays.map((p) => el("li", {}, el("code", {}, p.file), ": ", p.message))),
  ] : []));
}

function drawReloadErrors() {
  const name = model.state ? model.state.ruleset : defaultRuleset();
  const current = rulesetOf(name);
  const banner = $("reload-error");
  if (!current) { banner.hidden = true; return; }
  const last = current.lastReload || {};
  const problems = (last.result === "refused" ? last.errors : last.scenarioFailures) || [];
  if (problems.length) {
    const what = last.result === "refused"
      ? `The last edit of the rules of ${current.title} was refused; the revision shown (${current.revision}) keeps serving.`
      : `Scenarios fail under the rules of ${current.title} now serving.`;
    banner.textContent = what + "\n" + problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n");
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

let pollTimer = null;
function poll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    if (!model.offline && !document.hidden) {
      try {
        await loadRuleSets();
      } catch (error) {
        if (error.kind === "unreachable" && !model.offline) setOffline(true);
      }
    }
    poll();
  }, POLL_MS);
}

function wire() {
  $("ruleset").addEventListener("change", () => switchDoctrine($("ruleset").value));
  $("goal").addEventListener("change", () => {
    const goal = $("goal").value;
    act((state) => ({ ...state, goal }), { action: goal ? `Chose the goal: ${title(goal)}` : "Cleared the goal", where: () => $("plan-panel") });
  });
  for (const radio of document.querySelectorAll("input[name=advice]")) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      act((state) => ({ ...state, advice: radio.value }), {
        action: radio.value === "ignore" ? "Planned on firm rules only" : "Planned following advice", where: () => $("plan-panel"),
      });
    });
  }
  $("plan-form").addEventListener("submit", (event) => event.preventDefault());
  $("add-record").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = $("add-step").value;
    const date = $("add-date").value.trim();
    if (!id) return;
    if (date && !DATE.test(date)) {
      say($("add-message"), `\u201c${date}\u201d is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, such as 2027-05. Nothing was added.`);
      $("add-date").focus();
      return;
    }
    const record = { key: newKey(), step: id, date: date || undefined };
    act((state) => withRecords(state, [...state.records, record]), {
      action: `Added ${title(id)}${date ? " on " + date : ""} to the record`, where: () => $("add-message"),
    }).then((ok) => { if (ok) $("add-date").value = ""; });
  });
  $("reset").addEventListener("click", () => act((state) => ({ ...state, records: [] }), { action: "Started over with an empty record", focus: "add-step" }));
  $("download").addEventListener("click", () => {
    download("negotiation-state.json", "application/json", JSON.stringify(requestBody(model.state), null, 2) + "\n");
  });
  $("load").addEventListener("change", async () => {
    const file = $("load").files[0];
    if (file) await loadFile(file);
    $("load").value = "";
  });
  $("undo").addEventListener("click", () => { if (model.here.n > 0) history.back(); });
  $("redo").addEventListener("click", () => { if (model.forward > 0) history.forward(); });
  window.addEventListener("popstate", onHistory);
  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z") return;
    if (event.target.closest("input[type=text], textarea")) return;
    event.preventDefault();
    if (event.shiftKey) $("redo").click(); else $("undo").click();
  });
  // skip links move the focus without touching the address (and so the history that Back undoes)
  for (const link of document.querySelectorAll(".skip-links a")) {
    link.addEventListener("click", (event) => {
      const target = document.querySelector(link.getAttribute("href"));
      if (!target) return;
      event.preventDefault();
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    });
  }
  $("retry").addEventListener("click", () => { model.retryDelay = 1000; retry(); });
  $("dismiss-banner").addEventListener("click", hideBanner);
  $("fix-link").addEventListener("click", () => {
    const fixed = model.linkFix;
    if (!fixed) return;
    const { state, problems } = parseAddress(fixed);
    if (problems.length) return;
    hideBanner();
    act(() => state, { action: "Opened the link with its corrections" });
  });
  $("print-briefing").addEventListener("click", () => { drawBriefing(); window.print(); });
  window.addEventListener("beforeprint", drawBriefing);
  $("download-briefing").addEventListener("click", () => {
    if (!model.view) return;
    download(`peacepath-briefing-${new Date().toISOString().slice(0, 10)}.md`, "text/markdown", briefingMarkdown(briefing()));
  });
  $("graph").addEventListener("click", (event) => {
    const g = event.target.closest && event.target.closest("g.node");
    if (g) chooseStep(g.dataset.step);
  });
  $("graph").addEventListener("keydown", graphKeys);
}

async function start() {
  wire();
  for (;;) {
    try {
      await loadRuleSets();
      const steps = await api("GET", "/v1/steps");
      model.catalog = steps.steps;
      model.steps = new Map(model.catalog.map((s) => [s.id, s]));
      break;
    } catch (error) {
      showBanner(error.kind === "unreachable"
        ? "The server cannot be reached, so there is nothing to show yet. The page keeps trying and starts by itself when the server answers."
        : `The server could not give the doctrines and the steps: ${error.message}. The page tries again.`, { retry: false });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  hideBanner();
  $("goal").replaceChildren(el("option", { value: "" }, "Choose a goal\u2026"),
    ...model.catalog.map((s) => el("option", { value: s.id }, s.title)));
  const link = location.search;
  let { state, problems, fixed } = parseAddress(link);
  model.here = history.state && typeof history.state.n === "number" ? history.state : { n: 0 };
  if (problems.length) {
    state = emptyState();
    model.here = { n: 0 };
  }
  let refused = null;
  await settle(state, { initial: true, onRefused: (words) => { refused = words; } });
  if (problems.length) {
    refuseLink(link, problems, fixed);
  } else if (refused) {
    // the server refused the state the link describes: say so in its words, and show the empty record
    await settle(emptyState(state.ruleset), { initial: true });
    refuseLink(link, [refused.replace(/^Not done: /, "")], null);
  }
  poll();
  // lay out the other doctrines' graphs while the page is idle, so that switching is instant
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 500));
  idle(() => model.rulesets.forEach((r) => graphFor(r.name, r.revision).catch(() => {})));
}

function refuseLink(link, problems, fixed) {
  let said = link;
  try { said = decodeURIComponent(link.replace(/\+/g, " ")); } catch (e) { /* a damaged link is shown as it is */ }
  showBanner(`This link was not opened, because ${problems.length === 1 ? "of one problem" : `of ${problems.length} problems`}: `
    + problems.map((p, i) => (problems.length > 1 ? `(${i + 1}) ` : "") + p).join(" ")
    + ` Nothing from the link was loaded: the page shows an empty record under ${rulesetTitle(model.state ? model.state.ruleset : defaultRuleset())}.`
    + ` The link was: ${said}`, { fix: fixed, dismiss: true });
}

start();
