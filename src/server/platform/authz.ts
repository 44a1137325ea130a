// The policy engine: `can(actor, action, resource)` over the grants table, and the same scopes as
// Kysely `where` clauses so lists, counts and exports can never disagree with single reads.
// Out of scope answers 404 (the record's existence does not leak); no grant at all answers 403.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Role } from "../../shared/roles.js";
import { GRANTS, type Action, type Scope } from "./grants.js";
import type { Actor } from "./context.js";
import { DomainError } from "./errors.js";

/** The facts about a record that scopes look at. */
export interface ScopedResource {
  orgId?: string | null;
  supervisorOrgId?: string | null;
  userId?: string | null;
  /** Users on the record's review panel. */
  panelUserIds?: readonly string[];
  /**
   * An unsubmitted draft: it belongs to its author until submitted, so only the author's own scopes
   * (ownOrg, self) reach it; the bureau, a supervising unit and a panel do not see it.
   */
  draft?: boolean;
}

/** The scopes through which an author reaches its own drafts. */
const AUTHOR_SCOPES: readonly Scope[] = ["ownOrg", "self"];
/** The status every workflow's unsubmitted records carry. */
const DRAFT_STATUS = "draft";

/** A draft-aware scope for a record with a workflow status. */
export function withDraft<T extends ScopedResource>(scope: T, status: string): T {
  return { ...scope, draft: status === DRAFT_STATUS };
}

export function scopesFor(actor: Actor | null, action: Action, roles?: readonly Role[]): Scope[] {
  if (!actor) return [];
  const out: Scope[] = [];
  for (const role of actor.roles) {
    if (roles && !roles.includes(role)) continue;
    const scope = GRANTS[role]?.[action];
    if (scope && !out.includes(scope)) out.push(scope);
  }
  return out;
}

function inScope(actor: Actor, scope: Scope, r: ScopedResource): boolean {
  switch (scope) {
    case "all":
      return true;
    case "ownOrg":
      return !!r.orgId && r.orgId === actor.orgId;
    case "supervisedOrg":
      return !!r.supervisorOrgId && r.supervisorOrgId === actor.orgId;
    case "self":
      return !!r.userId && r.userId === actor.id;
    case "panel":
      return !!r.panelUserIds?.includes(actor.id);
  }
}

/** May the actor do this? Without a resource only the role is checked (create, list). */
export function can(actor: Actor | null, action: Action, resource?: ScopedResource, roles?: readonly Role[]): boolean {
  const scopes = scopesFor(actor, action, roles);
  if (!actor || scopes.length === 0) return false;
  if (!resource) return true;
  return scopes.some((s) => inScope(actor, s, resource) && (!resource.draft || AUTHOR_SCOPES.includes(s)));
}

/** Throws FORBIDDEN without any grant, NOT_FOUND when the record is out of the actor's scope. */
export function authorize(actor: Actor | null, action: Action, resource?: ScopedResource, roles?: readonly Role[]): void {
  if (!actor) throw new DomainError("UNAUTHENTICATED");
  if (scopesFor(actor, action, roles).length === 0) throw new DomainError("FORBIDDEN");
  if (resource && !can(actor, action, resource, roles)) throw new DomainError("NOT_FOUND");
}

export type ScopeColumns = Partial<Record<"orgId" | "supervisorOrgId" | "userId", string>> & {
  /** The application id column, matched against panel_members for the panel scope. */
  panelApplicationId?: string;
  /** The workflow status column: rows still in draft are reached only through the author's scopes. */
  draftStatus?: string;
};

/**
 * The scope as a `where` for lists. Columns name the table's fields for each fact; a scope whose
 * column the table lacks grants nothing. Returns null when the actor may see no rows at all.
 */
export function scopeWhere<DB, TB extends keyof DB>(
  actor: Actor | null,
  action: Action,
  columns: ScopeColumns,
): ((eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool>) | null {
  const scopes = scopesFor(actor, action);
  if (!actor || scopes.length === 0) return null;
  const draftCol = columns.draftStatus;
  if (scopes.includes("all") && !draftCol) return () => sql<SqlBool>`1 = 1`;
  type Part = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
  const parts: Part[] = [];
  // Outside the author's own scopes a draft is not there at all (see ScopedResource.draft).
  const reach = (s: Scope, part: Part): Part => (draftCol && !AUTHOR_SCOPES.includes(s) ? (eb) => eb.and([part(eb), eb(eb.ref(draftCol), "<>", DRAFT_STATUS)]) : part);
  for (const s of scopes) {
    if (s === "all") {
      parts.push(reach(s, () => sql<SqlBool>`1 = 1`));
      continue;
    }
    if (s === "panel") {
      const col = columns.panelApplicationId;
      if (col) {
        parts.push(
          reach(s, (eb) =>
            eb.exists(
              eb.selectFrom("panelMembers").select("panelMembers.userId").whereRef("panelMembers.applicationId", "=", col).where("panelMembers.userId", "=", actor.id),
            ),
          ),
        );
      }
      continue;
    }
    const col = s === "ownOrg" ? columns.orgId : s === "supervisedOrg" ? columns.supervisorOrgId : columns.userId;
    const value = s === "self" ? actor.id : actor.orgId;
    if (col) parts.push(reach(s, (eb) => eb(eb.ref(col), "=", value)));
  }
  if (parts.length === 0) return null;
  return (eb) => eb.or(parts.map((p) => p(eb as ExpressionBuilder<any, any>)));
}
