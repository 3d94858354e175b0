// The step graph: laid out once per doctrine and revision, painted with the status the server gives
// each step, a step chosen to say why it stands where it does. The arrow keys move between the boxes as
// they are drawn; on a narrow screen the same steps are a list, in the drawing's order.
import { model, $, el, title, and, humanize, ruleName, basis, STEP_STATUS_SAID, stepSaid } from "./model.js";
import { api } from "./api.js";
import { layout } from "./graph-layout.js";
import { cautionView } from "./answer.js";

const graphs = new Map();   // "name@revision" -> Promise<{key, graph, svg}>
let mounted = null;         // the graph on screen: {key, graph, svg}
let selected = null;        // the step chosen

export function graphFor(name, revision) {
  const key = name + "@" + revision;
  if (!graphs.has(key)) {
    const promise = api("GET", "/v1/graph?format=json&ruleset=" + encodeURIComponent(name))
      .then(async (graph) => ({ key, graph, svg: await layout(graph) }));
    promise.catch(() => graphs.delete(key));
    graphs.set(key, promise);
  }
  return graphs.get(key);
}

const graphKey = () => model.state.ruleset + "@" + model.view.decision.ruleset.revision;

export function drawGraph(flash) {
  const key = graphKey();
  if (mounted && mounted.key === key) { paintGraph(flash); return; }
  mounted = null;
  $("graph").replaceChildren(el("p", { class: "hint" }, "Laying out the graph\u2026"));
  graphFor(model.state.ruleset, model.view.decision.ruleset.revision).then((g) => {
    if (!model.view || graphKey() !== key || (mounted && mounted.key === key)) return;
    mounted = g;
    g.svg.style.setProperty("--w", g.svg.dataset.width + "px");
    $("graph").replaceChildren(g.svg);
    paintGraph({ steps: new Set() });
  }).catch((error) => {
    if (model.view && graphKey() === key) {
      $("graph").replaceChildren(el("p", { class: "message" }, "The graph could not be laid out: " + error.message));
    }
  });
}


function paintGraph(flash = { steps: new Set() }) {
  if (!mounted) return;
  const { svg } = mounted;
  const status = (id) => (stepSaid(id) || {}).status;
  const onPlan = new Set(((model.view.plan && model.view.plan.moves) || []).flatMap((m) => m.steps.map((s) => s.id)));
  const nodes = drawn().map((n) => n.g);
  const focusable = nodes.some((g) => g.dataset.step === selected) ? selected : nodes[0] && nodes[0].dataset.step;
  for (const g of nodes) {
    const id = g.dataset.step;
    const st = status(id);
    g.classList.remove("completed", "unlocked", "blocked", "on-plan", "selected", "flash");
    g.classList.add(st);
    if (onPlan.has(id)) g.classList.add("on-plan");
    if (id === selected) g.classList.add("selected");
    if (flash.steps.has(id)) { void g.getBBox(); g.classList.add("flash"); }
    g.setAttribute("tabindex", id === focusable ? "0" : "-1");
    g.setAttribute("role", "button");
    // named by the words drawn in the box (so the name holds what is seen), described by its status
    g.setAttribute("aria-label", [...g.querySelectorAll("text")].map((t) => t.textContent).join(" "));
    g.setAttribute("aria-description", `${STEP_STATUS_SAID[st]}${onPlan.has(id) ? ", on the plan" : ""}. Enter shows why it stands here.`);
  }
  for (const e of svg.querySelectorAll("g.edge")) {
    e.classList.toggle("related", !!selected && (e.dataset.from === selected || e.dataset.to === selected));
  }
  drawList(nodes.map((g) => g.dataset.step));
  drawWhy();
}

/** The graph as a list, for a screen too narrow for the drawing: each step, its status, and why on demand. */
function drawList(ids) {
  $("graph-list").replaceChildren(...ids.map((id) => {
    const st = (stepSaid(id) || {}).status;
    return el("li", { "data-step": id, class: st + (id === selected ? " selected" : "") },
      el("button", { type: "button", class: "graph-list-step", "aria-pressed": id === selected ? "true" : "false",
        onclick: () => chooseStep(id) }, title(id)), " ",
      el("span", { class: "status-tag " + st }, STEP_STATUS_SAID[st]));
  }));
}

