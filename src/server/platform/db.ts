// Opens the database (SQLite by default, PostgreSQL through a URL) and runs the migrations.
// Dialect differences live here and nowhere else.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { CamelCasePlugin, Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Compilable, type CompiledQuery, type SqliteDatabase, type Transaction } from "kysely";
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
  /** PostgreSQL ends a session left idle this long inside a transaction, releasing its locks (default 60 s). */
  idleInTransactionMs?: number;
  /** PostgreSQL cancels a statement running longer (issue 13 item 4: no request holds a connection for minutes); 0 or unset: no limit. Migrations run without it. */
  statementTimeoutMs?: number;
}

// pg returns int8 counts as strings and timestamps as Date; we store text, but keep counts numeric.
pg.types.setTypeParser(20, (v) => Number(v));

// 等保 2.0 and 个人信息保护法: the data directory holds personal data (the database, uploads, the master
// secret), so only the account the server runs as may enter it or read its files.
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the data directory 0700 when it is missing; an existing directory keeps the mode it was given. */
export function ensureDataDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  fs.chmodSync(dir, PRIVATE_DIR); // mkdir's mode passes through the umask
}

/** Creates the file empty and 0600 unless it exists; an existing file is narrowed to 0600. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, "wx", PRIVATE_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  fs.chmodSync(file, PRIVATE_FILE);
}

export function openDb(opts: DbOptions): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    // issue 10 (two instances): an instance whose host hangs or is cut off inside a transaction would hold
    // its locks (the audit chain's among them, so every instance's audited writes) until TCP gives up,
    // hours later; PostgreSQL ends such a session after idleInTransactionMs and the others carry on.
    const settings = [
      `idle_in_transaction_session_timeout=${Math.round(opts.idleInTransactionMs ?? 60_000)}`,
      ...(opts.statementTimeoutMs && opts.statementTimeoutMs > 0 ? [`statement_timeout=${Math.round(opts.statementTimeoutMs)}`] : []),
      ...(opts.pgSchema ? [`search_path=${opts.pgSchema}`] : []),
    ];
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      options: settings.map((s) => `-c ${s}`).join(" "),
    });
    // issue 10 (two instances, a killed one loses nothing): a failover or a restart of PostgreSQL drops
    // every connection; pg then emits 'error' on the pool (an idle connection) or on the client (one in
    // use), which without a listener ends the process. The query under way fails and its transaction
    // rolls back; the pool discards the dead connection and the next query opens a fresh one.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  ensureDataDir(opts.dataDir);
  const file = path.join(opts.dataDir, "cebase.sqlite");
  createPrivateFile(file);
  const sqlite = new SQLite(file);
  // WAL keeps committed data through a crash mid-request; foreign keys are off by default in SQLite.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk before the answer goes out, power cut or not (NORMAL may lose the last
  // commits). The check-in path batches a room's arrivals into one commit, which keeps the cost small.
  sqlite.pragma("synchronous = FULL");
  // SQLite gives -wal and -shm the database file's mode; set it anyway, whatever the umask.
  for (const companion of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(companion)) fs.chmodSync(companion, PRIVATE_FILE);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * Kysely prepares every statement anew; preparing costs better-sqlite3 more than running a short
 * statement does. The app's queries are a fixed set of SQL texts (values are parameters), so each is
 * prepared once. SQLite re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= 2000) cache.clear(); // bounded: generated SQL (IN lists of any length) varies
      cache.set(source, stmt);
    }
    return stmt;
  };
  return { prepare, close: () => sqlite.close() };
}

// ---- prepared queries for hot paths ----
// Building and compiling a Kysely query costs more than SQLite takes to run a short one. A hot path's
// query has a fixed shape: it is built once with stand-ins for its values, compiled once per dialect,
// and each call only binds the values. Compiled SQL depends on the dialect alone, so it is cached per
// dialect adapter and runs on a database or inside a transaction alike.

type Compiled = { query: CompiledQuery<unknown>; slots: (((values: any) => unknown) | null)[] };
const standIn = (key: string) => `\u0000prepared:${key}\u0000`;

function compiledFor(cache: WeakMap<object, Map<number, Compiled>>, db: Tx, size: number, build: () => { query: Compilable<unknown>; picks: Map<string, (values: any) => unknown> }): Compiled {
  const adapter = db.getExecutor().adapter;
  let bySize = cache.get(adapter);
  if (!bySize) cache.set(adapter, (bySize = new Map()));
  let c = bySize.get(size);
  if (!c) {
    const { query, picks } = build();
    const compiled = query.compile();
    c = { query: compiled, slots: compiled.parameters.map((v) => (typeof v === "string" ? (picks.get(v) ?? null) : null)) };
    bySize.set(size, c);
  }
  return c;
}

async function run<R>(db: Tx, c: Compiled, values: unknown): Promise<R[]> {
  const parameters = c.query.parameters.map((v, i) => (c.slots[i] ? c.slots[i]!(values) : v));
  return (await db.executeQuery<R>({ ...(c.query as CompiledQuery<R>), parameters })).rows;
}

/** A query of fixed shape; `build` receives stand-ins for the named values and must use each as a plain value. */
export function preparedQuery<P extends object, R>(names: readonly (keyof P & string)[], build: (db: Tx, values: P) => Compilable<R>) {
  const cache = new WeakMap<object, Map<number, Compiled>>();
  return (db: Tx, values: P): Promise<R[]> =>
    run<R>(
      db,
      compiledFor(cache, db, 0, () => ({
        query: build(db, Object.fromEntries(names.map((n) => [n, standIn(n)])) as P),
        picks: new Map(names.map((n) => [standIn(n), (v: P) => v[n]])),
      })),
      values,
    );
}

/** A statement over a list of rows (a multi-row insert), prepared once per number of rows. */
export function preparedRows<Row extends object, R>(columns: readonly (keyof Row & string)[], build: (db: Tx, rows: Row[]) => Compilable<R>) {
  const cache = new WeakMap<object, Map<number, Compiled>>();
  return (db: Tx, rows: Row[]): Promise<R[]> =>
    run<R>(
      db,
      compiledFor(cache, db, rows.length, () => {
        const picks = new Map<string, (v: Row[]) => unknown>();
        const standIns = rows.map((_, i) => Object.fromEntries(columns.map((c) => {
          const key = standIn(`${i}:${c}`);
          picks.set(key, (v) => v[i][c]);
          return [c, key];
        })) as Row);
        return { query: build(db, standIns), picks };
      }),
      rows,
    );
}

export async function migrateToLatest(db: Kysely<any>, pgSchema?: string): Promise<string[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrateOn(db, pgSchema);
  // An index built over a province's rows may take longer than a request's statement timeout: the
  // migrations run on one connection with the timeout lifted, then given back with its own setting.
  return db.connection().execute(async (conn) => {
    await sql`set statement_timeout = 0`.execute(conn);
    try {
      return await migrateOn(conn, pgSchema);
    } finally {
      await sql`reset statement_timeout`.execute(conn);
    }
  });
}

async function migrateOn(db: Kysely<any>, pgSchema?: string): Promise<string[]> {
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
