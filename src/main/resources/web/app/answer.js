// The answer first: the next move, what may be taken now, what only together, and what is blocked,
// grouped by the rule that holds it, with the notices (advisories, records that do not count or were
// taken out of order) folded into one line that opens on demand. Every status and verdict shown is the
// server's.
import {
  model, $, el, title, and, who, humanize, ruleName, basis, sourceOf, plural, recordSaid, stepSaid,
} from "./model.js";
import { take } from "./take.js";
import { focusRecord } from "./timeline.js";

/** An advice line: "Advised first: the peace mechanism", its basis, and why on demand. */
export function cautionView(c) {
  const head = c.recommends.length ? "Advised first: " + and(c.recommends.map(title)) : "Caution: " + c.rule;
  return el("div", { class: "caution", "data-rule": c.ruleId },
    el("span", { class: "caution-head" }, head), " ", basis(c.basis), " ",
    el("details", { class: "why" }, el("summary", {}, "why"),
      el("p", {}, c.reason), el("p", { class: "rule-line" }, "Rule: " + c.rule), sourceOf(c.ruleId, "the source")));
}

/** The notices of the answer, folded into one line: advisories, and records the server does not count or finds out of order. */
function drawNotices() {
  const { state, view } = model;
  const d = view.decision;
  const records = state.records;
  const advisories = d.advisories.map((a) => el("p", { class: "advisory", "data-rule": a.ruleId },
    el("span", { class: "tag" }, "Advisory"), " ", a.text, " ", basis(a.basis), " ", sourceOf(a.ruleId)));
  const said = (d.records || []).filter((r) => r.verdict !== "counts");
  const recordNotices = said.map((r) => el("p", { class: r.verdict === "out-of-order" ? "irregular" : "not-counted", "data-step": r.id },
    `${r.verdict === "out-of-order" ? "Out of order" : "Not counted"}: ${title(r.id)} (record ${r.index + 1}`
    + `${records[r.index] && records[r.index].date ? ", " + records[r.index].date : ""}). ${humanize(r.why, records)}`));
  $("advisories").replaceChildren(...advisories);
  $("not-counted").replaceChildren(...recordNotices);
  const notCounted = said.filter((r) => r.verdict === "not-counted").length;
  const outOfOrder = said.length - notCounted;
  const parts = [];
  if (advisories.length) parts.push(plural(advisories.length, "advisory", "advisories"));
  if (notCounted) parts.push(`${plural(notCounted, "record")} not counted`);
  if (outOfOrder) parts.push(`${plural(outOfOrder, "record")} out of order`);
  $("notices").hidden = parts.length === 0;
  $("notices-summary").textContent = "Notices: " + and(parts);
}

/**
 * The next move: the first move of the road to the chosen goal; with no goal, the move the server names
 * in the decision ({@code nextMove}), with its words for why.
 */
function drawNextMove() {
  const { view } = model;
  const d = view.decision;
  const box = $("next-move");
  const plan = view.plan;
  let ids = null, why = "";
  if (plan && plan.reachable && (plan.moves || []).length) {
    ids = plan.moves[0].steps.map((s) => s.id);
    why = `the first move of the road to ${title(plan.goal)} (${plural(plan.length, "step")})`;
  } else if ((!plan || !plan.reachable) && d.nextMove) {
    // with no goal, the server says which move comes first and why
    ids = d.nextMove.steps;
    why = d.nextMove.why;
  }
  if (!ids) { box.hidden = true; box.replaceChildren(); return; }
  const words = and(ids.map(title));
  const open = ids.every((id) => d.unlocked.some((u) => u.id === id)) || (d.packages || []).some((p) => ids.every((id) => p.steps.includes(id)));
  box.hidden = false;
  box.replaceChildren(
    el("span", { class: "next-label" }, "Next move: "), el("strong", {}, words), el("span", { class: "next-why" }, ` \u2014 ${why}.`), " ",
    open ? el("button", { type: "button", class: "take", id: "take-next",
      onclick: () => take(ids, { near: () => $("next-move"), where: () => $("next-move") }) }, ids.length > 1 ? "Take together" : "Mark taken") : null);
}

export function drawAnswer(flash) {
  const { state, view } = model;
  const d = view.decision;
  const fl = (id) => (flash.steps.has(id) ? " flash" : "");
  const records = state.records;
  drawNotices();
  drawNextMove();

  $("unlocked-count").textContent = `(${d.unlocked.length})`;
  $("unlocked").replaceChildren(...d.unlocked.map((u) => {
    // what to do with the step next is the server's word: take it, take it again, or mend the record in force
    const next = (stepSaid(u.id) || {}).next || {};
    const mend = next.action === "mend" && records[next.record] ? next.record : null;
    const action = mend !== null
      ? el("button", { type: "button", class: "edit", id: "fix-" + u.id, onclick: () => focusRecord(records[mend].key) },
        `Edit record ${mend + 1}`)
      : el("button", { type: "button", class: "take", id: "take-" + u.id, "aria-describedby": "title-" + u.id,
        onclick: () => take([u.id], { near: () => $("unlocked-heading"), where: () => $("take-" + u.id) && $("take-" + u.id).closest("li") }) },
      next.action === "take-again" ? "Mark taken again" : "Mark taken");
    const said = mend !== null ? recordSaid(mend) : null;
    return el("li", { "data-step": u.id, class: "step-item" + fl(u.id) },
      el("div", { class: "step-line" },
        el("div", { class: "step-main" },
          el("span", { class: "step-title", id: "title-" + u.id }, u.title), " ",
          el("span", { class: "parties" }, who(u.parties, u.atLeastOneOf)
            + ((u.mayAlsoSign || []).length ? `; may also sign: ${and(u.mayAlsoSign)}` : ""))),
        action),
      said && said.verdict !== "counts" ? el("p", { class: "note" }, `Recorded as record ${mend + 1}. ${humanize(said.why, records)}`) : null,
      ...u.cautions.map(cautionView));
  }));

  const packages = d.packages || [];
  $("packages-panel").hidden = packages.length === 0;
  $("packages").replaceChildren(...packages.map((p) => {
    const words = and(p.steps.map(title));
    const id = "take-together-" + p.steps.join("-");
    return el("li", { "data-steps": p.steps.join(" "), class: "step-item package" + (p.steps.some((x) => flash.steps.has(x)) ? " flash" : "") },
      el("div", { class: "step-line" },
        el("div", { class: "step-main" }, el("span", { class: "step-title", id: "title-" + id }, "Take together: " + words)),
        el("button", { type: "button", class: "take", id, "aria-describedby": "title-" + id,
          onclick: () => take(p.steps, { near: () => $("packages-panel"), where: () => $(id) && $(id).closest("li") }) },
        p.steps.length === 2 ? "Mark both taken" : "Mark all taken")),
      el("p", { class: "rule-line" }, "Each is blocked alone and free once the other is taken: "
        + and(p.ruleIds.map((x) => `\u201c${ruleName(x)}\u201d`)) + ".", " ", sourceOf(p.ruleIds[0])));
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
