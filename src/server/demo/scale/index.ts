// `cebase seed:scale` (issue 13 item 1): a synthetic province in the configured database, for the
// benchmark. Demo data first when the database is empty (its accounts sign the bench in), then the
// province in chunks of people, each chunk one transaction of multi-row inserts; one audit entry at the
// end keeps the chain whole. The same seed gives the same people and ID numbers.
import { sql } from "kysely";
import { appendAudit } from "../../platform/audit.js";
import type { Ctx, Platform } from "../../platform/context.js";
import { hashPassword } from "../../platform/passwords.js";
import { ensureBaselineSurveyForm } from "../../modules/delivery/survey.js";
import { DEMO_PASSWORD, isDatabaseEmpty, loadDemoData } from "../seed.js";
import { writeManifest, type ScaleManifest } from "./manifest.js";
import { idNumberOfPerson, TABLE_ORDER, usernameOf, type PeopleSpec } from "./people.js";
import { startGenerator, type Generator } from "./generator.js";
import { writeProvince, type Province, type ScaleProject } from "./province.js";
import { idMaker, seeded } from "./random.js";
import { insertRows } from "./insert.js";
import { buildIndexes, dropIndexes, secondaryIndexes } from "./indexes.js";
import { progressBar } from "./progress.js";

export interface ScaleOptions {
  professionals: number;
  years: number;
  seed: number;
  /** projects a year (~4,000 in a province) */
  projectsPerYear?: number;
  /** progress on stderr */
  progress?: boolean;
}

/** People per transaction: ~20 rows each, so ~10,000 rows a commit. */
const CHUNK = 500;
const BIG_PROJECT_MAX = 50_000;
const CHECK_IN_PEOPLE = 2_000;

export class ScaleAlreadySeeded extends Error {}

/** Load-time settings: SQLite skips fsync and foreign-key checks (the generator's rows are consistent by construction). */
async function loadSettings(p: Platform, on: boolean): Promise<void> {
  if (p.dialect !== "sqlite") {
    // fresh statistics for the planner: the tables grew a thousandfold
    if (!on) await sql`analyze`.execute(p.db);
    return;
  }
  if (on) {
    await sql`pragma foreign_keys = OFF`.execute(p.db);
    await sql`pragma synchronous = OFF`.execute(p.db);
    await sql`pragma cache_size = -1048576`.execute(p.db);
  } else {
    await sql`pragma foreign_keys = ON`.execute(p.db);
    await sql`pragma synchronous = FULL`.execute(p.db);
    await sql`pragma cache_size = -2000`.execute(p.db);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(p.db);
  }
}

/** Each year's certificate sequence (the platform's `certificate:<year>`) so far. */
async function certificateLast(p: Platform, years: number[]): Promise<Record<string, number>> {
  const rows = await p.db.selectFrom("numberSequences").select(["name", "lastValue"]).where("name", "in", years.map((y) => `certificate:${y}`)).execute();
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.lastValue)]));
}

async function saveSequences(p: Platform, last: Record<string, number>): Promise<void> {
  for (const [name, lastValue] of Object.entries(last)) {
    await p.db.insertInto("numberSequences").values({ name, lastValue }).onConflict((oc) => oc.column("name").doUpdateSet({ lastValue })).execute();
  }
}

async function surveyForms(p: Platform) {
  await ensureBaselineSurveyForm(p);
  return p.db.selectFrom("surveyForms").select(["id", "effectiveFrom"]).orderBy("effectiveFrom").execute();
}

/**
 * The people, a chunk a transaction, in order: the generator thread prepares the next chunk while this
 * one is written. Answers what the manifest tells of them and the certificate numbers used.
 */
async function writePeople(p: Platform, gen: Generator, province: Province, opts: ScaleOptions, certificateLast: Record<string, number>, count: (table: string, n: number) => void) {
  const out = { serials: [] as string[], bigEnrolled: 0, checkInEnrolled: 0, certificateLast };
  const bar = progressBar(opts.professionals, opts.progress ?? false);
  const chunkAt = (from: number) => (from < opts.professionals ? gen.chunk(from, Math.min(opts.professionals, from + CHUNK)) : null);
  let next = chunkAt(0);
  for (let from = 0; next; from += CHUNK) {
    const { rows, certificateLast: seen } = await next;
    next = chunkAt(from + CHUNK);
    out.certificateLast = seen;
    let written = 0;
    await p.db.transaction().execute(async (trx) => {
      for (const table of TABLE_ORDER) written += await insertRows(trx, table, rows[table]);
    });
    for (const table of TABLE_ORDER) count(table, rows[table].length);
    if (out.serials.length < 20) out.serials.push(...rows.certificates.filter((c) => c.projectId !== province.bigProject.id).slice(0, 2).map((c) => c.serial));
    out.bigEnrolled += rows.enrollments.filter((e) => e.projectId === province.bigProject.id).length;
    out.checkInEnrolled += rows.enrollments.filter((e) => e.projectId === province.checkInProject.id).length;
    bar.tick(Math.min(opts.professionals, from + CHUNK), written);
  }
  bar.done();
  return out;
}

/** The staff account of the base that runs the course (province.ts chooses the base). */
function staffOf(province: Province, project: ScaleProject): string {
  return province.bases.find((b) => b.name === project.baseName)!.staffUsername;
}

