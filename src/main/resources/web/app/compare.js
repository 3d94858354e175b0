// The doctrines side by side: the steps they judge differently on this record (as the server's
// /v1/compare says each), the road to the goal under each, and each doctrine's rules with their source.
import { model, $, el, title, plural, basis, rulesetTitle, STEP_STATUS_SAID } from "./model.js";
import { switchDoctrine } from "./doctrine.js";

export function drawCompare(flash) {
  const { state, view } = model;
  const comparison = view.comparison;
  const names = comparison.decisions.map((x) => x.ruleset.name);
  const head = el("tr", {}, el("th", { scope: "col" }, "Step"), ...names.map((n) => el("th", { scope: "col", "data-ruleset": n,
    class: n === state.ruleset ? "current" : "" },
  rulesetTitle(n), n === state.ruleset ? el("span", { class: "in-use" }, " (in use)")
    : el("button", { type: "button", class: "link", id: "use-" + n,
      onclick: () => switchDoctrine(n, "compare-panel") }, "use", el("span", { class: "sr-only" }, " " + rulesetTitle(n))))));
  $("compare").tHead.replaceChildren(head);
  const rows = [];
  if (state.goal) {
    rows.push(el("tr", { "data-road": state.goal }, el("th", { scope: "row" }, "Road to " + title(state.goal)),
      ...names.map((n) => {
        const p = view.roads[n];
        return el("td", { class: "road", "data-label": rulesetTitle(n) }, !p ? "" : p.budget ? "not found in time" : !p.reachable ? "no road" : plural(p.length, "step"));
      })));
  }
  const words = { ...STEP_STATUS_SAID, unlocked: "may be taken" };
  rows.push(...comparison.differences.map((x) => el("tr", { "data-step": x.id, class: flash.steps.has(x.id) ? "flash" : "" },
    el("th", { scope: "row" }, x.title), ...names.map((n) => el("td", { class: x.status[n], "data-label": rulesetTitle(n) }, words[x.status[n]] || x.status[n])))));
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

