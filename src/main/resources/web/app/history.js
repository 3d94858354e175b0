// The state and its history: a change is asked of the server, committed only when every answer is in,
// and pushed onto the browser's history so that Undo, Redo, Back and Forward walk it. A change the server
// refuses, or cannot answer, leaves the committed state on screen untouched.
import { model, $, el, say, capital, lowerFirst, humanize, recordName, title } from "./model.js";
import { ApiError, answerFor } from "./api.js";
import { addressOf, requestBody, parseAddress, adoptKeys } from "./state.js";
import { difference, drawChanges, placeChanges } from "./changes.js";
import { drawViews } from "./draw.js";
import { loadRuleSets } from "./doctrine.js";

let generation = 0;

/**
 * Asks the server about a state and, when every answer is in, commits it and draws every view.
 * opts: action (what the user did, in words), push (a change: a new entry in the browser's history),
 * history (the history entry arrived at by Back or Forward), where (the element beside which a refusal
 * is said), focus (what to focus afterwards).
 */
export async function settle(next, opts = {}) {
  const mine = ++generation;
  const started = performance.now();
  const busy = setTimeout(() => { $("busy").textContent = "Working\u2026"; }, 250);
  document.body.dataset.busy = "true";
  let ok = false;
  try {
    const view = await answerFor(next, requestBody(next));
    if (mine !== generation) return false;
    commit(next, view, opts);
    ok = true;
  } catch (error) {
    if (mine !== generation) return false;
    if (!(error instanceof ApiError)) console.error(error);
    failed(error instanceof ApiError ? error : new ApiError("failed", String(error && error.message || error)), next, opts);
  } finally {
    clearTimeout(busy);
    if (mine === generation) {
      $("busy").textContent = "";
      delete document.body.dataset.busy;
      document.body.dataset.settled = String(Number(document.body.dataset.settled || 0) + 1);
      // the first answer, in milliseconds from the start of the page's load (for the benchmark, not a test)
      if (ok && opts.initial && !document.body.dataset.firstAnswer) document.body.dataset.firstAnswer = String(Math.round(performance.now()));
      document.dispatchEvent(new CustomEvent("peacepath:settled", { detail: { ok, ms: performance.now() - started } }));
    }
  }
  return ok;
}

let queue = Promise.resolve();

/**
 * A change by the user: a new state, and a new entry in the browser's history so that Back undoes it.
 * Changes are made one after the other, each on the state the one before committed, so that two quick
 * clicks never lose one of them; `build` makes the new state from the committed one, or gives null when
 * the change no longer applies (a step already taken by the click before).
 */
export function act(build, opts) {
  const run = async () => {
    if (model.offline || !model.state) return false;
    const next = build(model.state);
    if (!next) return false;
    return settle(next, { ...opts, push: true });
  };
  const done = queue.then(run, run);
  queue = done.catch(() => false);
  return done;
}

function commit(next, view, opts) {
  const before = model.state, answered = model.view;
  model.state = next;
  model.view = view;
  const url = addressOf(next);
  if (opts.history) {
    model.here = opts.history;
    if (location.search !== url) history.replaceState(model.here, "", url);
  } else if (opts.push && before) {
    model.here = { n: (model.here.n || 0) + 1, did: opts.action };
    model.forward = 0;
    history.pushState(model.here, "", url);
  } else {
    history.replaceState(model.here, "", url);
  }
  const recovered = model.offline;
  model.pending = null;
  if (model.offline) setOffline(false);
  if (!model.linkFix || opts.push) hideBanner();
  const change = difference(before, answered, next, view);
  const focused = rememberFocus();
  drawAll(change);
  $("add-message").hidden = true;
  $("file-message").hidden = true;
  drawUndo();
  drawChanges(opts, change, before, next, recovered);
  restoreFocus(focused, opts.focus);
}

