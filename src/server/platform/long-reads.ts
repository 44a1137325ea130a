// Long reads off the request thread (issue 13 item 4). better-sqlite3 answers a query synchronously on the
// thread that asks, so a read of millions of rows (the bureau's dashboard over a province's year) would
// stall every other request for its whole length. `longReads(p)` is a Kysely like `p.db` whose queries
// are compiled here and run on a read thread with its own read-only connection (export-stream.ts); the
// request thread only waits for the rows. PostgreSQL's driver already waits without blocking, so there
// it is `p.db` itself. Reads only: a write or a transaction through it is refused.
import {
  CamelCasePlugin,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from "kysely";
import type { Database } from "../db/schema.js";
import type { Platform } from "./context.js";
import type { Db } from "./db.js";
import type { ReadJob } from "./export-stream.js";
import { connectionOf } from "./streamed-export.js";

type Rows = Record<string, unknown>[];
type Reader = (sql: string, parameters: readonly unknown[]) => Promise<Rows>;

const readOnly = () => Promise.reject(new Error("long reads run no writes and no transactions"));

class ReaderConnection implements DatabaseConnection {
  constructor(private readonly read: Reader) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: (await this.read(q.sql, q.parameters)) as R[] };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("long reads do not stream (exports have streamed-export.ts)");
  }
}

class ReaderDriver implements Driver {
  private readonly connection: ReaderConnection;
  constructor(read: Reader) {
    this.connection = new ReaderConnection(read);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  beginTransaction = readOnly;
  commitTransaction = readOnly;
  rollbackTransaction = readOnly;
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** A Kysely (SQLite's SQL, the app's casing) whose every query is answered by `read`. */
export function readerDb(read: Reader): Db {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new ReaderDriver(read),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
  });
}

const byPlatform = new WeakMap<object, Db>();

/** The database to read a long report from: on SQLite a read thread's own connection, on PostgreSQL the pool. */
export function longReads(p: Platform): Db {
  if (p.dialect === "postgres") return p.db;
  let db = byPlatform.get(p.documents);
  if (!db) {
    const connection = connectionOf(p);
    db = readerDb((sql, parameters) => p.documents.readPool().run({ connection, sql, parameters } satisfies ReadJob) as Promise<Rows>);
    byPlatform.set(p.documents, db);
  }
  return db;
}
