// Fixture builders of violations and dishonesty records (第二十条): a violation reported through the API,
// decided by the bureau, a completed course whose certificates were issued (for 乱发证), and readers for
// the exports' raw bytes (the BOM of the CSV) and header rows.
import { expect } from "vitest";
import type { Client } from "./harness.js";
import { givenCheckedInByHand } from "./delivery.js";
import { completeCourse, enrolPerson, enrolSelf, givenCourse, LAST_SESSION_END, setNow } from "./completion.js";
import { ok, setToday, type FilingCast, type TestBase } from "./filing.js";

/** The columns of the national double-publicity standard for administrative sanctions, in order. */
export const STANDARD_HEADER = [
  "行政相对人名称",
  "统一社会信用代码",
  "法定代表人",
  "决定书文号",
  "违法行为类型",
  "违法事实",
  "处罚依据",
  "处罚类别",
  "处罚内容",
  "处罚决定日期",
  "公示截止期",
  "处罚机关",
  "处罚机关统一社会信用代码",
  "数据来源单位",
  "备注",
];

/** The day the violations of the suite are reported and decided (Weihai business time). */
export const DECISION_DAY = "2026-03-02";

export function violationInput(base: TestBase, o: Record<string, unknown> = {}) {
  return {
    baseId: base.id,
    kind: "improper_certification",
    facts: "该基地在未组织培训的情况下向 36 名人员发放结业证书并登记学时。",
    responsiblePersons: [{ name: "赵立新", post: "培训部主任" }],
    ...o,
  };
}

/** A violation reported by `who` (the bureau unless told) against the base. */
export async function givenViolation(c: FilingCast, base: TestBase, o: Record<string, unknown> = {}, who: Client = c.bureau): Promise<any> {
  return ok(await who.post("/api/v1/violations", violationInput(base, o)), 201);
}

export const act = (c: FilingCast, v: any, action: string, body: Record<string, unknown> = {}, who: Client = c.bureau) =>
  who.post(`/api/v1/violations/${v.id}/actions/${action}`, { version: v.version, ...body });

/** A violation reported and confirmed by the bureau: the base is revoked and a record published. */
export async function givenConfirmedViolation(c: FilingCast, base: TestBase, payload: Record<string, unknown> = {}, o: Record<string, unknown> = {}): Promise<any> {
  const v = await givenViolation(c, base, o);
  return ok(await act(c, v, "confirm", { comment: "经核查属实", payload }));
}

/** The raw bytes of a download with the client's session (fetch's text() would drop a BOM). */
export async function rawGet(who: Client, url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(who.baseUrl + url, { headers: { cookie: who.cookie } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** RFC 4180 CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/**
 * A course of the base completed at the end of its last session (2026-12-15): pro1 and a person the
 * base registered attended every session (checked in by hand) and hold certificates of 12 hours.
 */
export async function givenCertifiedCourse(c: FilingCast, base: TestBase): Promise<{ course: any; pro1: string; other: string }> {
  const course = await givenCourse(c, base);
  const pro1 = await enrolSelf(c.pro1, course.id);
  const other = await enrolPerson(base, course.id, "孙海燕");
  await setNow(c, LAST_SESSION_END);
  for (const s of course.sessions) await givenCheckedInByHand(base.staff, course.id, s.id, [pro1, other]);
  const done = await completeCourse(c, base, course.id);
  expect(done.certificatesIssued).toBe(2);
  await setToday(c, "2026-12-20");
  return { course, pro1, other };
}
