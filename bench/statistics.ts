// Benchmark of the dashboard (issue 12 item 2): BENCH_PEOPLE professionals with two learning entries each
// in the year, BENCH_BASES bases with BENCH_PROJECTS filed projects each spread over the year and the last,
// BENCH_ENROL enrolments per project, on a fresh SQLite (or DATABASE_URL) database. Measures the bureau's
// GET /statistics/overview (the city, with compliance over every professional) and a supervising unit's,
// sequentially over HTTP. Prints figures; asserts nothing.
// Run: npm run bench:statistics   (BENCH_PEOPLE 100000, BENCH_BASES 20, BENCH_PROJECTS 60, BENCH_ENROL 50)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/server/app.js";
import { configFromEnv } from "../src/server/platform/config.js";
import { newId } from "../src/server/platform/ids.js";
import { loadDemoData } from "../src/server/demo/seed.js";
import { demoCode } from "../test/support/demo-code.js";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const BASES = Number(process.env.BENCH_BASES ?? 20);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 60);
const ENROL = Number(process.env.BENCH_ENROL ?? 50);
const CHUNK = 500;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-bench-statistics-"));
const config = configFromEnv({ NODE_ENV: "test" }, { dataDir, databaseUrl: process.env.DATABASE_URL, logLevel: "silent", webDir: undefined, scryptN: 1024, jobIntervalMs: 0 });
const app = await buildApp(config);
const p = app.platform;
await loadDemoData(p, { accreditation: false, filing: false });

const year = Number(p.clock.today().slice(0, 4));
const now = p.clock.nowIso();
const user = (username: string) => p.db.selectFrom("users").select(["id", "orgId"]).where("username", "=", username).executeTakeFirstOrThrow();
const [staff, supervisor, supervisor2] = await Promise.all([user("base"), user("supervisor"), user("supervisor2")]);
const SPECIALTIES = ["智能制造", "海洋工程", "卫生健康", "护理", "教育", "农业"];
const DISTRICTS = ["环翠区", "文登区", "荣成市", "乳山市"];
const seedStart = performance.now();

const people: string[] = [];
for (let i = 0; i < PEOPLE; i += CHUNK) {
  await p.db.transaction().execute(async (trx) => {
    const ids = Array.from({ length: Math.min(CHUNK, PEOPLE - i) }, () => newId());
    await trx.insertInto("users").values(ids.map((id, j) => ({ id, username: `bench${i + j}`, displayName: `学员${i + j}`, orgId: staff.orgId, passwordHash: "-", mustChangePassword: 0, failedLogins: 0, phone: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
    await trx.insertInto("userRoles").values(ids.map((userId) => ({ userId, role: "professional" }))).execute();
    await trx
      .insertInto("professionals")
      .values(ids.map((id, j) => ({ id, employer: `单位${(i + j) % 500}`, title: "工程师", specialty: SPECIALTIES[(i + j) % SPECIALTIES.length], createdBy: null, createdAt: now, updatedAt: now, version: 1 })))
      .execute();
    const entry = (id: string, j: number, subjectType: string, hours: number) => ({
      id: newId(), professionalId: id, year, source: "online", subjectType, hours, title: "在线学习", earnedOn: `${year}-03-01`, days: "{}", projectId: null, certificateId: null, declarationId: null, status: "counted", revokedAt: null, revokedReason: null, createdAt: now,
    });
    await trx.insertInto("learningEntries").values(ids.flatMap((id, j) => [entry(id, j, "professional", 40 + ((i + j) % 30)), entry(id, j, "general", 20 + ((i + j) % 15))])).execute();
    people.push(...ids);
  });
}
for (let b = 0; b < BASES; b++) {
  await p.db.transaction().execute(async (trx) => {
    const baseId = newId();
    await trx
      .insertInto("bases")
      .values({ id: baseId, applicationId: null, hostOrgId: staff.orgId, supervisorOrgId: b % 2 ? supervisor2.orgId : supervisor.orgId, name: `压测基地${b + 1}`, decisionNo: `威人社发〔2025〕${b + 1}号`, decisionDate: "2025-06-09", plaqueSerial: `BENCH-${b}`, specialtyFields: JSON.stringify([SPECIALTIES[b % 6], SPECIALTIES[(b + 1) % 6]]), district: DISTRICTS[b % 4], status: "active", createdAt: now, updatedAt: now, version: 1 })
      .execute();
    for (let k = 0; k < PROJECTS; k++) {
      const projectId = newId();
      const start = `${year - (k % 2)}-${String((k % 12) + 1).padStart(2, "0")}-10`;
      await trx
        .insertInto("trainingProjects")
        .values({ id: projectId, baseId, annualPlanId: null, planItemKey: null, adHoc: 1, adHocReason: "压测", status: "completed", title: `压测项目${k}`, subjectType: "professional", category: "other", specialty: SPECIALTIES[k % 6], startDate: start, endDate: start, hours: 6, mode: "offline", venue: "报告厅", capacity: ENROL, feeFen: 20000, teachers: "[]", description: "压测", filingNo: `压测${b}-${k}`, filedAt: now, concludedAt: now, concludedBy: null, createdBy: staff.id, createdAt: now, updatedAt: now, version: 1 })
        .execute();
      const who = Array.from({ length: ENROL }, (_, e) => people[(b * PROJECTS * ENROL + k * ENROL + e) % people.length]);
      await trx.insertInto("enrollments").values(who.map((id) => ({ id: newId(), projectId, professionalId: id, status: "enrolled", source: "staff", completed: 1, attendedSessions: 1, createdBy: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
    }
  });
}
console.log(`seeded ${PEOPLE} professionals (${PEOPLE * 2} entries), ${BASES} bases × ${PROJECTS} projects × ${ENROL} enrolled in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite"})`);

const url = await app.app.listen({ port: 0, host: "127.0.0.1" });
async function signIn(username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "Demo#2026", totp: await demoCode(username) }) });
  const cookie = /cebase_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")![0];
  return (route: string) => fetch(`${url}${route}`, { headers: { cookie } });
}

async function timed(label: string, n: number, fn: () => Promise<Response>): Promise<void> {
  const ms: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fn();
    const text = await res.text();
    ms.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${label}: ${res.status} ${text.slice(0, 300)}`);
  }
  const s = [...ms].sort((a, b) => a - b);
  const pct = (q: number) => s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))].toFixed(1);
  const rps = (n / ((performance.now() - start) / 1000)).toFixed(1);
  console.log(`${label.padEnd(48)} n=${String(n).padStart(3)}  ${rps} req/s  p50=${pct(50)} ms  p99=${pct(99)} ms`);
}

const bureau = await signIn("bureau");
const unit = await signIn("supervisor");
await timed("GET /statistics/overview (bureau, city)", 20, () => bureau(`/api/v1/statistics/overview?year=${year}`));
await timed("GET /statistics/overview (bureau, one specialty)", 20, () => bureau(`/api/v1/statistics/overview?year=${year}&specialty=${encodeURIComponent("护理")}`));
await timed("GET /statistics/overview (supervising unit)", 20, () => unit(`/api/v1/statistics/overview?year=${year}`));
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
