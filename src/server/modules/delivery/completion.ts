// 结业 (第十七条, 第二十四条): after the last session the base decides, once, who completed a filed
// project. A person completed when they attended at least `completionAttendance` of the sessions
// (DESIGN.md "Delivery and records": the policy's, 100% by default, unless the project filed a lower
// share of its own); each completer gets a signed certificate, and the hours of the sessions they
// attended go into their learning record at once.
//
// The step is a transition of the project workflow (filing/projects.ts): `completionGuard` says when it
// may happen and `concludeProject` is its effect, inside the engine's transaction.
import type { CompletionPreview, CompletionView } from "../../../shared/delivery.js";
import type { SubjectType } from "../../../shared/filing.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { lockAttendance } from "./project-facts.js";
import { DomainError } from "../../platform/errors.js";
import { shanghaiDateTime } from "../../platform/format.js";
import { baseScope, type BaseFacts } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { policyAt } from "../policy/service.js";
import { creditHours } from "../professionals/record.js";
import { issueCertificate } from "./certificates.js";

/** What completion reads of a project (a ProjectRecord of filing/projects.ts has all of it). */
export interface ConcludableProject {
  id: string;
  title: string;
  subjectType: SubjectType;
  startDate: string;
  endDate: string;
  filingNo: string | null;
  concludedAt?: string | null;
  /** The share filed with the project (null: the policy's). */
  completionAttendance: number | null;
  base: BaseFacts;
  sessions: { id: string; date: string; endTime: string; hours: number }[];
}

/** The instant the last session ends: its date and end time in Asia/Shanghai (UTC+8, no DST). */
export function lastSessionEnd(p: Pick<ConcludableProject, "sessions" | "endDate">): string {
  const ends = p.sessions.map((s) => `${s.date}T${s.endTime}`).sort();
  const last = ends.at(-1) ?? `${p.endDate}T23:59`;
  return new Date(`${last}:00+08:00`).toISOString();
}

