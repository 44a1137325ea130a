// Fixture builders of completion, certificates, surveys and archives (第十七条, 第二十四条): a filed
// two-day course of four sessions, people enrolled through the real endpoints (check-in helpers are
// delivery.ts's), and readers for the PDFs and ZIPs these endpoints answer.
import JSZip from "jszip";
import { expect } from "vitest";
import { inspectPdf, type PdfContents } from "../../src/server/platform/pdf.js";
import { givenEnrolled } from "./delivery.js";
import type { Client, Response } from "./harness.js";
import { givenFiledProject, ok, setToday, type FilingCast, type TestBase } from "./filing.js";
import { personInput } from "./professionals.js";

/** The course: 2026-12-14 and 15, 09:00–12:00 and 14:00–17:00 each day, 3 hours a session. */
export const COURSE_START = "2026-12-14";
export const COURSE_END = "2026-12-15";
/** 17:00 in Weihai on the last day: the last session has just ended. */
export const LAST_SESSION_END = "2026-12-15T09:00:00.000Z";

/** Sets business time to an instant (the test clock). */
export async function setNow(c: FilingCast, iso: string): Promise<void> {
  ok(await c.bureau.put("/api/v1/test/clock", { now: iso }));
}

/** A filed course of the base, four sessions over two days in December 2026 (filed on 2026-11-02). */
export async function givenCourse(c: FilingCast, base: TestBase, o: Record<string, unknown> = {}): Promise<any> {
  await setToday(c, "2026-11-02");
  return givenFiledProject(base, { startDate: COURSE_START, endDate: COURSE_END, ...o });
}

/** The signed-in professional enrols themselves; answers their professional id. */
export async function enrolSelf(who: Client, projectId: string): Promise<string> {
  return ok(await who.post(`/api/v1/training-projects/${projectId}/enrollments`, {}), 201).professionalId;
}

/** Base staff enrol a person they register on the spot (an unclaimed account); answers the id. */
export async function enrolPerson(base: TestBase, projectId: string, name = "郑海燕"): Promise<string> {
  const [enrolment] = await givenEnrolled(base.staff, projectId, [personInput({ name })]);
  return enrolment.professionalId;
}

/** Completes the course at the end of its last session. */
export async function completeCourse(c: FilingCast, base: TestBase, projectId: string): Promise<any> {
  await setNow(c, LAST_SESSION_END);
  return ok(await base.staff.post(`/api/v1/training-projects/${projectId}/actions/complete`, {}));
}

/** The PDF of a response, read back: pages' text, fonts, images. */
export async function pdfOf(res: Response): Promise<PdfContents> {
  expect(res.status, String(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/pdf");
  return inspectPdf(res.body as Buffer);
}

/** The file name a download offers (RFC 6266 filename*). */
export function offeredName(res: Response): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get("content-disposition") ?? "");
  if (!m) throw new Error(`no filename* in ${res.headers.get("content-disposition")}`);
  return decodeURIComponent(m[1]);
}

export async function unzip(res: Response): Promise<JSZip> {
  expect(res.status, String(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/zip");
  return JSZip.loadAsync(res.body as Buffer);
}

/** The learning record of a year as the person or the bureau sees it. */
export async function recordOf(who: Client, year: number, professionalId?: string): Promise<any> {
  return ok(await who.get(professionalId ? `/api/v1/professionals/${professionalId}/learning-record?year=${year}` : `/api/v1/me/learning-record?year=${year}`));
}
