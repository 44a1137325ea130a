// Opens the database (SQLite by default, PostgreSQL through a URL) and runs the migrations.
// Dialect differences live here and nowhere else.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import { migrations } from "../db/migrations/index.js";

export type DialectName = "sqlite" | "postgres";
export type Db = Kysely<Database>;
export type Tx = Transaction<Database> | Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use (tests give each suite its own). */
  pgSchema?: string;
}

// pg returns int8 counts as strings and timestamps as Date; we store text, but keep counts numeric.
pg.types.setTypeParser(20, (v) => Number(v));

export function openDb(opts: DbOptions): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, "cebase.sqlite");
  const sqlite = new SQLite(file);
  // WAL keeps committed data through a crash mid-request; foreign keys are off by default in SQLite.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<any>, pgSchema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its own tables across all schemas unless told which one is ours.
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Serializes appends to one hash chain. SQLite already runs one write transaction at a time. */
export async function lockForChainAppend(trx: Tx, dialect: DialectName, key: number): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Serializes transactions that decide over one named thing (e.g. a base's fee standards), until commit.
 * SQLite already runs one write transaction at a time.
 */
export async function lockNamed(trx: Tx, dialect: DialectName, name: string): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/** Creates a PostgreSQL schema and returns it, for test isolation. */
export async function createPgSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropPgSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replace(/"/g, "")}" cascade`);
  } finally {
    await client.end();
  }
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
