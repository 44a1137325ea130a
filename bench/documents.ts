// Benchmark of heavy documents (issue 10 item 5): one completed course of the delivery demo grown to
// BENCH_PEOPLE attendees over BENCH_SESSIONS sessions, each with a certificate, so that its archive ZIP
// (notice, curriculum, a sign-in sheet per session, a certificate PDF per person, two workbooks) is
// heavy. BENCH_PARALLEL archives are downloaded at once — by as many sessions of the base's staff, the
// per-user limit raised to match — while GET /api/v1/health is sampled every BENCH_SAMPLE_MS; printed: /health p50,
// p99 and max during the builds, and the time of one archive and of all of them. First inline
// (CEBASE_DOCUMENT_THREADS=0, the request thread draws everything: the old behaviour), then with the
// worker pool (CEBASE_DOCUMENT_THREADS, default from the CPU count). Prints figures; asserts nothing.
// Run: npm run bench:documents   (BENCH_PEOPLE 60, BENCH_SESSIONS 4, BENCH_PARALLEL 6; SQLite, or DATABASE_URL)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, type App } from "../src/server/app.js";
import { configFromEnv } from "../src/server/platform/config.js";
import { newId } from "../src/server/platform/ids.js";
import { loadDemoData } from "../src/server/demo/seed.js";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 60);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 4);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 6);
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 5);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-bench-documents-"));
const configOf = (documentThreads?: number) =>
  configFromEnv(
    { ...process.env, NODE_ENV: "test" },
    {
      dataDir,
      databaseUrl: process.env.DATABASE_URL,
      logLevel: "silent",
      webDir: undefined,
      scryptN: 1024,
      jobIntervalMs: 0,
      loginRateLimit: { max: 100_000, windowMs: 60_000 },
      documentJobsPerUser: PARALLEL,
      ...(documentThreads === undefined ? {} : { documentThreads }),
    },
  );

