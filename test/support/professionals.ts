// Fixture builders of professionals and their learning records (第二十四条): synthetic ID numbers,
// self-service sign-up, registration by a base, hours credited as completion would credit them,
// evidence uploads and the test clock.
import { expect } from "vitest";
import { demoIdNumber } from "../../src/server/demo/seed.js";
import { inTransaction, type Ctx } from "../../src/server/platform/context.js";
import { newId } from "../../src/server/platform/ids.js";
import { creditHours, type Credit, type CreditResult } from "../../src/server/modules/professionals/record.js";
import type { PersonInput, SignUpBody } from "../../src/shared/delivery.js";
import { minimalPdf } from "./files.js";
import type { Client, Response, TestServer } from "./harness.js";

let personCounter = 0;

/** A fresh checksum-valid ID number (环翠区, born 1990) for each call. */
export function nextIdNumber(): string {
  personCounter++;
  return demoIdNumber(`1990${String(1 + (personCounter % 12)).padStart(2, "0")}${String(1 + (personCounter % 28)).padStart(2, "0")}`, 100 + personCounter);
}

/** The same number with its check character changed: fails GB 11643. */
export function withWrongChecksum(idNumber: string): string {
  const last = idNumber.slice(-1);
  return idNumber.slice(0, 17) + (last === "1" ? "2" : "1");
}

export function personInput(o: Partial<PersonInput> = {}): PersonInput {
  return { name: "郑海燕", idNumber: nextIdNumber(), employer: "威海市立医院", title: "主治医师", specialty: "临床医学", phone: "13906319001", ...o };
}

export function signUpInput(o: Partial<SignUpBody> = {}): SignUpBody {
  return { ...personInput(), phone: "13906319002", username: `pro_${personCounter}_${Math.floor(Math.random() * 1e6)}`, password: "Learn#2026x", ...o };
}

/**
 * Signs a new person up and in, as the web page does (sign-up answers 202 alike whatever became of it:
 * issue 10 item 2); answers the signed-in client and their professional id.
 */
export async function givenSignedUp(s: TestServer, o: Partial<SignUpBody> = {}): Promise<{ client: Client; id: string; body: SignUpBody }> {
  const client = s.client();
  const body = signUpInput(o);
  const res = await client.post("/api/v1/public/professionals/sign-up", body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const login = await client.login(body.username, body.password);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return { client, id: login.body.user.id, body };
}

/** The platform as a service call with no actor, as completion credits hours. */
function systemCtx(s: TestServer): Ctx {
  return { ...s.app.platform, actor: null, ip: null };
}

/**
 * Hours credited through the record's own writer, as project completion credits them (第二十四条).
 * `days` maps each date to the hours of that day.
 */
export async function givenCredit(s: TestServer, professionalId: string, o: Partial<Credit> & { days: Record<string, number> }): Promise<CreditResult> {
  const ctx = systemCtx(s);
  return inTransaction(ctx, (trx) => creditHours(trx, ctx, { professionalId, source: "project", subjectType: "professional", title: "智能制造专题培训", ...o }));
}

/**
 * A draft project row of the base, enough to hang an enrolment on (filing itself is tested in the
 * filing suites; these tests only need a project the base hosts).
 */
export async function givenProjectRow(s: TestServer, baseId: string): Promise<string> {
  const id = newId();
  const now = s.clock.nowIso();
  await s.app.platform.db
    .insertInto("trainingProjects")
    .values({
      id,
      baseId,
      annualPlanId: null,
      planItemKey: null,
      adHoc: 1,
      adHocReason: "测试",
      status: "draft",
      title: "智能制造专题培训",
      subjectType: "professional",
      specialty: "智能制造",
      startDate: "2026-12-14",
      endDate: "2026-12-15",
      hours: 12,
      mode: "offline",
      venue: "威海市环翠区文化中路 88 号",
      capacity: 60,
      feeFen: 0,
      teachers: "[]",
      description: "",
      filingNo: null,
      filedAt: null,
      concludedAt: null,
      concludedBy: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  return id;
}

/**
 * The person enrolled in a project of the base (enrolment itself belongs to the delivery module and is
 * tested there; the row stands for it so these tests depend only on the directory's scope).
 */
export async function givenEnrolmentRow(s: TestServer, projectId: string, professionalId: string): Promise<void> {
  const now = s.clock.nowIso();
  await s.app.platform.db
    .insertInto("enrollments")
    .values({ id: newId(), projectId, professionalId, status: "enrolled", source: "staff", completed: null, attendedSessions: null, createdBy: null, createdAt: now, updatedAt: now, version: 1 })
    .execute();
}

/** A small PDF uploaded by the client, as evidence. */
export async function uploadEvidence(client: Client, text = "证明材料"): Promise<string> {
  const bytes = await minimalPdf(`${text} ${Math.random()}`);
  const res = await client.request("POST", "/api/v1/files", bytes, { "content-type": "application/pdf", "x-file-name": encodeURIComponent(`${text}.pdf`) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.fileId;
}

/** 10:00 in Weihai on that date, set through the bureau's test clock. */
export async function setTodayAs(bureau: Client, date: string): Promise<void> {
  const res: Response = await bureau.put("/api/v1/test/clock", { now: `${date}T02:00:00.000Z` });
  if (res.status !== 200) throw new Error(`test clock refused: ${JSON.stringify(res.body)}`);
}

/** Every audit entry's detail, as stored. */
export async function auditDetails(s: TestServer): Promise<string[]> {
  const rows = await s.app.platform.db.selectFrom("auditEvents").select("detail").execute();
  return rows.map((r) => r.detail);
}
