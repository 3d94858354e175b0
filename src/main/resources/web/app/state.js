// The state on screen (the record, the doctrine, the goal) as the API's request, and as a link.
// Records keep the order they were made in, which is their number; the server says their date order.
import { api } from "./api.js";
import {
  model, inForce, newKey, parties, statuses, namesFacility, defaultRuleset, step, title, phrase, and, plural, ordinal,
  rulesetOf,
} from "./model.js";

const MAX_RECORDS_OF_A_STEP = 99;
export const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DETAIL = { d: "date", s: "status", f: "facility", n: "note", p: "parties" };
const ADDRESS_PARTS = ["ruleset", "done", "parties", "record", "goal", "advice"];

export function emptyState(ruleset = defaultRuleset()) {
  return { ruleset, records: [], goal: "", advice: "follow" };
}

function clean(record) {
  const r = { key: record.key || newKey(), step: record.step };
  for (const field of ["date", "status", "facility", "note"]) {
    if (record[field] && !(field === "status" && record[field] === inForce())) r[field] = record[field];
  }
  if (Array.isArray(record.parties)) r.parties = [...record.parties];
  return r;
}

/** The state with these records, in the order given: a record's place is its number, and it keeps it. */
export const withRecords = (state, records) => ({ ...state, records: records.map(clean) });

export function entryOf(r) {
  const entry = { step: r.step };
  if (r.parties) entry.parties = r.parties;
  if (r.facility) entry.facility = r.facility;
  if (r.date) entry.date = r.date;
  if (r.status && r.status !== inForce()) entry.status = r.status;
  if (r.note) entry.note = r.note;
  return entry;
}

export function requestBody(state) {
  return { ruleset: state.ruleset, completed: state.records.map(entryOf) };
}

export const sameRecord = (a, b) => JSON.stringify(entryOf(a)) === JSON.stringify(entryOf(b));

/** Gives records that are the same as records on screen their keys, so that what did not change is not flagged as changed. */
export function adoptKeys(records, before) {
  const free = [...before];
  return records.map((r) => {
    const i = free.findIndex((b) => sameRecord(b, r));
    if (i < 0) return r;
    const [match] = free.splice(i, 1);
    return { ...r, key: match.key };
  });
}

/** The state as the page's address: the steps in the order recorded, then each record's details. */
export function addressOf(state) {
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
    if (r.status && r.status !== inForce()) bits.push("s=" + r.status);
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
 * is; nothing is left out silently. A word the page does not know (a step, a doctrine) is put to the
 * server, whose catalog/Spelling says what it is and which known word was meant: the page has no "did
 * you mean" of its own.
 */
export async function parseAddress(search) {
  const read = readAddress(search);
  const unknown = read.problems.filter((p) => typeof p !== "string");
  const steps = unknown.filter((p) => p.step !== undefined);
  const doctrine = unknown.find((p) => p.ruleset !== undefined);
  const [stepsSaid, doctrineSaid] = await Promise.all([
    steps.length ? serverSays({ ruleset: read.state.ruleset, completed: steps.map((p) => ({ step: p.step })) }) : [],
    doctrine ? serverSays({ ruleset: doctrine.ruleset, completed: [] }) : [],
  ]);
  for (const p of unknown) {
    const said = p.step !== undefined
      ? stepsSaid.find((d) => d.field === `completed[${steps.indexOf(p)}].step`)
      : doctrineSaid.find((d) => d.field === "ruleset");
    p.text = said ? `${p.where}: the server says ${said.message}${/[.?!]$/.test(said.message) ? "" : "."}`
      : `${p.where} names ${p.step !== undefined ? "the step" : "the doctrine"} \u201c${p.step ?? p.ruleset}\u201d, which the server does not know.`;
    p.fix = said && said.suggestion && p.replace ? p.replace(said.suggestion) : null;
  }
  const problems = read.problems.map((p) => (typeof p === "string" ? p : p.text));
  const fixes = [...read.fixes, ...unknown.map((p) => p.fix).filter(Boolean)];
  let fixed = null;
  if (problems.length && fixes.length === problems.length) {
    const corrected = new URLSearchParams(search);
    fixes.forEach((fix) => fix(corrected)); // each mends its own part of the link, so their order does not matter
    fixed = "?" + corrected.toString();
  }
  return { state: read.state, problems, fixed };
}

/** What the server says of a body it refuses: each problem with its field, message and suggestion (none when it cannot be asked). */
async function serverSays(body) {
  try {
    await api("POST", "/v1/evaluate", body);
    return [];
  } catch (error) {
    return (error.body && error.body.details) || [];
  }
}

/**
 * Reads the address as far as the page can on its own: the state, the problems said in words, and the
 * words it does not know ({step} or {ruleset}, with where and how to mend the link), for the server.
 */
function readAddress(search) {
  const params = new URLSearchParams(search);
  const problems = [];
  const fixes = [];
  const problem = (text, fix) => { problems.push(text); if (fix) fixes.push(fix); };
  const stepProblem = (id, where, replace) => { problems.push({ step: id, where: where.replace(/,$/, ""), replace }); };
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
      problems.push({ ruleset, where: `The link names the doctrine \u201c${ruleset}\u201d`, replace: (near) => (p) => p.set("ruleset", near) });
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
    const unknown = list.filter((p) => !parties().includes(p.toUpperCase()));
    if (unknown.length) {
      problem(`${where} names ${and(unknown.map((p) => `\u201c${p}\u201d`))} as ${unknown.length > 1 ? "parties" : "a party"}; the parties are ${and(parties())}.`);
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
      if (field === "status" && !statuses().includes(value)) {
        problem(`${where} gives the status \u201c${value}\u201d; a status is ${and(statuses(), " or ")}.`);
      } else if (field === "date" && value && !DATE.test(value)) {
        problem(`${where} gives the date \u201c${value}\u201d; write a date as YYYY, YYYY-MM or YYYY-MM-DD.`);
      } else if (field === "facility" && !namesFacility(id)) {
        problem(`${where} names a facility, but only ${and(model.catalog.filter((s) => namesFacility(s.id)).map((s) => phrase(s.id)))} names a facility.`);
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
  return { state: withRecords(state, records), problems, fixes };
}

