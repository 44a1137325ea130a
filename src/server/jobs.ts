// Every scheduled job of the platform, in the order one run takes them.
import { filingJobs } from "./modules/filing/jobs.js";
import { supervisionJobs } from "./modules/supervision/jobs.js";
import { yearlyReportJob } from "./modules/statistics/report.js";
import { forecastJobs } from "./modules/forecast/jobs.js";
import type { Job } from "./platform/scheduler.js";
import { auditCheckpointJob } from "./platform/audit-seal.js";

export const ALL_JOBS: readonly Job[] = [...filingJobs, ...supervisionJobs, yearlyReportJob, ...forecastJobs, auditCheckpointJob];
