// Issue 13 item 1: `cebase seed:scale` fills a database with a synthetic province the benchmark reads:
// the rows match the manifest and the numbers asked for, ID numbers are valid and sealed as the platform
// seals them, the accounts sign in, certificates verify, check-ins work, the seed decides the people,
// the audit chain stays whole, and a second run refuses.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidIdNumber, maskIdNumber } from "../../src/shared/identifiers.js";
import { CHECK_IN_CODE_SECONDS } from "../../src/shared/delivery.js";
import { auditTrailOf, verifyAuditChain } from "../../src/server/platform/audit.js";
import { checkInToken } from "../../src/server/modules/delivery/checkins.js";
import { seedScale, ScaleAlreadySeeded } from "../../src/server/demo/scale/index.js";
import type { ScaleManifest } from "../../src/server/demo/scale/manifest.js";
import type { Platform } from "../../src/server/platform/context.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";

const PROFESSIONALS = 300;
const options = { professionals: PROFESSIONALS, years: 1, seed: 7, projectsPerYear: 400 };

/** The generated people's ID numbers, opened, in username order. */
async function idNumbersOf(p: Platform): Promise<string[]> {
  const rows = await p.db.selectFrom("users").select(["idNumberEnc"]).where("username", "like", "sp%").orderBy("username").execute();
  return rows.map((r) => p.secrets.decrypt(r.idNumberEnc!));
}

