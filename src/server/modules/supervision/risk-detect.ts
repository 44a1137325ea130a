// Risk detection (issue 12 item 4): set-based SQL over a recent window of projects finds what looks like
// 乱办班、乱收费、乱发证 (第二十条) and the weaker signs of it, each as a candidate flag with its evidence.
// Aggregates run in the database (GROUP BY / HAVING); Node sees only the groups that already look wrong,
// or one row per project or session of the window where a rule (the policy in force on a date, the
// archive's completeness) is decided in code. Nothing here writes.
import type { RiskFlagKind } from "../../../shared/supervision/risk-flags.js";
import type { Tx } from "../../platform/db.js";
import { certificatesBelowAttendance, checkInsOutsideWindow, proxyCheckIns, unfiledCheckIns } from "./risk-detect-attendance.js";
import { feesAboveStandard, identicalEvaluations, incompleteArchives, overCapacity, plansNotFiled } from "./risk-detect-projects.js";
import type { Candidate, ScanWindow } from "./risk-evidence.js";

export { RISK_THRESHOLDS, scanWindow, type Candidate, type ScanWindow } from "./risk-evidence.js";

export const DETECTORS: Record<RiskFlagKind, (trx: Tx, w: ScanWindow) => Promise<Candidate[]>> = {
  unfiled_checkin: unfiledCheckIns,
  certificate_below_attendance: certificatesBelowAttendance,
  fee_above_standard: feesAboveStandard,
  over_capacity: overCapacity,
  checkin_outside_window: checkInsOutsideWindow,
  proxy_checkin: proxyCheckIns,
  bulk_identical_evaluations: identicalEvaluations,
  archive_incomplete: incompleteArchives,
  plan_not_filed: plansNotFiled,
};
