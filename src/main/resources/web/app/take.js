// Taking a step ("Mark taken", "Take together", "Take this move"): asks for its date, prefilled with the
// last date used, and for a dismantlement which facility; both may be left out. Then one change adds the
// records, each with the next number.
import { model, $, el, title, and, namesFacility, stepSaid } from "./model.js";
import { withRecords, DATE } from "./state.js";
import { act } from "./history.js";

let asking = null; // {ids, opts, opener}

/** Asks for the date (and facility) of the steps to be taken, then takes them, unless the person cancels. */
export function take(ids, opts = {}) {
  const dialog = $("take-dialog");
  asking = { ids, opts, opener: document.activeElement };
  $("take-heading").textContent = (ids.length > 1 ? "Take together: " : "Take: ") + and(ids.map(title));
  $("take-date").value = model.lastDate || "";
  $("take-date-said").textContent = model.lastDate ? `Prefilled with the last date used, ${model.lastDate}.` : "";
  $("take-message").hidden = true;
  const facilities = ids.filter(namesFacility);
  $("take-facilities").replaceChildren(...facilities.map((id, i) => el("div", { class: "field-row" },
    el("label", { for: "take-facility-" + i }, `Facility dismantled (${title(id)})`),
    el("input", { type: "text", id: "take-facility-" + i, "data-step": id, size: "22", placeholder: "which facility" }))));
  dialog.showModal();
  $("take-date").focus();
  $("take-date").select();
}

function close() {
  const dialog = $("take-dialog");
  if (dialog.open) dialog.close();
}

/** Takes the steps asked about, with a date or without one. */
function confirm(withDate) {
  if (!asking) return;
  const date = withDate ? $("take-date").value.trim() : "";
  if (date && !DATE.test(date)) {
    const said = $("take-message");
    said.textContent = `\u201c${date}\u201d is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, such as 2027-05, or take it without a date.`;
    said.hidden = false;
    $("take-date").focus();
    return;
  }
  const facilities = new Map([...$("take-facilities").querySelectorAll("input")].map((x) => [x.dataset.step, x.value.trim()]));
  const { ids, opts } = asking;
  asking = null;
  close();
  if (date) model.lastDate = date;
  const dated = date ? ` on ${date}` : " without a date";
  act((state) => {
    // taken already, by a click before this one: the server no longer says the step may be taken
    const open = new Set([...(model.view.decision.steps || []).filter((s) => s.status === "unlocked").map((s) => s.id),
      ...(model.view.decision.packages || []).flatMap((p) => p.steps)]);
    if (!ids.every((id) => open.has(id) || (stepSaid(id) || {}).status === "unlocked")) return null;
    return withRecords(state, [...state.records, ...ids.map((id) => {
      const record = { step: id };
      if (date) record.date = date;
      if (facilities.get(id)) record.facility = facilities.get(id);
      return record;
    })]);
  }, {
    action: `Marked ${and(ids.map(title))} taken${ids.length > 1 ? " together" : ""}${dated}`,
    where: opts.where, near: opts.near, focus: "changes",
  });
}

export function wireTake() {
  const dialog = $("take-dialog");
  $("take-form").addEventListener("submit", (event) => { event.preventDefault(); confirm(true); });
  $("take-undated").addEventListener("click", () => confirm(false));
  $("take-cancel").addEventListener("click", () => { asking = null; close(); });
  dialog.addEventListener("close", () => {
    if (asking) { // cancelled with Escape: the focus goes back to the button that asked
      const opener = asking.opener;
      asking = null;
      if (opener && opener.isConnected) opener.focus();
    }
  });
}