const countOf = async (p: Platform, table: "enrollments" | "checkIns" | "certificates" | "learningEntries" | "surveyResponses") =>
  Number(
    (
      await p.db
        .selectFrom(table)
        .innerJoin("users", "users.id", `${table}.professionalId` as never)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("users.username", "like", "sp%")
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(dialects)("seed:scale (%s)", { timeout: 300_000 }, (dialect) => {
  let s: TestServer;
  let m: ScaleManifest;
  beforeAll(async () => {
    s = await startServer(dialect);
    m = await seedScale(s.app.platform, options);
  }, 300_000);
  afterAll(() => s?.close());

  it("writes as many people as asked, with the rows the manifest counts", async () => {
    const p = s.app.platform;
    const people = await p.db.selectFrom("users").innerJoin("professionals", "professionals.id", "users.id").select("users.id").where("username", "like", "sp%").execute();
    expect(people).toHaveLength(PROFESSIONALS);
    expect(m.counts.professionals).toBe(PROFESSIONALS);
    for (const table of ["enrollments", "checkIns", "certificates", "learningEntries", "surveyResponses"] as const) {
      expect(await countOf(p, table), table).toBe(m.counts[table]);
    }
    expect(m.counts.learningEntries / PROFESSIONALS).toBeGreaterThan(6);
    expect(m.counts.trainingProjects).toBe(403); // 400 a year, the big course, the check-in course and the import course
    expect(Number((await p.db.selectFrom("bases").select((eb) => eb.fn.countAll<number>().as("n")).where("plaqueSerial", "like", "JDS%").executeTakeFirstOrThrow()).n)).toBe(m.counts.bases);
    expect(JSON.parse(fs.readFileSync(path.join(p.config.dataDir, "scale-manifest.json"), "utf8"))).toEqual(m);
  });

  it("gives everyone a valid ID number, sealed, hashed and masked as the platform does", async () => {
    const p = s.app.platform;
    const rows = await p.db.selectFrom("users").select(["idNumberEnc", "idNumberHash", "idNumberMasked", "phoneEnc", "phoneMasked"]).where("username", "like", "sp%").execute();
    const numbers = rows.map((r) => p.secrets.decrypt(r.idNumberEnc!));
    expect(new Set(numbers).size).toBe(PROFESSIONALS);
    rows.forEach((r, i) => {
      expect(isValidIdNumber(numbers[i], p.clock.today())).toBe(true);
      expect(r.idNumberHash).toBe(p.secrets.lookupHash(numbers[i]));
      expect(r.idNumberMasked).toBe(maskIdNumber(numbers[i]));
      expect(p.secrets.decrypt(r.phoneEnc!)).toMatch(/^1[3-9]\d{9}$/);
    });
    expect(m.idNumbers.every((n) => numbers.includes(n))).toBe(true);
  });

  it("lets a generated professional sign in and read the hours the generator wrote", async () => {
    const p = s.app.platform;
    const username = m.usernames[1];
    const me = await s.as(username);
    const user = await p.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow();
    const entries = await p.db.selectFrom("learningEntries").select(["year", "hours"]).where("professionalId", "=", user.id).where("status", "=", "counted").execute();
    expect(entries.length).toBeGreaterThan(0);
    const year = entries[0].year;
    const res = await me.get(`/api/v1/me/learning-record?year=${year}`);
    expect(res.status).toBe(200);
    const written = entries.filter((e) => e.year === year).reduce((sum, e) => sum + e.hours, 0);
    expect(res.body.totalHours).toBe(written);
    expect(res.body.entries.filter((e: { status: string }) => e.status === "counted")).toHaveLength(entries.filter((e) => e.year === year).length);
  });

  it("signs certificates so that the public verification route finds them genuine", async () => {
    expect(m.certificateSerials.length).toBeGreaterThan(0);
    for (const serial of m.certificateSerials.slice(0, 3)) {
      const res = await s.client().get(`/api/v1/public/certificates/${encodeURIComponent(serial)}`);
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(true);
    }
  });

  it("enrols half the people in the big course and opens today's session to people not yet checked in", async () => {
    const p = s.app.platform;
    expect(m.bigProjectEnrolled).toBe(PROFESSIONALS / 2);
    const enrolled = await p.db.selectFrom("enrollments").select("professionalId").where("projectId", "=", m.checkInProjectId).execute();
    expect(enrolled).toHaveLength(m.checkInEnrolled);
    expect(m.checkInEnrolled).toBe(PROFESSIONALS);
    expect(await p.db.selectFrom("checkIns").select("id").where("projectId", "=", m.checkInProjectId).execute()).toHaveLength(0);
    expect(m.checkInSessionDates[0]).toBe(p.clock.today());
    const person = await s.as(m.checkInUsernames[0]);
    const token = checkInToken(p.secrets, m.checkInSessionId, Math.floor(p.clock.now().getTime() / (CHECK_IN_CODE_SECONDS * 1000)));
    const res = await person.post("/api/v1/check-ins", { token });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(res.body.repeated).toBe(false);
    const staff = await s.as(m.checkInStaffUsername);
    expect((await staff.get(`/api/v1/training-projects/${m.checkInProjectId}/sessions/${m.checkInSessionId}/check-in-code`)).status).toBe(200);
  });

  it("readies a filed course a month ahead with room for the bench's import of 50,000, none enrolled, its base's staff in charge", async () => {
    const p = s.app.platform;
    const staff = await s.as(m.importStaffUsername);
    const res = await staff.get(`/api/v1/training-projects/${m.importProjectId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("filed");
    expect(res.body.capacity).toBeGreaterThanOrEqual(50_000);
    expect(res.body.startDate > p.clock.today()).toBe(true);
    expect(await p.db.selectFrom("enrollments").select("id").where("projectId", "=", m.importProjectId).execute()).toHaveLength(0);
  });

  it("keeps the audit chain whole with one entry for the load", async () => {
    const p = s.app.platform;
    const v = await verifyAuditChain(auditTrailOf(p));
    expect(v.intact).toBe(true);
    const entries = await p.db.selectFrom("auditEvents").select("detail").where("action", "=", "scale.seeded").execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].detail).professionals).toBe(PROFESSIONALS);
  });

  it("refuses a second run and writes nothing", async () => {
    const p = s.app.platform;
    const before = Number((await p.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    await expect(seedScale(p, options)).rejects.toBeInstanceOf(ScaleAlreadySeeded);
    expect(Number((await p.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it("generates the same people from the same seed into another database", async () => {
    const other = await startServer(dialect);
    try {
      const again = await seedScale(other.app.platform, options);
      expect(again.idNumbers).toEqual(m.idNumbers);
      expect(await idNumbersOf(other.app.platform)).toEqual(await idNumbersOf(s.app.platform));
      expect(again.counts).toEqual(m.counts);
    } finally {
      await other.close();
    }
  });
});
