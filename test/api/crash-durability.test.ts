// issue 10, "Tests that stay": crash durability. A real `cebase start` process is killed with SIGKILL
// in the middle of a check-in burst (第十七条: the sign-in record is part of the project's archive)
// and in the middle of the bureau publishing accreditation results (第五条（四）); started again on the
// same data, every write it acknowledged is there exactly once, with its one audit entry, the audit
// chain verifies, and every write it did not acknowledge is either absent or present once (so the
// client may simply send it again). Several kills per dialect, at different points of the burst.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../src/server/demo/seed.js";
import { dialects, type Client } from "../support/harness.js";
import { burst, buildServer, freshWorld, isAcknowledged, killAll, prepareWith, startInstance, verifyAuditCli, type Instance, type Outcome, type World } from "../support/instances.js";
import { givenCheckInRoom, givenPublishable, sameSessionOn, signInAll, type Publishable, type Room } from "../support/crash-world.js";

/** Kills per dialect, each at another point of the burst (the share of the burst acknowledged first). */
const KILL_POINTS = [0.2, 0.5, 0.8];
const PEOPLE = 200;
const PUBLISH_PER_TRIAL = 8;

beforeAll(() => buildServer(), 300_000);
afterAll(() => killAll());

const shuffled = <T>(xs: T[]): T[] => xs.map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

/** Kills the instance once `killAt` answers were acknowledged; the requests still in flight are lost on the wire. */
function killer(instance: Instance, killAt: number) {
  let acked = 0;
  let killing: Promise<void> | null = null;
  return {
    onAnswer(o: Outcome) {
      if (isAcknowledged(o) && ++acked >= killAt && !killing) killing = instance.kill9();
    },
    done: () => killing ?? instance.kill9(),
  };
}

const countBy = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

