// SQL of the accreditation module, and nothing else.
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { ApplicationForm } from "../../../shared/accreditation.js";
import type { Database } from "../../db/schema.js";
import type { Tx } from "../../platform/db.js";
import { containsText } from "../../platform/search.js";

export interface ApplicationRecord {
  id: string;
  status: string;
  version: number;
  applicantOrgId: string;
  supervisorOrgId: string;
  baseName: string;
  /** As stored: `basics.contactPhone` masked (issue 10 item 7); the service reveals it to those who may see it. */
  form: ApplicationForm;
  contactPhoneEnc: string | null;
  panelUserIds: string[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type AppScope = (eb: ExpressionBuilder<Database, "baseApplications">) => Expression<SqlBool>;

export async function loadApplication(trx: Tx, id: string): Promise<ApplicationRecord | undefined> {
  const row = await trx.selectFrom("baseApplications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const panel = await trx.selectFrom("panelMembers").select("userId").where("applicationId", "=", id).execute();
  const { form, createdBy: _createdBy, ...rest } = row;
  return { ...rest, form: JSON.parse(form) as ApplicationForm, panelUserIds: panel.map((p) => p.userId) };
}

export interface AppFilter {
  status?: string;
  q?: string;
}

function filtered(trx: Tx, scope: AppScope, f: AppFilter) {
  let q = trx.selectFrom("baseApplications").where(scope);
  if (f.status) q = q.where("baseApplications.status", "=", f.status);
  if (f.q) q = q.where(containsText("baseApplications.baseName", f.q));
  return q;
}

export async function countApplications(trx: Tx, scope: AppScope, f: AppFilter): Promise<number> {
  const r = await filtered(trx, scope, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listApplications(trx: Tx, scope: AppScope, f: AppFilter, limit: number, offset: number) {
  return filtered(trx, scope, f)
    .innerJoin("organizations as applicant", "applicant.id", "baseApplications.applicantOrgId")
    .innerJoin("organizations as supervisor", "supervisor.id", "baseApplications.supervisorOrgId")
    .select([
      "baseApplications.id",
      "baseApplications.status",
      "baseApplications.version",
      "baseApplications.baseName",
      "baseApplications.applicantOrgId",
      "applicant.name as applicantOrgName",
      "baseApplications.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "baseApplications.submittedAt",
      "baseApplications.updatedAt",
    ])
    .orderBy("baseApplications.updatedAt", "desc")
    .orderBy("baseApplications.id")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function orgNames(trx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom("organizations").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function panelOf(trx: Tx, applicationId: string) {
  return trx
    .selectFrom("panelMembers")
    .innerJoin("users", "users.id", "panelMembers.userId")
    .innerJoin("organizations", "organizations.id", "users.orgId")
    .leftJoin("reviews", (j) => j.onRef("reviews.applicationId", "=", "panelMembers.applicationId").onRef("reviews.expertId", "=", "panelMembers.userId"))
    .select([
      "panelMembers.userId",
      "users.displayName",
      "organizations.name as orgName",
      "panelMembers.declaredAt",
      "reviews.createdAt as reviewedAt",
    ])
    .where("panelMembers.applicationId", "=", applicationId)
    .orderBy("users.displayName")
    .execute();
}

export async function reviewsOf(trx: Tx, applicationId: string) {
  return trx
    .selectFrom("reviews")
    .innerJoin("users", "users.id", "reviews.expertId")
    .select([
      "reviews.expertId",
      "users.displayName as expertName",
      "reviews.scores",
      "reviews.weightedScore",
      "reviews.recommendation",
      "reviews.comment",
      "reviews.createdAt",
      "reviews.policyVersionId",
    ])
    .where("reviews.applicationId", "=", applicationId)
    .orderBy("reviews.createdAt")
    .execute();
}

export async function latestNotice(trx: Tx, applicationId: string) {
  return trx.selectFrom("notices").selectAll().where("applicationId", "=", applicationId).orderBy("createdAt", "desc").limit(1).executeTakeFirst();
}

/** Open objections to one notice (a resubmitted application gets a new notice and a clean slate). */
export async function openObjectionCount(trx: Tx, applicationId: string, noticeId: string): Promise<number> {
  const r = await trx
    .selectFrom("objections")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("applicationId", "=", applicationId)
    .where("noticeId", "=", noticeId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function baseIdOf(trx: Tx, applicationId: string): Promise<string | null> {
  const r = await trx.selectFrom("bases").select("id").where("applicationId", "=", applicationId).executeTakeFirst();
  return r?.id ?? null;
}

/** Users of an organization holding a role (to hand them work). */
export async function usersWithRole(trx: Tx, role: string, orgId?: string): Promise<string[]> {
  let q = trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select("users.id")
    .where("userRoles.role", "=", role)
    .where("users.disabledAt", "is", null);
  if (orgId) q = q.where("users.orgId", "=", orgId);
  return (await q.execute()).map((r) => r.id);
}

/** Next value of a named counter, atomically on both dialects. */
export async function nextNumber(trx: Tx, name: string): Promise<number> {
  const r = await trx
    .insertInto("numberSequences")
    .values({ name, lastValue: 1 })
    .onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({ lastValue: eb(eb.ref("numberSequences.lastValue"), "+", 1) })))
    .returning("lastValue")
    .executeTakeFirstOrThrow();
  return Number(r.lastValue);
}
