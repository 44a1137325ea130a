// HTTP surface of supervision: inspections.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function inspectionRoutes(_r: Router, _p: Platform): void {}
