// The record as a timeline: each record under its number (its place in the request, which it keeps),
// shown in the date order the server gives when every record is dated; with its date, status, parties,
// facility and note editable in place, and the server's verdict beside it. And the form that adds one.
import {
  model, $, el, title, and, plural, humanize, ruleName, rule, step, say, parties, statuses, namesFacility,
  defaultParties, inForce, statusWords, recordSaid, stepSaid,
} from "./model.js";
import { withRecords, DATE } from "./state.js";
import { act } from "./history.js";
import { replayed } from "./changes.js";

/** The record as a timeline: each record with its date, parties, status, facility and note, editable in place. */
export function drawTimeline(flash) {
  const { state, view } = model;
  const d = view.decision;
  const records = state.records;
  const said = (d.records || []);
  const notCounted = said.filter((x) => x.verdict === "not-counted").length;
  const outOfOrder = said.filter((x) => x.verdict === "out-of-order").length;
  const counted = records.length - notCounted;
  const inOrder = replayed(d);
  const undated = records.filter((r) => !r.date).length;
  $("record-summary").textContent = !records.length ? ""
    : `${plural(records.length, "record")}: ${notCounted ? `${counted} ${counted === 1 ? "counts" : "count"}, ${notCounted} ${notCounted === 1 ? "does" : "do"} not.` : records.length === 1 ? "it counts." : "all count."}`
      + (inOrder ? ` Every record is dated, so the record is replayed in date order: ${outOfOrder ? `${plural(outOfOrder, "step")} taken out of order.` : "nothing was taken out of order."}`
        : undated < records.length ? ` ${plural(undated, "record")} without a date: the out-of-order check is off until every record is dated.` : "");
  const open = new Set([...document.querySelectorAll("#timeline details.parties-edit[open]")].map((x) => x.id));
  if (!records.length) {
    $("timeline").replaceChildren(el("li", { class: "empty" }, "Nothing is recorded yet. Mark a step taken in the answer, or add one below."));
    return;
  }
  // shown in the server's date order when it gives one; each record keeps its number all the same
  const shown = records.map((r, i) => i);
  if (inOrder) shown.sort((a, b) => recordSaid(a).order - recordSaid(b).order);
  $("timeline").replaceChildren(...shown.map((i) => {
    const r = records[i];
    const s = step(r.step) || { parties: [], kind: "" };
    const k = r.key;
    const n = i + 1;
    const name = `record ${n}, ${title(r.step)}`;
    const x = recordSaid(i) || { verdict: "", why: "" }; // the server gives every record its verdict
    // the server's verdict, in its words; a record taken out of order says so on a line of its own
    const verdict = el("span", { class: "verdict " + (x.verdict === "not-counted" ? "not-counted" : "counts"), id: "verdict-" + k },
      x.verdict === "out-of-order" ? "It counts." : humanize(x.why, records));
    const outOfOrder = x.verdict === "out-of-order" ? el("p", { class: "verdict irregular" }, "Out of order. " + humanize(x.why, records)) : null;

    const date = el("input", { type: "text", class: "date", id: "date-" + k, value: r.date || "", size: "10",
      placeholder: "no date", inputmode: "numeric", "aria-label": `Date of ${name} (YYYY, YYYY-MM or YYYY-MM-DD)` });
    date.addEventListener("change", () => {
      const value = date.value.trim();
      if (value && !DATE.test(value)) {
        say(date.closest("li"), `\u201c${value}\u201d is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, such as 2027-05. The record keeps ${r.date ? "its date " + r.date : "no date"}.`);
        date.value = r.date || "";
        return;
      }
      edit(k, { date: value }, value ? `Dated ${name} ${value}` : `Took the date off ${name}`, "date-" + k);
    });

    const status = el("select", { id: "status-" + k, "aria-label": `Status of ${name}` },
      ...statuses().map((v) => el("option", { value: v }, statusWords(v))));
    status.value = r.status || inForce();
    status.addEventListener("change", () => edit(k, { status: status.value }, `Marked ${name} ${statusWords(status.value)}`, "status-" + k));

    const fields = [el("label", { class: "field", for: "status-" + k }, "Status "), status];
    let facility = null;
    if (namesFacility(r.step)) {
      facility = el("input", { type: "text", id: "facility-" + k, value: r.facility || "", size: "18",
        placeholder: "which facility", "aria-label": `Facility dismantled, ${name}` });
      facility.addEventListener("change", () => edit(k, { facility: facility.value.trim() },
        facility.value.trim() ? `Named the facility of ${name}: ${facility.value.trim()}` : `Took the facility off ${name}`, "facility-" + k));
    }
    const chosen = r.parties || defaultParties(s);
    const partyBoxes = parties().map((p) => {
      const id = `party-${k}-${p}`;
      const box = el("input", { type: "checkbox", id, value: p });
      box.checked = chosen.includes(p);
      box.addEventListener("change", () => {
        const now = parties().filter((x) => $(`party-${k}-${x}`).checked);
        const assumed = defaultParties(s);
        const same = now.length === assumed.length && assumed.every((x) => now.includes(x));
        edit(k, { parties: same ? undefined : now }, `${box.checked ? "Added" : "Took"} ${p} ${box.checked ? "to" : "off"} the parties of ${name}`, id);
      });
      const role = s.parties.includes(p) ? "required" : (s.atLeastOneOf || []).includes(p) ? "at least one"
        : (s.mayAlsoSign || []).includes(p) ? "may also sign" : "";
      return el("label", { for: id, class: "party" }, box, " " + p, role ? el("span", { class: "role" }, ` (${role})`) : null);
    });
    const partiesEdit = el("details", { class: "parties-edit", id: "parties-" + k, open: open.has("parties-" + k) },
      el("summary", {}, "Parties: " + (chosen.length ? chosen.join(", ") : "nobody")),
      el("fieldset", {}, el("legend", { class: "sr-only" }, `Parties to ${name}`), ...partyBoxes));
    const note = el("input", { type: "text", id: "note-" + k, value: r.note || "", size: "22", placeholder: "a note",
      "aria-label": `Note on ${name}` });
    note.addEventListener("change", () => edit(k, { note: note.value.trim() }, `Changed the note on ${name}`, "note-" + k));
    const remove = el("button", { type: "button", class: "remove", id: "remove-" + k, "aria-label": `Remove ${name}`,
      onclick: () => removeRecord(k, name) }, "Remove");

    return el("li", { class: "record" + (x.verdict === "not-counted" ? " not-counted" : "") + (x.verdict === "out-of-order" ? " irregular" : "") + (r.status && r.status !== inForce() ? " " + r.status : "")
      + (flash.records.has(k) ? " flash" : ""), "data-key": k, "data-step": r.step, "data-index": String(i) },
      el("div", { class: "record-head" },
        el("span", { class: "record-number", "aria-hidden": "true" }, String(n)),
        date,
        el("span", { class: "step-title" }, title(r.step)),
        remove),
      el("div", { class: "record-fields" },
        el("span", { class: "field-pair" }, ...fields), verdict, partiesEdit,
        facility ? el("span", { class: "field-pair wide" }, el("label", { class: "field", for: "facility-" + k }, "Facility "), facility) : null,
        el("span", { class: "field-pair wide" }, el("label", { class: "field", for: "note-" + k }, "Note "), note)),
      outOfOrder);
  }));
}

