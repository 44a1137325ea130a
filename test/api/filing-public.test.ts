// The public training calendar (第十七条: only a filed project may run in a base's name): what
// professionals search without signing in, and its iCalendar feed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { filingCast, givenActiveBase, givenDraftProject, givenFiledProject, ok, parseIcs, projectInput, runJobs, setToday, type FilingCast, type IcsEvent, type TestBase } from "../support/filing.js";

describe.each(dialects)("public training calendar on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let anon: Client;
  let east: TestBase;
  let west: TestBase;
  const p: Record<string, any> = {};

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    anon = s.client();
    east = await givenActiveBase(c, "base", { name: "环翠区智能制造继续教育基地", district: "环翠区" });
    west = await givenActiveBase(c, "base2", { name: "文登区护理继续教育基地", district: "文登区" });
    await setToday(c, "2026-11-02");
    p.a1 = await givenFiledProject(east, { title: "工业机器人应用技术研修班", specialty: "智能制造", startDate: "2026-12-14", endDate: "2026-12-15" });
    p.a2 = await givenFiledProject(east, { title: "专业技术人员职业道德", subjectType: "general", specialty: "公需科目", startDate: "2026-11-23", endDate: "2026-11-23" });
    p.b1 = await givenFiledProject(west, { title: "老年护理新进展", specialty: "护理", startDate: "2026-12-21", endDate: "2026-12-22", venue: "文登区米山路 16 号" });
    p.draft = await givenDraftProject(east, { title: "尚未备案的草稿" });
    const toReturn = await givenFiledProject(east, { title: "被退回的项目" });
    p.returned = ok(await c.supervisor.post(`/api/v1/training-projects/${toReturn.id}/actions/return`, { version: toReturn.version, comment: "材料不全" }));
    const toCancel = await givenFiledProject(east, { title: "已取消的项目" });
    p.cancelled = ok(await east.staff.post(`/api/v1/training-projects/${toCancel.id}/actions/cancel`, { version: toCancel.version, comment: "报名不足" }));
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const ours = () => new Set(Object.values(p).map((x) => x.id));
  const ids = async (query = "") => ok(await anon.get(`/api/v1/public/training-projects?pageSize=200${query}`)).items.map((x: any) => x.id).filter((id: string) => ours().has(id));

  it("shows anyone, without signing in, the filed projects only, in start-date order", async () => {
    expect(await ids()).toEqual([p.a2.id, p.a1.id, p.b1.id]);
    const item = ok(await anon.get(`/api/v1/public/training-projects?baseId=${east.id}`)).items.find((x: any) => x.id === p.a1.id);
    expect(item).toMatchObject({ status: "filed", baseId: east.id, baseName: east.name, district: "环翠区", title: "工业机器人应用技术研修班", startDate: "2026-12-14", endDate: "2026-12-15", hours: 12, filingNo: p.a1.filingNo, venue: p.a1.venue });
    expect(item.sessions).toHaveLength(4);
    for (const hidden of ["history", "version", "availableActions", "adHocReason"]) expect(item).not.toHaveProperty(hidden);

    expect(ok(await anon.get(`/api/v1/public/training-projects/${p.a1.id}`))).toMatchObject({ id: p.a1.id, filingNo: p.a1.filingNo });
    for (const hidden of [p.draft, p.returned, p.cancelled]) {
      expect((await anon.get(`/api/v1/public/training-projects/${hidden.id}`)).status, hidden.title).toBe(404);
    }
  });

  it("searches by date range, specialty, subject type, district, base and words of the title", async () => {
    expect(await ids("&from=2026-12-01&to=2026-12-31")).toEqual([p.a1.id, p.b1.id]);
    expect(await ids("&to=2026-11-30")).toEqual([p.a2.id]);
    expect(await ids(`&specialty=${encodeURIComponent("智能制造")}`)).toEqual([p.a1.id]);
    expect(await ids("&subjectType=general")).toEqual([p.a2.id]);
    expect(await ids(`&district=${encodeURIComponent("文登区")}`)).toEqual([p.b1.id]);
    expect(await ids(`&baseId=${east.id}`)).toEqual([p.a2.id, p.a1.id]);
    expect(await ids(`&q=${encodeURIComponent("机器人")}`)).toEqual([p.a1.id]);
    expect(await ids(`&baseId=${east.id}&from=2026-12-01`)).toEqual([p.a1.id]);
    const paged = ok(await anon.get(`/api/v1/public/training-projects?baseId=${east.id}&pageSize=1&page=2`));
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((x: any) => x.id)).toEqual([p.a1.id]);
  });

  /** A project's events in a feed: those whose URL is the project's public page. */
  const eventsOf = (events: IcsEvent[], project: { id: string }) => events.filter((e) => e.URL?.endsWith(`/public/trainings/${project.id}`));

  it("publishes the calendar as an iCalendar feed with one timed event per session of a filed project, in Beijing time", async () => {
    const res = await anon.get(`/api/v1/public/training-projects.ics?baseId=${east.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const { lines, events } = parseIcs(res.body as string);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    // the zone the events name, described in the feed itself: UTC+8 all year, no daylight saving
    const zone = lines.slice(lines.indexOf("BEGIN:VTIMEZONE"), lines.indexOf("END:VTIMEZONE") + 1);
    expect(zone).toEqual(expect.arrayContaining(["TZID:Asia/Shanghai", "BEGIN:STANDARD", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD"]));
    expect(lines.indexOf("BEGIN:VTIMEZONE")).toBeLessThan(lines.indexOf("BEGIN:VEVENT"));

    const project = ok(await c.bureau.get(`/api/v1/training-projects/${p.a1.id}`));
    const a1 = eventsOf(events, p.a1);
    expect(a1.map((e) => e.UID)).toEqual(project.sessions.map((x: any) => `${x.id}@cebase`));
    expect(a1.map((e) => e["DTSTART;TZID=Asia/Shanghai"])).toEqual(["20261214T090000", "20261214T140000", "20261215T090000", "20261215T140000"]);
    expect(a1.map((e) => e["DTEND;TZID=Asia/Shanghai"])).toEqual(["20261214T120000", "20261214T170000", "20261215T120000", "20261215T170000"]);
    for (const e of a1) expect(Object.keys(e).filter((k) => k.includes("VALUE=DATE"))).toEqual([]); // not all-day
    expect(a1[0].SUMMARY).toBe("工业机器人应用技术研修班（第 1 次课：专题讲座）");
    expect(a1[0].LOCATION).toBe(p.a1.venue);
    expect(a1[0].DESCRIPTION).toContain("李建华");
    expect(a1[0].DESCRIPTION).toContain(east.name);
    expect(a1[0].DESCRIPTION).toContain(p.a1.filingNo);
    expect(eventsOf(events, p.a2)).toHaveLength(2);

    const all = parseIcs((await anon.get("/api/v1/public/training-projects.ics")).body as string).events;
    for (const shown of [p.a1, p.a2, p.b1]) expect(eventsOf(all, shown).length, shown.title).toBeGreaterThan(0);
    for (const hidden of [p.draft, p.returned, p.cancelled]) expect(eventsOf(all, hidden)).toEqual([]);
  });

  it("keeps a session's event UID when the project is edited, so a subscribed calendar updates it", async () => {
    const draft = await givenDraftProject(west, { title: "UID 稳定性测试", startDate: "2026-12-28", endDate: "2026-12-28" });
    const before = ok(await west.staff.get(`/api/v1/training-projects/${draft.id}`));
    const sessions = before.sessions.map((x: any) => ({ ...x, teacher: "王海燕" }));
    const body = { ...projectInput(west.id, { title: "UID 稳定性测试（改）", startDate: "2026-12-28", endDate: "2026-12-28", sessions }), version: before.version };
    const edited = ok(await west.staff.patch(`/api/v1/training-projects/${draft.id}`, body));
    expect(edited.sessions.map((x: any) => x.id)).toEqual(before.sessions.map((x: any) => x.id));
  });

  it("writes the feed by the iCalendar rules: CRLF lines of at most 75 octets, a DTSTAMP on every event", async () => {
    const text = (await anon.get(`/api/v1/public/training-projects.ics?baseId=${west.id}&to=2026-12-25`)).body as string;
    expect(text).toContain("\r\n");
    for (const raw of text.split("\r\n")) expect(Buffer.byteLength(raw, "utf8"), raw).toBeLessThanOrEqual(75);
    const { events } = parseIcs(text);
    expect(events).toHaveLength(4); // the four sessions of b1
    for (const e of events) expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(events[0].LOCATION).toBe("文登区米山路 16 号");
  });

  it("escapes commas, semicolons and backslashes in the feed's texts, and shows a project without sessions as one all-day event ending the day after", async () => {
    const title = "研修班；第一期, 上午; 下午\\结业";
    const odd = await givenFiledProject(west, { title, venue: "文登区米山路 16 号, 302 室; 东门进入", startDate: "2026-12-30", endDate: "2026-12-31" });
    p.odd = odd;
    await s.app.platform.db.deleteFrom("projectSessions").where("projectId", "=", odd.id).execute();
    const { events } = parseIcs((await anon.get(`/api/v1/public/training-projects.ics?baseId=${west.id}&from=2026-12-28`)).body as string);
    const event = events.find((e) => e.UID === `${odd.id}@cebase`)!;
    expect(event["DTSTART;VALUE=DATE"]).toBe("20261230");
    expect(event["DTEND;VALUE=DATE"]).toBe("20270101");
    expect(event.SUMMARY).toBe(title);
    expect(event.LOCATION).toBe("文登区米山路 16 号, 302 室; 东门进入");
  });

  it("keeps running and completed projects on the calendar", async () => {
    const soon = await givenFiledProject(west, { title: "护理技能实训", specialty: "护理", startDate: "2026-11-09", endDate: "2026-11-10" });
    p.running = soon; // counted among ours from here on
    await setToday(c, "2026-11-09");
    await runJobs(c);
    expect(ok(await anon.get(`/api/v1/public/training-projects/${soon.id}`)).status).toBe("running");
    await setToday(c, "2026-11-11");
    await runJobs(c);
    expect(ok(await anon.get(`/api/v1/public/training-projects/${soon.id}`)).status).toBe("completed");
    expect(await ids(`&baseId=${west.id}&to=2026-12-25`)).toEqual([soon.id, p.b1.id]);
  });
});
