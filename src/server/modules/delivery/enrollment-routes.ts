// HTTP surface of enrolment and check-in.
import type { Platform } from "../../platform/context.js";
import type { Router } from "../../platform/routing.js";

export function enrollmentRoutes(_r: Router, _p: Platform): void {}

/** Excel imports (enrolment list, sign-in sheet) take raw .xlsx bodies: their own scope. */
export function enrollmentUploadRoutes(_r: Router, _p: Platform): void {}
