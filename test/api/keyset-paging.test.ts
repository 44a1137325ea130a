// Issue 13 item 3: the big lists page by keyset. A walk by cursor sees every row that was there when it
// began exactly once, however many rows arrive between its pages; ties in the first key are ordered by
// id; a cursor the list did not hand out is a 400; the total is counted no further than 10,000.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/server/platform/keyset.js";
import { expectError, filingCast, givenActiveBase, ok, type FilingCast } from "../support/filing.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { givenPeopleRows, givenProjectRows } from "../support/lists.js";
import { givenSignedUp } from "../support/professionals.js";

/** Every page of the list from `path`, following nextCursor; `between` runs before each page after the first. */
async function walk(client: Client, path: string, between: () => Promise<unknown>): Promise<any[]> {
  const seen: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    if (pages > 0) await between();
    const sep = path.includes("?") ? "&" : "?";
    const body = ok(await client.get(`${path}${sep}pageSize=20${cursor ? `&cursor=${cursor}` : ""}`));
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error("the walk did not end");
}

const at = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, "0")}:00.000Z`;

describe.each(dialects)("keyset paging on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let bureau: Client;
  let baseId: string;

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    bureau = c.bureau;
    await givenSignedUp(s, { name: "孙明华" });
    baseId = (await givenActiveBase(c, "base")).id;
  });
  afterAll(() => s.close());

  it("walks the professionals by cursor seeing every earlier row once while people are added between pages, ties ordered by id", async () => {
    // 90 people over 6 minutes: 15 share each createdAt.
    await givenPeopleRows(s, Array.from({ length: 90 }, (_, i) => ({ name: `批量人员${i}`, createdAt: at(i % 6) })));
    const before = await s.app.platform.db.selectFrom("professionals").select(["id", "createdAt"]).execute();
    let added = 0;
    const seen = await walk(bureau, "/api/v1/professionals", () =>
      // Newer people, and people at a createdAt already being walked: neither may push an earlier row off a page.
      givenPeopleRows(s, [
        { name: `新来人员${added++}`, createdAt: at(59) },
        { name: `新来人员${added++}`, createdAt: at(3) },
      ]),
    );
    const ids = seen.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const earlier = new Set(before.map((r) => r.id));
    expect(ids.filter((id) => earlier.has(id)).sort()).toEqual([...earlier].sort());
    // The order: createdAt descending, then id descending among equal createdAt.
    const keys = seen.map((p) => [p.createdAt, p.id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1));
    expect(keys).toEqual(sorted);
  });

  it("walks the projects by cursor seeing every earlier project once while projects are filed between pages", async () => {
    await givenProjectRows(s, baseId, Array.from({ length: 70 }, (_, i) => ({ title: `批量项目${i}`, startDate: `2026-0${1 + (i % 4)}-10` })));
    const before = await s.app.platform.db.selectFrom("trainingProjects").select("id").execute();
    let added = 0;
    const seen = await walk(bureau, "/api/v1/training-projects", () =>
      givenProjectRows(s, baseId, [
        { title: `新项目${added++}`, startDate: "2026-09-01" },
        { title: `新项目${added++}`, startDate: "2026-02-10" },
      ]),
    );
    const ids = seen.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const earlier = new Set(before.map((r) => r.id));
    expect(ids.filter((id) => earlier.has(id)).sort()).toEqual([...earlier].sort());
    const keys = seen.map((p) => `${p.startDate} ${p.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it("answers a cursor it did not hand out with 400 VALIDATION_FAILED, never 500", async () => {
    for (const cursor of ["!!!", "abc", encodeCursor(["2026-03-01"]), encodeCursor([{} as never, "x"]), Buffer.from("[1,").toString("base64url")]) {
      const res = await bureau.get(`/api/v1/professionals?cursor=${encodeURIComponent(cursor)}`);
      expectError(res, 400, "VALIDATION_FAILED");
    }
    expectError(await bureau.get(`/api/v1/training-projects?cursor=${encodeCursor([1, 2, 3])}`), 400, "VALIDATION_FAILED");
  });

  it("refuses a numbered page beyond the first 10,000 rows with a 400 that names the cursor", async () => {
    const res = await bureau.get("/api/v1/professionals?page=501&pageSize=20");
    expectError(res, 400, "VALIDATION_FAILED");
    expect(res.body.error.details).toMatchObject({ field: "page", max: 500, next: "cursor" });
    expect(ok(await bureau.get("/api/v1/professionals?page=500&pageSize=20")).page).toBe(500);
  });

  it("counts 10,000 and says so when the list holds more, and the cursor reads on past them", async () => {
    const have = (await s.app.platform.db.selectFrom("professionals").select("id").execute()).length;
    await givenPeopleRows(s, Array.from({ length: 10050 - have }, (_, i) => ({ name: `万人${i}`, createdAt: at(30 + (i % 20)) })));
    const first = ok(await bureau.get("/api/v1/professionals?pageSize=200"));
    expect(first).toMatchObject({ total: 10000, totalCapped: true, page: 1, pageSize: 200 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const last = ok(await bureau.get("/api/v1/professionals?page=50&pageSize=200"));
    expect(last.items).toHaveLength(200);
    const beyond = ok(await bureau.get(`/api/v1/professionals?pageSize=200&cursor=${last.nextCursor}`));
    expect(beyond.items).toHaveLength(50);
    expect(beyond.nextCursor).toBeNull();
    const narrow = ok(await bureau.get(`/api/v1/professionals?keyword=${encodeURIComponent("孙明华")}`));
    expect(narrow).toMatchObject({ total: 1, totalCapped: false, nextCursor: null });
  });
});
