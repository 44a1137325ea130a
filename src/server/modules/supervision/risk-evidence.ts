// What the risk detectors share (issue 12 item 4): the scan window, the thresholds, and the shape of a
// candidate flag and its evidence records.
import type { EvidenceRecord, RiskEvidence, RiskFlagKind } from "../../../shared/supervision/risk-flags.js";
import { MAX_EVIDENCE_RECORDS, RISK_FLAG_ARTICLES } from "../../../shared/supervision/risk-flags.js";
import type { Tx } from "../../platform/db.js";

export interface Candidate {
  kind: RiskFlagKind;
  baseId: string;
  projectId: string | null;
  /** One flag per thing flagged: a re-run updates the flag, never adds a second. */
  dedupeKey: string;
  article: string;
  evidence: RiskEvidence;
}

export interface ScanWindow {
  today: string;
  /** Projects starting on or after this date are scanned (1 January of last year). */
  since: string;
  /** Recent kinds look at projects ended on or after this date, or not yet ended (incremental). */
  recentSince: string;
}

/**
 * Thresholds of the signs. They are not rules of the measures but the point where a pattern stops
 * looking like chance; a flag is a prompt to look, never a finding.
 */
export const RISK_THRESHOLDS = {
  /** proxy_checkin: one device (address + user agent) checking in at least this many different people… */
  proxyPeople: 5,
  /** …within this many minutes at one session. */
  proxyMinutes: 10,
  /** bulk_identical_evaluations: at least this many responses of a project with the same scores and the same written comment. */
  identicalResponses: 5,
  /** archive_incomplete: days after the project's last day by which its archive should be complete (第十七条). */
  archiveDays: 30,
  /**
   * How far back the kinds whose records arrive around the course (check-ins, enrolments, certificates,
   * answers, the archive's deadline) look on each run: projects that ended within these days. The hourly
   * scan stays proportional to recent activity, not to the years of history.
   */
  recentDays: 90,
};

export const DELIVERED = ["filed", "running", "completed"];
export const UNFILED = ["draft", "returned", "cancelled"];

export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** An instant as Weihai wall time, `YYYY-MM-DD HH:MM`. */
export const shanghaiText = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

export function scanWindow(today: string): ScanWindow {
  return { today, since: `${Number(today.slice(0, 4)) - 1}-01-01`, recentSince: addDays(today, -RISK_THRESHOLDS.recentDays) };
}

export const evidenceOf = (facts: RiskEvidence["facts"], records: EvidenceRecord[], total = records.length): RiskEvidence => ({
  facts,
  records: records.slice(0, MAX_EVIDENCE_RECORDS),
  total,
});

export const candidate = (kind: RiskFlagKind, baseId: string, projectId: string | null, key: string, evidence: RiskEvidence): Candidate => ({
  kind,
  baseId,
  projectId,
  dedupeKey: `${kind}:${key}`,
  article: RISK_FLAG_ARTICLES[kind],
  evidence,
});

export const projectRecord = (p: { id: string; title: string; status: string; startDate: string; endDate: string }, detail?: string): EvidenceRecord => ({
  type: "project",
  id: p.id,
  projectId: p.id,
  label: p.title,
  detail: detail ?? `${p.startDate} ~ ${p.endDate} · ${p.status}`,
  at: null,
});

const METHOD_WORDS: Record<string, string> = { qr: "扫码", manual: "补签", import: "导入" };

interface CheckInRow {
  id: string;
  projectId: string;
  name: string;
  sessionDate: string;
  sessionTitle: string;
  method: string;
  checkedInAt: string;
}

export const checkInRecord = (c: CheckInRow, extra = ""): EvidenceRecord => ({
  type: "checkIn",
  id: c.id,
  projectId: c.projectId,
  label: `${c.name} · ${c.sessionDate} ${c.sessionTitle}`,
  detail: `${METHOD_WORDS[c.method] ?? c.method} ${shanghaiText(c.checkedInAt)}${extra}`,
  at: c.checkedInAt,
});

export function checkInRows(trx: Tx) {
  return trx
    .selectFrom("checkIns as c")
    .innerJoin("projectSessions as s", "s.id", "c.sessionId")
    .innerJoin("users as u", "u.id", "c.professionalId")
    .select(["c.id", "c.projectId", "u.displayName as name", "s.date as sessionDate", "s.title as sessionTitle", "c.method", "c.checkedInAt", "c.professionalId", "c.sessionId", "c.deviceHash"]);
}


/** Projects whose check-ins may still be new: running now or ended within the recent window. */
export function recentProjects(trx: Tx, w: ScanWindow) {
  return trx.selectFrom("trainingProjects as rp").select("rp.id").where("rp.endDate", ">=", w.recentSince).where("rp.startDate", "<=", w.today).where("rp.startDate", ">=", w.since);
}
