// Issue 13 item 3: name and title search goes through full-text indexes (SQLite FTS5 trigram tables kept by
// triggers; PostgreSQL pg_trgm on lower(name)) that stay in step with their tables, whoever writes the row;
// one or two characters match a name's beginning; "%" and "_" stay literal; scope still applies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filingCast, givenActiveBase, ok, type FilingCast } from "../support/filing.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { givenPeopleRows, givenProjectRows } from "../support/lists.js";
import { givenEnrolmentRow, givenProjectRow, givenSignedUp } from "../support/professionals.js";

const q = (text: string) => encodeURIComponent(text);

describe.each(dialects)("search indexes on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let bureau: Client;
  let baseId: string;
  const names = async (client: Client, keyword: string) => ok(await client.get(`/api/v1/professionals?pageSize=200&keyword=${q(keyword)}`)).items.map((p: any) => p.name).sort();
  const titles = async (keyword: string) => ok(await bureau.get(`/api/v1/training-projects?pageSize=200&q=${q(keyword)}`)).items.map((p: any) => p.title).sort();

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    bureau = c.bureau;
    await givenSignedUp(s, { name: "孙明华" });
    baseId = (await givenActiveBase(c, "base")).id;
    // Filler, so an index and not luck answers.
    await givenPeopleRows(s, Array.from({ length: 300 }, (_, i) => ({ name: `填充人员${i}`, createdAt: "2026-01-01T00:00:00.000Z" })));
  });
  afterAll(() => s.close());

  it("finds a person added by three characters of the name, by the new name after a rename and not at all once deleted", async () => {
    const [id] = await givenPeopleRows(s, [{ name: "诸葛孔明亮", createdAt: "2026-02-01T00:00:00.000Z" }]);
    expect(await names(bureau, "孔明亮")).toEqual(["诸葛孔明亮"]);
    expect(await names(bureau, "葛孔明")).toEqual(["诸葛孔明亮"]);

    await s.app.platform.db.updateTable("users").set({ displayName: "司马懿德" }).where("id", "=", id).execute();
    expect(await names(bureau, "孔明亮")).toEqual([]);
    expect(await names(bureau, "马懿德")).toEqual(["司马懿德"]);

    await s.app.platform.db.deleteFrom("professionals").where("id", "=", id).execute();
    await s.app.platform.db.deleteFrom("users").where("id", "=", id).execute();
    expect(await names(bureau, "马懿德")).toEqual([]);
  });

  it("finds a project by three characters of its title, and by the new title after a rename", async () => {
    const [id] = await givenProjectRows(s, baseId, [{ title: "高级焊接工艺研修班", startDate: "2026-05-01" }]);
    expect(await titles("焊接工艺")).toEqual(["高级焊接工艺研修班"]);
    await s.app.platform.db.updateTable("trainingProjects").set({ title: "数控编程研修班" }).where("id", "=", id).execute();
    expect(await titles("焊接工艺")).toEqual([]);
    expect(await titles("数控编程")).toEqual(["数控编程研修班"]);
    expect(await titles("数控")).toEqual(["数控编程研修班"]);
    // a short keyword still matches anywhere in a title
    expect(await titles("编程")).toEqual(["数控编程研修班"]);
  });

  it("matches one or two characters at the beginning of the name", async () => {
    await givenPeopleRows(s, ["张三", "张三丰", "张无忌", "李张三"].map((name) => ({ name, createdAt: "2026-02-02T00:00:00.000Z" })));
    expect(await names(bureau, "张三")).toEqual(["张三", "张三丰"]);
    expect(await names(bureau, "张")).toEqual(["张三", "张三丰", "张无忌"]);
    expect(await names(bureau, "张三丰")).toEqual(["张三丰"]);
  });

  it("takes % and _ literally", async () => {
    await givenPeopleRows(s, ["100%达标", "1000达标", "a_b组", "axb组"].map((name) => ({ name, createdAt: "2026-02-03T00:00:00.000Z" })));
    expect(await names(bureau, "100%")).toEqual(["100%达标"]);
    expect(await names(bureau, "a_b")).toEqual(["a_b组"]);
    expect(await names(bureau, "%")).toEqual([]);
    expect(await names(bureau, "_")).toEqual([]);
  });

  it("keeps a base's search within the people enrolled in its courses", async () => {
    const [taught, other] = await givenPeopleRows(s, ["欧阳学员甲", "欧阳学员乙"].map((name) => ({ name, createdAt: "2026-02-04T00:00:00.000Z" })));
    const projectId = await givenProjectRow(s, baseId);
    await givenEnrolmentRow(s, projectId, taught);
    expect(await names(c.base, "阳学员")).toEqual(["欧阳学员甲"]);
    expect(await names(c.base, "欧阳")).toEqual(["欧阳学员甲"]);
    expect(await names(bureau, "阳学员")).toEqual(["欧阳学员乙", "欧阳学员甲"].sort());
    expect(other).toBeTruthy();
  });
});