export function chooseStep(id, focus = false) {
  selected = id;
  paintGraph();
  const g = mounted && mounted.svg.querySelector(`g.node[data-step="${id}"]`);
  if (focus && g) g.focus();
  const why = $("graph-why");
  if (!why.hidden) why.scrollIntoView({ block: "nearest" });
}

/** Why a step stands where it does: what it comes after, what it opens, and what the answer says of it now. */
function drawWhy() {
  const box = $("graph-why");
  const id = selected;
  if (!id || !mounted) { box.hidden = true; return; }
  const { graph } = mounted;
  const d = model.view.decision;
  const said = stepSaid(id) || {};
  const st = said.status;
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
    el("h3", {}, title(id), " ", el("span", { class: "status-tag " + st }, STEP_STATUS_SAID[st])),
    into.length ? el("div", {}, el("p", {}, "It stands after:"), grouped(into, "from"))
      : el("p", {}, "No rule sets a step before it: it stands at the start."),
    out.length ? el("div", {}, el("p", {}, "It comes before:"), grouped(out, "to")) : el("p", {}, "No step waits for it."),
  ];
  const b = d.blocked.find((x) => x.id === id);
  const u = d.unlocked.find((x) => x.id === id);
  if (b) {
    parts.push(el("p", {}, "Now blocked: ", ...b.reasons.map((r) => el("span", {}, humanize(r.reason, model.state.records)
      + (r.requires.length ? ` It still needs ${and(r.requires.map(title))}.` : "") + " ", basis(r.basis, r.brief), " "))));
  } else if (said.why) {
    parts.push(el("p", { class: "status-why" }, humanize(said.why, model.state.records) + (u && u.cautions.length ? " Advice says:" : "")));
  }
  const cautions = (b || u || { cautions: [] }).cautions;
  parts.push(...cautions.map(cautionView));
  const move = ((model.view.plan && model.view.plan.moves) || []).find((m) => m.steps.some((s) => s.id === id));
  if (move) parts.push(el("p", {}, `Move ${move.number} of the plan to ${title(model.state.goal)}.`));
  box.replaceChildren(...parts);
  box.hidden = false;
}

/** The boxes of the drawing with their centres, left to right and then top to bottom, as a reader scans it. */
function drawn() {
  const nodes = [...mounted.svg.querySelectorAll("g.node")].map((g) => {
    const r = g.getBBox();
    return { g, x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  return nodes.sort((a, b) => a.x - b.x || a.y - b.y);
}

/** The box an arrow key leads to from a box: the nearest one that way in the drawing, sideways steps costing double. */
function toward(nodes, from, key) {
  const way = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  let best = null, score = Infinity;
  for (const n of nodes) {
    const dx = n.x - from.x, dy = n.y - from.y;
    const ahead = dx * way[0] + dy * way[1];
    if (n === from || ahead <= 1) continue;
    const aside = Math.abs(dx * way[1]) + Math.abs(dy * way[0]);
    const s = ahead + 2 * aside;
    if (s < score) { best = n; score = s; }
  }
  return best;
}

export function graphKeys(event) {
  const g = event.target.closest && event.target.closest("g.node");
  if (!g || !mounted) return;
  if (event.key === "Enter" || event.key === " ") { event.preventDefault(); chooseStep(g.dataset.step, true); return; }
  const nodes = drawn();
  const from = nodes.find((n) => n.g === g);
  let next = null;
  if (event.key.startsWith("Arrow")) next = toward(nodes, from, event.key);
  if (event.key === "Home") next = nodes[0];
  if (event.key === "End") next = nodes[nodes.length - 1];
  if (["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) event.preventDefault();
  if (next) {
    nodes.forEach((n) => n.g.setAttribute("tabindex", n === next ? "0" : "-1"));
    next.g.focus();
  }
}