function failed(error, next, opts) {
  if (error.kind === "unreachable") {
    // a change the user made waits for the server; a mere re-reading of the state on screen does not
    if (!opts.retrying) model.pending = opts.push || opts.history || opts.initial ? { state: next, opts } : null;
    setOffline(true);
    if (model.view) drawAll(null);
    return;
  }
  if (model.view) drawAll(null); // put every control back as the committed state has it
  const words = refusal(error, next, opts);
  if (opts.onRefused) { opts.onRefused(words); return; }
  const host = opts.where ? opts.where() : null;
  if (host) say(host, words); else showBanner(words, { dismiss: true });
}

/** A refusal in words: what was refused, where, and what to do, with the records named as on screen. */
export function refusal(error, next, opts) {
  const records = opts.records || next.records;
  const where = opts.source ? ` in ${opts.source}` : "";
  const details = (error.body && error.body.details) || [];
  const lead = opts.action ? `Not done (${lowerFirst(opts.action)}): ` : "Not done: ";
  if (error.kind === "failed") {
    return `${lead}the server failed to answer (${humanize(error.message, records, where)}). Nothing was changed; try again, or tell whoever runs the server.`;
  }
  if (!details.length) return lead + capital(humanize(error.message, records, where)) + ".";
  const said = details.map((d) => detailWords(d, records, where));
  return lead + (said.length === 1 ? said[0] : said.map((s, i) => `(${i + 1}) ${s}`).join(" "));
}


function detailWords(d, records, where) {
  const m = /^completed\[(\d+)\](?:\.(\w+))?/.exec(d.field || "");
  const subject = m ? capital(recordName(records, Number(m[1]))) + where : d.field === "goal" ? "The goal" : capital(d.field || "The request");
  const r = m ? records[Number(m[1])] : null;
  switch (d.code) {
    case "unknown_ruleset": // the doctrine a file or a link names, in the server's words
      return capital(d.message) + (/[.?!]$/.test(d.message) ? "" : ".");
    case "repeated_step": {
      const other = /completed\[(\d+)\]/.exec(d.message || "");
      const both = other && m ? ` as records ${Number(other[1]) + 1} and ${Number(m[1]) + 1}${where}` : "";
      return `${title(r ? r.step : "")} would be in force twice${both}, and it can be in force only once.`
        + " Mark one of them suspended or revoked, or remove one.";
    }
    default:
      return `${subject}: ${humanize(d.message, records, where)}${/[.?!]$/.test(d.message) ? "" : "."}`;
  }
}

export function showBanner(text, { retry = false, fix = null, dismiss = false } = {}) {
  $("status-text").textContent = text;
  $("retry").hidden = !retry;
  $("fix-link").hidden = !fix;
  model.linkFix = fix;
  $("dismiss-banner").hidden = !dismiss;
  $("status-banner").hidden = false;
}

export function hideBanner() {
  $("status-banner").hidden = true;
  model.linkFix = null;
}

let retryTimer = null;

export function setOffline(on) {
  model.offline = on;
  document.body.classList.toggle("offline", on);
  if (on) {
    const waiting = model.pending && model.pending.opts.action
      ? ` Your change \u201c${model.pending.opts.action}\u201d is waiting: it will be applied when the server answers.` : "";
    showBanner(`The server cannot be reached, so the page cannot work out the answer to a change: editing is paused.`
      + ` What is shown is the last answer, for the record as shown.${waiting} The page keeps trying and recovers by itself.`,
    { retry: true });
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, model.retryDelay);
  } else {
    clearTimeout(retryTimer);
    model.retryDelay = 1000;
    hideBanner();
  }
  pauseControls();
}

/** While the server cannot be reached, every control that would change the state is paused. */
export function pauseControls() {
  for (const c of document.querySelectorAll("main button, main input, main select, #ruleset, #undo, #redo")) {
    if (c.id === "download") continue;
    if (model.offline) {
      if (!c.disabled) { c.disabled = true; c.dataset.paused = "true"; }
    } else if (c.dataset.paused) {
      c.disabled = false;
      delete c.dataset.paused;
    }
  }
  if (!model.offline) drawUndo();
}