/** 第十七条: completion is decided once, after the last session has ended. */
export async function completionGuard(trx: Tx, ctx: Ctx, p: ConcludableProject): Promise<void> {
  // No check-in may land between reading attendance and deciding (checkins.ts takes the same lock).
  await lockAttendance(trx, ctx.dialect, [p.id]);
  if (p.concludedAt) throw new DomainError("ALREADY_CONCLUDED", { concludedAt: p.concludedAt });
  const end = lastSessionEnd(p);
  if (ctx.clock.now().toISOString() < end) throw new DomainError("PROJECT_NOT_FINISHED", { lastSessionEnd: shanghaiDateTime(end) });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * 第十七条: the share of sessions a person must attend: the one filed with the project (never above the
 * policy, filing/rules.ts), else the policy's in force at the project's end date.
 */
export async function requiredAttendance(trx: Tx, p: Pick<ConcludableProject, "completionAttendance" | "endDate">): Promise<number> {
  const policy = (await policyAt(trx, p.endDate)).params.completionAttendance;
  // DESIGN.md: the policy's share unless the project sets lower; a policy lowered after filing applies too.
  return Math.min(policy, p.completionAttendance ?? policy);
}

/** The share of sessions a person must attend, as a number of sessions (an exact share is enough). */
export const sessionsRequired = (ratio: number, sessions: number) => Math.ceil(ratio * sessions - 1e-9);

/** Who is enrolled and which of the project's sessions each attended: what completion decides on. */
async function attendanceOf(trx: Tx, p: ConcludableProject) {
  const sessionIds = new Set(p.sessions.map((s) => s.id));
  const [enrolled, checkIns] = await Promise.all([
    trx
      .selectFrom("enrollments")
      .innerJoin("users", "users.id", "enrollments.professionalId")
      .select(["enrollments.id", "enrollments.professionalId", "users.displayName", "users.idNumberMasked"])
      .where("enrollments.projectId", "=", p.id)
      .where("enrollments.status", "=", "enrolled")
      .orderBy("enrollments.createdAt")
      .execute(),
    trx.selectFrom("checkIns").select(["professionalId", "sessionId"]).where("projectId", "=", p.id).execute(),
  ]);
  const attendedBy = new Map<string, Set<string>>();
  for (const c of checkIns) {
    if (!sessionIds.has(c.sessionId)) continue;
    if (!attendedBy.has(c.professionalId)) attendedBy.set(c.professionalId, new Set());
    attendedBy.get(c.professionalId)!.add(c.sessionId);
  }
  return { enrolled, attendedBy, attended: (professionalId: string) => attendedBy.get(professionalId)?.size ?? 0 };
}

/** The most people a preview names one by one (the counts are always whole). */
export const PREVIEW_NAMES = 200;

/**
 * 第十七条: before the base decides — once, it cannot be undone — who will complete and who will not,
 * by the same rule and the same attendance the step itself reads, with the people who will not named.
 */
export async function previewCompletion(trx: Tx, ctx: Ctx, p: ConcludableProject): Promise<CompletionPreview> {
  if (!can(ctx.actor, "trainingProject.complete", baseScope(p.base))) throw new DomainError("NOT_FOUND");
  const ratio = await requiredAttendance(trx, p);
  const required = sessionsRequired(ratio, p.sessions.length);
  const { enrolled, attended } = await attendanceOf(trx, p);
  const person = (e: (typeof enrolled)[number]) => ({ name: e.displayName, idNumber: e.idNumberMasked ?? "", attendedSessions: attended(e.professionalId) });
  const notCompleting = enrolled.filter((e) => attended(e.professionalId) < required);
  const completing = enrolled.length - notCompleting.length;
  return {
    projectId: p.id,
    sessions: p.sessions.length,
    sessionsRequired: required,
    requiredAttendance: ratio,
    enrolled: enrolled.length,
    completing,
    notCompleting: notCompleting.length,
    // The fewest sessions attended first: those are the ones a base checks against its sign-in sheets.
    notCompletingPeople: notCompleting.map(person).sort((a, b) => a.attendedSessions - b.attendedSessions).slice(0, PREVIEW_NAMES),
    completingPeople: enrolled.filter((e) => attended(e.professionalId) >= required).slice(0, PREVIEW_NAMES).map(person),
  };
}

/**
 * The effect of the complete step: attendance of each enrolled person, certificates for completers and
 * their hours in the record (第二十四条), all in the engine's transaction. Answers the audit detail.
 */
export async function concludeProject(trx: Tx, ctx: Ctx, p: ConcludableProject): Promise<Record<string, unknown>> {
  const required = sessionsRequired(await requiredAttendance(trx, p), p.sessions.length);
  const sessionById = new Map(p.sessions.map((s) => [s.id, s]));
  const { enrolled, attendedBy } = await attendanceOf(trx, p);

  // One update per attendance count: enrolments that attended as many sessions share their outcome.
  const byCount = new Map<number, string[]>();
  for (const e of enrolled) {
    const n = attendedBy.get(e.professionalId)?.size ?? 0;
    byCount.set(n, [...(byCount.get(n) ?? []), e.id]);
  }
  const now = ctx.clock.nowIso();
  for (const [n, ids] of byCount) {
    await trx
      .updateTable("enrollments")
      .set((eb) => ({ completed: n >= required ? 1 : 0, attendedSessions: n, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
      .where("id", "in", ids)
      .execute();
  }

  const today = ctx.clock.today();
  const completers = enrolled.filter((e) => (attendedBy.get(e.professionalId)?.size ?? 0) >= required);
  let hoursCounted = 0;
  for (const e of completers) {
    const attended = [...attendedBy.get(e.professionalId)!].map((id) => sessionById.get(id)!);
    // 第二十四条: the hours earned are those of the sessions attended, on the days they were held.
    const days: Record<string, number> = {};
    for (const s of attended) days[s.date] = round1((days[s.date] ?? 0) + s.hours);
    const certificate = await issueCertificate(trx, ctx, {
      projectId: p.id,
      professionalId: e.professionalId,
      content: {
        holderName: e.displayName,
        holderIdNumberMasked: e.idNumberMasked ?? "",
        projectId: p.id,
        projectTitle: p.title,
        filingNo: p.filingNo ?? "",
        subjectType: p.subjectType,
        hours: round1(attended.reduce((sum, s) => sum + s.hours, 0)),
        startDate: p.startDate,
        endDate: p.endDate,
        baseName: p.base.name,
        issuedOn: today,
        // 第十七条: the platform decides completion by the sessions attended; a project files no exam.
        completionBasis: "attendance",
      },
    });
    const credit = await creditHours(trx, ctx, {
      professionalId: e.professionalId,
      source: "project",
      subjectType: p.subjectType,
      title: p.title,
      days,
      projectId: p.id,
      certificateId: certificate.id,
    });
    hoursCounted += credit.hours;
  }
  await trx.updateTable("trainingProjects").set({ concludedAt: now, concludedBy: ctx.actor?.id ?? null }).where("id", "=", p.id).execute();
  await notify(trx, ctx, completers.map((e) => e.professionalId), "certificate.issued", { projectTitle: p.title }, "/my/courses");
  return {
    enrolled: enrolled.length,
    completed: completers.length,
    notCompleted: enrolled.length - completers.length,
    sessionsRequired: required,
    sessions: p.sessions.length,
    hoursCounted: round1(hoursCounted),
  };
}

/** The outcome of a concluded project; NOT_FOUND out of the actor's scope or before completion. */
export async function getCompletion(trx: Tx, ctx: Ctx, project: ConcludableProject): Promise<CompletionView> {
  if (!can(ctx.actor, "trainingProject.read", baseScope(project.base)) || !project.concludedAt) throw new DomainError("NOT_FOUND");
  const [ratio, counts, issued] = await Promise.all([
    requiredAttendance(trx, project),
    trx
      .selectFrom("enrollments")
      .select(["completed", (eb) => eb.fn.countAll<number>().as("n")])
      .where("projectId", "=", project.id)
      .where("status", "=", "enrolled")
      .groupBy("completed")
      .execute(),
    trx.selectFrom("certificates").select((eb) => eb.fn.countAll<number>().as("n")).where("projectId", "=", project.id).executeTakeFirstOrThrow(),
  ]);
  const count = (done: number) => counts.filter((c) => Number(c.completed) === done).reduce((s, c) => s + Number(c.n), 0);
  return {
    projectId: project.id,
    concludedAt: project.concludedAt,
    enrolled: counts.reduce((s, c) => s + Number(c.n), 0),
    completed: count(1),
    notCompleted: count(0),
    certificatesIssued: Number(issued.n),
    requiredAttendance: ratio,
  };
}
