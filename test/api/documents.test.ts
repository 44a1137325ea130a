// issue 10 item 5: heavy documents (PDF, ZIP, large Excel) are built by worker threads, never on the
// request thread, with a per-user limit of concurrent document jobs. What a user or an auditor notices:
// the files are the same valid files; a fourth tab of archives is refused with 429 and Retry-After while
// a colleague still gets theirs; a failed or abandoned build frees its slot and answers a plain error.
import { execFileSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the build script is plain JavaScript without type declarations
import { build } from "../../scripts/build.mjs";
import { DocumentJobs } from "../../src/server/platform/documents.js";
import { DomainError } from "../../src/server/platform/errors.js";
import { inspectPdf } from "../../src/server/platform/pdf.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, ok, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedIn, givenProfessionals, type Learner } from "../support/delivery.js";
import { COURSE_END, COURSE_START, completeCourse, enrolSelf, givenCourse, pdfOf, unzip } from "../support/completion.js";
import type { AppConfig } from "../../src/server/platform/config.js";

const POOLED: Partial<AppConfig> = { loginRateLimit: { max: 100_000, windowMs: 60_000 }, documentThreads: 1, documentJobsPerUser: 2, excelInlineRows: 0 };

const poolOf = (s: TestServer) => s.app.platform.documents;

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const userIdOf = async (who: Client): Promise<string> => ok(await who.get("/api/v1/auth/me")).user.id;

/** A completed course with two attendees, sign-ins, certificates and one survey answer: every archive item present. */
async function givenCompletedCourse(s: TestServer, c: FilingCast, home: TestBase): Promise<{ course: any; people: Learner[] }> {
  const course = await givenCourse(c, home);
  const people = await givenProfessionals(s, 2);
  for (const p of people) await enrolSelf(p.client, course.id);
  await setToday(c, COURSE_START);
  for (const session of course.sessions.slice(0, 2)) await givenCheckedIn(home.staff, course.id, session.id, people);
  ok(await people[0].client.post(`/api/v1/training-projects/${course.id}/survey-responses`, { answers: { content: 5, teachers: 5, organization: 4, usefulness: 5, overall: 5 } }), 201);
  await setToday(c, COURSE_END);
  for (const session of course.sessions.slice(2)) await givenCheckedIn(home.staff, course.id, session.id, people);
  await completeCourse(c, home, course.id);
  return { course, people };
}

describe.each(dialects)("heavy documents in worker threads on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let course: any;
  let people: Learner[];
  const url = (p: string) => `/api/v1/training-projects/${course.id}${p}`;
  const documents = () => poolOf(s);
  beforeAll(async () => {
    s = await startServer(dialect, POOLED);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
    ({ course, people } = await givenCompletedCourse(s, c, home));
  }, 180_000);
  afterAll(() => s.close());

  it("builds the archive, a certificate, a sign-in sheet and an Excel export in the pool, each a valid file", async () => {
    const before = documents().stats().completed;
    const zip = await unzip(await home.staff.get(url("/archive.zip")));
    const [cert] = ok(await home.staff.get(url("/certificates"))).items;
    const inZip = await inspectPdf(await zip.file(`04-结业证书/${cert.serial}.pdf`)!.async("uint8array"));
    expect(inZip.pages[0]).toContain(cert.serial);
    expect(inZip.fontPrograms).toBeGreaterThan(0);

    const certificate = await pdfOf(await home.staff.get(`/api/v1/certificates/${cert.id}.pdf`));
    expect(certificate.pages[0]).toContain(cert.serial);
    expect(certificate.images).toBe(1); // the verification QR code

    const sheet = await pdfOf(await home.staff.get(url(`/sessions/${course.sessions[0].id}/sign-in-sheet.pdf`)));
    expect(sheet.pages.join("\n")).toContain(people[0].name);

    const res = await home.staff.get(url("/enrollments.xlsx"));
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as any);
    const cells: string[] = [];
    book.worksheets[0].eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    for (const p of people) expect(cells).toContain(p.name);

    // the archive, the certificate, the sheet and the export: four jobs the worker threads finished
    expect(documents().stats().completed - before).toBe(4);
    expect(documents().stats().threads).toBeGreaterThan(0);
  });

  it("refuses a third concurrent archive for one user with 429 and Retry-After while another user still gets theirs", async () => {
    const staffId = await userIdOf(home.staff);
    const first = [home.staff.get(url("/archive.zip")), home.staff.get(url("/archive.zip"))];
    await waitUntil("two archive jobs of base staff", () => documents().active(staffId) === 2);
    const third = await home.staff.get(url("/archive.zip"));
    expectError(third, 429, "DOCUMENT_JOBS_BUSY");
    expect(third.body.error.message).toBe("您已有 2 个文件正在生成，请 5 秒后再试");
    expect(third.headers.get("retry-after")).toBe("5");
    const supervisors = await home.supervisor.get(url("/archive.zip"));
    expect(supervisors.status).toBe(200);
    for (const res of await Promise.all(first)) expect(res.status).toBe(200);
    expect(documents().active(staffId)).toBe(0);
    expect((await home.staff.get(url("/archive.zip"))).status).toBe(200);
  });

  it("frees the slot when the client goes away mid-build, and the pool keeps serving", async () => {
    const staffId = await userIdOf(home.staff);
    const abandonedBefore = documents().stats().abandoned;
    // a browser tab closed mid-download: the socket goes away before any answer
    const gone = http.get(s.baseUrl + url("/archive.zip"), { headers: { cookie: home.staff.cookie } });
    gone.on("error", () => undefined);
    await waitUntil("the archive job to start", () => documents().active(staffId) === 1);
    gone.destroy();
    await waitUntil("the slot to be freed", () => documents().active(staffId) === 0);
    expect(documents().stats().abandoned - abandonedBefore).toBe(1);
    expect((await home.staff.get(url("/archive.zip"))).status).toBe(200);
  });
});

