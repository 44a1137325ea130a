// Risk detectors of attendance (issue 12 item 4): check-ins under an unfiled project (第十七条, 乱办班),
// certificates below the attendance rule (第二十条, 乱发证), check-ins outside the session's window, and
// one device checking in many people (代签). Aggregates run in SQL; Node sees only what already looks wrong,
// or one row per recent session where the policy in force on its day decides the window.
import { sql } from "kysely";
import { checkInWindow } from "../../../shared/delivery.js";
import { MAX_EVIDENCE_RECORDS, type EvidenceRecord } from "../../../shared/supervision/risk-flags.js";
import type { Tx } from "../../platform/db.js";
import { requiredAttendance, sessionsRequired } from "../delivery/completion.js";
import { CHECK_IN_WINDOW_DEFAULTS } from "../policy/defaults.js";
import { DomainError } from "../../platform/errors.js";
import { policyAt } from "../policy/service.js";

/** The check-in window of a day's policy; a session older than the first policy in force keeps the defaults (no scan fails on it). */
async function windowParamsAt(trx: Tx, date: string): Promise<{ checkInOpensMinutesBefore?: number; checkInClosesMinutesAfter?: number }> {
  try {
    return (await policyAt(trx, date)).params;
  } catch (e) {
    if (e instanceof DomainError && e.code === "POLICY_NOT_IN_FORCE") return {};
    throw e;
  }
}
import { candidate, checkInRecord, checkInRows, evidenceOf, projectRecord, recentProjects, RISK_THRESHOLDS, shanghaiText, UNFILED, type Candidate, type ScanWindow } from "./risk-evidence.js";

// ---- 1. unfiled_checkin (第十七条: 未经备案，不得开展继续教育活动) -------------------------------------

export async function unfiledCheckIns(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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

export async function certificatesBelowAttendance(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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

// ---- 5. checkin_outside_window (第十七条: 参训人员签到 stands for presence at the session) ---------------

export async function checkInsOutsideWindow(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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
    if (!params) policies.set(s.date, (params = { ...CHECK_IN_WINDOW_DEFAULTS, ...(await windowParamsAt(trx, s.date)) }));
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

export async function proxyCheckIns(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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
