// Worlds for the crash and two-instance tests: a room of enrolled professionals with sessions today
// (written straight to the database, as bench/check-in.ts does: these tests are about check-in, not
// enrolment), and applications whose public notice has run its course, ready to publish.
import type { Kysely } from "kysely";
import type { Database } from "../../src/server/db/schema.js";
import type { Platform } from "../../src/server/platform/context.js";
import { DEMO_PASSWORD } from "../../src/server/demo/seed.js";
import { hashPassword } from "../../src/server/platform/passwords.js";
import { sealIdNumber } from "../../src/server/modules/professionals/identity.js";
import { newId } from "../../src/server/platform/ids.js";
import { idNumberCheckChar } from "../../src/shared/identifiers.js";
import { addDays } from "../../src/server/platform/calendar.js";
import { cast, givenApplication } from "./accreditation.js";
import { Client, type TestServer } from "./harness.js";
import { demoCode } from "./instances.js";

export interface Room {
  baseId: string;
  staffId: string;
  projectId: string;
  sessionIds: string[];
  usernames: string[];
}

/** A filed project of `base` starting today, `sessions` sessions today, `people` professionals enrolled. */
export async function givenCheckInRoom(p: Platform, people: number, sessions: number, prefix = "crash"): Promise<Room> {
  const today = p.clock.today();
  const now = p.clock.nowIso();
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
      .values({ id: baseId, applicationId: null, hostOrgId: staff.orgId, supervisorOrgId: supervisor.orgId, name: `${prefix}继续教育基地`, decisionNo: `威人社发〔2025〕${prefix}号`, decisionDate: "2025-06-09", plaqueSerial: `${prefix.toUpperCase()}-1`, specialtyFields: "[]", district: "环翠区", status: "active", createdAt: now, updatedAt: now, version: 1 })
      .execute();
    await trx
      .insertInto("trainingProjects")
      .values({
        id: projectId, baseId, annualPlanId: null, planItemKey: null, adHoc: 1, adHocReason: "断电测试", status: "filed", title: `智能制造专题培训（${prefix}）`,
        subjectType: "professional", specialty: "智能制造", startDate: today, endDate: today, hours: 6, mode: "offline", venue: "报告厅", capacity: people, feeFen: 0,
        teachers: "[]", description: "", filingNo: `威继教备〔${prefix}〕1号`, filedAt: now, concludedAt: null, concludedBy: null, createdBy: staff.id, createdAt: now, updatedAt: now, version: 1,
      })
      .execute();
    await trx
      .insertInto("projectSessions")
      .values(sessionIds.map((id, seq) => ({ id, projectId, seq, date: today, startTime: `${String(8 + seq).padStart(2, "0")}:00`, endTime: `${String(8 + seq).padStart(2, "0")}:50`, title: `第${seq + 1}讲`, teacher: "李建华", hours: 0.5 })))
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
    }
  });
  return { baseId, staffId: staff.id, projectId, sessionIds, usernames };
}

/** `count` filed projects of the room's base whose class starts today: the project-status job starts each (第十七条). */
export async function givenProjectsStartingToday(db: Kysely<Database>, room: Room, today: string, count: number, label: string): Promise<string[]> {
  const now = new Date().toISOString();
  const ids = Array.from({ length: count }, () => newId());
  await db
    .insertInto("trainingProjects")
    .values(
      ids.map((id, i) => ({
        id, baseId: room.baseId, annualPlanId: null, planItemKey: null, adHoc: 1, adHocReason: "双实例测试", status: "filed", title: `${label}专题培训${i + 1}`,
        subjectType: "professional", specialty: "智能制造", startDate: today, endDate: today, hours: 2, mode: "offline", venue: "报告厅", capacity: 50, feeFen: 0,
        teachers: "[]", description: "", filingNo: `威继教备〔${label}〕${i + 1}号`, filedAt: now, concludedAt: null, concludedBy: null, createdBy: room.staffId, createdAt: now, updatedAt: now, version: 1,
      })),
    )
    .execute();
  return ids;
}

export interface Publishable {
  id: string;
  version: number;
}

/**
 * `count` applications of `base` approved through the real API, their notices then moved back so
 * that each ended yesterday (第五条（三）: publication from the day after the notice ends).
 */
export async function givenPublishable(server: Pick<TestServer, "as">, p: Platform, count: number): Promise<Publishable[]> {
  const c = await cast(server as TestServer);
  const apps: Publishable[] = [];
  for (let i = 0; i < count; i++) {
    const app = await givenApplication(c, "in_notice", `断电测试继续教育基地${i + 1}`);
    apps.push({ id: app.id, version: app.version });
  }
  const yesterday = addDays(p.clock.today(), -1);
  await p.db.updateTable("notices").set({ startsOn: addDays(yesterday, -5), endsOn: yesterday }).where("applicationId", "in", apps.map((a) => a.id)).execute();
  return apps;
}

/** The same signed-in person against another instance (sessions live in the database). */
export function sameSessionOn(c: Client, url: string): Client {
  const moved = new Client(url);
  moved.cookie = c.cookie;
  moved.csrfToken = c.csrfToken;
  return moved;
}

/** Signs everyone in, `width` at a time. */
export async function signInAll(url: string, usernames: string[], width = 16): Promise<Client[]> {
  const out: Client[] = new Array(usernames.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < usernames.length) {
        const i = next++;
        const c = new Client(url, demoCode);
        const res = await c.login(usernames[i]);
        if (res.status !== 200) throw new Error(`sign-in of ${usernames[i]} failed: ${res.status} ${JSON.stringify(res.body)}`);
        out[i] = c;
      }
    }),
  );
  return out;
}
