// HTTP surface of supervision: change-reports.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function changeReportRoutes(_r: Router, _p: Platform): void {}
