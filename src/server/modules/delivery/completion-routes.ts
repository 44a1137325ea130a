// HTTP surface of completion, certificates, evaluation surveys and project archives.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function completionRoutes(_r: Router, _p: Platform): void {}
