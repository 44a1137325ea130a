// The sealed audit trail (issue 10 item 1): signed checkpoints of the chain's head, the sequence where
// the keyed (HMAC) chain begins, and triggers that refuse UPDATE and DELETE (and TRUNCATE on
// PostgreSQL) on audit rows, so even a bug or a console session cannot rewrite them quietly.
//
// Entries written before this migration keep their SHA-256 links; `audit_chain.keyed_from` is the first
// sequence linked by HMAC, every signed checkpoint repeats it, and the first checkpoint seals it.
import { PostgresAdapter, sql, type Kysely } from "kysely";

const GUARDED = ["audit_events", "audit_checkpoints", "audit_chain"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_checkpoints")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("keyed_from", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('scheduled','shutdown')`))
    .addColumn("signature", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("audit_chain")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("keyed_from", "integer", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  const head = await db.selectFrom("audit_events").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirst();
  await db
    .insertInto("audit_chain")
    .values({ id: 1, keyed_from: Number(head?.seq ?? 0) + 1, recorded_at: new Date().toISOString() })
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function audit_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'AUDIT_APPEND_ONLY: % on % refused', tg_op, tg_table_name using errcode = 'P0001';
      end
    $$`.execute(db);
    for (const t of GUARDED) {
      await sql`create trigger ${sql.id(`${t}_no_change`)} before update or delete on ${sql.table(t)} for each row execute function audit_append_only()`.execute(db);
      await sql`create trigger ${sql.id(`${t}_no_truncate`)} before truncate on ${sql.table(t)} for each statement execute function audit_append_only()`.execute(db);
    }
  } else {
    for (const t of GUARDED) {
      for (const op of ["update", "delete"] as const) {
        await sql`create trigger ${sql.id(`${t}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(t)} begin select raise(abort, ${sql.lit(`AUDIT_APPEND_ONLY: ${op} on ${t} refused`)}); end`.execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of GUARDED) {
    for (const name of pg ? [`${t}_no_change`, `${t}_no_truncate`] : [`${t}_no_update`, `${t}_no_delete`]) {
      await sql`drop trigger if exists ${sql.id(name)}${pg ? sql` on ${sql.table(t)}` : sql``}`.execute(db);
    }
  }
  if (pg) await sql`drop function if exists audit_append_only()`.execute(db);
  await db.schema.dropTable("audit_chain").execute();
  await db.schema.dropTable("audit_checkpoints").execute();
}
