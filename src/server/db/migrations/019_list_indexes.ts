// Issue 13 item 3: every big list pages by keyset over an index named for its order, and name and keyword
// search goes through a full-text index kept in step with its table.
// - SQLite: FTS5 trigram tables (external content, rowid = the table's rowid) over users.display_name and
//   training_projects.title, kept in step by insert/update/delete triggers and filled here from the rows.
// - PostgreSQL: pg_trgm GIN indexes on lower(display_name) and lower(title), the very expressions
//   containsText compares, so `lower(x) like '%…%'` is served by them.
// Both: a b-tree on lower(name) (bytewise order) serves the starts-with match of 1–2 character queries,
// which no trigram index can serve.
import { sql, type Kysely } from "kysely";
import { PostgresAdapter } from "kysely";

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Where pg_trgm lives (created in public if absent): search_path may name only this app's schema. */
async function trigramSchema(db: Kysely<any>): Promise<string> {
  const find = async () => (await sql<{ s: string }>`select extnamespace::regnamespace::text as s from pg_extension where extname = 'pg_trgm'`.execute(db)).rows[0]?.s;
  const found = await find();
  if (found) return found;
  // The migration runs in a transaction: a savepoint keeps it usable when the create loses a race.
  await sql`savepoint create_pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint create_pg_trgm`.execute(db);
  } catch (err) {
    // Two schemas migrating at once: the other one created it.
    await sql`rollback to savepoint create_pg_trgm`.execute(db);
    if (!(await find())) throw err;
  }
  return (await find()) ?? "public";
}

export async function up(db: Kysely<any>): Promise<void> {
  // The lists' orders (professionals' (created_at, id) has its index since 014: professionals_created_idx).
  await db.schema.createIndex("training_projects_start_id_idx").on("training_projects").columns(["start_date", "id"]).execute();
  await db.schema.createIndex("enrollments_project_created_idx").on("enrollments").columns(["project_id", "created_at", "id"]).execute();
  await db.schema.createIndex("certificates_project_serial_idx").on("certificates").columns(["project_id", "serial"]).execute();
  await db.schema.createIndex("certificates_professional_serial_idx").on("certificates").columns(["professional_id", "serial"]).execute();

  if (isPostgres(db)) {
    const schema = await trigramSchema(db);
    const ops = sql.raw(`${JSON.stringify(schema)}.gin_trgm_ops`);
    await sql`create index users_display_name_trgm_idx on users using gin (lower(display_name) ${ops})`.execute(db);
    await sql`create index training_projects_title_trgm_idx on training_projects using gin (lower(title) ${ops})`.execute(db);
    await sql`create index users_display_name_prefix_idx on users (lower(display_name) collate "C")`.execute(db);
    await sql`create index training_projects_title_prefix_idx on training_projects (lower(title) collate "C")`.execute(db);
    return;
  }
  await sql`create index users_display_name_prefix_idx on users (lower(display_name))`.execute(db);
  await sql`create index training_projects_title_prefix_idx on training_projects (lower(title))`.execute(db);
  for (const [fts, table, column] of [
    ["users_name_fts", "users", "display_name"],
    ["training_projects_title_fts", "training_projects", "title"],
  ] as const) {
    await sql.raw(`create virtual table ${fts} using fts5(${column}, content='${table}', content_rowid='rowid', tokenize='trigram')`).execute(db);
    await sql.raw(`create trigger ${fts}_ai after insert on ${table} begin insert into ${fts}(rowid, ${column}) values (new.rowid, new.${column}); end`).execute(db);
    await sql.raw(`create trigger ${fts}_ad after delete on ${table} begin insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.rowid, old.${column}); end`).execute(db);
    await sql
      .raw(
        `create trigger ${fts}_au after update of ${column} on ${table} begin ` +
          `insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.rowid, old.${column}); ` +
          `insert into ${fts}(rowid, ${column}) values (new.rowid, new.${column}); end`,
      )
      .execute(db);
    await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const i of ["users_display_name_trgm_idx", "training_projects_title_trgm_idx"]) await db.schema.dropIndex(i).execute();
  } else {
    for (const fts of ["users_name_fts", "training_projects_title_fts"]) {
      for (const t of ["ai", "ad", "au"]) await sql.raw(`drop trigger ${fts}_${t}`).execute(db);
      await sql.raw(`drop table ${fts}`).execute(db);
    }
  }
  for (const i of [
    "users_display_name_prefix_idx",
    "training_projects_title_prefix_idx",
    "certificates_professional_serial_idx",
    "certificates_project_serial_idx",
    "enrollments_project_created_idx",
    "training_projects_start_id_idx",
  ])
    await db.schema.dropIndex(i).execute();
}
