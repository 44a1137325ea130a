// issue 13 items 4 and 5: exports stream from a worker thread with its own read connection, in keyset
// batches, any size; never cut short silently. What a clerk or an auditor notices: an export of more than
// 10,000 people carries every one (masked ID numbers, real date cells), is audited with its count; the
// yearly compliance export adds up each person's hours against the policy in force; a tab closed
// mid-download frees its slot; a list kept in memory refuses an oversized export with 422.
import http from "node:http";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/server/platform/ids.js";
import { dialects, startServer, type Client, type Response, type TestServer } from "../support/harness.js";
import { expectError, XLSX } from "../support/filing.js";

const PEOPLE = 12_000;
const CREATED = "2026-03-01T02:30:00.000Z"; // 10:30 in Beijing
const pad = (n: number, w: number) => String(n).padStart(w, "0");

async function sheetOf(res: Response): Promise<ExcelJS.Worksheet> {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  expect(res.headers.get("content-type")).toContain(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as any);
  return wb.worksheets[0];
}

const columnOf = (ws: ExcelJS.Worksheet, header: string) => {
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col, `no column ${header}`).toBeGreaterThan(0);
  return col;
};

/** `count` professionals inserted by batched SQL (a province's worth would take the API hours); ids ascend with i. */
async function givenManyProfessionals(s: TestServer, count: number, prefix: string): Promise<string[]> {
  const db = s.app.platform.db;
  const org = await db.selectFrom("organizations").select("id").orderBy("createdAt").executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
      const i = start + k;
      const id = `${prefix}-${pad(i, 6)}`;
      ids.push(id);
      return { id, i };
    });
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("users")
        .values(batch.map(({ id, i }) => ({ id, username: `${prefix}_${i}`, displayName: `人员${pad(i, 6)}`, orgId: org.id, passwordHash: "!", mustChangePassword: 0, failedLogins: 0, idNumberMasked: `3710**********${pad(i % 10000, 4)}`, createdAt: CREATED, updatedAt: CREATED, version: 1 })))
        .execute();
      await trx
        .insertInto("professionals")
        .values(batch.map(({ id }) => ({ id, employer: "威海市立医院", title: "工程师", specialty: "智能制造", createdAt: CREATED, updatedAt: CREATED, version: 1 })))
        .execute();
    });
  }
  return ids;
}

