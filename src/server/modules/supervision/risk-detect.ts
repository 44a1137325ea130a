// Risk detection (issue 12 item 4): set-based SQL over a recent window of projects finds what looks like
// 乱办班、乱收费、乱发证 (第二十条) and the weaker signs of it, each as a candidate flag with its evidence.
// Aggregates run in the database (GROUP BY / HAVING); Node sees only the groups that already look wrong,
// or one row per project or session of the window where a rule (the policy in force on a date, the
// archive's completeness) is decided in code. Nothing here writes.
import { sql } from "kysely";
import { checkInWindow } from "../../../shared/delivery.js";
import { MAX_EVIDENCE_RECORDS, RISK_FLAG_ARTICLES, type EvidenceRecord, type RiskEvidence, type RiskFlagKind } from "../../../shared/supervision/risk-flags.js";
import type { Tx } from "../../platform/db.js";
import { archiveComplete } from "../delivery/archive.js";
import { requiredAttendance, sessionsRequired } from "../delivery/completion.js";
import { CHECK_IN_WINDOW_DEFAULTS } from "../policy/defaults.js";
import { policyAt } from "../policy/service.js";

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

const DELIVERED = ["filed", "running", "completed"];
const UNFILED = ["draft", "returned", "cancelled"];

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** An instant as Weihai wall time, `YYYY-MM-DD HH:MM`. */
export const shanghaiText = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

export function scanWindow(today: string): ScanWindow {
  return { today, since: `${Number(today.slice(0, 4)) - 1}-01-01`, recentSince: addDays(today, -RISK_THRESHOLDS.recentDays) };
}

const evidenceOf = (facts: RiskEvidence["facts"], records: EvidenceRecord[], total = records.length): RiskEvidence => ({
  facts,
  records: records.slice(0, MAX_EVIDENCE_RECORDS),
  total,
});

const candidate = (kind: RiskFlagKind, baseId: string, projectId: string | null, key: string, evidence: RiskEvidence): Candidate => ({
  kind,
  baseId,
  projectId,
  dedupeKey: `${kind}:${key}`,
  article: RISK_FLAG_ARTICLES[kind],
  evidence,
});

