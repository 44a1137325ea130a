// Key versions and their rotation (issue 10 item 12). `key_versions` (migration 010) records every
// version of the signing and the sealing key: its key id, the public key of a signing version, when it
// became valid and when it was retired. Every instance reads the active versions at start and again at
// most KEY_REFRESH_MS later, so a rotation reaches running instances without a restart. Signed documents
// carry their key id and are verified with that key; sealed values carry their version in their prefix.
// `cebase rotate-key` adds the next version of both, retires the previous ones and re-seals every
// column of SEALED_COLUMNS in batches while the platform keeps serving.
import type { Kysely } from "kysely";
import { appendAudit } from "./audit.js";
import type { Ctx, Platform } from "./context.js";
import type { KeyVersionsTable } from "../db/schema-keys.js";

/** How long a running instance may keep signing and sealing with a version after a rotation. */
export const KEY_REFRESH_MS = 30_000;
const RESEAL_BATCH = 500;

/**
 * Every stored column sealed with `secrets.encrypt`, walked by re-sealing: one line per column. Each is
 * read and rewritten by its table's primary key (`id` unless named).
 */
export const SEALED_COLUMNS: ReadonlyArray<{ table: string; column: string; key?: string }> = [
  { table: "users", column: "idNumberEnc" },
  { table: "users", column: "phoneEnc" }, // issue 10 item 7: phones sealed like ID numbers
  { table: "userTotp", column: "secretSealed", key: "userId" }, // issue 10 item 8: TOTP secrets
  // issue 10 item 7: contact phones of organizations, bases, applications and change reports (011)
  { table: "organizations", column: "contactPhoneEnc" },
  { table: "bases", column: "contactPhoneEnc" },
  { table: "baseApplications", column: "contactPhoneEnc" },
  { table: "changeReports", column: "contactPhoneEnc" },
  { table: "changeReports", column: "previousContactPhoneEnc" },
  { table: "objections", column: "contactEnc" }, // issue 10 item 7: an objector's contact (012)
];

export type KeyVersionView = KeyVersionsTable;

const keyIdOfSealing = (version: number) => `sealing-v${version}`;

/** The first versions on a database that has none (a new one, or one from before migration 010). */
async function ensureFirstVersions(p: Platform): Promise<void> {
  const now = new Date(p.clock.systemNow()).toISOString(); // security time, as sessions and throttles
  const first = p.secrets.signingKey(1);
  await p.db
    .insertInto("keyVersions")
    .values([
      { purpose: "signing", version: 1, keyId: first.keyId, publicKeyPem: first.publicKeyPem, validFrom: now, retiredAt: null },
      { purpose: "sealing", version: 1, keyId: keyIdOfSealing(1), publicKeyPem: null, validFrom: now, retiredAt: null },
    ])
    .onConflict((oc) => oc.columns(["purpose", "version"]).doNothing())
    .execute();
}

async function activeVersions(p: Platform): Promise<{ signing: number; sealing: number }> {
  const rows = await p.db.selectFrom("keyVersions").select(["purpose", (eb) => eb.fn.max("version").as("version")]).groupBy("purpose").execute();
  const of = (purpose: string) => Number(rows.find((r) => r.purpose === purpose)?.version ?? 1);
  return { signing: of("signing"), sealing: of("sealing") };
}

const lastRefresh = new WeakMap<object, number>();

/** Reads the active versions into this instance's secrets (at start, and after a rotation). */
export async function loadKeyVersions(p: Platform): Promise<void> {
  await ensureFirstVersions(p);
  p.secrets.useVersions(await activeVersions(p));
  lastRefresh.set(p.secrets, Date.now());
}

/** Re-reads the active versions when the last read is older than KEY_REFRESH_MS: one query per period. */
export async function refreshKeyVersions(p: Platform): Promise<void> {
  if (Date.now() - (lastRefresh.get(p.secrets) ?? 0) < KEY_REFRESH_MS) return;
  lastRefresh.set(p.secrets, Date.now());
  p.secrets.useVersions(await activeVersions(p));
}

