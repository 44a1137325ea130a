// Worlds for the crash and two-instance tests: a room of enrolled professionals with sessions today
// (check-in-room.ts, shared with bench/check-in.ts), and applications whose public notice has run its
// course, ready to publish.
import type { Kysely } from "kysely";
import type { Database } from "../../src/server/db/schema.js";
import type { Platform } from "../../src/server/platform/context.js";
import { newId } from "../../src/server/platform/ids.js";
import { addDays } from "../../src/server/platform/calendar.js";
import { cast, givenApplication } from "./accreditation.js";
import { Client, type TestServer } from "./harness.js";
import { demoCode } from "./instances.js";
import type { Room } from "./check-in-room.js";

export { givenCheckInRoom, type Room } from "./check-in-room.js";

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
