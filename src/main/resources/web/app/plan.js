// The plan: the shortest road to the chosen goal as numbered moves, who takes each and why, a package as
// one move, and a move that is there only because of advice marked so, with the advice that put it there.
import { model, $, el, title, and, who, plural, capital, ruleName, sourceOf, stepSaid } from "./model.js";
import { take } from "./take.js";

export function drawPlan(flash) {
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
  const packaged = new Set((view.decision.packages || []).flatMap((p) => p.steps));
  const firstSaid = new Map();
  list.replaceChildren(...moves.map((m, i) => {
    const reason = capital(m.reason || "");
    const same = firstSaid.get(reason);
    if (!same) firstSaid.set(reason, m.number);
    const ids = m.steps.map((s) => s.id);
    const people = m.steps.length === 1 ? who(m.steps[0].parties, m.steps[0].atLeastOneOf)
      : and(m.steps.map((s) => `${s.title}: ${who(s.parties, s.atLeastOneOf)}`), "; ");
    const first = i === 0 && ids.every((id) => (stepSaid(id) || {}).status === "unlocked" || packaged.has(id));
    return el("li", { value: String(m.number), "data-move": String(m.number), "data-step": ids.join("+"),
      class: (m.together ? "together" : "") + (m.advice ? " advised" : "") + (ids.some((id) => flash.steps.has(id)) ? " flash" : "") },
      el("div", { class: "step-line" },
        el("div", { class: "step-main" },
          el("span", { class: "step-title", id: "move-title-" + m.number }, m.together ? el("span", { class: "together-tag" }, "together: ") : null, and(m.steps.map((s) => s.title))),
          " ", el("span", { class: "parties" }, people)),
        first ? el("button", { type: "button", class: "take", id: "take-move", "aria-describedby": "move-title-" + m.number,
          onclick: () => take(ids, { where: () => $("plan-panel"), near: () => $("plan-summary") }) }, "Take this move") : null),
      el("div", { class: "move-reason", title: (m.ruleIds || []).length ? "Rules: " + and(m.ruleIds.map(ruleName), "; ") : null },
        same && reason.includes(":") ? `${reason.slice(0, reason.indexOf(":"))}: the same rule as move ${same}.` : reason),
      m.advice ? adviceMark(m) : null);
  }));
}

/** The mark of a move on the road only because advice is followed: the advice, its rules and their source. */
function adviceMark(m) {
  const rules = m.adviceRuleIds || [];
  return el("div", { class: "advice-mark" },
    el("span", { class: "advice-tag" }, "Advised, not required"), " ",
    rules.length ? `on the road because of the advice ${and(rules.map((id) => `\u201c${ruleName(id)}\u201d`))}; on firm rules only it would not be.`
      : "on the road because advice is followed; on firm rules only it would not be.",
    ...rules.map((id) => sourceOf(id, "the source")));
}
