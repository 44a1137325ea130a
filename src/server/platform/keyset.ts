// Keyset (cursor) paging for the lists that grow past ten thousand rows: professionals, enrolments,
// certificates, projects, check-ins, learning entries (DESIGN.md "API conventions"; issue 13 item 3).
// A page is read by seeking the list's index to the last row of the page before and reading pageSize + 1
// rows from there, so page 50,000 costs what page 1 costs; OFFSET would walk every row before it. The
// total stops counting at TOTAL_CAP, so no request counts a whole large table. `?page=` still serves the
// first TOTAL_CAP rows (a pager's numbered pages); beyond them the cursor is the way on.
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { KeysetPaged } from "../../shared/api.js";
import { DomainError } from "./errors.js";

/** Totals stop here: the UI shows "10,000+" and asks for a narrower filter or the next pages by cursor. */
export const TOTAL_CAP = 10000;

/** One column of a list's order. The last key must make the order total (an id). */
export interface KeyColumn {
  /** A column reference as Kysely takes it, e.g. "professionals.createdAt". */
  ref: string;
  dir: "asc" | "desc";
}

export type KeyValue = string | number;

export interface KeysetRequest {
  page?: number;
  pageSize?: number;
  cursor?: string;
}

/** The cursor names the last row's key values, opaque to clients (base64url of a JSON array). */
export function encodeCursor(values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** A cursor this list did not hand out (wrong length, wrong types, not base64 JSON) is a 400, never a 500. */
export function decodeCursor(cursor: string, keys: readonly KeyColumn[]): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    values = null;
  }
  // A NUL would reach PostgreSQL as an invalid UTF-8 byte (a 500): the raw query's NUL check cannot see it inside base64.
  const valid = (v: unknown) => (typeof v === "string" && v.length <= 200 && !v.includes("\u0000")) || (typeof v === "number" && Number.isFinite(v));
  if (!Array.isArray(values) || values.length !== keys.length || !values.every(valid)) {
    throw new DomainError("VALIDATION_FAILED", { field: "cursor" });
  }
  return values as KeyValue[];
}

/**
 * "The row comes after the cursor's row in this order." Keys all running one way compare as one row
 * value, which both SQLite and PostgreSQL turn into a single index range; mixed directions expand to
 * (a > x) or (a = x and b > y) ….
 */
export function afterKey(keys: readonly KeyColumn[], values: readonly KeyValue[]): Expression<SqlBool> {
  const op = (k: KeyColumn) => sql.raw(k.dir === "asc" ? ">" : "<");
  if (keys.every((k) => k.dir === keys[0].dir)) {
    const cols = sql.join(keys.map((k) => sql.ref(k.ref)));
    const vals = sql.join(values.map((v) => sql`${v}`));
    return sql<SqlBool>`(${cols}) ${op(keys[0])} (${vals})`;
  }
  const alternatives = keys.map((k, i) => {
    const equal = keys.slice(0, i).map((e, j) => sql`${sql.ref(e.ref)} = ${values[j]}`);
    return sql.join([...equal, sql`${sql.ref(k.ref)} ${op(k)} ${values[i]}`], sql` and `);
  });
  return sql<SqlBool>`(${sql.join(alternatives.map((a) => sql`(${a})`), sql` or `)})`;
}

/**
 * A list found to hold more than the cap keeps showing "10,000+" for this long without being counted
 * again: the count of a big list is the dearest part of its page, and it reads the same until the list
 * shrinks below the cap. Smaller lists are counted afresh every time, so a new row shows in their total.
 */
const CAPPED_TTL_MS = 30_000;
const CAPPED_ENTRIES = 5000;
const cappedLists = new WeakMap<object, Map<string, number>>();

/** How many rows the filtered query yields, counting no further than `cap` + 1 (a bounded read). */
export async function cappedCount(db: Kysely<any>, filtered: SelectQueryBuilder<any, any, any>, cap = TOTAL_CAP): Promise<{ total: number; totalCapped: boolean }> {
  const window = filtered.clearSelect().clearOrderBy().select(sql<number>`1`.as("one")).limit(cap + 1);
  const counting = db.selectFrom(window.as("capped")).select((eb) => eb.fn.countAll<number>().as("n"));
  // The query's text and values name the list exactly, the actor's scope included.
  const compiled = counting.compile();
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  let known = cappedLists.get(db.getExecutor());
  if (!known) cappedLists.set(db.getExecutor(), (known = new Map()));
  if ((known.get(key) ?? 0) > Date.now()) return { total: cap, totalCapped: true };
  known.delete(key);
  const n = Number((await counting.executeTakeFirstOrThrow()).n);
  if (n > cap) {
    if (known.size >= CAPPED_ENTRIES) known.delete(known.keys().next().value!);
    known.set(key, Date.now() + CAPPED_TTL_MS);
  }
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

export interface KeysetList<Row> {
  /** The list's order; its index is named in the migration beside the list. */
  keys: readonly KeyColumn[];
  /** The page's columns (at least the key columns); extra columns are best added for the page's ids only. */
  select: (q: SelectQueryBuilder<any, any, any>) => SelectQueryBuilder<any, any, Row>;
  /** The key values of a row, in the order of `keys`. */
  keyOf: (row: Row) => KeyValue[];
}

function ordered<Row>(q: SelectQueryBuilder<any, any, Row>, keys: readonly KeyColumn[]) {
  return keys.reduce((acc, k) => acc.orderBy(sql.ref(k.ref), k.dir), q);
}

/**
 * One page: by cursor when one is given, otherwise by page number within the first TOTAL_CAP rows. The
 * total is counted up to TOTAL_CAP beside the page (a bounded read of the same filter).
 */
export async function keysetPage<Row>(db: Kysely<any>, filtered: SelectQueryBuilder<any, any, any>, list: KeysetList<Row>, req: KeysetRequest): Promise<KeysetPaged<Row>> {
  const pageSize = req.pageSize ?? 20;
  const page = req.cursor ? 1 : (req.page ?? 1);
  const offset = (page - 1) * pageSize;
  if (offset >= TOTAL_CAP) throw new DomainError("VALIDATION_FAILED", { field: "page", max: Math.ceil(TOTAL_CAP / pageSize), next: "cursor" });
  let q = ordered(list.select(filtered), list.keys);
  if (req.cursor) q = q.where(afterKey(list.keys, decodeCursor(req.cursor, list.keys)));
  const [rows, count] = await Promise.all([
    q.limit(pageSize + 1).offset(offset).execute(),
    cappedCount(db, filtered),
  ]);
  const items = rows.slice(0, pageSize);
  const nextCursor = rows.length > pageSize ? encodeCursor(list.keyOf(items[items.length - 1])) : null;
  return { items, ...count, page, pageSize, nextCursor };
}

/** Every row of the list, in its order, a batch at a time: for exports of any size with flat memory. */
export async function* keysetBatches<Row>(filtered: SelectQueryBuilder<any, any, any>, list: KeysetList<Row>, batchSize = 2000): AsyncGenerator<Row[]> {
  let after: KeyValue[] | null = null;
  for (;;) {
    let q = ordered(list.select(filtered), list.keys);
    if (after) q = q.where(afterKey(list.keys, after));
    const rows = await q.limit(batchSize).execute();
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    after = list.keyOf(rows[rows.length - 1]);
  }
}