const projectRecord = (p: { id: string; title: string; status: string; startDate: string; endDate: string }, detail?: string): EvidenceRecord => ({
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

const checkInRecord = (c: CheckInRow, extra = ""): EvidenceRecord => ({
  type: "checkIn",
  id: c.id,
  projectId: c.projectId,
  label: `${c.name} · ${c.sessionDate} ${c.sessionTitle}`,
  detail: `${METHOD_WORDS[c.method] ?? c.method} ${shanghaiText(c.checkedInAt)}${extra}`,
  at: c.checkedInAt,
});

function checkInRows(trx: Tx) {
  return trx
    .selectFrom("checkIns as c")
    .innerJoin("projectSessions as s", "s.id", "c.sessionId")
    .innerJoin("users as u", "u.id", "c.professionalId")
    .select(["c.id", "c.projectId", "u.displayName as name", "s.date as sessionDate", "s.title as sessionTitle", "c.method", "c.checkedInAt", "c.professionalId", "c.sessionId", "c.deviceHash"]);
}

// ---- 1. unfiled_checkin (第十七条: 未经备案，不得开展继续教育活动) -------------------------------------

async function unfiledCheckIns(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  const groups = await trx
    .selectFrom("trainingProjects as p")
    .innerJoin("checkIns as c", "c.projectId", "p.id")
    .select(["p.id", "p.baseId", "p.title", "p.status", "p.startDate", "p.endDate", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("c.professionalId").distinct().as("people")])
    .where("p.status", "in", UNFILED)
    .where("p.startDate", ">=", w.since)
    .groupBy(["p.id", "p.baseId", "p.title", "p.status", "p.startDate", "p.endDate"])
    .execute();
  const out: Candidate[] = [];
  for (const g of groups) {
    const rows = await checkInRows(trx).where("c.projectId", "=", g.id).orderBy("c.checkedInAt").limit(MAX_EVIDENCE_RECORDS).execute();
    const records = [projectRecord(g), ...rows.map((c) => checkInRecord(c))];
    out.push(candidate("unfiled_checkin", g.baseId, g.id, g.id, evidenceOf({ projectStatus: g.status, checkIns: Number(g.n), people: Number(g.people) }, records, Number(g.n) + 1)));
  }
  return out;
}

// ---- 2. certificate_below_attendance (第二十条: 乱发证) ----------------------------------------------

async function certificatesBelowAttendance(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  // Only certificates of people who missed at least one session come back: the rule is decided below.
  const inner = trx
    .selectFrom("certificates as cert")
    .innerJoin("trainingProjects as p", "p.id", "cert.projectId")
    .innerJoin("users as u", "u.id", "cert.professionalId")
    .select((eb) => [
      "cert.id",
      "cert.serial",
      "cert.issuedAt",
      "cert.projectId",
      "p.baseId",
      "p.title",
      "p.status",
      "p.startDate",
      "p.endDate",
      "p.completionAttendance",
      "u.displayName as name",
      eb.selectFrom("projectSessions as s").select((e) => e.fn.countAll<number>().as("n")).whereRef("s.projectId", "=", "p.id").as("sessions"),
      eb
        .selectFrom("checkIns as c")
        .select((e) => e.fn.count<number>("c.sessionId").distinct().as("n"))
        .whereRef("c.projectId", "=", "p.id")
        .whereRef("c.professionalId", "=", "cert.professionalId")
        .as("attended"),
    ])
    .where("cert.status", "=", "valid")
    .where("p.startDate", ">=", w.since)
    .where("p.endDate", ">=", w.recentSince);
  const rows = await trx
    .selectFrom(inner.as("x"))
    .selectAll("x")
    .where((eb) => eb(eb.ref("x.attended"), "<", eb.ref("x.sessions")))
    .orderBy("x.projectId")
    .orderBy("x.serial")
    .execute();
  const byProject = new Map<string, { p: (typeof rows)[number]; required: number; certs: EvidenceRecord[] }>();
  for (const r of rows) {
    const sessions = Number(r.sessions);
    let entry = byProject.get(r.projectId);
    if (!entry) {
      const ratio = await requiredAttendance(trx, { completionAttendance: r.completionAttendance, endDate: r.endDate });
      entry = { p: r, required: sessionsRequired(ratio, sessions), certs: [] };
      byProject.set(r.projectId, entry);
    }
    const attended = Number(r.attended);
    if (attended >= entry.required) continue;
    entry.certs.push({ type: "certificate", id: r.id, projectId: r.projectId, label: `${r.serial} · ${r.name}`, detail: `出勤 ${attended}/${sessions} 次，结业须 ${entry.required} 次`, at: r.issuedAt });
  }
  return [...byProject.values()]
    .filter((e) => e.certs.length)
    .map((e) =>
      candidate(
        "certificate_below_attendance",
        e.p.baseId,
        e.p.projectId,
        e.p.projectId,
        evidenceOf({ certificates: e.certs.length, sessions: Number(e.p.sessions), requiredSessions: e.required }, [projectRecord({ ...e.p, id: e.p.projectId }), ...e.certs], e.certs.length + 1),
      ),
    );
}

// ---- 3. fee_above_standard (第二十五条: 不得擅自提高收费标准) --------------------------------------------

async function feesAboveStandard(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  // The standard in force on the class date: the latest approved (now or since superseded) decided by
  // the end of that day in Weihai (16:00 UTC); none in force means only free training may run.
  const inner = trx
    .selectFrom("trainingProjects as p")
    .select((eb) => [
      "p.id",
      "p.baseId",
      "p.title",
      "p.status",
      "p.startDate",
      "p.endDate",
      "p.feeFen",
      "p.subjectType",
      eb
        .selectFrom("feeStandards as fs")
        .select("fs.amountFen")
        .whereRef("fs.baseId", "=", "p.baseId")
        .whereRef("fs.kind", "=", "p.subjectType")
        .where("fs.status", "in", ["approved", "superseded"])
        .where("fs.decidedAt", "<", sql<string>`${sql.ref("p.startDate")} || 'T16:00:00.000Z'`)
        .orderBy("fs.decidedAt", "desc")
        .limit(1)
        .as("standardFen"),
      eb
        .selectFrom("feeStandards as fs")
        .select("fs.id")
        .whereRef("fs.baseId", "=", "p.baseId")
        .whereRef("fs.kind", "=", "p.subjectType")
        .where("fs.status", "in", ["approved", "superseded"])
        .where("fs.decidedAt", "<", sql<string>`${sql.ref("p.startDate")} || 'T16:00:00.000Z'`)
        .orderBy("fs.decidedAt", "desc")
        .limit(1)
        .as("standardId"),
    ])
    .where("p.status", "in", DELIVERED)
    .where("p.startDate", ">=", w.since)
    .where("p.feeFen", ">", 0);
  const rows = await trx
    .selectFrom(inner.as("x"))
    .selectAll("x")
    .where((eb) => eb(eb.ref("x.feeFen"), ">", eb.fn.coalesce("x.standardFen", sql.lit(0))))
    .execute();
  return rows.map((r) => {
    const standard = r.standardFen === null ? null : Number(r.standardFen);
    const records: EvidenceRecord[] = [projectRecord(r, `开班 ${r.startDate} · 收费 ${yuan(Number(r.feeFen))} 元/人`)];
    if (r.standardId) records.push({ type: "feeStandard", id: r.standardId, projectId: null, label: `收费标准 ${yuan(standard!)} 元/人`, detail: `${r.startDate} 执行`, at: null });
    return candidate("fee_above_standard", r.baseId, r.id, r.id, evidenceOf({ feeFen: Number(r.feeFen), standardFen: standard, classDate: r.startDate, subjectType: r.subjectType }, records));
  });
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

// ---- 4. over_capacity (第十七条: 按备案的计划开展培训, the filed places) ----------------------------------

async function overCapacity(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  const groups = await trx
    .selectFrom("trainingProjects as p")
    .innerJoin("enrollments as e", "e.projectId", "p.id")
    .select(["p.id", "p.baseId", "p.title", "p.status", "p.startDate", "p.endDate", "p.capacity", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.status", "in", DELIVERED)
    .where("p.startDate", ">=", w.since)
    .where("p.endDate", ">=", w.recentSince)
    .where("e.status", "=", "enrolled")
    .groupBy(["p.id", "p.baseId", "p.title", "p.status", "p.startDate", "p.endDate", "p.capacity"])
    .having((eb) => eb(eb.fn.countAll(), ">", eb.ref("p.capacity")))
    .execute();
  const out: Candidate[] = [];
  for (const g of groups) {
    // The enrolments past the filed places, in the order they came.
    const extra = await trx
      .selectFrom("enrollments as e")
      .innerJoin("users as u", "u.id", "e.professionalId")
      .select(["e.id", "u.displayName as name", "e.createdAt", "e.source"])
      .where("e.projectId", "=", g.id)
      .where("e.status", "=", "enrolled")
      .orderBy("e.createdAt")
      .orderBy("e.id")
      .offset(Number(g.capacity))
      .limit(MAX_EVIDENCE_RECORDS)
      .execute();
    const n = Number(g.n);
    const records = [projectRecord(g, `备案名额 ${g.capacity} 人，在册 ${n} 人`), ...extra.map((e, i): EvidenceRecord => ({ type: "enrollment", id: e.id, projectId: g.id, label: e.name, detail: `第 ${Number(g.capacity) + i + 1} 名 · ${shanghaiText(e.createdAt)}`, at: e.createdAt }))];
    out.push(candidate("over_capacity", g.baseId, g.id, g.id, evidenceOf({ capacity: Number(g.capacity), enrolled: n, over: n - Number(g.capacity) }, records, n - Number(g.capacity) + 1)));
  }
  return out;
}

// ---- 5. checkin_outside_window (第十七条: 参训人员签到 stands for presence at the session) ---------------

/** Projects whose check-ins may still be new: running now or ended within the recent window. */
function recentProjects(trx: Tx, w: ScanWindow) {
  return trx.selectFrom("trainingProjects as rp").select("rp.id").where("rp.endDate", ">=", w.recentSince).where("rp.startDate", "<=", w.today).where("rp.startDate", ">=", w.since);
}

async function checkInsOutsideWindow(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  // Per session the earliest check-in of any kind and the latest by code: a person signed in before the
  // window opens was not there yet; a scanned code after it closes was not the session's. Staff entries
  // after the session are 补签 with a reason on the record, not a sign.
  const sessions = await trx
    .selectFrom("projectSessions as s")
    .innerJoin("trainingProjects as p", "p.id", "s.projectId")
    .innerJoin("checkIns as c", "c.sessionId", "s.id")
    .select((eb) => [
      "s.id",
      "s.projectId",
      "p.baseId",
      "s.date",
      "s.startTime",
      "s.endTime",
      eb.fn.min("c.checkedInAt").as("first"),
      eb.fn.max(eb.case().when("c.method", "=", "qr").then(eb.ref("c.checkedInAt")).else(sql<string | null>`null`).end()).as("lastQr"),
    ])
    .where("s.projectId", "in", recentProjects(trx, w))
    .groupBy(["s.id", "s.projectId", "p.baseId", "s.date", "s.startTime", "s.endTime"])
    .execute();
  const policies = new Map<string, { checkInOpensMinutesBefore: number; checkInClosesMinutesAfter: number }>();
  const byProject = new Map<string, { baseId: string; records: EvidenceRecord[] }>();
  for (const s of sessions) {
    let params = policies.get(s.date);
    if (!params) policies.set(s.date, (params = { ...CHECK_IN_WINDOW_DEFAULTS, ...(await policyAt(trx, s.date)).params }));
    const win = checkInWindow(s, params);
    const early = Date.parse(s.first as string) < win.opensMs;
    const late = !!s.lastQr && Date.parse(s.lastQr as string) >= win.closesMs;
    if (!early && !late) continue;
    const rows = await checkInRows(trx)
      .where("c.sessionId", "=", s.id)
      .where((eb) =>
        eb.or([eb("c.checkedInAt", "<", new Date(win.opensMs).toISOString()), eb.and([eb("c.method", "=", "qr"), eb("c.checkedInAt", ">=", new Date(win.closesMs).toISOString())])]),
      )
      .orderBy("c.checkedInAt")
      .limit(MAX_EVIDENCE_RECORDS)
      .execute();
    let entry = byProject.get(s.projectId);
    if (!entry) byProject.set(s.projectId, (entry = { baseId: s.baseId, records: [] }));
    entry.records.push(...rows.map((c) => checkInRecord(c, `（签到时段 ${win.opensAt}–${win.closesAt}）`)));
  }
  return [...byProject.entries()].map(([projectId, e]) =>
    candidate("checkin_outside_window", e.baseId, projectId, projectId, evidenceOf({ checkIns: e.records.length }, e.records)),
  );
}

// ---- 6. proxy_checkin (第十七条: one phone signing in a room) -------------------------------------------

async function proxyCheckIns(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  const groups = await trx
    .selectFrom("checkIns as c")
    .innerJoin("trainingProjects as p", "p.id", "c.projectId")
    .select(["c.sessionId", "c.deviceHash", "c.projectId", "p.baseId", (eb) => eb.fn.count<number>("c.professionalId").distinct().as("people")])
    .where("c.projectId", "in", recentProjects(trx, w))
    .where("c.deviceHash", "is not", null)
    .groupBy(["c.sessionId", "c.deviceHash", "c.projectId", "p.baseId"])
    .having((eb) => eb.fn.count("c.professionalId").distinct(), ">=", RISK_THRESHOLDS.proxyPeople)
    .execute();
  const out: Candidate[] = [];
  for (const g of groups) {
    const rows = await checkInRows(trx).where("c.sessionId", "=", g.sessionId).where("c.deviceHash", "=", g.deviceHash).orderBy("c.checkedInAt").execute();
    // The tightest run: the most different people within proxyMinutes of each other.
    const span = RISK_THRESHOLDS.proxyMinutes * 60_000;
    let best = { from: 0, to: 0 };
    for (let i = 0, j = 0; j < rows.length; j++) {
      while (Date.parse(rows[j].checkedInAt) - Date.parse(rows[i].checkedInAt) > span) i++;
      if (j - i > best.to - best.from) best = { from: i, to: j };
    }
    const burst = rows.slice(best.from, best.to + 1);
    if (new Set(burst.map((r) => r.professionalId)).size < RISK_THRESHOLDS.proxyPeople) continue;
    const device = g.deviceHash!.slice(0, 8);
    out.push(
      candidate(
        "proxy_checkin",
        g.baseId,
        g.projectId,
        `${g.sessionId}:${g.deviceHash}`,
        evidenceOf(
          { device, people: burst.length, minutes: Math.ceil((Date.parse(burst[burst.length - 1].checkedInAt) - Date.parse(burst[0].checkedInAt)) / 60_000), sessionDate: burst[0].sessionDate, from: shanghaiText(burst[0].checkedInAt), to: shanghaiText(burst[burst.length - 1].checkedInAt) },
          burst.map((c) => checkInRecord(c, ` · 设备 ${device}`)),
          burst.length,
        ),
      ),
    );
  }
  return out;
}

// ---- 7. bulk_identical_evaluations (第十七条: 培训效果评估 by the people trained) -----------------------

async function identicalEvaluations(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  // The same scores with the same written comment, many times over: one hand filling the forms. Empty
  // comments are left out (a satisfied class gives the same top scores without a word).
  const groups = await trx
    .selectFrom("surveyResponses as r")
    .innerJoin("trainingProjects as p", "p.id", "r.projectId")
    .select(["r.projectId", "p.baseId", "p.title", "p.status", "p.startDate", "p.endDate", "r.answers", "r.comment", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.startDate", ">=", w.since)
    .where("p.endDate", ">=", w.recentSince)
    .where(sql<boolean>`trim(${sql.ref("r.comment")}) <> ''`)
    .groupBy(["r.projectId", "p.baseId", "p.title", "p.status", "p.startDate", "p.endDate", "r.answers", "r.comment"])
    .having((eb) => eb.fn.countAll(), ">=", RISK_THRESHOLDS.identicalResponses)
    .execute();
  const byProject = new Map<string, { g: (typeof groups)[number]; n: number; records: EvidenceRecord[] }>();
  for (const g of groups) {
    const rows = await trx
      .selectFrom("surveyResponses as r")
      .innerJoin("users as u", "u.id", "r.professionalId")
      .select(["r.id", "u.displayName as name", "r.createdAt"])
      .where("r.projectId", "=", g.projectId)
      .where("r.answers", "=", g.answers)
      .where("r.comment", "=", g.comment)
      .orderBy("r.createdAt")
      .limit(MAX_EVIDENCE_RECORDS)
      .execute();
    let entry = byProject.get(g.projectId);
    if (!entry) byProject.set(g.projectId, (entry = { g, n: 0, records: [projectRecord({ ...g, id: g.projectId })] }));
    entry.n += Number(g.n);
    entry.records.push(...rows.map((r): EvidenceRecord => ({ type: "surveyResponse", id: r.id, projectId: g.projectId, label: r.name, detail: `“${g.comment.trim().slice(0, 40)}” ${shanghaiText(r.createdAt)}`, at: r.createdAt })));
  }
  return [...byProject.values()].map((e) =>
    candidate("bulk_identical_evaluations", e.g.baseId, e.g.projectId, e.g.projectId, evidenceOf({ responses: e.n, comment: e.g.comment.trim().slice(0, 100) }, e.records, e.n + 1)),
  );
}

// ---- 8. archive_incomplete (第十七条: 培训结束后按年度、按项目建档) -----------------------------------------

async function incompleteArchives(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  const cutoff = addDays(w.today, -RISK_THRESHOLDS.archiveDays);
  // Bases in the registry: a revoked base's archive went with its revocation (its records are the
  // violation's evidence), so it is not asked to keep filing.
  const rows = await trx
    .selectFrom("trainingProjects as p")
    .innerJoin("bases as b", "b.id", "p.baseId")
    .where("b.status", "in", ["active", "rectifying"])
    .select((eb) => [
      "p.id",
      "p.baseId",
      "p.title",
      "p.status",
      "p.startDate",
      "p.endDate",
      "p.filingNo",
      "p.description",
      "p.concludedAt",
      eb.selectFrom("projectSessions as s").select((e) => e.fn.countAll<number>().as("n")).whereRef("s.projectId", "=", "p.id").as("sessions"),
      eb.selectFrom("checkIns as c").select((e) => e.fn.count<number>("c.sessionId").distinct().as("n")).whereRef("c.projectId", "=", "p.id").as("sessionsWithCheckIns"),
      eb.selectFrom("surveyResponses as r").select((e) => e.fn.countAll<number>().as("n")).whereRef("r.projectId", "=", "p.id").as("responses"),
    ])
    .where("p.status", "in", DELIVERED)
    .where("p.startDate", ">=", w.since)
    .where("p.endDate", "<", cutoff)
    // a flag raised when the deadline passed stays until reviewed: only the deadlines of the recent window
    .where("p.endDate", ">=", addDays(w.recentSince, -RISK_THRESHOLDS.archiveDays))
    .execute();
  const out: Candidate[] = [];
  for (const r of rows) {
    const counts = {
      filingNo: r.filingNo,
      description: r.description,
      sessions: Number(r.sessions),
      sessionsWithCheckIns: Number(r.sessionsWithCheckIns),
      concluded: !!r.concludedAt,
      responses: Number(r.responses),
    };
    if (archiveComplete(counts)) continue;
    const missing = [
      ...(!counts.filingNo || !counts.description.trim() ? ["notice"] : []),
      ...(counts.sessions === 0 ? ["curriculum"] : []),
      ...(counts.sessions === 0 || counts.sessionsWithCheckIns < counts.sessions ? ["signIn"] : []),
      ...(!counts.concluded ? ["certificates"] : []),
      ...(counts.responses === 0 ? ["evaluation"] : []),
    ];
    out.push(
      candidate(
        "archive_incomplete",
        r.baseId,
        r.id,
        r.id,
        evidenceOf({ endDate: r.endDate, dueDate: addDays(r.endDate, RISK_THRESHOLDS.archiveDays), missing: missing.join(","), sessions: counts.sessions, sessionsWithCheckIns: counts.sessionsWithCheckIns, responses: counts.responses }, [projectRecord(r)]),
      ),
    );
  }
  return out;
}

// ---- 9. plan_not_filed (第十六条: 每年12月底前报下一年度培训计划备案) ----------------------------------------

async function plansNotFiled(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
  const year = Number(w.today.slice(0, 4));
  const { params } = await policyAt(trx, w.today);
  const due = `${year - 1}-${params.annualPlanDue}`;
  if (w.today <= due) return [];
  // Active bases in the registry since before the due date, whose plan for this year was not submitted
  // by it. A base under rectification (第十九条) files nothing new until its order is accepted: its
  // missing plan is the rectification's business, not a sign of its own.
  const rows = await trx
    .selectFrom("bases as b")
    .leftJoin("annualPlans as ap", (join) => join.onRef("ap.baseId", "=", "b.id").on("ap.year", "=", year))
    .select(["b.id as baseId", "b.name", "ap.id as planId", "ap.status as planStatus", "ap.submittedAt", "ap.late"])
    .where("b.status", "=", "active")
    .where("b.decisionDate", "<=", due)
    .where((eb) => eb.or([eb("ap.id", "is", null), eb("ap.submittedAt", "is", null), eb("ap.late", "=", 1)]))
    .execute();
  return rows.map((r) => {
    const records: EvidenceRecord[] = r.planId
      ? [{ type: "annualPlan", id: r.planId, projectId: null, label: `${year} 年度培训计划`, detail: r.submittedAt ? `逾期提交 ${shanghaiText(r.submittedAt)}` : `状态 ${r.planStatus}`, at: r.submittedAt }]
      : [];
    return candidate("plan_not_filed", r.baseId, null, `${r.baseId}:${year}`, evidenceOf({ year, dueDate: due, planStatus: r.planStatus ?? null, submittedAt: r.submittedAt ? shanghaiText(r.submittedAt) : null }, records));
  });
}

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
