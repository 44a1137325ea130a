// The one way a typed keyword reaches a LIKE: `%` and `_` and the escape character stand for themselves, on
// SQLite (which has no default escape character) and on PostgreSQL (whose default is the backslash), so a
// search for "100%" or "a_b" finds only names that contain it (issue 10 item 14).
import { sql, type Expression, type SqlBool } from "kysely";

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
