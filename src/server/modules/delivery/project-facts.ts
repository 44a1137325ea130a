// The facts of a training project that delivery decides on (第十七条: only a filed project enrols,
// checks in, certifies and counts hours), read in one query, and the project-scoped authorization
// every delivery endpoint starts with.
import type { Action } from "../../platform/grants.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { lockNamed, type DialectName, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { baseScope } from "../filing/bases.js";

export interface DeliveryProject {
  id: string;
  title: string;
  status: string;
  baseId: string;
  baseName: string;
  hostOrgId: string;
  supervisorOrgId: string;
  filingNo: string | null;
  subjectType: string;
  hours: number;
  venue: string;
  capacity: number;
  startDate: string;
  endDate: string;
  concludedAt: string | null;
}

export interface DeliverySession {
  id: string;
  projectId: string;
  seq: number;
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  teacher: string;
  hours: number;
}

/** 第十七条: a project takes enrolments and check-ins while filed or under way, until completion is decided. */
export const DELIVERY_OPEN_STATUSES = ["filed", "running"] as const;
export const isDeliveryOpen = (p: { status: string; concludedAt: string | null }) =>
  (DELIVERY_OPEN_STATUSES as readonly string[]).includes(p.status) && !p.concludedAt;

export async function loadDeliveryProject(trx: Tx, id: string): Promise<DeliveryProject | undefined> {
  const r = await trx
    .selectFrom("trainingProjects as tp")
    .innerJoin("bases", "bases.id", "tp.baseId")
    .select([
      "tp.id",
      "tp.title",
      "tp.status",
      "tp.baseId",
      "bases.name as baseName",
      "bases.hostOrgId",
      "bases.supervisorOrgId",
      "tp.filingNo",
      "tp.subjectType",
      "tp.hours",
      "tp.venue",
      "tp.capacity",
      "tp.startDate",
      "tp.endDate",
      "tp.concludedAt",
    ])
    .where("tp.id", "=", id)
    .executeTakeFirst();
  return r ? { ...r, hours: Number(r.hours), capacity: Number(r.capacity) } : undefined;
}

/**
 * The project, when the actor may do `action` on it through its base (staff of the host organization,
 * its supervising unit, the bureau). Missing or out of scope → NOT_FOUND; no grant at all → FORBIDDEN.
 */
export async function projectInScope(trx: Tx, ctx: Ctx, id: string, action: Action): Promise<DeliveryProject> {
  const p = await loadDeliveryProject(trx, id);
  if (!p) {
    authorize(ctx.actor, action);
    throw new DomainError("NOT_FOUND");
  }
  authorize(ctx.actor, action, baseScope(p));
  return p;
}

/** One session of the project, or NOT_FOUND (a session id of another project is as unknown as a made-up one). */
export async function sessionOf(trx: Tx, projectId: string, sessionId: string): Promise<DeliverySession> {
  const s = await trx
    .selectFrom("projectSessions")
    .select(["id", "projectId", "seq", "date", "startTime", "endTime", "title", "teacher", "hours"])
    .where("id", "=", sessionId)
    .where("projectId", "=", projectId)
    .executeTakeFirst();
  if (!s) throw new DomainError("NOT_FOUND");
  return { ...s, seq: Number(s.seq), hours: Number(s.hours) };
}

/**
 * Serializes writing attendance with deciding completion, per project (PostgreSQL; SQLite writes one
 * transaction at a time). Taken before the audit chain's lock, in id order, by both sides.
 */
export async function lockAttendance(trx: Tx, dialect: DialectName, projectIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(projectIds)].sort()) await lockNamed(trx, dialect, `attendance:${id}`);
}
