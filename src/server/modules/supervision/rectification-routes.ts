// HTTP surface of supervision: rectifications.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function rectificationRoutes(_r: Router, _p: Platform): void {}
