// The peacepath workbench: the negotiation record as a timeline, and the server's answer for it.
//
// One rule holds the page together: everything on screen is drawn from one state (the record, the
// doctrine, the goal) and the server's answers for that state. A change builds a new state and asks the
// server about it; only when every answer is in is the new state committed and every view drawn again.
// The page only shows: every status, order and verdict on it is the server's (decide/), and the words
// it uses for kinds, statuses and parties come from GET /v1/steps. Its modules are named for what they
// show: answer, timeline, plan, graph, compare, briefing; history holds the state and its changes.
import { model, $, el, title, newKey, rulesetTitle, defaultRuleset, say } from "./model.js";
import { api } from "./api.js";
import { emptyState, withRecords, requestBody, parseAddress, DATE } from "./state.js";
import { act, settle, refusal, showBanner, hideBanner, setOffline, retry, onHistory } from "./history.js";
import { loadRuleSets, poll, switchDoctrine } from "./doctrine.js";
import { graphFor, chooseStep, graphKeys } from "./graph.js";
import { briefing, briefingMarkdown, drawBriefing, refreshBriefing, download } from "./briefing.js";
import { wireTake } from "./take.js";

async function loadFile(file) {
  const where = () => $("file-message");
  const shout = (text) => { say($("file-message"), text); };
  let body;
  try {
    body = JSON.parse(await file.text());
  } catch (error) {
    shout(`${file.name} was not loaded: it is not valid JSON (${error.message}). The record on screen is unchanged.`);
    return;
  }
  if (!body || typeof body !== "object" || Array.isArray(body) || !Array.isArray(body.completed)) {
    shout(`${file.name} was not loaded: it is not a peacepath state, which is a JSON object with a \u201ccompleted\u201d list of the steps taken, as \u201cDownload state\u201d writes it. The record on screen is unchanged.`);
    return;
  }
  const inFile = body.completed.map((e) => (e && typeof e === "object" ? { key: newKey(), ...e } : { key: newKey(), step: String(e) }));
  // The server judges the file as it is written, so that what it says points at the file's own records.
  try {
    await api("POST", "/v1/evaluate", body);
  } catch (error) {
    if (error.kind === "unreachable") { setOffline(true); shout(`${file.name} was not loaded: the server cannot be reached to check it. Load it again once it answers.`); return; }
    shout(`${file.name} was not loaded; the record on screen is unchanged. ` + refusal(error, { records: inFile }, { records: inFile, source: file.name }).replace(/^Not done: /, ""));
    return;
  }
  await act((state) => withRecords({ ...state, ruleset: body.ruleset || state.ruleset }, inFile.map((e) => ({
    key: e.key, step: e.step, parties: e.parties, date: e.date, status: e.status, facility: e.facility, note: e.note,
  }))), { action: `Loaded ${file.name}`, where, near: () => $("file-actions") });
}

