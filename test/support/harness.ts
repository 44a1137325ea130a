// Test harness: a real server on a fresh database (a temporary SQLite file, or a fresh PostgreSQL
// schema), demo data loaded, and an HTTP client that signs in like the web app does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildApp, type App } from "../../src/server/app.js";
import { createClock, type Clock } from "../../src/server/platform/clock.js";
import { configFromEnv, type AppConfig } from "../../src/server/platform/config.js";
import { createPgSchema, dropPgSchema, type DialectName } from "../../src/server/platform/db.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_TOTP_USERNAMES, loadDemoData } from "../../src/server/demo/seed.js";
import { totpAt, totpStep, TOTP_STEP_SECONDS } from "../../src/server/platform/totp.js";

export const dialects: DialectName[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie = "";
  csrfToken = "";
  lang = "zh-CN";
  /** issue 10 item 8: the code a demo account signs in with (the server's client() sets it). */
  constructor(
    readonly baseUrl: string,
    readonly codeFor: (username: string) => string | undefined | Promise<string | undefined> = () => undefined,
  ) {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const h: Record<string, string> = { "accept-language": this.lang, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== "GET" && !("x-csrf-token" in headers)) h["x-csrf-token"] = this.csrfToken;
    let payload: string | Buffer | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await fetch(this.baseUrl + url, { method, headers: h, body: payload as BodyInit | undefined });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const m = /((?:__Host-)?cebase_session)=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[2] ? `${m[1]}=${m[2]}` : "";
    }
    const type = res.headers.get("content-type") ?? "";
    const data = type.includes("json") ? await res.json() : type.startsWith("text") ? await res.text() : Buffer.from(await res.arrayBuffer());
    if (data && typeof data === "object" && "csrfToken" in data) this.csrfToken = (data as { csrfToken: string }).csrfToken;
    return { status: res.status, body: data as T, headers: res.headers };
  }
  get<T = any>(url: string) {
    return this.request<T>("GET", url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>("POST", url, body ?? {});
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>("PATCH", url, body);
  }
  put<T = any>(url: string, body: unknown) {
    return this.request<T>("PUT", url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>("DELETE", url);
  }
  /** Signs in; a demo account that needs a second factor sends a fresh code of the demo secret with its password. */
  async login(username: string, password = DEMO_PASSWORD, code = password === DEMO_PASSWORD ? this.codeFor(username) : undefined): Promise<Response> {
    const totp = await code;
    return this.post("/api/v1/auth/login", totp === undefined ? { username, password } : { username, password, totp });
  }
}

export interface TestServer {
  app: App;
  baseUrl: string;
  clock: Clock;
  /** Moves the security clock (idle sessions, lockouts) by this many minutes. */
  advanceSystemTime(minutes: number): void;
  client(): Client;
  /**
   * A code of `secret` the server has not seen for this account: the next unused step, moving the
   * security clock on by whole steps when the ±1 step window is used up (a code works once, RFC 6238).
   */
  freshCode(username: string, secret?: string): string;
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startServer(
  dialect: DialectName,
  overrides: Partial<AppConfig> = {},
  opts: { demo?: boolean; accreditationDemo?: boolean; filingDemo?: boolean; deliveryDemo?: boolean; supervisionDemo?: boolean } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-test-"));
  const pgSchema = dialect === "postgres" ? `t_${randomBytes(6).toString("hex")}` : undefined;
  if (pgSchema) await createPgSchema(process.env.TEST_DATABASE_URL!, pgSchema);
  let skew = 0;
  const clock = createClock({ testClock: overrides.testClock ?? true, systemNow: () => Date.now() + skew });
  const config = configFromEnv(
    { NODE_ENV: "test" },
    {
      dataDir,
      databaseUrl: dialect === "postgres" ? process.env.TEST_DATABASE_URL : undefined,
      pgSchema,
      logLevel: "silent",
      scryptN: 1024, // the same algorithm, cheaper: hundreds of sign-ins per suite
      objectionRateLimit: { max: 1000, windowMs: 60_000 }, // suites file many objections from 127.0.0.1
      webDir: path.resolve("dist/web"),
      testClock: true,
      jobIntervalMs: 0, // suites run the scheduled jobs themselves (POST /api/v1/test/jobs/run)
      auditCheckpointMinutes: 0, // no checkpoints unless a suite tests them (platform/audit-seal.test.ts)
      ...overrides,
    },
  );
  const app = await buildApp(config, { clock });
  // Accounts and organizations always; the accreditation history only where a suite asks for it.
  if (opts.demo !== false) {
    const filing = opts.filingDemo ?? opts.deliveryDemo ?? false;
    const accreditation = opts.accreditationDemo ?? filing;
    await loadDemoData(app.platform, { accreditation, filing, delivery: opts.deliveryDemo ?? false, supervision: opts.supervisionDemo ?? false });
  }
  const address = await app.app.listen({ port: 0, host: "127.0.0.1" });
  businessClocks.set(address, clock);
  const lastSteps = new Map<string, number>();
  const freshCode = (username: string, secret = DEMO_TOTP_SECRET) => {
    const now = () => clock.systemNow();
    const step = Math.max(totpStep(now()), (lastSteps.get(username) ?? -1) + 1);
    const ahead = step - totpStep(now()) - 1;
    if (ahead > 0) skew += ahead * TOTP_STEP_SECONDS * 1000;
    lastSteps.set(username, step);
    return totpAt(secret, step * TOTP_STEP_SECONDS * 1000);
  };
  const codeFor = (username: string) => (opts.demo !== false && DEMO_TOTP_USERNAMES.has(username) ? freshCode(username) : undefined);
  const server: TestServer = {
    app,
    baseUrl: address,
    clock,
    advanceSystemTime(minutes) {
      skew += minutes * 60_000;
    },
    client: () => new Client(address, codeFor),
    freshCode,
    async as(username) {
      const c = new Client(address, codeFor);
      const res = await c.login(username);
      if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(res.body)}`);
      return c;
    },
    async close() {
      businessClocks.delete(address);
      await app.close();
      if (pgSchema) await dropPgSchema(process.env.TEST_DATABASE_URL!, pgSchema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

const businessClocks = new Map<string, Clock>();

/** The business clock of the in-process server a client talks to (fixtures that must act at a time of day). */
export function businessClockOf(c: Client): Clock {
  const clock = businessClocks.get(c.baseUrl);
  if (!clock) throw new Error(`no in-process server at ${c.baseUrl}`);
  return clock;
}

const signedInClients = new WeakMap<TestServer, Map<string, Promise<Client>>>();

/**
 * One signed-in client per server and account, for the administrators a suite only borrows (issue 10
 * item 9: the auditor reads the audit trail, the system administrator keeps the calendar and accounts).
 */
/** Runs a statement on the PostgreSQL server's maintenance connection (databases are created and dropped outside one). */
export async function onPgServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function signedIn(s: TestServer, username: string): Promise<Client> {
  let byUser = signedInClients.get(s);
  if (!byUser) signedInClients.set(s, (byUser = new Map()));
  let c = byUser.get(username);
  if (!c) byUser.set(username, (c = s.as(username)));
  return c;
}

/** Finds a demo organization or user id by a predicate on the bureau's lists. */
export async function idOf(bureau: Client, kind: "users" | "organizations", match: (row: any) => boolean): Promise<string> {
  const res = await bureau.get(`/api/v1/${kind}?pageSize=200`);
  const row = res.body.items.find(match);
  if (!row) throw new Error(`no ${kind} row matched`);
  return row.id;
}
