// An account's open sessions (等保 level 3: the owner sees where they are signed in and ends what they
// do not recognise). The owner always may; anyone else needs `session.read` / `session.revoke` in
// the grants table (the security administrator, issue 10 item 9), scoped by the account's user id.
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { deleteSession, sessionsOf, type OpenSession } from "../../platform/sessions.js";
import { findUserById } from "../users/queries.js";

export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
  isCurrent: boolean;
}

type SignedIn = Ctx & { actor: NonNullable<Ctx["actor"]> };

async function authorizeFor(ctx: SignedIn, action: "session.read" | "session.revoke", ownerId: string): Promise<void> {
  if (ctx.actor.id === ownerId) return;
  authorize(ctx.actor, action);
  // An account that does not exist answers like one out of scope.
  if (!(await findUserById(ctx.db, ownerId))) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, action, { userId: ownerId });
}

/** Sessions past the idle or absolute limit are dead even before their next request deletes them. */
function isAlive(ctx: Ctx, s: OpenSession): boolean {
  const now = ctx.clock.systemNow();
  const lifetimeMs = ctx.config.sessionAbsoluteHours * 3600_000;
  return now - Date.parse(s.lastSeenAt) <= ctx.config.sessionIdleMinutes * 60_000 && (lifetimeMs <= 0 || now - Date.parse(s.createdAt) <= lifetimeMs);
}

export async function listSessions(ctx: SignedIn, ownerId: string, currentStoredId: string | null): Promise<{ items: AccountSession[] }> {
  await authorizeFor(ctx, "session.read", ownerId);
  const open = (await sessionsOf(ctx.db, ownerId)).filter((s) => isAlive(ctx, s));
  return {
    items: open.map(({ storedId, ...s }) => ({ ...s, isCurrent: storedId === currentStoredId })),
  };
}

/** Ends one session of the account; an id that is not one of its sessions answers 404. */
export async function revokeSession(ctx: SignedIn, ownerId: string, sessionId: string): Promise<void> {
  await authorizeFor(ctx, "session.revoke", ownerId);
  await inTransaction(ctx, async (trx) => {
    const found = (await sessionsOf(trx, ownerId)).find((s) => s.id === sessionId);
    if (!found) throw new DomainError("NOT_FOUND");
    await deleteSession(trx, found.storedId);
    await appendAudit(trx, ctx, { action: "auth.sessionRevoked", resourceType: "user", resourceId: ownerId, detail: { sessionId } });
  });
}
