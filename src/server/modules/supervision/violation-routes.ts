// HTTP surface of supervision: violations.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function violationRoutes(_r: Router, _p: Platform): void {}