function edit(key, patch, action, focus) {
  return act((state) => {
    if (!state.records.some((r) => r.key === key)) return null;
    return withRecords(state, state.records.map((r) => {
      if (r.key !== key) return r;
      const changed = { ...r };
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined || value === "") delete changed[field]; else changed[field] = value;
      }
      return changed;
    }));
  }, {
    action, focus, where: () => document.querySelector(`#timeline li[data-key="${key}"]`),
    near: () => document.querySelector(`#timeline li[data-key="${key}"] .record-fields`),
  });
}

function removeRecord(key, name) {
  const index = model.state.records.findIndex((r) => r.key === key);
  const after = model.state.records[index + 1] || model.state.records[index - 1];
  return act((state) => (state.records.some((r) => r.key === key)
    ? withRecords(state, state.records.filter((r) => r.key !== key)) : null), {
    action: `Removed ${name}`, focus: after ? "remove-" + after.key : "record-heading",
    where: () => document.querySelector(`#timeline li[data-key="${key}"]`), near: () => $("record-summary"),
  });
}

export function focusRecord(key) {
  const li = document.querySelector(`#timeline li[data-key="${key}"]`);
  if (!li) return;
  li.querySelector("details.parties-edit").open = true;
  li.scrollIntoView({ block: "center", behavior: "smooth" });
  li.querySelector("input, select").focus({ preventScroll: true });
  li.classList.remove("flash");
  void li.offsetWidth;
  li.classList.add("flash");
}

export function drawAddForm() {
  const { view } = model;
  const select = $("add-step");
  const chosen = select.value;
  const d = view.decision;
  const status = (id) => (stepSaid(id, d) || {}).status;
  const group = (label, ids) => (ids.length ? el("optgroup", { label }, ...ids.map((id) => el("option", { value: id }, title(id)))) : null);
  const ids = model.catalog.map((s) => s.id);
  select.replaceChildren(
    group("May be taken now", ids.filter((id) => status(id) === "unlocked")),
    group("Blocked now (to record history as it happened)", ids.filter((id) => status(id) === "blocked")),
    group("Already counted", ids.filter((id) => status(id) === "completed")));
  if (chosen && ids.includes(chosen)) select.value = chosen;
}