describe.each(dialects)("SIGKILL of a serving instance (%s)", { timeout: 300_000 }, (dialect) => {
  let world: World;
  let room: Room;
  let apps: Publishable[];
  let instance: Instance;
  let people: Client[];
  let staff: Client;
  let bureau: Client;

  beforeAll(async () => {
    world = await freshWorld(dialect);
    ({ room, apps } = await prepareWith(world, async (app, client) => {
      await loadDemoData(app.platform, { accreditation: false, filing: false });
      const room = await givenCheckInRoom(app.platform, { people: PEOPLE, sessions: KILL_POINTS.length + 1, prefix: "crash", label: "断电测试" });
      const apps = await givenPublishable({ as: (u: string) => client(u) }, app.platform, KILL_POINTS.length * PUBLISH_PER_TRIAL);
      return { room, apps };
    }));
    instance = await startInstance(world);
    people = await signInAll(instance.url, room.usernames);
    [staff, bureau] = await signInAll(instance.url, ["base", "bureau"]);
  }, 300_000);
  afterAll(async () => {
    await instance?.stop();
    await world?.drop();
  });

  const on = (c: Client) => sameSessionOn(c, instance.url);

  async function freshToken(sessionId: string): Promise<string> {
    const res = await on(staff).get(`/api/v1/training-projects/${room.projectId}/sessions/${sessionId}/check-in-code`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.token;
  }

  async function checkInsOf(sessionId: string) {
    const { db, close } = await world.db();
    try {
      const rows = await db.selectFrom("checkIns").select(["id", "professionalId"]).where("sessionId", "=", sessionId).execute();
      const audited = rows.length
        ? await db.selectFrom("auditEvents").select("resourceId").where("action", "=", "checkIn.create").where("resourceId", "in", rows.map((r) => r.id)).execute()
        : [];
      return { rows, audits: countBy(audited.map((a) => a.resourceId!)) };
    } finally {
      await close();
    }
  }

  it("keeps every acknowledged check-in exactly once, audited, after a kill in the middle of the burst", async () => {
    let checked = 0;
    let lostOnTheWire = 0;
    for (const [trial, killShare] of KILL_POINTS.entries()) {
      const sessionId = room.sessionIds[trial];
      const token = await freshToken(sessionId);
      const order = shuffled(people.map((_, i) => i));
      const kill = killer(instance, Math.floor(PEOPLE * killShare));
      const outcomes = await burst(order, 32, (i) => on(people[i]).post("/api/v1/check-ins", { token }), kill.onAnswer);
      await kill.done();
      instance = await startInstance(world);

      const answeredBadly = outcomes.filter((o) => o.answered && !isAcknowledged(o));
      expect(answeredBadly, "answers other than 2xx before the kill").toEqual([]);
      const acked = order.flatMap((person, k) => (isAcknowledged(outcomes[k]) ? [{ person, view: outcomes[k].body }] : []));
      const lost = order.filter((_, k) => !outcomes[k].answered);
      expect(lost.length, "the kill came in the middle of the burst").toBeGreaterThan(0);

      const { rows, audits } = await checkInsOf(sessionId);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const perPerson = countBy(rows.map((r) => r.professionalId));
      for (const { view } of acked) {
        expect(byId.get(view.id)?.professionalId, `acknowledged check-in ${view.id}`).toBe(view.professionalId);
        expect(perPerson.get(view.professionalId)).toBe(1);
      }
      // Unacknowledged ones: absent or there once; every row that stands has its one audit entry.
      expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
      expect(rows.map((r) => audits.get(r.id) ?? 0)).toEqual(rows.map(() => 1));
      const chain = verifyAuditCli(world);
      expect(chain.intact, chain.output).toBe(true);

      // The restarted instance serves: whoever lost their answer scans again and is in once.
      const again = await burst(lost, 16, async (i) => on(people[i]).post("/api/v1/check-ins", { token: await freshToken(sessionId) }));
      expect(again.every(isAcknowledged), JSON.stringify(again.find((o) => !isAcknowledged(o)))).toBe(true);
      const after = await checkInsOf(sessionId);
      expect(after.rows).toHaveLength(PEOPLE);
      expect(new Set(after.rows.map((r) => r.professionalId)).size).toBe(PEOPLE);
      for (const { view } of acked) expect(after.rows.some((r) => r.id === view.id)).toBe(true);
      checked += acked.length;
      lostOnTheWire += lost.length;
    }
    console.log(`crash durability (${dialect}): ${KILL_POINTS.length} SIGKILLs during check-in bursts of ${PEOPLE}; ${checked} acknowledged check-ins checked present once, ${lostOnTheWire} unanswered ones absent or once and retried`);
  });

  async function publicationsOf(ids: string[]) {
    const { db, close } = await world.db();
    try {
      const [statuses, bases, history, audits, allBases] = await Promise.all([
        db.selectFrom("baseApplications").select(["id", "status", "version"]).where("id", "in", ids).execute(),
        db.selectFrom("bases").select("applicationId").where("applicationId", "in", ids).execute(),
        db.selectFrom("workflowHistory").select("resourceId").where("resourceId", "in", ids).where("action", "=", "publish").execute(),
        db.selectFrom("auditEvents").select("resourceId").where("action", "=", "baseApplication.publish").where("resourceId", "in", ids).execute(),
        db.selectFrom("bases").select(["decisionNo", "plaqueSerial"]).execute(),
      ]);
      return {
        status: new Map(statuses.map((s) => [s.id, s])),
        bases: countBy(bases.map((b) => b.applicationId!)),
        history: countBy(history.map((h) => h.resourceId)),
        audits: countBy(audits.map((a) => a.resourceId!)),
        allBases,
      };
    } finally {
      await close();
    }
  }

  /** Published with one base, one history row and one audit entry; or untouched, in notice. */
  function expectOnceOrNotAtAll(p: Awaited<ReturnType<typeof publicationsOf>>, id: string, mustBePublished: boolean) {
    const published = p.status.get(id)!.status === "published";
    if (mustBePublished) expect(published, `acknowledged publication of ${id}`).toBe(true);
    const once = published ? 1 : 0;
    if (!published) expect(p.status.get(id)!.status).toBe("in_notice");
    expect([p.bases.get(id) ?? 0, p.history.get(id) ?? 0, p.audits.get(id) ?? 0], `application ${id}`).toEqual([once, once, once]);
  }

  it("keeps every acknowledged publication exactly once, with its own decision number, after a kill in the middle of publishing", async () => {
    let checked = 0;
    let lostOnTheWire = 0;
    for (const [trial, killShare] of KILL_POINTS.entries()) {
      const batch = apps.slice(trial * PUBLISH_PER_TRIAL, (trial + 1) * PUBLISH_PER_TRIAL);
      const kill = killer(instance, Math.max(1, Math.floor(PUBLISH_PER_TRIAL * killShare)));
      const outcomes = await burst(batch, 4, (a) => on(bureau).post(`/api/v1/base-applications/${a.id}/actions/publish`, { version: a.version }), kill.onAnswer);
      await kill.done();
      instance = await startInstance(world);

      expect(outcomes.filter((o) => o.answered && !isAcknowledged(o)), "answers other than 2xx before the kill").toEqual([]);
      const ids = batch.map((a) => a.id);
      const before = await publicationsOf(ids);
      batch.forEach((a, k) => expectOnceOrNotAtAll(before, a.id, isAcknowledged(outcomes[k])));
      const chain = verifyAuditCli(world);
      expect(chain.intact, chain.output).toBe(true);

      // Publishing what was not published yet succeeds after the restart, and numbers never repeat.
      const left = batch.filter((a) => before.status.get(a.id)!.status === "in_notice");
      for (const a of left) {
        const res = await on(bureau).post(`/api/v1/base-applications/${a.id}/actions/publish`, { version: before.status.get(a.id)!.version });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      const after = await publicationsOf(ids);
      for (const id of ids) expectOnceOrNotAtAll(after, id, true);
      expect(new Set(after.allBases.map((b) => b.decisionNo)).size).toBe(after.allBases.length);
      expect(new Set(after.allBases.map((b) => b.plaqueSerial)).size).toBe(after.allBases.length);
      checked += outcomes.filter(isAcknowledged).length;
      lostOnTheWire += outcomes.filter((o) => !o.answered).length;
    }
    console.log(`crash durability (${dialect}): ${KILL_POINTS.length} SIGKILLs while publishing batches of ${PUBLISH_PER_TRIAL}; ${checked} acknowledged publications checked present once, ${lostOnTheWire} unanswered ones absent or once and retried`);
  });
});
