// The step graph of a doctrine, laid out by Graphviz (viz.js 2.1.2, compiled for the browser and served
// from the jar at /webjars/viz.js/2.1.2/) in a worker, so the page never waits for it. The graph's
// structure comes from GET /v1/graph?format=json; it is written as DOT in the same conventions as the
// API's own DOT (advice dashed, a package as one two-headed edge labelled "together"), with each box
// sized to its label as this browser draws it, so that no label is ever cut.
const WORKER = "/webjars/viz.js/2.1.2/lite.render.js";
const FONT_SIZE = 13;          // in SVG user units, drawn 1:1 as CSS pixels
const FONT = `${FONT_SIZE}px Arial, "Liberation Sans", Helvetica, sans-serif`;
const PAD_X = 12, PAD_Y = 7;   // inside a box, around its label
const LINE = 16;               // between the lines of a label
let viz = null;

function renderer() {
  if (!viz) viz = new window.Viz({ workerURL: WORKER });
  return viz;
}

/** A title in lines of at most `max` characters, broken between words. */
function wrap(title, max = 24) {
  const lines = [];
  let line = "";
  for (const word of title.split(/\s+/)) {
    if (line && (line + " " + word).length > max) { lines.push(line); line = word; } else line = line ? line + " " + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

let canvas = null;
function textWidth(text) {
  canvas = canvas || document.createElement("canvas");
  const context = canvas.getContext("2d");
  context.font = FONT;
  return context.measureText(text).width;
}

const quote = (text) => '"' + String(text).replace(/[\\"]/g, (c) => "\\" + c) + '"';

/** The graph as DOT: one box per step, sized to its label, an edge per rule, a package as one edge. */
export function dot(graph) {
  const tied = new Set((graph.packages || []).flatMap((p) => p.flatMap((a) => p.filter((b) => b !== a).map((b) => a + ">" + b))));
  const out = [
    "digraph steps {",
    '  rankdir=LR; nodesep=0.2; ranksep=0.5; pad=0.12; bgcolor="transparent"; outputorder=edgesfirst;',
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=${FONT_SIZE}, margin="0.1,0.05"];`,
    '  edge [fontname="Helvetica", fontsize=11, arrowsize=0.8];',
  ];
  for (const n of graph.nodes) {
    const lines = wrap(n.title);
    const width = (Math.max(...lines.map(textWidth)) + 2 * PAD_X) / 72;
    const height = (lines.length * LINE + 2 * PAD_Y) / 72;
    const label = lines.map((l) => l.replace(/[\\"]/g, (c) => "\\" + c)).join("\\n");
    out.push(`  ${quote(n.id)} [id=${quote("node-" + n.id)}, label="${label}", width=${width.toFixed(3)}, height=${height.toFixed(3)}];`);
  }
  const drawn = new Set();
  const packages = graph.packages || [];
  for (const e of graph.edges) {
    const pair = tied.has(e.from + ">" + e.to);
    if (pair) {
      // drawn once, from the package's first step to its second, as the API's DOT does
      const p = packages.find((q) => q.includes(e.from) && q.includes(e.to));
      const key = p.join("|");
      if (drawn.has(key) || p[0] !== e.from) continue;
      drawn.add(key);
    }
    const attrs = [`id=${quote("edge-" + e.from + "--" + e.to)}`];
    if (pair) attrs.push("dir=both", 'label="together"');
    if (e.strength === "advice") attrs.push("style=dashed");
    out.push(`  ${quote(e.from)} -> ${quote(e.to)} [${attrs.join(", ")}];`);
  }
  // a package whose two edges came in the other order
  for (const p of packages) {
    const key = p.join("|");
    if (!drawn.has(key) && graph.edges.some((e) => e.from === p[1] && e.to === p[0])) {
      out.push(`  ${quote(p[0])} -> ${quote(p[1])} [id=${quote("edge-" + p[0] + "--" + p[1])}, dir=both, label="together"];`);
    }
  }
  out.push("}");
  return out.join("\n");
}

/**
 * Lays the graph out and returns the SVG element, its nodes marked with data-step and its edges with
 * data-from, data-to, and the class "advice" or "together".
 */
export async function layout(graph) {
  const svg = await renderer().renderSVGElement(dot(graph));
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "The step graph: each step, and an arrow to each step that needs it");
  svg.querySelectorAll("title").forEach((t) => t.remove());
  svg.querySelectorAll("a").forEach((a) => a.replaceWith(...a.childNodes)); // Graphviz wraps tooltips in links
  const byEnds = new Map(graph.edges.map((e) => [e.from + "--" + e.to, e]));
  for (const g of svg.querySelectorAll("g.node")) {
    const id = g.id.replace(/^node-/, "");
    g.setAttribute("data-step", id);
    g.removeAttribute("id");
  }
  for (const g of svg.querySelectorAll("g.edge")) {
    const [from, to] = g.id.replace(/^edge-/, "").split("--");
    g.dataset.from = from;
    g.dataset.to = to;
    const e = byEnds.get(from + "--" + to);
    const together = (graph.packages || []).some((p) => p.includes(from) && p.includes(to));
    if (together) g.classList.add("together");
    else if (e && e.strength === "advice") g.classList.add("advice");
    else g.classList.add("firm");
    g.removeAttribute("id");
  }
  svg.querySelector("g.graph > polygon")?.remove(); // the white page behind the graph
  const box = svg.viewBox.baseVal;
  svg.dataset.ruleset = graph.ruleset ? graph.ruleset.name : "";
  svg.dataset.width = String(Math.ceil(box.width));
  svg.dataset.height = String(Math.ceil(box.height));
  return svg;
}

