// Backup and restore of the database (`cebase backup FILE`, `cebase restore FILE`), safe while serving.
// SQLite: an online backup to one self-contained database file. PostgreSQL: `pg_dump --format=custom`
// of the app's schema, which pg_dump reads in one snapshot. The master key and the uploaded files are
// not in the backup: the key is kept apart on purpose (a backup that carries its key would expose every
// sealed ID number to whoever holds the copy), and uploads are immutable files copied as they are (README).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { AppConfig } from "./config.js";
import { verifyAuditChain, type ChainVerdict } from "./audit.js";
import { createPrivateFile, ensureDataDir, openDb, type DialectName } from "./db.js";
import { loadSecrets } from "./secrets.js";

type Target = Pick<AppConfig, "dataDir" | "databaseUrl" | "pgSchema" | "secretKey">;

export interface RestoreReport {
  dialect: DialectName;
  tables: number;
  rows: number;
  audit: ChainVerdict;
  /** Signing keys named by stored certificates that the master key in place does not hold (or all of them when no key is in place). */
  foreignKeyIds: string[];
  hasMasterKey: boolean;
}

const SQLITE_MAGIC = "SQLite format 3\u0000";
const PG_DUMP_MAGIC = "PGDMP";
const run = promisify(execFile);

const dialectOf = (t: Target): DialectName => (t.databaseUrl && /^postgres(ql)?:\/\//.test(t.databaseUrl) ? "postgres" : "sqlite");
const sqliteFile = (t: Target) => path.join(t.dataDir, "cebase.sqlite");
const pgSchemaOf = (t: Target) => t.pgSchema ?? "public";
const temporaryNextTo = (file: string) => `${file}.partial-${randomBytes(6).toString("hex")}`;

/** Writes a backup of the configured database to `file` (which must not exist yet); returns the dialect. */
export async function backupDatabase(target: Target, file: string): Promise<DialectName> {
  const out = path.resolve(file);
  if (fs.existsSync(out)) throw new Error(`${out} exists; backup does not overwrite a file`);
  // Written next to its final name, then renamed: a failed backup never leaves a file that looks whole.
  const partial = temporaryNextTo(out);
  createPrivateFile(partial); // the backup holds personal data: owner-only, like the data directory
  try {
    const dialect = dialectOf(target);
    if (dialect === "postgres") await pgDump(target, partial);
    else await sqliteBackup(target, partial);
    fs.renameSync(partial, out);
    return dialect;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

async function sqliteBackup(target: Target, out: string): Promise<void> {
  const live = sqliteFile(target);
  if (!fs.existsSync(live)) throw new Error(`no database at ${live}`);
  const source = new SQLite(live, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // After the first step, copy the rest in one step: a busy server's writes cannot keep restarting it.
    await source.backup(out, { progress: ({ remainingPages }) => remainingPages });
  } finally {
    source.close();
  }
  const copy = new SQLite(out, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE"); // one self-contained file, no -wal beside it
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`the backup copy fails its check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/** The connection for pg_dump/pg_restore: the URL without its password, which goes by the environment (not visible in `ps`). */
function pgConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function pgTool(tool: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await run(tool, args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new Error(`${tool} is not installed: install the PostgreSQL client tools of the server's version`, { cause: err });
    throw new Error(`${tool} failed: ${(e.stderr || e.message).trim()}`, { cause: err });
  }
}

async function pgDump(target: Target, out: string): Promise<void> {
  const { dbname, env } = pgConnection(target.databaseUrl!);
  await pgTool("pg_dump", ["--format=custom", "--no-owner", "--no-acl", `--schema=${pgSchemaOf(target)}`, `--file=${out}`, `--dbname=${dbname}`], env);
}

/** Loads a backup into the configured database, which must be empty; refuses (and changes nothing) otherwise. */
export async function restoreDatabase(target: Target, file: string): Promise<RestoreReport> {
  const backup = path.resolve(file);
  if (!fs.existsSync(backup)) throw new Error(`no backup at ${backup}`);
  const dialect = dialectOf(target);
  const magic = readMagic(backup);
  const expected = dialect === "postgres" ? PG_DUMP_MAGIC : SQLITE_MAGIC;
  if (!magic.startsWith(expected)) {
    const kind = magic.startsWith(SQLITE_MAGIC) ? "a SQLite backup" : magic.startsWith(PG_DUMP_MAGIC) ? "a PostgreSQL dump" : "not a cebase backup";
    throw new Error(`${backup} is ${kind}; the configured database is ${dialect}`);
  }
  if (dialect === "postgres") await pgRestore(target, backup);
  else sqliteRestore(target, backup);
  return inspectRestored(target, dialect);
}

function readMagic(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString("latin1");
  } finally {
    fs.closeSync(fd);
  }
}

const notEmpty = (where: string, tables: number) => new Error(`${where} is not empty (${tables} tables); restore only into an empty database`);

function sqliteRestore(target: Target, backup: string): void {
  const live = sqliteFile(target);
  if (fs.existsSync(live)) {
    const existing = new SQLite(live, { fileMustExist: true });
    const tables = Number(existing.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get());
    existing.close();
    if (tables > 0) throw notEmpty(live, tables);
  }
  const source = new SQLite(backup, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`${backup} fails its check: ${String(check)}`);
    const hasAudit = source.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_events'").get();
    if (!hasAudit) throw new Error(`${backup} is not a cebase database (no audit log)`);
    ensureDataDir(target.dataDir);
    const partial = temporaryNextTo(live);
    try {
      fs.copyFileSync(backup, partial, fs.constants.COPYFILE_EXCL); // one self-contained file (journal_mode DELETE)
      createPrivateFile(partial); // narrows it to owner-only
      for (const companion of [`${live}-wal`, `${live}-shm`]) fs.rmSync(companion, { force: true }); // of the empty database
      fs.renameSync(partial, live);
    } finally {
      fs.rmSync(partial, { force: true });
    }
  } finally {
    source.close();
  }
}

async function pgRestore(target: Target, backup: string): Promise<void> {
  const schema = pgSchemaOf(target);
  const handle = openDb({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, pgSchema: target.pgSchema });
  try {
    const tables = (await listTables(handle.db, "postgres", schema)).length;
    if (tables > 0) throw notEmpty(`schema ${schema}`, tables);
    await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db);
    // The name and title indexes (migration 019) use pg_trgm, which lives in public, outside the backup's schema.
    await sql`create extension if not exists pg_trgm with schema public`.execute(handle.db);
  } finally {
    await handle.close();
  }
  const { dbname, env } = pgConnection(target.databaseUrl!);
  // The schema exists now (public always does): restore everything but its creation, in one transaction.
  const toc = await pgTool("pg_restore", ["--list", backup], env);
  const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cebase-restore-")), "toc.list");
  try {
    fs.writeFileSync(list, toc.split("\n").filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) /.test(line)).join("\n"));
    await pgTool("pg_restore", ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", `--use-list=${list}`, `--dbname=${dbname}`, backup], env);
  } finally {
    fs.rmSync(path.dirname(list), { recursive: true, force: true });
  }
}