function wire() {
  $("ruleset").addEventListener("change", () => switchDoctrine($("ruleset").value));
  $("goal").addEventListener("change", () => {
    const goal = $("goal").value;
    act((state) => ({ ...state, goal }), { action: goal ? `Chose the goal: ${title(goal)}` : "Cleared the goal",
      where: () => $("plan-panel"), near: () => $("plan-form") });
  });
  for (const radio of document.querySelectorAll("input[name=advice]")) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      act((state) => ({ ...state, advice: radio.value }), {
        action: radio.value === "ignore" ? "Planned on firm rules only" : "Planned following advice",
        where: () => $("plan-panel"), near: () => $("plan-form"),
      });
    });
  }
  $("plan-form").addEventListener("submit", (event) => event.preventDefault());
  $("add-record").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = $("add-step").value;
    const date = $("add-date").value.trim();
    if (!id) return;
    if (date && !DATE.test(date)) {
      say($("add-message"), `\u201c${date}\u201d is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, such as 2027-05. Nothing was added.`);
      $("add-date").focus();
      return;
    }
    const record = { key: newKey(), step: id, date: date || undefined };
    if (date) model.lastDate = date;
    act((state) => withRecords(state, [...state.records, record]), {
      action: `Added ${title(id)}${date ? " on " + date : ""} to the record as record ${model.state.records.length + 1}`,
      where: () => $("add-message"), near: () => $("add-button"),
    }).then((ok) => { if (ok) $("add-date").value = ""; });
  });
  $("reset").addEventListener("click", () => act((state) => ({ ...state, records: [] }),
    { action: "Started over with an empty record", focus: "add-step", near: () => $("file-actions") }));
  $("download").addEventListener("click", () => {
    download("negotiation-state.json", "application/json", JSON.stringify(requestBody(model.state), null, 2) + "\n");
  });
  $("load").addEventListener("change", async () => {
    const file = $("load").files[0];
    if (file) await loadFile(file);
    $("load").value = "";
  });
  $("undo").addEventListener("click", () => { if (model.here.n > 0) history.back(); });
  $("redo").addEventListener("click", () => { if (model.forward > 0) history.forward(); });
  window.addEventListener("popstate", onHistory);
  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z") return;
    if (event.target.closest("input[type=text], textarea")) return;
    event.preventDefault();
    if (event.shiftKey) $("redo").click(); else $("undo").click();
  });
  // skip links move the focus without touching the address (and so the history that Back undoes)
  for (const link of document.querySelectorAll(".skip-links a")) {
    link.addEventListener("click", (event) => {
      const target = document.querySelector(link.getAttribute("href"));
      if (!target) return;
      event.preventDefault();
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    });
  }
  $("retry").addEventListener("click", () => { model.retryDelay = 1000; retry(); });
  $("dismiss-banner").addEventListener("click", hideBanner);
  $("fix-link").addEventListener("click", async () => {
    const fixed = model.linkFix;
    if (!fixed) return;
    const { state, problems } = await parseAddress(fixed);
    if (problems.length) return;
    hideBanner();
    act(() => state, { action: "Opened the link with its corrections" });
  });
  $("print-briefing").addEventListener("click", async () => { await refreshBriefing(); drawBriefing(); window.print(); });
  window.addEventListener("beforeprint", drawBriefing);
  $("download-briefing").addEventListener("click", async () => {
    if (!model.view) return;
    await refreshBriefing();
    download(`peacepath-briefing-${new Date().toISOString().slice(0, 10)}.md`, "text/markdown", briefingMarkdown(briefing()));
  });
  $("graph").addEventListener("click", (event) => {
    const g = event.target.closest && event.target.closest("g.node");
    if (g) chooseStep(g.dataset.step);
  });
  $("graph").addEventListener("keydown", graphKeys);
  wireTake();
}

async function start() {
  wire();
  for (;;) {
    try {
      // asked at once: the page's first answer waits for both
      const [, steps] = await Promise.all([loadRuleSets(), api("GET", "/v1/steps")]);
      model.catalog = steps.steps;
      model.vocabulary = steps.vocabulary;
      model.steps = new Map(model.catalog.map((s) => [s.id, s]));
      break;
    } catch (error) {
      showBanner(error.kind === "unreachable"
        ? "The server cannot be reached, so there is nothing to show yet. The page keeps trying and starts by itself when the server answers."
        : `The server could not give the doctrines and the steps: ${error.message}. The page tries again.`, { retry: false });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  hideBanner();
  $("goal").replaceChildren(el("option", { value: "" }, "Choose a goal\u2026"),
    ...model.catalog.map((s) => el("option", { value: s.id }, s.title)));
  const link = location.search;
  let { state, problems, fixed } = await parseAddress(link);
  model.here = history.state && typeof history.state.n === "number" ? history.state : { n: 0 };
  if (problems.length) {
    state = emptyState();
    model.here = { n: 0 };
  }
  let refused = null;
  await settle(state, { initial: true, onRefused: (words) => { refused = words; } });
  if (problems.length) {
    refuseLink(link, problems, fixed);
  } else if (refused) {
    // the server refused the state the link describes: say so in its words, and show the empty record
    await settle(emptyState(state.ruleset), { initial: true });
    refuseLink(link, [refused.replace(/^Not done: /, "")], null);
  }
  poll();
  // lay out the other doctrines' graphs while the page is idle, so that switching is instant
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 500));
  idle(() => model.rulesets.forEach((r) => graphFor(r.name, r.revision).catch(() => {})));
}

function refuseLink(link, problems, fixed) {
  let said = link;
  try { said = decodeURIComponent(link.replace(/\+/g, " ")); } catch (e) { /* a damaged link is shown as it is */ }
  showBanner(`This link was not opened, because ${problems.length === 1 ? "of one problem" : `of ${problems.length} problems`}: `
    + problems.map((p, i) => (problems.length > 1 ? `(${i + 1}) ` : "") + p).join(" ")
    + ` Nothing from the link was loaded: the page shows an empty record under ${rulesetTitle(model.state ? model.state.ruleset : defaultRuleset())}.`
    + ` The link was: ${said}`, { fix: fixed, dismiss: true });
}

start();
