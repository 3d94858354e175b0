// Drawing every view from the committed state and the server's answers for it, all at once.
import { drawDoctrine } from "./doctrine.js";
import { drawAnswer } from "./answer.js";
import { drawPlan } from "./plan.js";
import { drawTimeline, drawAddForm } from "./timeline.js";
import { drawCompare } from "./compare.js";
import { drawGraph } from "./graph.js";
import { drawBriefing } from "./briefing.js";
import { pauseControls } from "./history.js";

export function drawViews(change) {
  const flash = change || { steps: new Set(), records: new Set() };
  drawDoctrine();
  drawAnswer(flash);
  drawPlan(flash);
  drawTimeline(flash);
  drawAddForm();
  drawCompare(flash);
  drawGraph(flash);
  drawBriefing();
  pauseControls();
}