export async function seedScale(p: Platform, opts: ScaleOptions): Promise<ScaleManifest> {
  const began = Date.now();
  const seconds: Record<string, number> = {};
  const lap = (phase: string, since: number) => (seconds[phase] = Math.round((Date.now() - since) / 100) / 10);
  if (await isDatabaseEmpty(p)) {
    await loadDemoData(p);
    lap("demo", began);
  }
  if (await p.db.selectFrom("users").select("id").where("username", "=", usernameOf(0)).executeTakeFirst()) {
    throw new ScaleAlreadySeeded(`scale data is already in this database (${usernameOf(0)} exists): seed:scale loads a province once`);
  }
  const startMs = Date.now();
  const now = p.clock.nowIso();
  const rand = seeded(opts.seed);
  const id = idMaker(seeded(opts.seed ^ 0x5eed), startMs);
  // One scrypt for every generated account: the same password, hashed once.
  const passwordHash = await hashPassword(DEMO_PASSWORD, p.config.scryptN);
  const bureau = await p.db.selectFrom("organizations").select("id").where("type", "=", "bureau").orderBy("createdAt").executeTakeFirstOrThrow();
  const thisYear = Number(p.clock.today().slice(0, 4));
  const years = Array.from({ length: opts.years }, (_, k) => thisYear - opts.years + 1 + k);
  const bigSize = Math.min(Math.floor(opts.professionals / 2), BIG_PROJECT_MAX);
  const checkInSize = Math.min(opts.professionals, CHECK_IN_PEOPLE);
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);

  const indexes = await secondaryIndexes(p);
  await loadSettings(p, true);
  await dropIndexes(p, indexes);
  let generator: Generator | undefined;
  try {
    const province = await p.db.transaction().execute((trx) =>
      writeProvince(trx, { p, rand, id, now, passwordHash, bureauOrgId: bureau.id }, { years: opts.years, perYear: opts.projectsPerYear ?? 4000, professionals: opts.professionals, bigSize, checkInSize }),
    );
    const spec: PeopleSpec = {
      seed: opts.seed, today: p.clock.today(), now, passwordHash, province, years,
      bigStride: Math.max(1, Math.floor(opts.professionals / Math.max(bigSize, 1))), bigSize,
      checkInStride: Math.max(1, Math.floor(opts.professionals / Math.max(checkInSize, 1))), checkInSize,
      forms: await surveyForms(p),
      certificateLast: await certificateLast(p, [...years, thisYear + 1]),
    };
    const gen = (generator = startGenerator({ spec, startMs: startMs + 60_000, secrets: { dataDir: p.config.dataDir, secretKey: p.config.secretKey, signing: p.secrets.signingVersion, sealing: p.secrets.sealingVersion } }));
    const written = await writePeople(p, gen, province, opts, spec.certificateLast, count);
    lap("load", startMs);
    await saveSequences(p, written.certificateLast);
    process.stderr.write(opts.progress ? `building ${indexes.length} indexes…\n` : "");
    const indexing = Date.now();
    await buildIndexes(p, indexes);
    indexes.length = 0;
    lap("indexes", indexing);
    count("organizations", 16 * (1 + 8 + 13));
    count("bases", province.bases.length);
    count("feeStandards", province.bases.length * 2);
    count("users", province.bases.length); // one staff account a base
    count("userRoles", province.bases.length);
    count("trainingProjects", province.projects.length + 3);
    count("projectSessions", [...province.projects, province.bigProject, province.checkInProject, province.importProject].reduce((n, x) => n + x.sessions.length, 0));

    const ctx: Ctx = { ...p, actor: null, ip: null };
    await p.db.transaction().execute((trx) =>
      appendAudit(trx, ctx, { action: "scale.seeded", resourceType: "system", resourceId: null, detail: { seed: opts.seed, professionals: opts.professionals, years: opts.years, counts } }),
    );
    const sample = (k: number) => Math.min(opts.professionals - 1, Math.floor((opts.professionals / 10) * k));
    const samplePeople = Array.from({ length: Math.min(10, opts.professionals) }, (_, k) => sample(k));
    const names = await p.db.selectFrom("users").select("displayName").where("username", "in", samplePeople.map(usernameOf)).execute();
    const checkInPeople = Array.from({ length: Math.min(10, checkInSize) }, (_, k) => k * spec.checkInStride + (1 % spec.checkInStride));
    const manifest: ScaleManifest = {
      seed: opts.seed,
      professionals: opts.professionals,
      years: opts.years,
      dialect: p.dialect,
      createdAt: new Date().toISOString(),
      password: DEMO_PASSWORD,
      counts,
      seconds,
      bigProjectId: province.bigProject.id,
      bigProjectEnrolled: written.bigEnrolled,
      checkInProjectId: province.checkInProject.id,
      checkInSessionId: province.checkInProject.sessions[0].id,
      checkInSessionIds: province.checkInProject.sessions.map((s) => s.id),
      checkInSessionDates: province.checkInProject.sessions.map((s) => s.date),
      checkInEnrolled: written.checkInEnrolled,
      checkInStaffUsername: staffOf(province, province.checkInProject),
      checkInUsernames: checkInPeople.map(usernameOf),
      certificateSerials: written.serials.slice(0, 10),
      usernames: samplePeople.map(usernameOf),
      names: [...new Set(names.map((n) => n.displayName))],
      idNumbers: samplePeople.map((i) => idNumberOfPerson(spec, i)),
      projectKeywords: ["数字孪生", "急诊急救", "装配式建筑", "网络安全", "碳达峰"],
      missingKeyword: "量子引力波",
      importProjectId: province.importProject.id,
      importStaffUsername: staffOf(province, province.importProject),
    };
    writeManifest(p.config.dataDir, manifest);
    return manifest;
  } finally {
    await generator?.terminate();
    // a failed load still leaves every index in place
    await buildIndexes(p, indexes);
    await loadSettings(p, false);
  }
}
