// Fixture builders of the statistics suite (issue 12 item 2): rows of projects, enrolments, sessions,
// check-ins, learning entries, survey answers, fee standards and plans written straight to the database,
// so each aggregate can be checked against a count made by hand. The workflows that write these rows
// are tested by their own suites; here only their sums matter.
import { newId } from "../../src/server/platform/ids.js";
import type { TestServer } from "./harness.js";

export interface ProjectRow {
  baseId: string;
  status: "draft" | "filed" | "running" | "completed" | "cancelled" | "returned";
  startDate: string;
  endDate?: string;
  category?: string;
  feeFen?: number;
  subjectType?: "general" | "professional";
  specialty?: string;
  hours?: number;
  concluded?: boolean;
  filingNo?: string | null;
  description?: string;
}

const db = (s: TestServer) => s.app.platform.db;

export async function givenProjectRow(s: TestServer, p: ProjectRow): Promise<string> {
  const id = newId();
  const now = s.clock.nowIso();
  await db(s)
    .insertInto("trainingProjects")
    .values({
      id,
      baseId: p.baseId,
      annualPlanId: null,
      planItemKey: null,
      adHoc: 1,
      adHocReason: "一事一报",
      status: p.status,
      title: `统计测试项目 ${p.startDate}`,
      subjectType: p.subjectType ?? "professional",
      category: p.category ?? "other",
      specialty: p.specialty ?? "智能制造",
      startDate: p.startDate,
      endDate: p.endDate ?? p.startDate,
      hours: p.hours ?? 12,
      mode: "offline",
      venue: "威海市环翠区文化中路 88 号",
      capacity: 60,
      feeFen: p.feeFen ?? 0,
      teachers: "[]",
      description: p.description ?? "",
      filingNo: p.filingNo ?? null,
      filedAt: p.status === "draft" ? null : `${p.startDate.slice(0, 4)}-02-01T02:00:00.000Z`,
      concludedAt: p.concluded ? `${p.endDate ?? p.startDate}T09:00:00.000Z` : null,
      concludedBy: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  return id;
}

/** Enrolments of the people in the project; `completed` as the conclusion would set it (null before). */
export async function givenEnrolments(s: TestServer, projectId: string, people: Array<{ id: string; completed?: 0 | 1 | null }>): Promise<void> {
  const now = s.clock.nowIso();
  for (const p of people) {
    await db(s)
      .insertInto("enrollments")
      .values({ id: newId(), projectId, professionalId: p.id, status: "enrolled", source: "staff", completed: p.completed ?? null, attendedSessions: null, createdBy: null, createdAt: now, updatedAt: now, version: 1 })
      .execute();
  }
}

export async function givenEntry(
  s: TestServer,
  o: { professionalId: string; hours: number; earnedOn: string; subjectType?: "general" | "professional"; projectId?: string | null; status?: "counted" | "revoked" },
): Promise<void> {
  await db(s)
    .insertInto("learningEntries")
    .values({
      id: newId(),
      professionalId: o.professionalId,
      year: Number(o.earnedOn.slice(0, 4)),
      source: o.projectId ? "project" : "online",
      subjectType: o.subjectType ?? "professional",
      hours: o.hours,
      title: "统计测试学时",
      earnedOn: o.earnedOn,
      days: JSON.stringify({ [o.earnedOn]: Math.min(o.hours, 8) }),
      projectId: o.projectId ?? null,
      certificateId: null,
      declarationId: null,
      status: o.status ?? "counted",
      revokedAt: o.status === "revoked" ? s.clock.nowIso() : null,
      revokedReason: o.status === "revoked" ? "测试撤销" : null,
      createdAt: s.clock.nowIso(),
    })
    .execute();
}

export async function givenAnswers(s: TestServer, projectId: string, answers: Array<{ professionalId: string; answers: Record<string, unknown> }>): Promise<void> {
  const form = await db(s).selectFrom("surveyForms").select("id").orderBy("effectiveFrom").executeTakeFirstOrThrow();
  for (const a of answers) {
    await db(s)
      .insertInto("surveyResponses")
      .values({ id: newId(), projectId, professionalId: a.professionalId, formId: form.id, answers: JSON.stringify(a.answers), comment: "", createdAt: s.clock.nowIso() })
      .execute();
  }
}

export async function givenSessionCheckedIn(s: TestServer, projectId: string, date: string, professionalId: string): Promise<void> {
  const sessionId = newId();
  await db(s).insertInto("projectSessions").values({ id: sessionId, projectId, seq: 1, date, startTime: "09:00", endTime: "12:00", title: "第一讲", teacher: "王教授", hours: 3 }).execute();
  await db(s)
    .insertInto("checkIns")
    .values({ id: newId(), sessionId, projectId, professionalId, method: "manual", reason: "测试", recordedBy: null, checkedInAt: `${date}T01:30:00.000Z` })
    .execute();
}

export async function givenApprovedFee(s: TestServer, baseId: string, kind: "general" | "professional", amountFen: number, decidedAt: string): Promise<void> {
  await db(s)
    .insertInto("feeStandards")
    .values({
      id: newId(),
      baseId,
      kind,
      amountFen,
      previousAmountFen: null,
      basis: "测试批复",
      status: "approved",
      raise: 0,
      requestedBy: null,
      requestedAt: decidedAt,
      decidedBy: null,
      decidedAt,
      decisionComment: null,
      updatedAt: decidedAt,
      version: 1,
    })
    .execute();
}

export async function givenPlanRow(s: TestServer, baseId: string, year: number, status: "submitted" | "filed", items: number): Promise<void> {
  const now = s.clock.nowIso();
  await db(s)
    .insertInto("annualPlans")
    .values({
      id: newId(),
      baseId,
      year,
      status,
      items: JSON.stringify(Array.from({ length: items }, (_, i) => ({ key: `k${i}`, title: `计划项目${i + 1}` }))),
      summary: "{}",
      note: "",
      dueDate: `${year - 1}-12-31`,
      late: 0,
      submittedAt: now,
      filedAt: status === "filed" ? now : null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
}

export async function setProfile(s: TestServer, professionalId: string, specialty: string, employer: string): Promise<void> {
  await db(s).updateTable("professionals").set({ specialty, employer }).where("id", "=", professionalId).execute();
}
