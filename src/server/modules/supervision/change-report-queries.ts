// The SQL of change reports (第二十七条): one report with its base's facts, the scoped and paged list,
// and the facts a report is checked against (the base now, a supervising unit, an open report).
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import type { ChangeField, ChangeReportListItem, ChangeReportStatus, ChangeSet, ChangeValues } from "../../../shared/supervision/change-reports.js";
import { CHANGE_FIELDS, OPEN_CHANGE_REPORT_STATUSES } from "../../../shared/supervision/change-reports.js";
import { revealContactPhone } from "../../platform/contact-phones.js";
import type { Tx } from "../../platform/db.js";
import type { Secrets } from "../../platform/secrets.js";
import { countOf } from "../../platform/paging.js";
import { SUPERVISING_ORG_TYPES } from "../accreditation/service.js";

export interface ChangeReportRecord {
  id: string;
  status: string;
  version: number;
  baseId: string;
  baseName: string;
  baseStatus: string;
  plaqueSerial: string;
  hostOrgId: string;
  hostOrgName: string;
  /** The base's supervising unit now. */
  supervisorOrgId: string;
  supervisorOrgName: string;
  priorSupervisorOrgId: string;
  newSupervisorOrgId: string | null;
  /** As stored: a `contactPhone` in them masked; the whole numbers are sealed in the two columns below. */
  changes: ChangeValues;
  previous: ChangeValues;
  contactPhoneEnc: string | null;
  previousContactPhoneEnc: string | null;
  reason: string;
  evidenceFileIds: string[];
  decisionComment: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function reports(trx: Tx) {
  return trx
    .selectFrom("changeReports as cr")
    .innerJoin("bases", "bases.id", "cr.baseId")
    .innerJoin("organizations as host", "host.id", "bases.hostOrgId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId");
}

export async function loadChangeReport(trx: Tx, id: string): Promise<ChangeReportRecord | undefined> {
  const r = await reports(trx)
    .select([
      "cr.id",
      "cr.status",
      "cr.version",
      "cr.baseId",
      "bases.name as baseName",
      "bases.status as baseStatus",
      "bases.plaqueSerial",
      "bases.hostOrgId",
      "host.name as hostOrgName",
      "bases.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "cr.priorSupervisorOrgId",
      "cr.newSupervisorOrgId",
      "cr.changes",
      "cr.previous",
      "cr.contactPhoneEnc",
      "cr.previousContactPhoneEnc",
      "cr.reason",
      "cr.evidenceFileIds",
      "cr.decisionComment",
      "cr.submittedBy",
      "cr.decidedBy",
      "cr.decidedAt",
      "cr.createdAt",
      "cr.updatedAt",
    ])
    .where("cr.id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    version: Number(r.version),
    changes: JSON.parse(r.changes) as ChangeValues,
    previous: JSON.parse(r.previous) as ChangeValues,
    evidenceFileIds: JSON.parse(r.evidenceFileIds) as string[],
  };
}

/** The facts of a base a change report is made against (and compared with). */
export interface BaseNow {
  id: string;
  name: string;
  status: string;
  plaqueSerial: string;
  decisionDate: string;
  hostOrgId: string;
  hostOrgName: string;
  supervisorOrgId: string;
  supervisorOrgName: string;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  legalRepresentative: string | null;
}

/** The base now, its contact phone unsealed (issue 10 item 7), to compare a report with and to keep as `previous`. */
export async function loadBaseNow(trx: Tx, secrets: Secrets, baseId: string): Promise<BaseNow | undefined> {
  const row = await trx
    .selectFrom("bases")
    .innerJoin("organizations as host", "host.id", "bases.hostOrgId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .select([
      "bases.id",
      "bases.name",
      "bases.status",
      "bases.plaqueSerial",
      "bases.decisionDate",
      "bases.hostOrgId",
      "host.name as hostOrgName",
      "bases.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "bases.address",
      "bases.contactName",
      "bases.contactPhoneEnc",
      "bases.legalRepresentative",
    ])
    .where("bases.id", "=", baseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { contactPhoneEnc, ...base } = row;
  return { ...base, contactPhone: revealContactPhone(secrets, contactPhoneEnc) };
}

/**
 * Holds the base's row for the rest of the transaction (a no-op update takes PostgreSQL's row lock;
 * SQLite runs one writer at a time), so two reports made at once cannot both find no open report.
 */
export async function holdBase(trx: Tx, baseId: string): Promise<void> {
  await trx
    .updateTable("bases")
    .set((eb) => ({ updatedAt: eb.ref("bases.updatedAt") }))
    .where("id", "=", baseId)
    .execute();
}

/** The open report of a base (submitted or returned), besides `exceptId`. */
export async function openReportOf(trx: Tx, baseId: string, exceptId?: string): Promise<{ id: string; status: string } | undefined> {
  let q = trx.selectFrom("changeReports").select(["id", "status"]).where("baseId", "=", baseId).where("status", "in", [...OPEN_CHANGE_REPORT_STATUSES]);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return q.executeTakeFirst();
}

/** 第五条（二）, 第十四条: an active organization of a supervising type with an active supervisor account. */
export async function supervisingUnitName(trx: Tx, orgId: string): Promise<string | undefined> {
  const r = await trx
    .selectFrom("organizations")
    .select("organizations.name")
    .where("organizations.id", "=", orgId)
    .where("organizations.type", "in", [...SUPERVISING_ORG_TYPES])
    .where("organizations.status", "=", "active")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("users")
          .innerJoin("userRoles", "userRoles.userId", "users.id")
          .select("users.id")
          .whereRef("users.orgId", "=", "organizations.id")
          .where("userRoles.role", "=", "supervisor")
          .where("users.disabledAt", "is", null),
      ),
    )
    .executeTakeFirst();
  return r?.name;
}

export async function orgName(trx: Tx, orgId: string): Promise<string | null> {
  return (await trx.selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirst())?.name ?? null;
}

export interface ChangeReportFilter {
  status?: ChangeReportStatus;
  baseId?: string;
}

export type ChangeReportScope = (eb: ExpressionBuilder<Database & { cr: Database["changeReports"] }, any>) => any;

function filtered(trx: Tx, scope: ChangeReportScope, f: ChangeReportFilter) {
  let q = reports(trx).where(scope as never);
  if (f.status) q = q.where("cr.status", "=", f.status);
  if (f.baseId) q = q.where("cr.baseId", "=", f.baseId);
  return q;
}

export const countChangeReports = (trx: Tx, scope: ChangeReportScope, f: ChangeReportFilter): Promise<number> => countOf(filtered(trx, scope, f));

export const changedFields = (c: ChangeSet | ChangeValues): ChangeField[] => CHANGE_FIELDS.filter((k) => c[k] !== undefined && c[k] !== null);

export async function listChangeReports(trx: Tx, scope: ChangeReportScope, f: ChangeReportFilter, limit: number, offset: number): Promise<ChangeReportListItem[]> {
  const rows = await filtered(trx, scope, f)
    .select(["cr.id", "cr.status", "cr.baseId", "bases.name as baseName", "supervisor.name as supervisorOrgName", "cr.changes", "cr.reason", "cr.createdAt", "cr.updatedAt", "cr.decidedAt"])
    .orderBy("cr.createdAt", "desc")
    .orderBy("cr.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ChangeReportStatus,
    baseId: r.baseId,
    baseName: r.baseName,
    supervisorOrgName: r.supervisorOrgName,
    fields: changedFields(JSON.parse(r.changes) as ChangeSet),
    reason: r.reason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    decidedAt: r.decidedAt,
  }));
}
