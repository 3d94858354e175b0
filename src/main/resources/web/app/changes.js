// What a change did, said in one line beside the control that made it: the steps the server now says
// are counted, open or blocked, the road to the goal, new advisories, and the records whose verdict the
// server changed. Every word of it compares two of the server's answers; none is worked out here.
import { model, $, el, title, and, capital, plural, recordName, humanize } from "./model.js";
import { sameRecord } from "./state.js";

/** Where the change line stands now: a function giving the element it follows, or null for the answer's top. */
let anchor = null;
/** The change line itself, kept here: it moves from place to place and may be out of the page for a moment. */
const box = document.getElementById("changes");

/** The server's steps of an answer, by id. */
const byId = (decision) => new Map((decision.steps || []).map((s) => [s.id, s]));

/** How many records of each step the server counts, as its answer lists them. */
function countedOf(decision) {
  const c = new Map();
  for (const s of decision.steps || []) if (s.counted !== undefined) c.set(s.id, s.counted);
  for (const id of decision.completed || []) if (!(decision.steps || []).some((s) => s.id === id && s.counted !== undefined)) c.set(id, (c.get(id) || 0) + 1);
  return c;
}

/** The server's verdict on each record on screen, by the record's key. */
function verdicts(state, decision) {
  const v = new Map();
  for (const r of decision.records || []) {
    const record = state.records[r.index];
    if (record) v.set(record.key, r.verdict + ": " + (r.why || ""));
  }
  return v;
}

/** Whether the server replayed the record in date order (it gives each record its place only then). */
export const replayed = (decision) => (decision.records || []).length > 0 && decision.records.every((r) => r.order !== undefined);

/** What the new answer says differently from the one on screen: steps, records, the plan, the advisories. */
export function difference(before, answered, next, view) {
  const change = { steps: new Set(), records: new Set(), sentences: [] };
  if (!answered) return change;
  const a = byId(answered.decision), b = byId(view.decision);
  const countedBefore = countedOf(answered.decision), countedNow = countedOf(view.decision);
  const groups = { counted: [], uncounted: [], open: [], closed: [] };
  for (const s of model.catalog) {
    const was = countedBefore.get(s.id) || 0, is = countedNow.get(s.id) || 0;
    const then = (a.get(s.id) || {}).status, now = (b.get(s.id) || {}).status;
    if (is > was) groups.counted.push(title(s.id) + (is > 1 ? ` (${is} times)` : ""));
    if (is < was) groups.uncounted.push(title(s.id));
    if (now === "unlocked" && then !== "unlocked") groups.open.push(title(s.id));
    if (now === "blocked" && then !== "blocked") groups.closed.push(title(s.id));
    if (was !== is || then !== now) change.steps.add(s.id);
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
  // records: new or edited ones, and those whose verdict the server changed; a record keeps its number
  const was = verdicts(before, answered.decision), is = verdicts(next, view.decision);
  const old = new Map(before.records.map((r) => [r.key, r]));
  for (const r of next.records) {
    if (!old.has(r.key) || !sameRecord(old.get(r.key), r) || was.get(r.key) !== is.get(r.key)) change.records.add(r.key);
  }
  for (const r of view.decision.records || []) {
    const record = next.records[r.index];
    if (!record || r.verdict === "counts" || was.get(record.key) === is.get(record.key)) continue;
    const name = capital(recordName(next.records, r.index));
    change.sentences.push(r.verdict === "out-of-order"
      ? `${name} was taken out of order: ${humanize(r.why, next.records)}.`
      : `${name} does not count: ${humanize(r.why, next.records)}.`);
  }
  // a record without a date switches off the replay in date order: said, not left to be noticed
  if (replayed(answered.decision) && !replayed(view.decision) && next.records.length) {
    const undated = next.records.map((r, i) => [r, i]).filter(([r]) => !r.date).map(([, i]) => `record ${i + 1}`);
    if (undated.length) {
      change.sentences.push(`${capital(and(undated))} ${undated.length === 1 ? "has" : "have"} no date, so the record is no longer`
        + " replayed in date order: nothing is checked for being out of order until every record is dated.");
    }
  }
  return change;
}

/** Puts the change line where it stands: beside the control that made the last change. */
export function placeChanges() {
  const after = anchor ? anchor() : null;
  if (after && after.isConnected) {
    if (after.nextElementSibling !== box) after.after(box);
  } else if ($("answer-heading").nextElementSibling !== box) {
    $("answer-heading").after(box);
  }
}

export function drawChanges(opts, change, before, next, recovered) {
  const lead = [];
  if (recovered) lead.push("The server answers again.");
  if (opts.action) lead.push(capital(opts.action) + ".");
  if (!opts.action && opts.quiet && !recovered) { return; }
  if (!before) { box.replaceChildren(); box.hidden = true; return; }
  anchor = opts.near || null;
  placeChanges();
  const said = change.sentences.length ? change.sentences.join(" ") : "The answer is unchanged.";
  box.replaceChildren(el("strong", {}, lead.join(" ")), " ", said);
  box.hidden = false;
  box.classList.remove("flash");
  void box.offsetWidth;
  box.classList.add("flash");
}
