// SQL of the organizations module, and nothing else.
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { OrganizationView } from "../../../shared/api.js";
import type { Database } from "../../db/schema.js";
import type { Tx } from "../../platform/db.js";
import { containsText } from "../../platform/search.js";

type OrgScope = (eb: ExpressionBuilder<Database, "organizations">) => Expression<SqlBool>;

export interface OrgFilter {
  type?: string;
  status?: string;
  q?: string;
}

function filtered(trx: Tx, scope: OrgScope, f: OrgFilter) {
  let q = trx.selectFrom("organizations").where(scope);
  if (f.type) q = q.where("organizations.type", "=", f.type);
  if (f.status) q = q.where("organizations.status", "=", f.status);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText("organizations.name", text), containsText("organizations.creditCode", text)]));
  }
  return q;
}

const viewColumns = [
  "organizations.id",
  "organizations.name",
  "organizations.type",
  "organizations.parentId",
  "organizations.region",
  "organizations.creditCode",
  "organizations.creditCodeOverride",
  "organizations.contactName",
  "organizations.contactPhoneEnc",
  "organizations.address",
  "organizations.status",
  "organizations.createdAt",
  "organizations.updatedAt",
  "organizations.version",
] as const;

type OrgRow = Omit<OrganizationView, "creditCodeOverride" | "type" | "status" | "parentName" | "contactPhone"> & {
  creditCodeOverride: number;
  type: string;
  status: string;
  parentName: string | null;
  contactPhoneEnc: string | null;
};

/** An organization as stored: its contact phone sealed (issue 10 item 7); the service reveals it. */
export type OrgRecord = Omit<OrganizationView, "contactPhone"> & { contactPhoneEnc: string | null };

export function toRecord(r: OrgRow): OrgRecord {
  return { ...r, creditCodeOverride: r.creditCodeOverride === 1 } as OrgRecord;
}

export async function countOrganizations(trx: Tx, scope: OrgScope, f: OrgFilter): Promise<number> {
  const r = await filtered(trx, scope, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listOrganizations(trx: Tx, scope: OrgScope, f: OrgFilter, limit: number, offset: number) {
  const rows = await filtered(trx, scope, f)
    .leftJoin("organizations as parent", "parent.id", "organizations.parentId")
    .select([...viewColumns, "parent.name as parentName"])
    .orderBy("organizations.type")
    .orderBy("organizations.name")
    .orderBy("organizations.id")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toRecord);
}

export async function findOrganization(trx: Tx, id: string): Promise<OrgRecord | undefined> {
  const r = await trx
    .selectFrom("organizations")
    .leftJoin("organizations as parent", "parent.id", "organizations.parentId")
    .select([...viewColumns, "parent.name as parentName"])
    .where("organizations.id", "=", id)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function creditCodeOwner(trx: Tx, creditCode: string): Promise<string | undefined> {
  const r = await trx.selectFrom("organizations").select("id").where("creditCode", "=", creditCode).executeTakeFirst();
  return r?.id;
}

/** The chain of ancestors of an organization, nearest first (to refuse cycles). */
export async function ancestorIds(trx: Tx, id: string): Promise<string[]> {
  const out: string[] = [];
  let current: string | null = id;
  while (current && out.length < 50) {
    const r: { parentId: string | null } | undefined = await trx
      .selectFrom("organizations")
      .select("parentId")
      .where("id", "=", current)
      .executeTakeFirst();
    current = r?.parentId ?? null;
    if (current) out.push(current);
  }
  return out;
}
