// Benchmark of supervision at a large base (第十八条, 第十九条): a base with BENCH_PROJECTS filed courses
// still to start, the first with BENCH_BIG enrolled people (an online course for a whole sector) and
// each other with BENCH_EACH, on a fresh SQLite (or DATABASE_URL) database. Measures, over HTTP as the
// demo accounts: the bureau's home work list, the unit's inspection draft prefilled with the year's facts,
// the revocation preview, and the revocation itself — one transaction that withdraws every course, cancels
// every enrolment (each audited) and notifies every person. Prints figures; asserts nothing.
// Run: npm run bench:supervision   (BENCH_BIG 5000, BENCH_EACH 500, BENCH_PROJECTS 10)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/server/app.js";
import { addDays } from "../src/server/platform/calendar.js";
import { configFromEnv } from "../src/server/platform/config.js";
import { newId } from "../src/server/platform/ids.js";
import { loadDemoData } from "../src/server/demo/seed.js";
import { demoCode } from "../test/support/demo-code.js";

const BIG = Number(process.env.BENCH_BIG ?? 5000);
const EACH = Number(process.env.BENCH_EACH ?? 500);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-bench-supervision-"));
const config = configFromEnv({ NODE_ENV: "test" }, { dataDir, databaseUrl: process.env.DATABASE_URL, logLevel: "silent", webDir: undefined, scryptN: 1024, jobIntervalMs: 0 });
const app = await buildApp(config);
const p = app.platform;
await loadDemoData(p, { accreditation: false, filing: false });

// The fixtures go straight to the database: this measures supervision, not enrolment.
const today = p.clock.today();
const now = p.clock.nowIso();
const user = (username: string) => p.db.selectFrom("users").select(["id", "orgId"]).where("username", "=", username).executeTakeFirstOrThrow();
const [staff, supervisor] = await Promise.all([user("base"), user("supervisor")]);
const baseId = newId();
const seedStart = performance.now();
let people = 0;
await p.db.transaction().execute(async (trx) => {
  await trx
    .insertInto("bases")
    .values({ id: baseId, applicationId: null, hostOrgId: staff.orgId, supervisorOrgId: supervisor.orgId, name: "压测继续教育基地", decisionNo: "威人社发〔2025〕1号", decisionDate: "2025-06-09", plaqueSerial: "BENCH-1", specialtyFields: "[]", district: "环翠区", status: "active", createdAt: now, updatedAt: now, version: 1 })
    .execute();
  for (let k = 0; k < PROJECTS; k++) {
    const projectId = newId();
    const start = addDays(today, 20 + k);
    await trx
      .insertInto("trainingProjects")
      .values({
        id: projectId,
        baseId,
        annualPlanId: null,
        planItemKey: null,
        adHoc: 1,
        adHocReason: "压测",
        status: "filed",
        title: `智能制造专题培训 ${k + 1}（压测）`,
        subjectType: "professional",
        specialty: "智能制造",
        startDate: start,
        endDate: start,
        hours: 6,
        mode: k === 0 ? "online" : "offline",
        venue: "报告厅",
        capacity: k === 0 ? BIG : EACH,
        feeFen: 0,
        teachers: "[]",
        description: "压测项目",
        filingNo: `威继教备〔压测〕${k + 1}号`,
        filedAt: now,
        concludedAt: null,
        concludedBy: null,
        createdBy: staff.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    const n = k === 0 ? BIG : EACH;
    for (let i = 0; i < n; i += 500) {
      const ids = Array.from({ length: Math.min(500, n - i) }, () => newId());
      await trx.insertInto("users").values(ids.map((id, j) => ({ id, username: `bench${people + j}`, displayName: `学员${people + j}`, orgId: staff.orgId, passwordHash: "-", mustChangePassword: 0, failedLogins: 0, phone: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
      await trx.insertInto("userRoles").values(ids.map((userId) => ({ userId, role: "professional" }))).execute();
      await trx.insertInto("professionals").values(ids.map((id) => ({ id, employer: "威海市立医院", title: "工程师", specialty: "智能制造", createdBy: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
      await trx
        .insertInto("enrollments")
        .values(ids.map((id) => ({ id: newId(), projectId, professionalId: id, status: "enrolled", source: "self", completed: null, attendedSessions: null, createdBy: id, createdAt: now, updatedAt: now, version: 1 })))
        .execute();
      people += ids.length;
    }
  }
});
console.log(`seeded ${PROJECTS} courses, ${people} enrolled people in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite"})`);

const url = await app.app.listen({ port: 0, host: "127.0.0.1" });
async function signIn(username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "Demo#2026", totp: await demoCode(username) }) });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = /cebase_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")![0];
  return (method: string, route: string, body?: unknown) =>
    fetch(`${url}${route}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

function stats(label: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const pct = (q: number) => s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))].toFixed(1);
  console.log(`${label.padEnd(44)} n=${String(ms.length).padStart(3)}  p50=${pct(50)} ms  p95=${pct(95)} ms  max=${pct(100)} ms`);
}
async function timed(label: string, n: number, fn: () => Promise<Response>, expect: number): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fn();
    const text = await res.text();
    ms.push(performance.now() - t);
    if (res.status !== expect) throw new Error(`${label}: ${res.status} ${text.slice(0, 300)}`);
  }
  stats(label, ms);
}

const bureau = await signIn("bureau");
const unit = await signIn("supervisor");
await timed("GET /work-items (bureau's home)", 50, () => bureau("GET", "/api/v1/work-items"), 200);
await timed("GET /inspections/candidates (unit)", 50, () => unit("GET", `/api/v1/inspections/candidates?year=${today.slice(0, 4)}`), 200);
await timed("POST /inspections (draft with the year's facts)", 1, () => unit("POST", "/api/v1/inspections", { baseId, year: Number(today.slice(0, 4)) }), 201);
await timed("GET /bases/:id/revocation-preview", 20, () => bureau("GET", `/api/v1/bases/${baseId}/revocation-preview`), 200);
const t = performance.now();
const res = await bureau("POST", `/api/v1/bases/${baseId}/actions/revoke`, { reason: "压测：年度综合评估不合格", basis: "《威海市专业技术人员继续教育基地管理办法》第十九条" });
const outcome = (await res.json()) as { withdrawnProjectIds?: string[]; notifiedCount?: number; error?: unknown };
if (res.status !== 200) throw new Error(`revoke: ${res.status} ${JSON.stringify(outcome).slice(0, 300)}`);
console.log(
  `${"POST /bases/:id/actions/revoke".padEnd(44)} ${(performance.now() - t).toFixed(0)} ms: ${outcome.withdrawnProjectIds?.length} courses withdrawn, ${outcome.notifiedCount} people notified, one transaction`,
);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
