// What every demo loader needs: a clock fixed at a demo moment and the demo accounts as actors.
import type { Clock } from "../platform/clock.js";
import type { Actor, Platform } from "../platform/context.js";
import { rolesOf } from "../platform/sessions.js";

/** A clock fixed at a demo moment (09:00 in Weihai on the given date). */
export function clockAt(date: string, real: Clock): Clock {
  const at = new Date(`${date}T09:00:00+08:00`);
  return { ...real, now: () => at, nowIso: () => at.toISOString(), today: () => date };
}

export async function actorOf(p: Platform, username: string): Promise<Actor> {
  const u = await p.db.selectFrom("users").select(["id", "username", "displayName", "orgId"]).where("username", "=", username).executeTakeFirstOrThrow();
  return { ...u, roles: await rolesOf(p.db, u.id) };
}
