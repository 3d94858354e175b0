// What every view of the workbench shares: the one state on screen, the server's answers for it, the
// vocabulary the server gives (GET /v1/steps), and the words and elements the views are written with.
// Nothing here decides a status, an order or a verdict: those are read from the server's answer.

/** The page's one model: the committed state, the server's answers for it, and what the server serves. */
export const model = {
  rulesets: [],          // GET /v1/rulesets
  catalog: [],           // GET /v1/steps: the steps, in catalog order
  vocabulary: null,      // GET /v1/steps: {kinds, facilityKind, statuses, parties, defaultRuleSet}
  steps: new Map(),      // id -> catalog step
  state: null,           // the committed state: {ruleset, records: [{key, step, parties, date, status, facility, note}], goal, advice}
  view: null,            // the server's answers for it: {decision, plan, comparison, roads}
  here: { n: 0 },        // this page's entry in the browser's history: {n, did}
  forward: 0,            // how many entries Redo can walk forward
  offline: false,        // the server cannot be reached: editing pauses
  pending: null,         // a change waiting for the server: {state, opts}
  retryDelay: 1000,
  linkFix: null,         // the corrected address of a refused link, when every problem has a correction
  changes: null,         // what the doctrine's last edit changed: {ruleset, revision, computing, latest}
  lastDate: "",          // the date last given to a record, offered for the next
};

export const $ = (id) => document.getElementById(id);

let keys = 0;
export const newKey = () => "r" + ++keys;

// ---- the vocabulary, as the server gives it ----------------------------------------------------

export const parties = () => model.vocabulary.parties;
export const statuses = () => model.vocabulary.statuses;
/** The status a record has when it names none: the server lists it first. */
export const inForce = () => model.vocabulary.statuses[0];
/** A record's status in words: "in force". */
export const statusWords = (status) => String(status || inForce()).replace(/-/g, " ");
/** Whether records of a step name a facility (the catalog's facility-bearing kind). */
export const namesFacility = (id) => !!step(id) && step(id).kind === model.vocabulary.facilityKind;
export const defaultRuleset = () => (model.vocabulary && model.vocabulary.defaultRuleSet)
  || (model.rulesets[0] || { name: "" }).name;

// ---- what the server's answer says of a step or a record ----------------------------------------

/** The server's word on a step: {id, status, why, counted?}. */
export function stepSaid(id, decision = model.view && model.view.decision) {
  return decision && (decision.steps || []).find((s) => s.id === id);
}

/** The server's word on the record at a request index: {index, id, verdict, why, ruleIds, order?}. */
export function recordSaid(index, decision = model.view && model.view.decision) {
  return decision && (decision.records || []).find((r) => r.index === index);
}

// ---- words --------------------------------------------------------------------------------------

export const STEP_STATUS_SAID = { completed: "completed", unlocked: "may be taken now", blocked: "blocked" };
const BASIS_WORDS = {
  stated: "stated: the source says it",
  hedged: "hedged: the source proposes it with \u201ccould\u201d, \u201cmight\u201d or \u201cperhaps\u201d",
  inferred: "inferred: a reading of the source, not its words",
};

export const step = (id) => model.steps.get(id);
export const title = (id) => (step(id) ? step(id).title : id);
export const capital = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);
export const lowerFirst = (text) => (text ? text[0].toLowerCase() + text.slice(1) : text);

/** "the peace declaration", as the server's sentences say a step. */
export function phrase(id) {
  const t = title(id);
  return "the " + (t.length > 1 && t[1] === t[1].toUpperCase() && /[A-Z]/.test(t[1]) ? t : t[0].toLowerCase() + t.slice(1));
}

/** "X", "X and Y", "X, Y and Z". */
export function and(words, last = " and ") {
  return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + last + words[words.length - 1];
}

/** "US, DPRK and ROK", "DPRK with ROK or US", "JAPAN or RUSSIA", "nobody". */
export function who(all = [], anyOf = []) {
  const a = and(all), any = and(anyOf || [], " or ");
  return a && any ? `${a} with ${any}` : a || any || "nobody";
}

/** The parties a record is taken to have when it names none: the catalog's, as the domain says. */
/** Who takes a step when a record does not say, as the catalog (GET /v1/steps) says it. */
export const defaultParties = (s) => [...(s.defaultParties || [])];
export const rulesetOf = (name) => model.rulesets.find((r) => r.name === name);
export const rulesetTitle = (name) => (rulesetOf(name) ? rulesetOf(name).title || name : name);

export function rule(id, ruleset = model.state && model.state.ruleset) {
  const r = rulesetOf(ruleset);
  return r && (r.rules || []).find((x) => x.id === id);
}

export const ruleName = (id) => (rule(id) ? rule(id).name : id);
export const plural = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;
export const ordinal = (n) => ["first", "second", "third", "fourth", "fifth"][n - 1] || `${n}th`;

/** "record 3 (Peace mechanism, 2027-09)": a record by its number, which is its place in the request. */
export function recordName(records, index, withTitle = true) {
  const r = records[index];
  if (!r) return `record ${index + 1}`;
  return `record ${index + 1}` + (withTitle ? ` (${title(r.step)}${r.date ? ", " + r.date : ""})` : "");
}

/** A server sentence with the request's positions ("completed[2]") said as the records on screen. */
export function humanize(text, records, where = "") {
  return String(text).replace(/completed\[(\d+)\]/g, (_, i) => recordName(records, Number(i), false) + where);
}

// ---- elements -----------------------------------------------------------------------------------

export function el(tag, attrs = {}, ...children) {
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
export function basis(word, brief) {
  if (!brief) return el("span", { class: "basis basis-" + word, title: BASIS_WORDS[word] || word }, word);
  return el("span", { class: "basis basis-" + word + " basis-brief",
    title: `${BASIS_WORDS[word] || word}; firm because the design brief of peacepath asks for it: \u201c${brief}\u201d` },
  `${word} \u00b7 firm by the design brief`);
}

/** A rule's basis in words, for the briefing: "hedged; firm by the design brief (…)". */
export function basisWords(x) {
  return x.brief ? `${x.basis}; firm by the design brief (\u201c${x.brief}\u201d)` : x.basis;
}

/** The passage of the source a rule quotes, and where the rule is written, on demand. */
export function sourceOf(ruleId, label = "source") {
  const r = rule(ruleId);
  if (!r || !r.source) return null;
  return el("details", { class: "source" }, el("summary", {}, label),
    el("blockquote", {}, "\u201c" + r.source + "\u201d"),
    el("p", { class: "where" }, `Rule \u201c${r.id}\u201d, ${r.file}:${r.line}`));
}

/** A message beside what the user acted on. */
export function say(host, text) {
  let p = host.matches(".message") ? host : host.querySelector(":scope > .message");
  if (!p) { p = el("p", { class: "message", role: "alert" }); host.append(p); }
  p.textContent = text;
  p.hidden = false;
}
