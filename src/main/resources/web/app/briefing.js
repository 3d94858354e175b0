// The briefing: the record as the page holds it (each record's date, parties, status, notes and the
// server's verdict), then the decision and the plan as the server writes them (POST /v1/briefing, the
// one renderer that evaluate --text and plan --text use too). Written out as HTML for print and as
// Markdown for download.
import { model, $, el, title, humanize, step, defaultParties, rulesetOf, statusWords, recordSaid } from "./model.js";
import { addressOf, requestBody } from "./state.js";
import { apiText } from "./api.js";

let written = { key: null, markdown: null }; // the server's briefing for the state on screen

/** The record, as blocks: a table of the records under their numbers. */
function recordBlocks() {
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
        const said = recordSaid(i) || { verdict: "", why: "" }; // the server gives every record its verdict
        return [String(i + 1), x.date || "", title(x.step), (x.parties || defaultParties(s)).join(", ") || "nobody",
          statusWords(x.status), [x.facility ? "Facility: " + x.facility : "", x.note || ""].filter(Boolean).join("; "),
          said.verdict === "counts" ? "yes" : humanize(said.why, records)];
      }),
    });
  }
  return blocks;
}

/** The server's Markdown as blocks, its headings one level down (they sit under the briefing's title). */
function markdownBlocks(markdown) {
  const blocks = [];
  for (const line of markdown.split("\n")) {
    const heading = /^(#+) (.*)$/.exec(line);
    const item = /^- (.*)$/.exec(line);
    const numbered = /^\d+\. (.*)$/.exec(line);
    const last = blocks[blocks.length - 1];
    if (heading) {
      if (heading[1].length === 1) blocks.push({ h: 2, text: "The decision" });
      else if (heading[2] === "Plan") blocks.push({ h: 2, text: "The plan" });
      else blocks.push({ h: Math.min(3, heading[1].length + 1), text: heading[2] });
    } else if (item) {
      if (last && last.ul) last.ul.push(item[1]); else blocks.push({ ul: [item[1]] });
    } else if (numbered) {
      if (last && last.ol) last.ol.push(numbered[1]); else blocks.push({ ol: [numbered[1]] });
    } else if (line.trim()) {
      blocks.push({ p: line });
    }
  }
  return blocks;
}

/** The briefing as a list of blocks: the record, then the server's briefing, then where it came from. */
export function briefing() {
  const blocks = recordBlocks();
  if (written.key === key()) blocks.push(...markdownBlocks(written.markdown));
  else blocks.push({ p: "The decision is still being written by the server." });
  // on paper the state is named, not linked: the Markdown download carries the link
  blocks.push({ small: "The rules follow Leon V. Sigal, \u201cReplacing the Armistice With A Peace Treaty in Korea\u201d (NAPSNet Policy Forum, 26 March 2013).",
    link: `${location.origin}${location.pathname}${addressOf(model.state)}` });
  return blocks;
}

const key = () => JSON.stringify([model.view.decision.ruleset, requestBody(model.state), model.state.goal, model.state.advice]);

/** Asks the server for the briefing of the state on screen, once a state is drawn; draws it when it comes. */
export function refreshBriefing() {
  const k = key();
  if (written.key === k) return Promise.resolve();
  const { state } = model;
  const body = { ...requestBody(state), advice: state.advice };
  if (state.goal) body.goal = state.goal;
  delete $("briefing").dataset.ready;
  return apiText("POST", "/v1/briefing", body).then((markdown) => {
    written = { key: k, markdown };
    if (model.view && key() === k) drawBriefing();
  }).catch(() => { /* the briefing says it is still being written; the next change asks again */ });
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
  if (written.key === key()) $("briefing").dataset.ready = "true";
  else refreshBriefing();
}

export function download(name, type, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

