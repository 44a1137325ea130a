// What review found under concurrency and at the edges: one person registered once however many staff
// register them at the same moment, the daily hours limit kept when two decisions land together,
// declared hours spread over the days they took, a base shown nothing of a stranger, and no ID number
// in a logged URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logSafeUrl } from "../../src/server/app.js";
import { demoIdNumber } from "../../src/server/demo/seed.js";
import { expectError, ok } from "../support/filing.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { givenSignedUp, personInput, setTodayAs, uploadEvidence } from "../support/professionals.js";

describe("request log", () => {
  it("masks every query value of a logged URL", () => {
    expect(logSafeUrl("/api/v1/professionals?idNumber=371002199012121116&page=1")).toBe("/api/v1/professionals?idNumber=***&page=***");
    expect(logSafeUrl("/api/v1/health")).toBe("/api/v1/health");
  });
});

describe.each(dialects)("delivery under concurrency on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let base: Client;
  let base2: Client;

  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, base, base2] = await Promise.all(["bureau", "base", "base2"].map((u) => s.as(u)));
    await setTodayAs(bureau, "2026-06-15");
  });
  afterAll(() => s.close());

  const declaration = (fileId: string, o: Record<string, unknown> = {}) => ({
    form: "conference",
    subjectType: "professional",
    title: "山东省智能制造学术年会",
    hours: 6,
    earnedOn: "2026-05-20",
    evidenceFileId: fileId,
    ...o,
  });

  it("registers a new person once when four staff register them at the same moment", async () => {
    const person = personInput({ name: "钱晓峰" });
    const answers = await Promise.all([base, base, bureau, bureau].map((c) => c.post("/api/v1/professionals", person)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await s.app.platform.db.selectFrom("users").select("id").where("displayName", "=", "钱晓峰").execute();
    expect(rows).toHaveLength(1);
  });

  it("keeps the daily limit when the bureau accepts two declarations for one day at once", async () => {
    const { client } = await givenSignedUp(s);
    const a = ok(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client, "会议一"))), 201);
    const b = ok(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client, "会议二"), { title: "全国先进制造论坛" })), 201);
    const [x, y] = await Promise.all([a, b].map((d) => bureau.post(`/api/v1/hour-declarations/${d.id}/actions/accept`, { version: d.version })));
    expect([x.status, y.status]).toEqual([200, 200]);
    const record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
    // 6 + 6 asked on one day; at most 8 count.
    expect(record.totalHours).toBe(8);
  });

  it("counts a declared three-day conference in full, eight hours a day", async () => {
    const { client } = await givenSignedUp(s);
    const d = ok(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client), { hours: 24 })), 201);
    const accepted = ok(await bureau.post(`/api/v1/hour-declarations/${d.id}/actions/accept`, { version: d.version }));
    expect(accepted.decisionComment ?? "").not.toContain("计入");
    const record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
    expect(record.totalHours).toBe(24);
    expect(record.entries[0]).toMatchObject({ hours: 24, earnedOn: "2026-05-20" });
  });

  it("puts declarations waiting for a decision on the bureau's home page", async () => {
    const before = ok(await bureau.get("/api/v1/work-items")).items.find((i: any) => i.kind === "delivery.declarationsPending")?.params.count ?? 0;
    const { client } = await givenSignedUp(s);
    ok(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client), { earnedOn: "2026-05-02" })), 201);
    const items = ok(await bureau.get("/api/v1/work-items")).items;
    expect(items).toContainEqual({ kind: "delivery.declarationsPending", params: { count: before + 1 }, link: "/hour-declarations?status=pending" });
  });

  it("shows a base nothing of a person it never taught beyond what it gave", async () => {
    const pro1 = { name: "周晓东", idNumber: demoIdNumber("19880512", 123), employer: "某单位" };
    const found = ok(await base2.post("/api/v1/professionals", pro1));
    expect(found).toMatchObject({ name: "周晓东", username: "", phone: null, revealed: false, employer: "某单位" });
    expect(found.idNumber).toMatch(/^3710\*{10}\d{3}[\dX]$/);
    expectError(await base2.get(`/api/v1/professionals/${found.id}`), 404, "NOT_FOUND");
    expectError(await base2.post("/api/v1/professionals", { ...pro1, name: "周小东" }), 422, "ID_NAME_MISMATCH");
  });
});
