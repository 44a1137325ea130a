// Multi-row inserts for the bulk load: each table's statement is built with Kysely once per batch size
// (platform/db.ts preparedRows) and then only bound, so millions of rows cost no query building.
import type { Insertable } from "kysely";
import type { Database } from "../../db/schema.js";
import { preparedRows, type Tx } from "../../platform/db.js";

/** Rows per statement: ~8,000 parameters at 16 columns, under SQLite's and PostgreSQL's limits. */
const BATCH = 500;

type Table = keyof Database & string;
type Inserter = (db: Tx, rows: object[]) => Promise<unknown[]>;
const inserters = new Map<string, Inserter>();

function inserterFor(table: Table, columns: string[]): Inserter {
  const key = `${table}:${columns.join(",")}`;
  let ins = inserters.get(key);
  if (!ins) {
    ins = preparedRows(columns as never[], (db, rows) => db.insertInto(table).values(rows as Insertable<Database[Table]>[])) as Inserter;
    inserters.set(key, ins);
  }
  return ins;
}

/**
 * Inserts the rows in statements of BATCH rows; the remainder goes in power-of-two slices, so each
 * table is prepared in at most a dozen sizes. Every row of one call has the first row's columns.
 */
export async function insertRows<T extends Table>(db: Tx, table: T, rows: Insertable<Database[T]>[]): Promise<number> {
  if (!rows.length) return 0;
  const ins = inserterFor(table, Object.keys(rows[0]));
  let at = 0;
  while (rows.length - at >= BATCH) {
    await ins(db, rows.slice(at, at + BATCH));
    at += BATCH;
  }
  for (let size = 256; size >= 1; size >>= 1) {
    if (rows.length - at >= size) {
      await ins(db, rows.slice(at, at + size));
      at += size;
    }
  }
  return rows.length;
}