/** Every version with its validity, newest first (published at GET /api/v1/public/signing-keys). */
export async function listKeyVersions(p: Platform, purpose: "signing" | "sealing"): Promise<KeyVersionView[]> {
  const rows = await p.db.selectFrom("keyVersions").selectAll().where("purpose", "=", purpose).orderBy("version", "desc").execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/**
 * Adds the next version of the signing and the sealing key in one transaction and retires the current
 * ones KEY_REFRESH_MS from now (running instances may still use them until they re-read). Audited.
 */
export async function rotateKeys(ctx: Ctx): Promise<{ signing: KeyVersionView; sealing: KeyVersionView; retiring: string }> {
  await ensureFirstVersions(ctx);
  const now = new Date(ctx.clock.systemNow()).toISOString();
  const retiring = new Date(Date.parse(now) + KEY_REFRESH_MS).toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const current = await activeVersions({ ...ctx, db: trx });
    const signingNext = current.signing + 1;
    const sealingNext = current.sealing + 1;
    const key = ctx.secrets.signingKey(signingNext);
    const signing: KeyVersionView = { purpose: "signing", version: signingNext, keyId: key.keyId, publicKeyPem: key.publicKeyPem, validFrom: now, retiredAt: null };
    const sealing: KeyVersionView = { purpose: "sealing", version: sealingNext, keyId: keyIdOfSealing(sealingNext), publicKeyPem: null, validFrom: now, retiredAt: null };
    await trx.updateTable("keyVersions").set({ retiredAt: retiring }).where("retiredAt", "is", null).execute();
    // The primary key (purpose, version) makes a second rotation at the same moment fail rather than fork.
    await trx.insertInto("keyVersions").values([signing, sealing]).execute();
    await appendAudit(trx, ctx, {
      action: "keys.rotated",
      resourceType: "key",
      resourceId: signing.keyId,
      detail: { signingVersion: signingNext, signingKeyId: signing.keyId, retiredSigningKeyId: ctx.secrets.signingKey(current.signing).keyId, sealingVersion: sealingNext, retiring },
    });
    return { signing, sealing, retiring };
  });
  ctx.secrets.useVersions({ signing: result.signing.version, sealing: result.sealing.version });
  return result;
}

/**
 * Re-seals every value of SEALED_COLUMNS not sealed under the active version, in batches of one
 * transaction each, walking each table by primary key. A row changed meanwhile keeps its newer value
 * (the update matches the value read). Answers how many values were re-sealed.
 */
export async function resealAll(ctx: Ctx): Promise<number> {
  const db = ctx.db as unknown as Kysely<any>;
  const prefix = `v${ctx.secrets.sealingVersion}:`;
  let total = 0;
  for (const { table, column, key = "id" } of SEALED_COLUMNS) {
    let after = "";
    for (;;) {
      const rows: { id: string; value: string }[] = await db
        .selectFrom(table)
        .select([`${key} as id`, `${column} as value`])
        .where(column, "is not", null)
        .where(key, ">", after)
        .orderBy(key)
        .limit(RESEAL_BATCH)
        .execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const stale = rows.filter((r) => !r.value.startsWith(prefix));
      if (stale.length === 0) continue;
      await db.transaction().execute(async (trx) => {
        for (const r of stale) {
          const res = await trx
            .updateTable(table)
            .set({ [column]: ctx.secrets.encrypt(ctx.secrets.decrypt(r.value)) })
            .where(key, "=", r.id)
            .where(column, "=", r.value)
            .executeTakeFirst();
          total += Number(res.numUpdatedRows);
        }
      });
    }
  }
  if (total > 0) {
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx, { action: "keys.resealed", resourceType: "key", resourceId: keyIdOfSealing(ctx.secrets.sealingVersion), detail: { sealingVersion: ctx.secrets.sealingVersion, values: total } }),
    );
  }
  return total;
}

/** How many stored values are still sealed under an older version (0 once re-sealing is done). */
export async function countStaleSealed(ctx: Platform): Promise<number> {
  const db = ctx.db as unknown as Kysely<any>;
  const prefix = `v${ctx.secrets.sealingVersion}:`;
  let n = 0;
  for (const { table, column } of SEALED_COLUMNS) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .where(column, "is not", null)
      .where(column, "not like", `${prefix}%`)
      .executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}
