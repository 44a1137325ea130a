// The SQL of violations (第二十条): one violation with its base's scope facts, the scoped and paged list,
// and the names of its evidence files.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database } from "../../db/schema.js";
import type { ResponsiblePerson, ViolationKind, ViolationListItem, ViolationStatus } from "../../../shared/supervision/violations.js";
import { scopesFor } from "../../platform/authz.js";
import type { Actor } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { countOf } from "../../platform/paging.js";
import { containsText } from "../../platform/search.js";

export interface ViolationRecord {
  id: string;
  status: string;
  version: number;
  baseId: string;
  baseName: string;
  baseStatus: string;
  baseRevocationDecisionNo: string | null;
  hostOrgId: string;
  hostOrgName: string;
  supervisorOrgId: string;
  supervisorOrgName: string;
  kind: ViolationKind;
  facts: string;
  evidenceFileIds: string[];
  responsiblePersons: ResponsiblePerson[];
  projectId: string | null;
  projectTitle: string | null;
  projectFilingNo: string | null;
  basis: string | null;
  decisionNo: string | null;
  decisionComment: string | null;
  reportedBy: string | null;
  reportedByName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function violations(trx: Tx) {
  return trx
    .selectFrom("violations as v")
    .innerJoin("bases", "bases.id", "v.baseId")
    .innerJoin("organizations as host", "host.id", "bases.hostOrgId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId");
}

export async function loadViolation(trx: Tx, id: string): Promise<ViolationRecord | undefined> {
  const r = await violations(trx)
    .leftJoin("trainingProjects as p", "p.id", "v.projectId")
    .leftJoin("users as reporter", "reporter.id", "v.reportedBy")
    .leftJoin("users as decider", "decider.id", "v.decidedBy")
    .select([
      "v.id",
      "v.status",
      "v.version",
      "v.baseId",
      "bases.name as baseName",
      "bases.status as baseStatus",
      "bases.revocationDecisionNo as baseRevocationDecisionNo",
      "bases.hostOrgId",
      "host.name as hostOrgName",
      "bases.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "v.kind",
      "v.facts",
      "v.evidenceFileIds",
      "v.responsiblePersons",
      "v.projectId",
      "p.title as projectTitle",
      "p.filingNo as projectFilingNo",
      "v.basis",
      "v.decisionNo",
      "v.decisionComment",
      "v.reportedBy",
      "reporter.displayName as reportedByName",
      "decider.displayName as decidedByName",
      "v.decidedAt",
      "v.createdAt",
      "v.updatedAt",
    ])
    .where("v.id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    version: Number(r.version),
    kind: r.kind as ViolationKind,
    evidenceFileIds: JSON.parse(r.evidenceFileIds) as string[],
    responsiblePersons: JSON.parse(r.responsiblePersons) as ResponsiblePerson[],
  };
}

/**
 * 第二十条 and the grants: the bureau reads every violation, a supervising unit those of its bases, and
 * a base's own staff only the violations confirmed against it (a report under examination or dismissed
 * is not the host organization's business). The same rule serves one record and the list.
 */
export function violationScopeOf(r: { status: string; hostOrgId: string; supervisorOrgId: string }) {
  return { orgId: r.status === "confirmed" ? r.hostOrgId : null, supervisorOrgId: r.supervisorOrgId };
}

type ListEb = ExpressionBuilder<Database & { v: Database["violations"] }, "v" | "bases">;
export type ViolationListScope = (eb: ListEb) => Expression<SqlBool>;

export function violationListScope(actor: Actor | null): ViolationListScope | null {
  const scopes = scopesFor(actor, "violation.read");
  if (!actor || scopes.length === 0) return null;
  if (scopes.includes("all")) return () => sql<SqlBool>`1 = 1`;
  return (eb) =>
    eb.or([
      ...(scopes.includes("supervisedOrg") ? [eb("bases.supervisorOrgId", "=", actor.orgId)] : []),
      ...(scopes.includes("ownOrg") ? [eb.and([eb("bases.hostOrgId", "=", actor.orgId), eb("v.status", "=", "confirmed")])] : []),
    ]);
}

export interface ViolationFilter {
  status?: ViolationStatus;
  kind?: ViolationKind;
  baseId?: string;
  q?: string;
}

function filtered(trx: Tx, scope: ViolationListScope, f: ViolationFilter) {
  let q = violations(trx).where(scope as never);
  if (f.status) q = q.where("v.status", "=", f.status);
  if (f.kind) q = q.where("v.kind", "=", f.kind);
  if (f.baseId) q = q.where("v.baseId", "=", f.baseId);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText("bases.name", text), containsText("host.name", text)]));
  }
  return q;
}

export const countViolations = (trx: Tx, scope: ViolationListScope, f: ViolationFilter): Promise<number> => countOf(filtered(trx, scope, f));

/** A page of the list, newest first (violations_status_created_idx serves the status filter). */
export async function listViolations(trx: Tx, scope: ViolationListScope, f: ViolationFilter, limit: number, offset: number): Promise<ViolationListItem[]> {
  const rows = await filtered(trx, scope, f)
    .select([
      "v.id",
      "v.status",
      "v.baseId",
      "bases.name as baseName",
      "bases.status as baseStatus",
      "host.name as hostOrgName",
      "supervisor.name as supervisorOrgName",
      "v.kind",
      "v.facts",
      "v.decisionNo",
      "v.createdAt",
      "v.decidedAt",
      "v.version",
    ])
    .orderBy("v.createdAt", "desc")
    .orderBy("v.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) })) as ViolationListItem[];
}

/** The evidence files by the name their uploader gave them. */
export async function evidenceNames(trx: Tx, r: Pick<ViolationRecord, "evidenceFileIds" | "reportedBy">): Promise<Array<{ id: string; name: string }>> {
  if (!r.evidenceFileIds.length) return [];
  const rows = await trx.selectFrom("fileUploads").select(["fileId", "userId", "name"]).where("fileId", "in", r.evidenceFileIds).execute();
  const byId = new Map<string, string>();
  // The same bytes may have been uploaded by others under other names: the reporter's name wins.
  for (const row of rows) if (!byId.has(row.fileId) || row.userId === r.reportedBy) byId.set(row.fileId, row.name);
  return r.evidenceFileIds.map((id) => ({ id, name: byId.get(id) ?? "证据材料" }));
}

/** Evidence may name only files the reporter uploaded. */
export async function filesUploadedBy(trx: Tx, userId: string, fileIds: string[]): Promise<Set<string>> {
  if (!fileIds.length) return new Set();
  const rows = await trx.selectFrom("fileUploads").select("fileId").where("fileId", "in", fileIds).where("userId", "=", userId).execute();
  return new Set(rows.map((r) => r.fileId));
}
