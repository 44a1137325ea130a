// Fixture builders of enrolment and check-in (第十七条): many signed-in professionals made fast, people
// enrolled through the real endpoint, the session's rotating code opened by staff, and check-ins.
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/seed.js";
import { ensureProfessionalProfile } from "../../src/server/modules/professionals/profiles.js";
import { sealIdNumber } from "../../src/server/modules/professionals/identity.js";
import { inTransaction, type Ctx } from "../../src/server/platform/context.js";
import { newId } from "../../src/server/platform/ids.js";
import { hashPassword } from "../../src/server/platform/passwords.js";
import type { DialectName } from "../../src/server/platform/db.js";
import type { PersonInput } from "../../src/shared/delivery.js";
import { businessClockOf, startServer, type Client, type TestServer } from "./harness.js";
import { nextIdNumber } from "./professionals.js";

/** A test server whose sign-in rate limit lets a suite sign in hundreds of professionals from 127.0.0.1. */
export function startDeliveryServer(dialect: DialectName): Promise<TestServer> {
  return startServer(dialect, { loginRateLimit: { max: 100_000, windowMs: 60_000 } });
}

export interface Learner {
  /** = the professional id (the user id) */
  id: string;
  username: string;
  name: string;
  idNumber: string;
  client: Client;
}

const SURNAMES = [..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"];
const GIVEN = ["海燕", "建华", "晓东", "丽娟", "志强", "婷婷", "明辉", "秀英", "国栋", "雪梅", "文博", "思远", "佳琪", "宏伟", "春梅", "子涵"];
let learnerCounter = 0;
const hashes = new WeakMap<TestServer, Promise<string>>();

/** A synthetic Chinese name, different for each call (within a few hundred). */
export function syntheticName(n: number): string {
  return SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length];
}

/**
 * `n` professionals with accounts (password DEMO_PASSWORD), ID numbers and profiles, written straight
 * to the database (sign-up itself is tested by the professionals suite), then signed in over HTTP.
 */
export async function givenProfessionals(s: TestServer, n: number, o: { employer?: string } = {}): Promise<Learner[]> {
  const ctx: Ctx = { ...s.app.platform, actor: null, ip: null };
  let hash = hashes.get(s);
  if (!hash) hashes.set(s, (hash = hashPassword(DEMO_PASSWORD, s.app.platform.config.scryptN)));
  const passwordHash = await hash;
  const org = await s.app.platform.db.selectFrom("organizations").select("id").where("type", "=", "enterprise").orderBy("createdAt").executeTakeFirst();
  const people = Array.from({ length: n }, () => {
    learnerCounter++;
    return { id: newId(), username: `learner${learnerCounter}_${Math.floor(Math.random() * 1e6)}`, name: syntheticName(learnerCounter), idNumber: nextIdNumber() };
  });
  await inTransaction(ctx, async (trx) => {
    const orgId = org?.id ?? (await trx.selectFrom("organizations").select("id").orderBy("createdAt").executeTakeFirstOrThrow()).id;
    const now = ctx.clock.nowIso();
    for (const p of people) {
      await trx
        .insertInto("users")
        .values({
          id: p.id,
          username: p.username,
          displayName: p.name,
          orgId,
          passwordHash,
          mustChangePassword: 0,
          failedLogins: 0,
          phone: null,
          ...sealIdNumber(ctx.secrets, p.idNumber),
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
      await trx.insertInto("userRoles").values({ userId: p.id, role: "professional" }).execute();
      await ensureProfessionalProfile(trx, ctx, p.id, { employer: o.employer ?? "威海市立医院", title: "工程师", specialty: "智能制造" });
    }
  });
  const clients = await Promise.all(people.map((p) => s.as(p.username)));
  return people.map((p, i) => ({ ...p, client: clients[i] }));
}

const enrolUrl = (projectId: string) => `/api/v1/training-projects/${projectId}/enrollments`;

/**
 * Base staff enrol each one: a Learner or `{id}` by professional id, a PersonInput by name and ID
 * number (registered when new). Answers the enrolment views in the same order.
 */
export async function givenEnrolled(staff: Client, projectId: string, who: Array<{ id: string } | PersonInput>): Promise<any[]> {
  const out: any[] = [];
  for (const w of who) {
    const body = "idNumber" in w && "employer" in w && !("id" in w) ? { person: w } : { professionalId: (w as { id: string }).id };
    const res = await staff.post(enrolUrl(projectId), body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    out.push(res.body);
  }
  return out;
}

const sessionUrl = (projectId: string, sessionId: string) => `/api/v1/training-projects/${projectId}/sessions/${sessionId}`;

/** Staff open the session's rotating code (business time must be on the session's day); answers the view. */
export async function openCode(staff: Client, projectId: string, sessionId: string): Promise<any> {
  const res = await staff.get(`${sessionUrl(projectId, sessionId)}/check-in-code`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/**
 * Each signed-in professional checks in with a fresh code of the session; answers the check-in views.
 * Business time must be on the session's day; when it is outside the session's hours, it moves to the
 * session's start for the scans (a code is accepted only around its session, 第十七条) and back after.
 */
export async function givenCheckedIn(staff: Client, projectId: string, sessionId: string, who: Array<{ client: Client } | Client>): Promise<any[]> {
  const { session } = (await staff.get(`${sessionUrl(projectId, sessionId)}/check-ins`)).body;
  const clock = businessClockOf(staff);
  const back = clock.nowIso();
  const start = Date.parse(`${session.date}T${session.startTime}:00+08:00`);
  const end = Date.parse(`${session.date}T${session.endTime}:00+08:00`);
  const now = clock.now().getTime();
  if (session.date === clock.today() && (now < start || now > end)) clock.set(new Date(start).toISOString());
  try {
    const { token } = await openCode(staff, projectId, sessionId);
    const out: any[] = [];
    for (const w of who) {
      const client = "client" in w ? w.client : w;
      const res = await client.post("/api/v1/check-ins", { token });
      expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
      out.push(res.body);
    }
    return out;
  } finally {
    if (clock.nowIso() !== back) clock.set(back);
  }
}

/** 补签 by staff with a reason (the session's day or later, before completion). */
export async function givenCheckedInByHand(staff: Client, projectId: string, sessionId: string, professionalIds: string[], reason = "扫码设备故障，现场核验后补签"): Promise<any[]> {
  const out: any[] = [];
  for (const professionalId of professionalIds) {
    const res = await staff.post(`${sessionUrl(projectId, sessionId)}/check-ins`, { professionalId, reason });
    expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
    out.push(res.body);
  }
  return out;
}

export { sessionUrl, enrolUrl };

/**
 * Fills rows under the header of one of the platform's delivery templates (the row holding `header`),
 * as a base's staff would; answers the file and the Excel row number of the first filled row.
 */
export async function fillDeliverySheet(template: unknown, header: string, rows: unknown[][], startColumn = 1): Promise<{ file: Buffer; firstRow: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as any);
  const ws = wb.worksheets[0];
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && (row.values as unknown[]).some((v) => v === header)) headerRow = n;
  });
  if (!headerRow) throw new Error(`no ${header} header`);
  rows.forEach((values, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    values.forEach((v, j) => {
      if (v !== undefined) row.getCell(startColumn + j).value = v as ExcelJS.CellValue;
    });
    row.commit();
  });
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), firstRow: headerRow + 1 };
}