async function auditedCounts(s: TestServer, action: string): Promise<number[]> {
  const rows = await s.app.platform.db.selectFrom("auditEvents").select("detail").where("action", "=", action).execute();
  return rows.map((r) => JSON.parse(String(r.detail)).count);
}

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(dialects)("streamed exports on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let ids: string[];
  beforeAll(async () => {
    s = await startServer(dialect, { documentJobsPerUser: 1, heavyJobs: 2 });
    bureau = await s.as("bureau");
    ids = await givenManyProfessionals(s, PEOPLE, "0zz");
  }, 300_000);
  afterAll(() => s?.close());

  it("exports more than 10,000 professionals whole: every row, masked ID numbers, date cells, audited with the count", { timeout: 120_000 }, async () => {
    const total = Number((await s.app.platform.db.selectFrom("professionals").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(total).toBeGreaterThan(PEOPLE);
    const ws = await sheetOf(await bureau.get("/api/v1/professionals/export.xlsx"));
    expect(ws.rowCount - 1).toBe(total);
    const name = columnOf(ws, "姓名");
    const idCol = columnOf(ws, "身份证号（脱敏）");
    const created = columnOf(ws, "登记时间");
    // ordered by id: the synthetic people come last, in their order
    expect(ws.getRow(ws.rowCount - PEOPLE + 1).getCell(name).value).toBe("人员000000");
    expect(ws.getRow(ws.rowCount).getCell(name).value).toBe(`人员${pad(PEOPLE - 1, 6)}`);
    expect(ws.getRow(ws.rowCount).getCell(idCol).value).toBe(`3710**********${pad((PEOPLE - 1) % 10000, 4)}`);
    const cell = ws.getRow(ws.rowCount).getCell(created);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect((cell.value as Date).toISOString().slice(0, 16)).toBe("2026-03-01T10:30");
    expect(await auditedCounts(s, "professionals.exported")).toContain(total);
  });

  it("frees the user's slot when the client goes away mid-export; the next export succeeds", { timeout: 120_000 }, async () => {
    const documents = s.app.platform.documents;
    const me = (await bureau.get("/api/v1/auth/me")).body.user.id;
    const gone = http.get(s.baseUrl + "/api/v1/professionals/export.xlsx", { headers: { cookie: bureau.cookie } });
    gone.on("error", () => undefined);
    await new Promise<void>((resolve) => gone.on("response", (res) => res.once("data", () => resolve())));
    expect(documents.active(me)).toBe(1);
    gone.destroy();
    await waitUntil("the slot to be freed", () => documents.active(me) === 0 && documents.heavyActive() === 0);
    const ws = await sheetOf(await bureau.get("/api/v1/professionals/export.xlsx?keyword=人员00000"));
    expect(ws.rowCount - 1).toBe(10);
  });

  it("answers 403 to an actor without the grant", async () => {
    const sysadmin = await s.as("sysadmin");
    expectError(await sysadmin.get("/api/v1/professionals/export.xlsx"), 403, "FORBIDDEN");
  });

  it("the yearly compliance export: one row per person, hours and 是否达标 as counted by hand against the policy of the year", { timeout: 120_000 }, async () => {
    const db = s.app.platform.db;
    // 2026: 90 hours, at least 60 professional (2/3) and 30 general
    const entry = (who: number, year: number, subjectType: "general" | "professional", hours: number, status = "counted") => ({
      id: newId(), professionalId: ids[who], year, source: "online", subjectType, hours, title: "课程", earnedOn: `${year}-05-01`, days: "{}", status, createdAt: CREATED,
    });
    await db.insertInto("learningEntries").values([
      entry(0, 2026, "professional", 40), entry(0, 2026, "professional", 20), entry(0, 2026, "general", 30), // met
      entry(1, 2026, "professional", 70), entry(1, 2026, "general", 20), // 90 hours, general short
      entry(2, 2026, "professional", 50), entry(2, 2026, "professional", 10, "revoked"), entry(2, 2026, "general", 30), entry(2, 2025, "professional", 60), // revoked and last year's do not count
      entry(3, 2026, "general", 12.5),
    ]).execute();
    const ws = await sheetOf(await bureau.get("/api/v1/statistics/compliance-export?year=2026"));
    const total = Number((await db.selectFrom("professionals").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(ws.rowCount - 1).toBe(total);
    const headers = ["姓名", "身份证号", "工作单位", "专业", "专业科目学时", "公需科目学时", "要求学时", "是否达标"];
    expect(headers.map((h) => columnOf(ws, h))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const byName = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 1) byName.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect(byName.get("人员000000")).toEqual(["人员000000", "3710**********0000", "威海市立医院", "智能制造", 60, 30, 90, "是"]);
    expect(byName.get("人员000001")!.slice(4)).toEqual([70, 20, 90, "否"]);
    expect(byName.get("人员000002")!.slice(4)).toEqual([50, 30, 90, "否"]);
    expect(byName.get("人员000003")!.slice(4)).toEqual([0, 12.5, 90, "否"]);
    expect(byName.get("人员000004")!.slice(4)).toEqual([0, 0, 90, "否"]);
    expect(await auditedCounts(s, "professionals.complianceExported")).toContain(total);
  });

  it("refuses an in-memory export over its limit with 422 EXPORT_TOO_LARGE: no partial file, nothing audited", async () => {
    const sysadmin = await s.as("sysadmin");
    const before = (await auditedCounts(s, "users.exported")).length;
    const res = await sysadmin.get("/api/v1/users/export.xlsx");
    expectError(res, 422, "EXPORT_TOO_LARGE");
    expect(res.body.error.message).toContain("10000");
    expect((await auditedCounts(s, "users.exported")).length).toBe(before);
  });

  it("keeps the compliance export the bureau's: a supervising unit and a base are refused, a bad year is a 400", async () => {
    expectError(await (await s.as("supervisor")).get("/api/v1/statistics/compliance-export?year=2026"), 403, "FORBIDDEN");
    expectError(await (await s.as("base")).get("/api/v1/statistics/compliance-export?year=2026"), 403, "FORBIDDEN");
    expectError(await bureau.get("/api/v1/statistics/compliance-export?year=abc"), 400, "VALIDATION_FAILED");
  });
});

describe.each(dialects)("the event loop kept free on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    // a heap bound no process meets: every request is "under pressure" once the first sample is taken
    s = await startServer(dialect, { underPressure: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 1, maxEventLoopUtilization: 0, retryAfterSeconds: 7 } });
  }, 120_000);
  afterAll(() => s?.close());

  it("answers 503 SERVER_BUSY with Retry-After under pressure, while /api/v1/health still answers", async () => {
    const client = s.client();
    let res = await client.get("/api/v1/auth/me");
    for (let i = 0; i < 50 && res.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await client.get("/api/v1/auth/me");
    }
    expectError(res, 503, "SERVER_BUSY");
    expect(res.headers.get("retry-after")).toBe("7");
    expect((await client.get("/api/v1/health")).status).toBe(200);
  });
});
