// HTTP surface of professionals and their learning records.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function professionalRoutes(_r: Router, _p: Platform): void {}
