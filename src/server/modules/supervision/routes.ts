// HTTP surface of supervision (第十三–十五条, 第十八–二十条, 第二十七条): one file per area.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";
import { inspectionRoutes } from "./inspection-routes.js";
import { spotCheckRoutes } from "./spot-check-routes.js";
import { rectificationRoutes } from "./rectification-routes.js";
import { violationRoutes } from "./violation-routes.js";
import { changeReportRoutes } from "./change-report-routes.js";
import { riskFlagRoutes } from "./risk-flags-routes.js";

export function supervisionRoutes(r: Router, p: Platform): void {
  inspectionRoutes(r, p);
  spotCheckRoutes(r, p);
  rectificationRoutes(r, p);
  violationRoutes(r, p);
  changeReportRoutes(r, p);
  riskFlagRoutes(r, p);
}
