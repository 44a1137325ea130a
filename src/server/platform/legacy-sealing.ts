// Personal data an older version stored in clear is sealed at start-up (issue 10 item 7): one walker
// for every such column, in batches of one transaction each, keyed by the table's primary key, so no
// table is ever loaded whole and a crash in the middle leaves only sealed or untouched rows.
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { Platform } from "./context.js";
import type { Secrets } from "./secrets.js";

export const LEGACY_SEAL_BATCH = 500;

export interface LegacyColumn {
  table: string;
  /** The primary key (`id` unless named), walked in order. */
  key?: string;
  /** The columns `seal` reads. */
  read: string[];
  /** Which rows still hold a value in clear (the sealed ones must no longer match). */
  isLegacy: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
  /** The columns to set on one legacy row. */
  seal: (secrets: Secrets, row: Record<string, any>) => object;
}

/** Seals every legacy row of one column, LEGACY_SEAL_BATCH rows per transaction. Answers how many. */
export async function sealLegacyColumn(p: Platform, spec: LegacyColumn, batch = LEGACY_SEAL_BATCH): Promise<number> {
  const db = p.db as unknown as Kysely<any>;
  const key = spec.key ?? "id";
  let after = "";
  let total = 0;
  for (;;) {
    const rows: Record<string, any>[] = await db
      .selectFrom(spec.table)
      .select([`${key} as legacyKey`, ...spec.read])
      .where(spec.isLegacy)
      .where(key, ">", after)
      .orderBy(key)
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1].legacyKey;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        // Still legacy: another instance starting at the same moment may have sealed it already.
        const res = await trx.updateTable(spec.table).set(spec.seal(p.secrets, r) as Record<string, unknown>).where(key, "=", r.legacyKey).where(spec.isLegacy).executeTakeFirst();
        total += Number(res.numUpdatedRows);
      }
    });
    if (rows.length < batch) break;
  }
  return total;
}
