// The one way a typed keyword reaches a LIKE: `%` and `_` and the escape character stand for themselves, on
// SQLite (which has no default escape character) and on PostgreSQL (whose default is the backslash), so a
// search for "100%" or "a_b" finds only names that contain it (issue 10 item 14).
import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from "kysely";

/** The keyword as a LIKE pattern's literal part, to be used with `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive "the column contains the text" (PostgreSQL's like is case-sensitive, so both sides go lower). */
export function containsText(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}

/** Case-sensitive "the column contains the text", for a fragment of stored JSON. */
export function containsExactly(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

/** A searchable name column and its full-text index (migration 019). */
export interface IndexedText {
  /** The column, as Kysely takes it, e.g. "users.displayName". */
  column: string;
  /** The row's table reference in this query, for SQLite's rowid, e.g. "users". */
  table: string;
  /** The SQLite FTS5 trigram table over the column. */
  fts: string;
  /**
   * A keyword too short for the trigram index: "prefix" matches the beginning through the b-tree (a table
   * of millions), "contains" still matches anywhere by a scan (a table of thousands, where it costs little).
   */
  shortKeyword: "prefix" | "contains";
}

/** Below this many characters no trigram index can serve a query: such a keyword matches a name's beginning. */
export const TRIGRAM = 3;

/**
 * "The name matches the keyword" through its indexes (issue 13 item 3). Three characters or more: the
 * name contains the keyword, found by the trigram index (SQLite FTS5; PostgreSQL pg_trgm on lower(name))
 * and checked by containsText, so "100%" and "a_b" stay literal. One or two characters (Chinese names are
 * often two), in a table of millions: the name starts with the keyword, a range of the b-tree on lower(name) — "张三" finds 张三
 * and 张三丰, "张" the 张 family.
 */
export function indexedTextMatch(db: Kysely<any>, spec: IndexedText, text: string): Expression<SqlBool> {
  const needle = text.trim().toLowerCase();
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if ([...needle].length < TRIGRAM && spec.shortKeyword === "contains") return containsText(spec.column, needle);
  if ([...needle].length < TRIGRAM) {
    const lowered = pg ? sql`lower(${sql.ref(spec.column)}) collate "C"` : sql`lower(${sql.ref(spec.column)})`;
    return sql<SqlBool>`(${lowered} >= ${needle} and ${lowered} < ${`${needle}\u{10FFFF}`})`;
  }
  if (pg) return containsText(spec.column, needle);
  const phrase = `"${needle.replace(/"/g, '""')}"`;
  return sql<SqlBool>`(${sql.ref(`${spec.table}.rowid`)} in (select rowid from ${sql.table(spec.fts)} where ${sql.table(spec.fts)} match ${phrase}) and ${containsText(spec.column, needle)})`;
}

/**
 * The column, but not for SQLite to pick an index by (its unary +): a search whose matches are few is
 * then driven from the matches (an index on them) rather than by walking a list's order index through
 * every row, which SQLite prefers under a LIMIT. PostgreSQL chooses by its statistics and gets the column.
 */
export function notIndexed(db: Kysely<any>, column: string): Expression<unknown> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql.ref(column) : sql`+${sql.ref(column)}`;
}

export const PROFESSIONAL_NAME: IndexedText = { column: "users.displayName", table: "users", fts: "users_name_fts", shortKeyword: "prefix" };
// A province files some 4,000 projects a year: a one- or two-character keyword ("护理") still finds
// 急诊护理培训班 by reading the titles.
export const PROJECT_TITLE: IndexedText = { column: "trainingProjects.title", table: "trainingProjects", fts: "training_projects_title_fts", shortKeyword: "contains" };
