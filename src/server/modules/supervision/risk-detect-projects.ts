// Risk detectors of projects and plans (issue 12 item 4): fees above the standard in force (第二十五条,
// 乱收费), enrolment above the filed places, evaluations filled in by one hand, archives incomplete 30 days
// after the course (第十七条) and annual plans not submitted by the due date (第十六条).
import { sql } from "kysely";
import { MAX_EVIDENCE_RECORDS, type EvidenceRecord } from "../../../shared/supervision/risk-flags.js";
import type { Tx } from "../../platform/db.js";
import { archiveComplete } from "../delivery/archive.js";
import { policyAt } from "../policy/service.js";
import { addDays, candidate, DELIVERED, evidenceOf, projectRecord, RISK_THRESHOLDS, shanghaiText, type Candidate, type ScanWindow } from "./risk-evidence.js";

// ---- 3. fee_above_standard (第二十五条: 不得擅自提高收费标准) --------------------------------------------

export async function feesAboveStandard(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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

export async function overCapacity(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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

// ---- 7. bulk_identical_evaluations (第十七条: 培训效果评估 by the people trained) -----------------------

export async function identicalEvaluations(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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

export async function incompleteArchives(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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

export async function plansNotFiled(trx: Tx, w: ScanWindow): Promise<Candidate[]> {
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