describe.each(dialects)("a document build that fails on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let course: any;

  beforeAll(async () => {
    // every pooled job outlives a 1 ms limit: the worker thread is stopped and the job fails
    s = await startServer(dialect, { ...POOLED, documentTimeoutMs: 1 });
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
    ({ course } = await givenCompletedCourse(s, c, home));
  }, 180_000);
  afterAll(() => s.close());

  it("answers 503 DOCUMENT_FAILED without a stack, frees the slot each time and audits no download", async () => {
    const staffId = await userIdOf(home.staff);
    // three in a row with two slots: a slot kept by a failure would turn the third into 429
    for (let i = 0; i < 3; i++) {
      const res = await home.staff.get(`/api/v1/training-projects/${course.id}/archive.zip`);
      expectError(res, 503, "DOCUMENT_FAILED");
      expect(res.body.error.message).toBe("文件生成失败，请稍后重试");
      expect(JSON.stringify(res.body)).not.toMatch(/\bat \S+ \(|Error:|\.ts:\d+/);
      expect(poolOf(s).active(staffId)).toBe(0);
    }
    const downloads = await s.app.platform.db.selectFrom("auditEvents").select("action").where("action", "=", "archive.downloaded").execute();
    expect(downloads).toEqual([]);
  });
});

describe("the document pool itself", () => {
  it("turns an exception inside the worker into DOCUMENT_FAILED and keeps working", async () => {
    const jobs = new DocumentJobs({ documentThreads: 1, documentJobsPerUser: 2, documentTimeoutMs: 60_000, excelInlineRows: 0 });
    try {
      const broken = jobs.build({ kind: "certificatePdf", print: {} as any });
      await expect(broken).rejects.toBeInstanceOf(DomainError);
      await expect(broken).rejects.toMatchObject({ code: "DOCUMENT_FAILED", details: { document: "certificatePdf" } });
      const bytes = await jobs.build({ kind: "workbook", sheets: [{ name: "表", columns: [{ header: "姓名" }], rows: [["王海燕"]] }] });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(bytes) as any);
      expect(book.worksheets[0].getRow(2).getCell(1).value).toBe("王海燕");
    } finally {
      await jobs.close();
    }
  });

  it("builds on the request thread when the pool is off (CEBASE_DOCUMENT_THREADS=0): the same document", async () => {
    const inline = new DocumentJobs({ documentThreads: 0, documentJobsPerUser: 2, documentTimeoutMs: 60_000, excelInlineRows: 0 });
    const pooled = new DocumentJobs({ documentThreads: 1, documentJobsPerUser: 2, documentTimeoutMs: 60_000, excelInlineRows: 0 });
    try {
      const job = { kind: "curriculumPdf", project: { title: "课程", filingNo: "威继教备〔2026〕1号", sessions: [{ date: "2026-12-14", startTime: "09:00", endTime: "12:00", title: "专题讲座", teacher: "王海燕", hours: 3 }] } } as any;
      const [a, b] = await Promise.all([inline.build(job), pooled.build(job)]);
      expect(inline.stats()).toEqual({ completed: 0, abandoned: 0, threads: 0 });
      expect(pooled.stats().completed).toBe(1);
      const [pa, pb] = await Promise.all([inspectPdf(a), inspectPdf(b)]);
      expect(pa.pages).toEqual(pb.pages);
      expect(pa.pages[0]).toContain("王海燕");
    } finally {
      await Promise.all([inline.close(), pooled.close()]);
    }
  });

  it("loads its worker from the compiled server too (dist/node, as `cebase start` runs it)", { timeout: 300_000 }, async () => {
    build({ server: true, web: false, quiet: true });
    const compiled = path.resolve("dist/node/server/platform/documents.js");
    const script = `
      const { DocumentJobs } = await import(${JSON.stringify(compiled)});
      const jobs = new DocumentJobs({ documentThreads: 1, documentJobsPerUser: 1, documentTimeoutMs: 60000, excelInlineRows: 0 });
      const bytes = await jobs.build({ kind: "zip", entries: [{ name: "a.xlsx", job: { kind: "workbook", sheets: [{ name: "s", columns: [{ header: "h" }], rows: [["v"]] }] } }] });
      process.stdout.write(JSON.stringify({ threads: jobs.stats().threads, bytes: Buffer.from(bytes).toString("base64") }));
      await jobs.close();`;
    const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
    expect(out.threads).toBe(1);
    const zip = await (await import("jszip")).default.loadAsync(Buffer.from(out.bytes, "base64"));
    expect(Object.keys(zip.files)).toEqual(["a.xlsx"]);
  });
});
