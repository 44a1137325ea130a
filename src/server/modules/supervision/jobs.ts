// Supervision's scheduled jobs (one instance runs each; see platform/scheduler.ts).
import type { Job } from "../../platform/scheduler.js";
import { rectificationJobs } from "./rectification-jobs.js";
import { riskScanJob } from "./risk-jobs.js";

export const supervisionJobs: readonly Job[] = [...rectificationJobs, riskScanJob];
