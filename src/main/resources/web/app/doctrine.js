// The doctrine: which rule set decides, its revision, what its last edit changed, and the errors of an
// edit that was refused; kept fresh by a poll of GET /v1/rulesets.
import { model, $, el, title, and, rulesetOf, rulesetTitle, defaultRuleset } from "./model.js";
import { api } from "./api.js";
import { act, settle, setOffline } from "./history.js";

const POLL_MS = 5000;

export async function loadRuleSets() {
  const answer = await api("GET", "/v1/rulesets");
  model.rulesets = answer.rulesets;
  drawStrayFiles(answer.strayFiles || []);
  const select = $("ruleset");
  const names = model.rulesets.map((r) => r.name + ":" + r.title).join(",");
  if (select.dataset.names !== names) {
    select.replaceChildren(...model.rulesets.map((r) => el("option", { value: r.name }, r.title || r.name)));
    select.dataset.names = names;
    if (model.state) select.value = model.state.ruleset;
  }
  drawReloadErrors();
  loadChanges();
  // The rules were edited while the page was open: work the answer out again under the new revision.
  if (model.view && !model.offline && !model.pending) {
    const current = rulesetOf(model.state.ruleset);
    if (current && current.revision !== model.view.decision.ruleset.revision && !document.body.dataset.busy) {
      settle(model.state, { action: `The rules of ${current.title} were edited (revision ${model.view.decision.ruleset.revision} \u2192 ${current.revision}); the answer has been worked out again` });
    }
  }
}

/** Files of the rules folder that no rule set reads: said to the policy staff who left them there. */
function drawStrayFiles(strays) {
  const box = $("stray-files");
  box.hidden = strays.length === 0;
  box.replaceChildren(...(strays.length ? [
    el("p", {}, strays.length === 1 ? "A file in the rules folder is not read by any doctrine:"
      : `${strays.length} files in the rules folder are not read by any doctrine:`),
    el("ul", {}, ...strays.map((p) => el("li", {}, el("code", {}, p.file), ": ", p.message))),
  ] : []));
}

function drawReloadErrors() {
  const name = model.state ? model.state.ruleset : defaultRuleset();
  const current = rulesetOf(name);
  const banner = $("reload-error");
  if (!current) { banner.hidden = true; return; }
  const last = current.lastReload || {};
  const problems = (last.result === "refused" ? last.errors : last.scenarioFailures) || [];
  if (problems.length) {
    const what = last.result === "refused"
      ? `The last edit of the rules of ${current.title} was refused; the revision shown (${current.revision}) keeps serving.`
      : `Scenarios fail under the rules of ${current.title} now serving.`;
    banner.textContent = what + "\n" + problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n");
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

let pollTimer = null;
export function poll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    if (!model.offline && !document.hidden) {
      try {
        await loadRuleSets();
      } catch (error) {
        if (error.kind === "unreachable" && !model.offline) setOffline(true);
      }
    }
    poll();
  }, POLL_MS);
}

export function drawDoctrine() {
  const { state, view } = model;
  const r = rulesetOf(state.ruleset);
  $("ruleset").value = state.ruleset;
  if (!r) return;
  const revision = view ? view.decision.ruleset.revision : r.revision;
  $("doctrine-summary").replaceChildren(
    el("strong", {}, r.title || r.name), ": ", r.description || "",
    el("span", { class: "revision" }, ` Revision ${revision}; ${r.simultaneous === "refused"
      ? "no steps may be taken together as one move" : "steps may be taken together as one move"}.`));
  drawDoctrineChanges();
  if (!model.changes || model.changes.ruleset !== state.ruleset) loadChanges();
}

/**
 * What the doctrine's last edit changed, as the server worked it out after the reload: asked for when the
 * doctrine or its revision changes, and again at each poll while the server is still working it out.
 */
export async function loadChanges() {
  const name = model.state ? model.state.ruleset : defaultRuleset();
  const r = rulesetOf(name);
  const have = model.changes;
  if (!r || (have && have.ruleset === name && have.revision === r.revision && !have.computing)) return;
  try {
    const answer = await api("GET", `/v1/rulesets/${encodeURIComponent(name)}/changes`);
    const latest = answer.revisions[0];
    model.changes = { ruleset: name, revision: r.revision, latest,
      computing: !latest || latest.status === "computing" || latest.revision !== r.revision };
    drawDoctrineChanges();
  } catch (error) {
    // the line stays as it was; the next poll asks again
  }
}

/** The doctrine panel's sentence on the last edit (not the change line of an action: {@link drawChanges}). */
function drawDoctrineChanges() {
  const line = $("doctrine-changes");
  const name = model.state ? model.state.ruleset : defaultRuleset();
  const c = model.changes;
  const shown = c && c.ruleset === name && c.latest && c.latest.status !== "first";
  line.hidden = !shown;
  line.textContent = shown ? changesSentence(c.latest) + cyclesSentence(c.latest) : "";
}

/** The steps the revision makes wait for each other, in the server's own sentence: " New package: …". */
function cyclesSentence(rev) {
  return (rev.newCycles || []).map((c) => ` New ${c.together ? "package" : "cycle"}: ${c.sentence}`).join("");
}

/** "Revision 3f2a…, 14:02: 1,204 of 1,179,648 records now decide differently; the smallest: …". */
function changesSentence(rev) {
  const when = new Date(rev.loadedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const head = `Revision ${rev.revision}, ${when}: `;
  const n = (x) => x.toLocaleString("en-US");
  if (rev.status === "computing") return head + `still working out which records it decides differently from revision ${rev.previous}.`;
  if (rev.status === "failed") return head + `which records it decides differently from revision ${rev.previous} could not be worked out: ${rev.failure}`;
  if (rev.different === 0) return head + `no record decides differently from revision ${rev.previous} (${n(rev.records)} records compared).`;
  const s = rev.smallest;
  const counted = [];
  for (const id of s.record) {
    const last = counted[counted.length - 1];
    if (last && last.id === id) last.n++; else counted.push({ id, n: 1 });
  }
  const record = counted.length ? and(counted.map((c) => title(c.id) + (c.n > 1 ? ` \u00d7${c.n}` : ""))) : "nothing recorded";
  const said = s.steps.slice(0, 2).map((c) => {
    const rules = c.rules.length ? ` (${c.rules.join(", ")})` : "";
    if (c.step === "(advisories)") return `the advisories change${rules}`;
    if (c.before && c.after && c.before !== c.after) return `${c.title} goes from ${c.before} to ${c.after}${rules}`;
    return `what is said of ${c.title} changes${rules}`;
  });
  const more = s.steps.length > 2 ? `, and ${s.steps.length - 2} more steps` : "";
  return head + `${n(rev.different)} of ${n(rev.records)} records now decide differently from revision ${rev.previous}; `
    + `the smallest: ${record}, where ${and(said)}${more}.`;
}

export function switchDoctrine(name, from = "ruleset") {
  const was = model.state.ruleset;
  if (name === was) return null;
  const fromCompare = from === "compare-panel";
  return act((state) => (state.ruleset === name ? null : { ...state, ruleset: name }), {
    action: `Switched the doctrine from ${rulesetTitle(was)} to ${rulesetTitle(name)}`,
    where: () => $("answer"),
    near: fromCompare ? () => $("compare-scroll") : () => $("doctrine-changes"),
    focus: fromCompare ? "changes" : null,
  });
}

