// Benchmark of the foundation's hot paths on a fresh SQLite (or DATABASE_URL) database with demo
// data: sign-in (scrypt at production cost), an authenticated paged list, and audit appends.
// Prints figures; asserts nothing. Run: npm run bench:api
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/server/app.js";
import { appendAudit } from "../src/server/platform/audit.js";
import { configFromEnv } from "../src/server/platform/config.js";
import { loadDemoData } from "../src/server/demo/seed.js";
import { demoCode } from "../test/support/demo-code.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-bench-"));
const app = await buildApp(configFromEnv({ NODE_ENV: "test" }, { dataDir, databaseUrl: process.env.DATABASE_URL, logLevel: "silent", webDir: undefined }));
await loadDemoData(app.platform);
const base = await app.app.listen({ port: 0, host: "127.0.0.1" });

function stats(label: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const pct = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2);
  const total = ms.reduce((a, b) => a + b, 0);
  console.log(`${label.padEnd(34)} n=${String(ms.length).padStart(5)}  p50=${pct(50)} ms  p95=${pct(95)} ms  max=${pct(100)} ms  ${(ms.length / (total / 1000)).toFixed(0)} req/s (serial)`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

// The base's account signs in with a password alone; the bureau's needs its second factor (a code works once).
const login = async (username = "base") =>
  fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "Demo#2026", totp: await demoCode(username) }) });

const logins: number[] = [];
for (let i = 0; i < 20; i++) logins.push(await timed(() => login()));
stats("POST /auth/login (scrypt N=2^15)", logins);

/** A signed-in reader; a refused read stops the bench rather than timing the refusal. */
async function reader(username: string) {
  const res = await login(username);
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = /cebase_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")![0];
  return async (url: string) => {
    const r = await fetch(`${base}${url}`, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

const bureau = await reader("bureau");
const lists: number[] = [];
for (let i = 0; i < 500; i++) lists.push(await timed(() => bureau("/api/v1/users?role=expert")));
stats("GET /users?role=expert", lists);

// issue 10 item 9: the audit trail is the audit administrator's to read
const auditor = await reader("auditor");
const audits: number[] = [];
for (let i = 0; i < 500; i++) audits.push(await timed(() => auditor("/api/v1/audit-events?pageSize=20")));
stats("GET /audit-events?pageSize=20", audits);

const ctx = { ...app.platform, actor: null, ip: null };
const appends: number[] = [];
for (let i = 0; i < 2000; i++) appends.push(await timed(() => app.platform.db.transaction().execute((trx) => appendAudit(trx, ctx, { action: "bench", resourceType: "bench" }))));
stats("appendAudit (one transaction each)", appends);

const t = performance.now();
const verdict = await (await import("../src/server/platform/audit.js")).verifyAuditChain(app.platform);
console.log(`verifyAuditChain                   ${verdict.checked} entries in ${(performance.now() - t).toFixed(0)} ms, intact=${verdict.intact}`);
console.log(`database: ${app.platform.dialect}, node ${process.version}, ${os.cpus().length} cores`);

await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
