// The API surface: the error shape for every failure, security headers, OpenAPI, health, test clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedIn, startServer, type Client, type TestServer } from "../support/harness.js";

describe.each(dialects)("API surface on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    bureau = await s.as("bureau");
  });
  afterAll(() => s.close());

  it("reports health with the database in use", async () => {
    const res = await s.client().get("/api/v1/health");
    expect(res.body).toEqual({ status: "ok", db: dialect, version: expect.any(String) });
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const res = await s.client().request("POST", "/api/v1/auth/login", '{"username": "bureau", ');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "MALFORMED_JSON", message: "请求内容不是合法的 JSON" });
  });

  it("answers an unknown route with 404 in the error shape", async () => {
    const res = await bureau.get("/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("ROUTE_NOT_FOUND");
  });

  it("answers a known path asked with a method it does not take with 405, naming the methods it takes", async () => {
    const wrong = await bureau.delete("/api/v1/auth/login");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(wrong.body.error).toMatchObject({ code: "METHOD_NOT_ALLOWED", message: "该接口不支持此请求方法（DELETE），支持：POST" });
    // a path with a parameter: any id matches the pattern
    const patch = await bureau.request("PATCH", "/api/v1/bases/any-id/revocation-preview", {});
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, HEAD");
    // a path nobody registered stays 404
    expect((await bureau.delete("/api/v1/no-such-thing")).body.error.code).toBe("ROUTE_NOT_FOUND");
  });

  it("answers an oversized body with 413", async () => {
    // issue 9: the calendar is the system administrator's; issue 10: a caller without the grant hears 403 first
    const res = await (await signedIn(s, "sysadmin")).post("/api/v1/calendar/overrides", { date: "2026-12-30", isWorkday: true, name: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "提交的内容过大" });
  });

  it("answers headers over Node's limit with 431 HEADERS_TOO_LARGE in the error shape", async () => {
    const res = await s.client().request("GET", "/api/v1/health", undefined, { "x-padding": "x".repeat(20 * 1024) });
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ error: { code: "HEADERS_TOO_LARGE", message: "请求头过大" } });
  });

  it("answers a path that is not valid percent-encoded UTF-8 with 400 BAD_URL", async () => {
    for (const url of ["/api/v1/users/%ED%A0%80", "/api/v1/users/%C0%AE%C0%AE", "/api/v1/organizations/%E0%A4%A"]) {
      const res = await bureau.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error, url).toEqual({ code: "BAD_URL", message: "请求地址无效" });
    }
  });

  it("answers a path parameter over the router's length with 414 URI_TOO_LONG", async () => {
    const res = await bureau.get(`/api/v1/organizations/${"a".repeat(500)}`);
    expect(res.status).toBe(414);
    expect(res.body.error.code).toBe("URI_TOO_LONG");
  });

  it("answers a body of a type no route reads with 415 in the error shape", async () => {
    // the calendar is the system administrator's: the access gate answers the bureau 403 before the body is read
    const res = await (await signedIn(s, "sysadmin")).request("POST", "/api/v1/calendar/overrides", "<override/>", { "content-type": "application/xml" });
    expect(res.status).toBe(415);
    expect(res.body.error).toEqual({ code: "UNSUPPORTED_MEDIA_TYPE", message: "不支持的内容类型" });
  });

  it("gives messages in English when asked", async () => {
    const c = s.client();
    c.lang = "en-US";
    const res = await c.login("bureau", "Wrong#2026");
    expect(res.body.error.message).toBe("Wrong username or password");
  });

  it("refuses wrong types, missing fields and over-long strings with VALIDATION_FAILED naming the field", async () => {
    const sysadmin = await signedIn(s, "sysadmin");
    const wrongType = await sysadmin.post("/api/v1/calendar/overrides", { date: "2026-12-30", isWorkday: "yes", name: "x" });
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(wrongType.body.error.details)).toContain("isWorkday");
    const missing = await sysadmin.post("/api/v1/calendar/overrides", { date: "2026-12-30" });
    expect(JSON.stringify(missing.body.error.details)).toContain("isWorkday");
    const long = await sysadmin.post("/api/v1/calendar/overrides", { date: "2026-12-30", isWorkday: true, name: "长".repeat(500) });
    expect(long.body.error.code).toBe("VALIDATION_FAILED");
    expect((await bureau.get("/api/v1/calendar/2026")).body.overrides).toEqual([]);
  });

  it("refuses impossible calendar dates with 400", async () => {
    const auditor = await signedIn(s, "auditor");
    for (const [c, url] of [[auditor, "/api/v1/audit-events?from=2026-13-45"], [bureau, "/api/v1/policy/current?date=2026-02-30"], [bureau, "/api/v1/calendar/days/2026-99-99"]] as const) {
      const res = await c.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("treats SQL and script injection strings as plain data", async () => {
    const sqlish = await bureau.get(`/api/v1/users?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(sqlish.status).toBe(200);
    expect(sqlish.body.total).toBe(0);
    const badId = await bureau.get(`/api/v1/users/${encodeURIComponent("1; drop table users")}`);
    expect(badId.status).toBe(400);
    const script = await (await signedIn(s, "sysadmin")).post("/api/v1/calendar/overrides", { date: "2026-12-30", isWorkday: true, name: "<script>alert(1)</script>" });
    expect(script.status).toBe(200);
    expect(script.body.overrides[0].name).toBe("<script>alert(1)</script>");
    expect((await bureau.get("/api/v1/users")).body.total).toBe(13);
  });

  it("answers 401 to an anonymous caller before looking at the body", async () => {
    const res = await s.client().post("/api/v1/users", { nonsense: true });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("sends security headers on every answer", async () => {
    for (const res of [await s.client().get("/api/v1/health"), await s.client().get("/api/v1/nope"), await s.client().get("/")]) {
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("publishes OpenAPI generated from the route schemas, and Swagger UI", async () => {
    const res = await s.client().get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths);
    for (const p of ["/api/v1/auth/login", "/api/v1/users", "/api/v1/organizations/{id}", "/api/v1/audit-events", "/api/v1/policy/versions", "/api/v1/calendar/{year}"]) {
      expect(paths).toContain(p);
    }
    // Every operation documents the errors it can answer, downloads and exports included.
    const undocumented = Object.entries<any>(res.body.paths).flatMap(([p, ops]) =>
      Object.entries<any>(ops).filter(([, op]) => !["400", "404", "422"].every((code) => code in (op.responses ?? {}))).map(([m]) => `${m} ${p}`),
    );
    expect(undocumented).toEqual([]);
    expect(Object.keys(res.body.paths["/api/v1/training-projects/{id}/archive.zip"].get.responses)).toEqual(expect.arrayContaining(["401", "403", "404", "429"]));
    expect(Object.keys(res.body.paths["/api/v1/public/bases"].get.responses)).not.toContain("401");
    const login = res.body.paths["/api/v1/auth/login"].post;
    expect(login.requestBody.content["application/json"].schema.required).toEqual(["username", "password"]);
    const ui = await s.client().get("/api/docs/");
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain("swagger");
  });

  it("lets the bureau move business time with the test clock, and nobody else", async () => {
    const pro = await s.as("pro1");
    expect((await pro.put("/api/v1/test/clock", { now: "2027-03-01T01:00:00.000Z" })).status).toBe(403);
    const res = await bureau.put("/api/v1/test/clock", { now: "2027-03-01T01:00:00.000Z" });
    expect(res.status).toBe(200);
    expect(res.body.today).toBe("2027-03-01");
    expect((await s.client().get("/api/v1/clock")).body.today).toBe("2027-03-01");
    await bureau.put("/api/v1/test/clock", { now: null });
    expect((await s.client().get("/api/v1/clock")).body.isTestClock).toBe(true);
  });

  it("has no test clock unless CEBASE_TEST_CLOCK is on", async () => {
    const prod = await startServer(dialect, { testClock: false });
    try {
      const b = await prod.as("bureau");
      const res = await b.put("/api/v1/test/clock", { now: "2027-03-01T01:00:00.000Z" });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("TEST_CLOCK_DISABLED");
    } finally {
      await prod.close();
    }
  });
});