export async function retry() {
  clearTimeout(retryTimer);
  try {
    await loadRuleSets();
  } catch (error) {
    if (model.offline) {
      model.retryDelay = Math.min(5000, model.retryDelay * 1.5);
      retryTimer = setTimeout(retry, model.retryDelay);
    }
    return;
  }
  const target = model.pending || (model.state ? { state: model.state, opts: { quiet: true } } : null);
  if (!target) { setOffline(false); return; }
  const ok = await settle(target.state, { ...target.opts, retrying: true });
  if (!ok && model.offline) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, model.retryDelay);
  }
}

function rememberFocus() {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  const item = active.closest("li[data-step], li[data-key], li[data-steps]");
  const list = item && item.parentElement;
  const typing = active.matches("input[type=text]") && active.value !== active.defaultValue;
  return {
    id: active.id,
    list: list && list.id ? list.id : null,
    index: item && list ? [...list.children].indexOf(item) : -1,
    // what the user is typing into a field the redraw replaces is kept, with the caret where it was
    typed: typing ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : null,
  };
}

function restoreFocus(focused, wanted) {
  // an action that names where the focus goes next (the change line beside it, a field) says it once
  const named = typeof wanted === "function" ? wanted() : wanted ? $(wanted) : null;
  if (named) { named.focus({ preventScroll: true }); return; }
  if (!focused) return;
  if (focused.id && $(focused.id) && !$(focused.id).disabled) {
    const target = $(focused.id);
    if (document.activeElement !== target) target.focus({ preventScroll: true });
    if (focused.typed && target.value !== focused.typed.value) {
      target.value = focused.typed.value;
      target.setSelectionRange(focused.typed.start, focused.typed.end);
    }
    return;
  }
  if (focused.list && $(focused.list) && !focused.id) {
    const items = $(focused.list).children;
    const item = items[Math.min(focused.index, items.length - 1)];
    const target = item && item.querySelector("button:not(:disabled), input, select, summary");
    if (target) { target.focus({ preventScroll: true }); return; }
  }
  // the control that acted is gone or disabled (an Undo with nothing left to undo): the line that says
  // what the action did, placed beside that control, takes the focus rather than the page's body
  $("changes").focus({ preventScroll: true });
}

/** Where a disclosure stands, so that one a reader opened stays open when the page is drawn again. */
function detailsKey(d) {
  const where = [];
  for (let n = d; n && n.id !== "main"; n = n.parentElement) {
    const mark = n.id || n.dataset.step || n.dataset.steps || n.dataset.rule || n.dataset.key;
    if (mark) where.push(mark);
  }
  return where.join("<") + "|" + d.className;
}

export function drawAll(change) {
  const opened = new Set([...document.querySelectorAll("main details[open]")].map(detailsKey));
  drawViews(change);
  placeChanges();
  if (opened.size) document.querySelectorAll("main details").forEach((d) => { if (opened.has(detailsKey(d))) d.open = true; });
}

export function drawUndo() {
  const undo = $("undo"), redo = $("redo");
  const can = (model.here.n || 0) > 0;
  undo.disabled = !can || model.offline;
  undo.title = can ? `Undo: ${model.here.did || "the last change"} (Ctrl+Z, or the browser's Back)` : "Nothing to undo";
  redo.disabled = model.forward <= 0 || model.offline;
  redo.title = model.forward > 0 ? "Redo the change undone (Ctrl+Shift+Z, or the browser's Forward)" : "Nothing to redo";
}

export async function onHistory(event) {
  if (!model.catalog.length) return;
  // a jump within the page (a link to #something) is no change of state
  if (!event.state && model.state && location.search === addressOf(model.state)) return;
  const here = event.state || { n: 0 };
  const before = model.here || { n: 0 };
  const undoing = (here.n || 0) < (before.n || 0);
  model.forward = Math.max(0, model.forward + (undoing ? 1 : -1));
  const { state, problems } = await parseAddress(location.search);
  if (problems.length) {
    showBanner("This address could not be read: " + problems.join(" "), { dismiss: true });
    return;
  }
  state.records = adoptKeys(state.records, model.state ? model.state.records : []);
  const did = undoing ? before.did : here.did;
  settle(state, { history: here, near: () => $("page-tools"), action: did ? `${undoing ? "Undone" : "Redone"}: ${lowerFirst(did)}` : undoing ? "Undone" : "Redone" });
}

