// Sessions live in the database so any number of app instances can serve one city. The cookie holds
// a random token; the table holds only its sha256, so a leaked table row cannot be replayed.
import { createHash, randomBytes } from "node:crypto";
import { needsSecondFactor, type Role } from "../../shared/roles.js";
import type { Actor, Platform } from "./context.js";
import { preparedQuery, type Tx } from "./db.js";

export const SESSION_COOKIE = "cebase_session";

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export interface SessionInfo {
  id: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
  /** issue 10 item 8: the account needs a second factor and has not enrolled one: only enrolment is open. */
  mustEnrolTotp: boolean;
}

/**
 * Opens a session. With `maxSessionsPerAccount` set, the oldest sessions of the account end so the
 * new one fits: signing in on a new device never fails for it, and the forgotten device loses out.
 */
export async function createSession(
  trx: Tx,
  p: Platform,
  userId: string,
  ip: string | null,
  userAgent: string | null = null,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const at = new Date(p.clock.systemNow()).toISOString();
  const limit = p.config.maxSessionsPerAccount;
  if (limit > 0) {
    const open = await trx.selectFrom("sessions").select("id").where("userId", "=", userId).orderBy("createdAt", "desc").orderBy("id").execute();
    const ended = open.slice(limit - 1).map((r) => r.id);
    if (ended.length) await trx.deleteFrom("sessions").where("id", "in", ended).execute();
  }
  await trx
    .insertInto("sessions")
    .values({ id: tokenHash(token), userId, csrfToken, ip, userAgent: userAgent?.slice(0, 300) ?? null, createdAt: at, lastSeenAt: at })
    .execute();
  return { token, csrfToken };
}

export async function rolesOf(trx: Tx, userId: string): Promise<Role[]> {
  const rows = await trx.selectFrom("userRoles").select("role").where("userId", "=", userId).orderBy("role").execute();
  return rows.map((r) => r.role as Role);
}

/** One query on every request: the session, its user, and one row per role of the user. */
const sessionRows = preparedQuery(["id"], (db, v: { id: string }) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.userId")
    .leftJoin("userRoles", "userRoles.userId", "sessions.userId")
    .leftJoin("userTotp", "userTotp.userId", "sessions.userId")
    .select([
      "sessions.id",
      "sessions.csrfToken",
      "sessions.lastSeenAt",
      "sessions.createdAt",
      "users.id as userId",
      "users.username",
      "users.displayName",
      "users.orgId",
      "users.disabledAt",
      "users.mustChangePassword",
      "userRoles.role",
      "userTotp.confirmedAt as totpConfirmedAt",
    ])
    .where("sessions.id", "=", v.id)
    .orderBy("userRoles.role"),
);

export type SessionLookup = { kind: "none" } | { kind: "expired" } | { kind: "ok"; session: SessionInfo };

/** Finds the session behind a cookie token; an idle, too old or disabled one is deleted and reported expired. */
export async function lookupSession(p: Platform, token: string | undefined, opts: { touch?: boolean } = {}): Promise<SessionLookup> {
  if (!token) return { kind: "none" };
  const id = tokenHash(token);
  const rows = await sessionRows(p.db, { id });
  const row = rows[0];
  if (!row) return { kind: "none" };
  const now = p.clock.systemNow();
  const idleMs = p.config.sessionIdleMinutes * 60_000;
  const lifetimeMs = p.config.sessionAbsoluteHours * 3600_000;
  const isTooOld = lifetimeMs > 0 && now - Date.parse(row.createdAt) > lifetimeMs;
  if (row.disabledAt || isTooOld || now - Date.parse(row.lastSeenAt) > idleMs) {
    await p.db.deleteFrom("sessions").where("id", "=", id).execute();
    return { kind: "expired" };
  }
  // Touch at most once a minute: enough for a 30-minute idle limit, far fewer writes.
  if (opts.touch !== false && now - Date.parse(row.lastSeenAt) > 60_000) {
    await p.db.updateTable("sessions").set({ lastSeenAt: new Date(now).toISOString() }).where("id", "=", id).execute();
  }
  const roles = rows.flatMap((r) => (r.role ? [r.role as Role] : []));
  return {
    kind: "ok",
    session: {
      id,
      csrfToken: row.csrfToken,
      mustChangePassword: row.mustChangePassword === 1,
      mustEnrolTotp: !row.totpConfirmedAt && needsSecondFactor(roles),
      actor: { id: row.userId, username: row.username, displayName: row.displayName, orgId: row.orgId, roles },
    },
  };
}

export async function deleteSession(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteSessionsOf(trx: Tx, userId: string, exceptId?: string): Promise<void> {
  let q = trx.deleteFrom("sessions").where("userId", "=", userId);
  if (exceptId) q = q.where("id", "!=", exceptId);
  await q.execute();
}

/** The id a session is shown and revoked by: derived from the stored hash, so the list never shows the key itself. */
export const publicSessionId = (id: string) => createHash("sha256").update(`session:${id}`).digest("hex").slice(0, 32);

/** An address with its host part hidden: 10.0.*.* for IPv4, the first three groups for IPv6. */
export function maskAddress(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.*.*`;
  return `${ip.split(":").slice(0, 3).join(":")}:*`;
}

export interface OpenSession {
  id: string;
  storedId: string;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
}

/** The open sessions of one account, newest first (an account has a handful; the user index serves it). */
export async function sessionsOf(trx: Tx, userId: string): Promise<OpenSession[]> {
  const rows = await trx
    .selectFrom("sessions")
    .select(["id", "createdAt", "lastSeenAt", "ip", "userAgent"])
    .where("userId", "=", userId)
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: publicSessionId(r.id), storedId: r.id, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, address: maskAddress(r.ip), userAgent: r.userAgent }));
}
