// What every service call receives: the platform handles and who is asking.
import type { Role } from "../../shared/roles.js";
import type { Clock } from "./clock.js";
import type { Db, DialectName, Tx } from "./db.js";
import type { AppConfig } from "./config.js";
import type { DocumentJobs } from "./documents.js";
import type { Secrets } from "./secrets.js";

export interface Platform {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  config: AppConfig;
  secrets: Secrets;
  /** The document worker pool and its per-user limit (issue 10 item 5). */
  documents: DocumentJobs;
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
}

/** A service call: the platform, the signed-in actor (null for the public) and the caller's address. */
export interface Ctx extends Platform {
  actor: Actor | null;
  ip: string | null;
}

export function inTransaction<T>(ctx: Platform, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(fn);
}