/** The demo's completed course of `base` with the most certificates, grown to PEOPLE attendees and SESSIONS sessions. */
async function growCourse(app: App): Promise<string> {
  const p = app.platform;
  const staff = await p.db.selectFrom("users").select(["id", "orgId"]).where("username", "=", "base").executeTakeFirstOrThrow();
  const course = await p.db
    .selectFrom("certificates")
    .innerJoin("trainingProjects as tp", "tp.id", "certificates.projectId")
    .innerJoin("bases", "bases.id", "tp.baseId")
    .select(["tp.id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("bases.hostOrgId", "=", staff.orgId)
    .groupBy("tp.id")
    .orderBy("n", "desc")
    .executeTakeFirstOrThrow();
  const template = await p.db.selectFrom("certificates").selectAll().where("projectId", "=", course.id).limit(1).executeTakeFirstOrThrow();
  const sessions = await p.db.selectFrom("projectSessions").selectAll().where("projectId", "=", course.id).orderBy("seq").execute();
  const now = p.clock.nowIso();
  await p.db.transaction().execute(async (trx) => {
    // more sessions, the same days and hours as the last one (the archive draws one sign-in sheet each)
    const last = sessions.at(-1)!;
    for (let seq = sessions.length; seq < SESSIONS; seq++) {
      const session = { ...last, id: newId(), seq, title: `${last.title}（续 ${seq - sessions.length + 1}）` };
      await trx.insertInto("projectSessions").values(session).execute();
      sessions.push(session);
    }
    const have = Number(course.n);
    for (let i = have; i < PEOPLE; i += 200) {
      const ids = Array.from({ length: Math.min(200, PEOPLE - i) }, () => newId());
      const name = (j: number) => `压测学员${String(i + j).padStart(4, "0")}`;
      await trx.insertInto("users").values(ids.map((id, j) => ({ id, username: `benchdoc${i + j}`, displayName: name(j), orgId: staff.orgId, passwordHash: "-", mustChangePassword: 0, failedLogins: 0, phone: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
      await trx.insertInto("userRoles").values(ids.map((userId) => ({ userId, role: "professional" }))).execute();
      await trx.insertInto("professionals").values(ids.map((id) => ({ id, employer: "威海市立医院", title: "工程师", specialty: "智能制造", createdBy: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
      await trx
        .insertInto("enrollments")
        .values(ids.map((id) => ({ id: newId(), projectId: course.id, professionalId: id, status: "enrolled", source: "staff", completed: 1, attendedSessions: sessions.length, createdBy: staff.id, createdAt: now, updatedAt: now, version: 1 })))
        .execute();
      for (const s of sessions) {
        await trx
          .insertInto("checkIns")
          .values(ids.map((id) => ({ id: newId(), sessionId: s.id, projectId: course.id, professionalId: id, method: "manual", reason: "压测", recordedBy: staff.id, checkedInAt: `${s.date}T01:00:00.000Z` })))
          .execute();
      }
      // certificates as printed: the template's signed content with each holder's name (print only, never verified here)
      const content = JSON.parse(template.payload);
      await trx
        .insertInto("certificates")
        .values(ids.map((id, j) => ({ ...template, id: newId(), serial: `${template.serial}-B${i + j}`, professionalId: id, payload: JSON.stringify({ ...content, holderName: name(j) }) })))
        .execute();
    }
  });
  return course.id;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "base", password: "Demo#2026" }) });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return /cebase_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")![0];
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))];

async function measure(label: string, documentThreads: number | undefined, courseId: string): Promise<void> {
  const app = await buildApp(configOf(documentThreads));
  const url = await app.app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const cookies = await Promise.all(Array.from({ length: PARALLEL }, () => signIn(url)));
    const archive = async (cookie: string) => {
      const t = performance.now();
      const res = await fetch(`${url}/api/v1/training-projects/${courseId}/archive.zip`, { headers: { cookie } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`archive: ${res.status}`);
      return { ms: performance.now() - t, bytes };
    };
    const one = await archive(cookies[0]); // warms the pool (threads start, fonts load) and measures one
    console.log(`${label}: one archive ${(one.ms / 1000).toFixed(2)} s (${(one.bytes / 1024 / 1024).toFixed(1)} MB); now ${PARALLEL} at once…`);
    const health: number[] = [];
    let building = true;
    const sampler = (async () => {
      while (building) {
        const t = performance.now();
        const res = await fetch(`${url}/api/v1/health`);
        await res.arrayBuffer();
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();
    const t = performance.now();
    const all = await Promise.all(cookies.map(archive));
    const wall = performance.now() - t;
    building = false;
    await sampler;
    const s = [...health].sort((a, b) => a - b);
    const threads = app.platform.config.documentThreads;
    console.log(
      `${label.padEnd(28)} one archive ${(one.ms / 1000).toFixed(2)} s  ${PARALLEL} at once: all done in ${(wall / 1000).toFixed(2)} s, slowest ${(Math.max(...all.map((a) => a.ms)) / 1000).toFixed(2)} s  ` +
        `/health n=${s.length} p50=${pct(s, 50).toFixed(1)} ms p99=${pct(s, 99).toFixed(1)} ms max=${pct(s, 100).toFixed(1)} ms` +
        (threads > 0 ? `  (${threads} worker threads)` : ""),
    );
  } finally {
    await app.close();
  }
}

const seedStart = performance.now();
const seeding = await buildApp(configOf(0));
await loadDemoData(seeding.platform, { accreditation: true, filing: true, delivery: true });
const courseId = await growCourse(seeding);
await seeding.close();
console.log(
  `seeded the delivery demo and grew one course to ${PEOPLE} attendees × ${SESSIONS} sessions in ${((performance.now() - seedStart) / 1000).toFixed(1)} s ` +
    `(${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite"}, ${os.availableParallelism()} CPUs)`,
);
await measure("before: inline (threads 0)", 0, courseId);
await measure("after: worker pool", process.env.CEBASE_DOCUMENT_THREADS ? Number(process.env.CEBASE_DOCUMENT_THREADS) : undefined, courseId);
fs.rmSync(dataDir, { recursive: true, force: true });
