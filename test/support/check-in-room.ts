// A room of enrolled professionals with sessions today, written straight to the database: the check-in
// benchmark (bench/check-in.ts) and the crash and two-instance tests are about check-in, not enrolment.
import type { Platform } from "../../src/server/platform/context.js";
import { DEMO_PASSWORD } from "../../src/server/demo/seed.js";
import { hashPassword } from "../../src/server/platform/passwords.js";
import { sealIdNumber } from "../../src/server/modules/professionals/identity.js";
import { newId } from "../../src/server/platform/ids.js";
import { idNumberCheckChar } from "../../src/shared/identifiers.js";

export interface Room {
  baseId: string;
  staffId: string;
  projectId: string;
  sessionIds: string[];
  usernames: string[];
}

export interface RoomOptions {
  people: number;
  sessions: number;
  /** Usernames are `${prefix}${i}`; the base and project are named after `label`. */
  prefix: string;
  label?: string;
  /**
   * Each session's length. Every session starts this minute (Asia/Shanghai) and runs side by side with
   * the others, so each one's code is accepted whenever the room is made (第十七条: the check-in window).
   */
  sessionHours?: number;
  /** Three counted entries in each person's learning record this year, so a record look-up reads something. */
  learningEntries?: boolean;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(Math.round(minutes % 60)).padStart(2, "0")}`;
/** Minutes since midnight in Shanghai of an instant. */
const shanghaiMinute = (d: Date) => Math.floor(((d.getTime() + 8 * 3600_000) % 86_400_000) / 60_000);

/** A filed project of the demo base's organization starting today, its sessions today, `people` professionals enrolled. */
export async function givenCheckInRoom(p: Platform, opts: RoomOptions): Promise<Room> {
  const { people, sessions, prefix, label = prefix, sessionHours = 0.5 } = opts;
  const today = p.clock.today();
  const year = Number(today.slice(0, 4));
  const now = p.clock.nowIso();
  const start = shanghaiMinute(p.clock.now());
  const user = (username: string) => p.db.selectFrom("users").select(["id", "orgId"]).where("username", "=", username).executeTakeFirstOrThrow();
  const [staff, supervisor] = await Promise.all([user("base"), user("supervisor")]);
  const passwordHash = await hashPassword(DEMO_PASSWORD, p.config.scryptN);
  const baseId = newId();
  const projectId = newId();
  const sessionIds = Array.from({ length: sessions }, () => newId());
  const usernames: string[] = [];
  await p.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("bases")
      .values({ id: baseId, applicationId: null, hostOrgId: staff.orgId, supervisorOrgId: supervisor.orgId, name: `${label}继续教育基地`, decisionNo: `威人社发〔2025〕${label}号`, decisionDate: "2025-06-09", plaqueSerial: `${prefix.toUpperCase()}-1`, specialtyFields: "[]", district: "环翠区", status: "active", createdAt: now, updatedAt: now, version: 1 })
      .execute();
    await trx
      .insertInto("trainingProjects")
      .values({
        id: projectId, baseId, annualPlanId: null, planItemKey: null, adHoc: 1, adHocReason: label, status: "filed", title: `智能制造专题培训（${label}）`,
        subjectType: "professional", specialty: "智能制造", startDate: today, endDate: today, hours: 6, mode: "offline", venue: "报告厅", capacity: people, feeFen: 0,
        teachers: "[]", description: "", filingNo: `威继教备〔${label}〕1号`, filedAt: now, concludedAt: null, concludedBy: null, createdBy: staff.id, createdAt: now, updatedAt: now, version: 1,
      })
      .execute();
    await trx
      .insertInto("projectSessions")
      .values(sessionIds.map((id, seq) => ({ id, projectId, seq, date: today, startTime: hhmm(start), endTime: hhmm(Math.min(start + sessionHours * 60, 23 * 60 + 59)), title: `第${seq + 1}讲`, teacher: "李建华", hours: sessionHours })))
      .execute();
    for (let i = 0; i < people; i++) {
      const id = newId();
      const username = `${prefix}${i}`;
      usernames.push(username);
      const first17 = `371002${1960 + (i % 40)}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}${String(i % 1000).padStart(3, "0")}`;
      await trx
        .insertInto("users")
        .values({ id, username, displayName: `学员${i}`, orgId: staff.orgId, passwordHash, mustChangePassword: 0, failedLogins: 0, phone: null, ...sealIdNumber(p.secrets, first17 + idNumberCheckChar(first17)), createdAt: now, updatedAt: now, version: 1 })
        .execute();
      await trx.insertInto("userRoles").values({ userId: id, role: "professional" }).execute();
      await trx.insertInto("professionals").values({ id, employer: "威海市立医院", title: "工程师", specialty: "智能制造", createdBy: null, createdAt: now, updatedAt: now, version: 1 }).execute();
      await trx
        .insertInto("enrollments")
        .values({ id: newId(), projectId, professionalId: id, status: "enrolled", source: "self", completed: null, attendedSessions: null, createdBy: id, createdAt: now, updatedAt: now, version: 1 })
        .execute();
      if (!opts.learningEntries) continue;
      for (const [k, subjectType, hours] of [[1, "general", 12], [2, "professional", 24], [3, "professional", 18]] as const) {
        const earnedOn = `${year}-0${k}-1${k}`;
        await trx
          .insertInto("learningEntries")
          .values({ id: newId(), professionalId: id, year, source: "project", subjectType, hours, title: `培训项目${k}`, earnedOn, days: JSON.stringify({ [earnedOn]: Math.min(8, hours) }), projectId: null, certificateId: null, declarationId: null, status: "counted", revokedAt: null, revokedReason: null, createdAt: now })
          .execute();
      }
    }
  });
  return { baseId, staffId: staff.id, projectId, sessionIds, usernames };
}
