// The facts of a base that filing rules and scopes look at.
import type { ScopedResource } from "../../platform/authz.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";

export interface BaseFacts {
  id: string;
  name: string;
  hostOrgId: string;
  supervisorOrgId: string;
  supervisorOrgName: string;
  status: string;
  district: string;
}

export async function loadBaseFacts(trx: Tx, baseId: string): Promise<BaseFacts | undefined> {
  return trx
    .selectFrom("bases")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .select(["bases.id", "bases.name", "bases.hostOrgId", "bases.supervisorOrgId", "supervisor.name as supervisorOrgName", "bases.status", "bases.district"])
    .where("bases.id", "=", baseId)
    .executeTakeFirst();
}

/** What the policy engine scopes a base's filings on: its host organization and supervising unit. */
export const baseScope = (b: { hostOrgId: string; supervisorOrgId: string }): ScopedResource => ({ orgId: b.hostOrgId, supervisorOrgId: b.supervisorOrgId });

/** The scope columns of any table joined to `bases`. */
export const BASE_SCOPE_COLUMNS = { orgId: "bases.hostOrgId", supervisorOrgId: "bases.supervisorOrgId" } as const;

const BASE_STATUS_NAMES: Record<string, string> = { active: "正常", rectifying: "整改中", revoked: "已撤销" };

/** 第十五条, 第二十条: only an active base files plans and projects in its name. */
export function requireActive(base: BaseFacts): void {
  if (base.status !== "active") throw new DomainError("BASE_NOT_ACTIVE", { baseStatus: BASE_STATUS_NAMES[base.status] ?? base.status });
}

/** A text the schema let through may still be blank once trimmed (the server stores it trimmed). */
export function requireText(value: string, min: number, field: string): void {
  if ([...value.trim()].length < min) throw new DomainError("TEXT_BLANK", { field, min });
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);