/** The base tables of the app's schema, Kysely's migration tables included. */
export async function listTables(db: Kysely<Database>, dialect: DialectName, pgSchema = "public"): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.filter((t) => !t.isView && (dialect === "sqlite" || t.schema === pgSchema)).map((t) => t.name).sort();
}

/** Rows per table, for comparing a restored database with its source. */
export async function countRows(db: Kysely<Database>, dialect: DialectName, pgSchema?: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const schema = pgSchema ?? "public";
  for (const table of await listTables(db, dialect, schema)) {
    const ref = dialect === "postgres" ? sql.table(`${schema}.${table}`) : sql.table(table);
    const row = await sql<{ n: number | string }>`select count(*) as n from ${ref}`.execute(db);
    counts[table] = Number(row.rows[0].n);
  }
  return counts;
}

async function inspectRestored(target: Target, dialect: DialectName): Promise<RestoreReport> {
  const handle = openDb({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, pgSchema: target.pgSchema });
  try {
    const counts = await countRows(handle.db, dialect, target.pgSchema);
    const keyIds = (await handle.db.selectFrom("certificates").select("keyId").distinct().execute()).map((r) => r.keyId);
    // Looked up, never created: restore must not make a new master key that would sign with another key.
    const hasMasterKey = !!target.secretKey || fs.existsSync(path.join(target.dataDir, "secret.key"));
    // Any version of the master key's signing keys counts as its own (issue 10 item 12: rotated keys).
    const inPlace = hasMasterKey ? loadSecrets(target) : null;
    // Without the master key only the links are checked (the keyed segment and checkpoints need it).
    const audit = await verifyAuditChain({ db: handle.db, keys: inPlace?.audit ?? null, checkpointFiles: [] });
    return {
      dialect,
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      audit,
      foreignKeyIds: keyIds.filter((k) => !inPlace || inPlace.signingVersionOf(k) === null),
      hasMasterKey,
    };
  } finally {
    await handle.close();
  }
}
