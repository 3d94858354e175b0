// The briefing: the record, the decision in sentences, the advice and the plan, as blocks written out
// as HTML for print and as Markdown for download. Every verdict in it is the server's.
import {
  model, $, el, title, and, who, plural, capital, phrase, humanize, ruleName, basisWords, step, defaultParties,
  rulesetOf, inForce, statusWords, recordSaid,
} from "./model.js";
import { addressOf } from "./state.js";

/** The briefing as a list of blocks, written out as HTML for print and as Markdown for download. */
export function briefing() {
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
    blocks.push({
      table: ["#", "Date", "Step", "Parties", "Status", "Notes", "Counts"],
      rows: records.map((x, i) => {
        const s = step(x.step) || { parties: [] };
        const said = recordSaid(i) || { verdict: "counts" };
        return [String(i + 1), x.date || "", title(x.step), (x.parties || defaultParties(s)).join(", ") || "nobody",
          statusWords(x.status), [x.facility ? "Facility: " + x.facility : "", x.note || ""].filter(Boolean).join("; "),
          said.verdict === "counts" ? "yes" : humanize(said.why, records)];
      }),
    });
  }
  blocks.push({ h: 2, text: "The decision" });
  const times = new Map();
  for (const id of d.completed) times.set(id, (times.get(id) || 0) + 1);
  const counted = [...times].map(([id, n]) => title(id) + (n > 1 ? ` (${n} times)` : ""));
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
  const outOfOrder = (d.records || []).filter((x) => x.verdict === "out-of-order");
  if (outOfOrder.length) {
    blocks.push({ h: 3, text: "Taken out of order" });
    blocks.push({ ul: outOfOrder.map((x) => `${title(x.id)} (record ${x.index + 1}${records[x.index] && records[x.index].date ? ", " + records[x.index].date : ""}). `
      + humanize(x.why, records)) });
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
  // on paper the state is named, not linked: the Markdown download carries the link
  blocks.push({ small: `The rules follow Leon V. Sigal, \u201cReplacing the Armistice With A Peace Treaty in Korea\u201d (NAPSNet Policy Forum, 26 March 2013).`,
    link: `${location.origin}${location.pathname}${addressOf(state)}` });
  return blocks;
}

function briefingHtml(blocks) {
  return blocks.map((b) => {
    if (b.h) return el("h" + b.h, {}, b.text);
    if (b.p) return el("p", {}, b.p);
    if (b.small) return el("p", { class: "small" }, b.small, b.link ? " This state can be opened again from the downloaded briefing, which carries its link." : "");
    if (b.ul || b.ol) return el(b.ul ? "ul" : "ol", {}, ...(b.ul || b.ol).map((x) => el("li", {}, x)));
    if (b.table) {
      return el("table", {}, el("thead", {}, el("tr", {}, ...b.table.map((h) => el("th", {}, h)))),
        el("tbody", {}, ...b.rows.map((row) => el("tr", {}, ...row.map((c) => el("td", {}, c))))));
    }
    return "";
  });
}

export function briefingMarkdown(blocks) {
  const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
  return blocks.map((b) => {
    if (b.h) return "#".repeat(b.h) + " " + b.text;
    if (b.p) return b.p;
    if (b.small) return "_" + b.small + "_" + (b.link ? ` [Open this state in the workbench](${b.link})` : "");
    if (b.ul) return b.ul.map((x) => "- " + x).join("\n");
    if (b.ol) return b.ol.map((x, i) => `${i + 1}. ${x}`).join("\n");
    if (b.table) {
      return ["| " + b.table.map(cell).join(" | ") + " |", "|" + b.table.map(() => " --- |").join(""),
        ...b.rows.map((row) => "| " + row.map(cell).join(" | ") + " |")].join("\n");
    }
    return "";
  }).join("\n\n") + "\n";
}

export function drawBriefing() {
  if (!model.view) return;
  $("briefing").replaceChildren(...briefingHtml(briefing()));
}

export function download(name, type, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

