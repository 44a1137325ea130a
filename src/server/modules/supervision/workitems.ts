// Supervision's work items on the home page, one provider per area.
import type { WorkItem } from "../../../shared/api.js";
import type { Ctx } from "../../platform/context.js";
import { inspectionWorkItems } from "./inspection-workitems.js";
import { spotCheckWorkItems } from "./spot-check-workitems.js";
import { rectificationWorkItems } from "./rectification-workitems.js";
import { violationWorkItems } from "./violation-workitems.js";
import { changeReportWorkItems } from "./change-report-workitems.js";

const providers = [inspectionWorkItems, spotCheckWorkItems, rectificationWorkItems, violationWorkItems, changeReportWorkItems];

export async function supervisionWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  return (await Promise.all(providers.map((p) => p(ctx)))).flat();
}
