// Fixture builders of the compliance forecast (第二十四条): a base row, filed projects with their
// sessions written as filing would leave them, and enrolments. Filing and enrolment themselves are
// tested in their own suites; these rows stand for them so the forecast's choice is what is tested.
import type { ProjectCategory, SubjectType } from "../../src/shared/filing.js";
import { newId } from "../../src/server/platform/ids.js";
import type { TestServer } from "./harness.js";
import { givenEnrolmentRow } from "./professionals.js";

/** An active base hosted by `base`'s school and supervised by the district HR bureau. */
export async function givenBaseRow(s: TestServer, name = `预测测试基地${newId().slice(-6)}`): Promise<string> {
  const db = s.app.platform.db;
  const org = async (n: string) => (await db.selectFrom("organizations").select("id").where("name", "=", n).executeTakeFirstOrThrow()).id;
  const id = newId();
  const now = s.clock.nowIso();
  await db
    .insertInto("bases")
    .values({
      id,
      applicationId: null,
      hostOrgId: await org("威海市环翠区职业技术培训学校"),
      supervisorOrgId: await org("威海市环翠区人力资源和社会保障局"),
      name,
      decisionNo: `威人社字〔2025〕${id.slice(-4)}号`,
      decisionDate: "2025-06-09",
      plaqueSerial: `WH-${id.slice(-6)}`,
      specialtyFields: "[]",
      district: "环翠区",
      status: "active",
      createdAt: now,
      updatedAt: now,
      version: 1,
      address: null,
      contactName: null,
      contactPhone: null,
      contactPhoneEnc: null,
      contactPhoneMasked: null,
      legalRepresentative: null,
      commendedYear: null,
      goodPractice: null,
      revokedAt: null,
      revocationDecisionNo: null,
      revocationReason: null,
      revocationBasis: null,
    })
    .execute();
  return id;
}

export interface FiledCourse {
  title?: string;
  subjectType?: SubjectType;
  specialty?: string;
  category?: ProjectCategory;
  /** date → hours of that day's session */
  days: Record<string, number>;
  capacity?: number;
  feeFen?: number;
  status?: "filed" | "running" | "draft" | "returned";
}

/** A filed project of the base with one session on each of its days. */
export async function givenFiledCourse(s: TestServer, baseId: string, c: FiledCourse): Promise<string> {
  const db = s.app.platform.db;
  const id = newId();
  const now = s.clock.nowIso();
  const dates = Object.keys(c.days).sort();
  const hours = Object.values(c.days).reduce((a, b) => a + b, 0);
  await db
    .insertInto("trainingProjects")
    .values({
      id,
      baseId,
      annualPlanId: null,
      planItemKey: null,
      adHoc: 1,
      adHocReason: "测试",
      status: c.status ?? "filed",
      title: c.title ?? `专题培训${id.slice(-5)}`,
      subjectType: c.subjectType ?? "professional",
      category: c.category ?? "professional_subject",
      specialty: c.specialty ?? "综合",
      startDate: dates[0],
      endDate: dates.at(-1)!,
      hours,
      mode: "offline",
      venue: "威海市环翠区文化中路 88 号",
      capacity: c.capacity ?? 60,
      feeFen: c.feeFen ?? 0,
      teachers: "[]",
      description: "",
      filingNo: `WHJJ-${id.slice(-6)}`,
      filedAt: now,
      concludedAt: null,
      concludedBy: null,
      completionAttendance: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  let seq = 1;
  for (const date of dates) {
    await db
      .insertInto("projectSessions")
      .values({ id: newId(), projectId: id, seq: seq++, date, startTime: "09:00", endTime: "17:30", title: "讲授", teacher: "李建华", hours: c.days[date] })
      .execute();
  }
  return id;
}

/** Enrolled people: `count` fresh rows of other people fill places. */
export async function givenEnrolled(s: TestServer, projectId: string, professionalIds: string[]): Promise<void> {
  for (const id of professionalIds) await givenEnrolmentRow(s, projectId, id);
}

/** Consecutive days from `from`, each of `hours`. */
export function daysFrom(from: string, count: number, hours: number | number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    out[d.toISOString().slice(0, 10)] = Array.isArray(hours) ? hours[i] : hours;
  }
  return out;
}
