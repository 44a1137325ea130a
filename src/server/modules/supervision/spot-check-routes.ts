// HTTP surface of supervision: spot-checks.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function spotCheckRoutes(_r: Router, _p: Platform): void {}
