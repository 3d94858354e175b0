// Talking to the server: one request, and everything the page shows about a state asked at once.
import { model } from "./model.js";

export class ApiError extends Error {
  constructor(kind, message, status = 0, body = null) {
    super(message);
    this.kind = kind;     // "unreachable": try again later; "refused": the request was wrong; "failed": the server failed
    this.status = status;
    this.body = body;
  }
}

export async function api(method, path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20000);
  let response, text;
  try {
    response = await fetch(path, {
      method, cache: "no-store", signal: controller.signal,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    text = await response.text();
  } catch (e) {
    throw new ApiError("unreachable", "the server cannot be reached");
  } finally {
    clearTimeout(timer);
  }
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* said below */ }
  if (response.ok) {
    if (json === null) throw new ApiError("failed", `the server answered ${path} with something that is not JSON`, response.status);
    return json;
  }
  const said = json && json.error ? json.error : `the server answered ${response.status}`;
  if ([502, 503, 504].includes(response.status)) throw new ApiError("unreachable", said, response.status, json);
  if (response.status >= 500) throw new ApiError("failed", said, response.status, json);
  throw new ApiError("refused", said, response.status, json);
}

const last = new Map(); // what -> {key, promise}: the last answer of each kind, for the request that asked it

/** The server's last answer of a kind when asked the same again, else a new request (a failed one is not kept). */
function once(what, key, ask) {
  const kept = last.get(what);
  if (kept && kept.key === key) return kept.promise;
  const promise = ask();
  last.set(what, { key, promise });
  promise.catch(() => { if (last.get(what) && last.get(what).promise === promise) last.delete(what); });
  return promise;
}

/** A request whose answer is text (a Markdown briefing), not JSON. */
export async function apiText(method, path, body) {
  let response, text;
  try {
    response = await fetch(path, { method, cache: "no-store", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    text = await response.text();
  } catch (e) {
    throw new ApiError("unreachable", "the server cannot be reached");
  }
  if (!response.ok) throw new ApiError(response.status >= 500 ? "failed" : "refused", `the server answered ${response.status}`, response.status);
  return text;
}

/** Everything the page shows about a state, asked at once; the state is committed only when all of it is in. */
export async function answerFor(state, body) {
  const names = model.rulesets.map((r) => r.name);
  const others = names.filter((n) => n !== state.ruleset);
  const plan = (ruleset) => api("POST", "/v1/plan", { ruleset, completed: body.completed, goal: state.goal, advice: state.advice })
    .catch((error) => {
      // A plan the server gives up on (its budget of states or time) is an answer too: it is said, not an error.
      if (error.kind === "refused" && error.status === 422) return { ruleset: { name: ruleset }, goal: state.goal, budget: error.message };
      throw error;
    });
  // The decision and the comparison depend on the record and the revisions served, not on the goal: a
  // change of goal or of advice asks only for the plans, and reuses the answers the server gave last.
  const revisions = model.rulesets.map((r) => r.name + "@" + r.revision).join(",");
  const [decision, comparison, own, rest] = await Promise.all([
    once("decision", JSON.stringify([revisions, body]), () => api("POST", "/v1/evaluate", { ...body, packages: true })),
    once("comparison", JSON.stringify([revisions, body.completed]), () => api("POST", "/v1/compare", { completed: body.completed })),
    state.goal ? plan(state.ruleset) : null,
    state.goal ? Promise.all(others.map(plan)) : [],
  ]);
  const roads = {};
  if (state.goal) {
    roads[state.ruleset] = own;
    others.forEach((n, i) => { roads[n] = rest[i]; });
  }
  return { decision, comparison, plan: own, roads };
}
