// issue 13 item 6: the public calendar, registry and notices come from a short-lived cache that a change
// empties at once; answers are compressed; the built web app's hashed assets are kept for a year.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHED_PUBLIC_ROUTES } from "../../src/server/platform/public-cache.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { filingCast, givenActiveBase, givenFiledProject, ok, setToday, type FilingCast, type TestBase } from "../support/filing.js";

/** A raw GET, so the test sees the encoding on the wire (fetch would inflate it silently). */
function rawGet(baseUrl: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(baseUrl + url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe.each(dialects)("public reads on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let anon: Client;
  let base: TestBase;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-web-"));
  const script = `console.log(${JSON.stringify("继续教育".repeat(400))});\n`;

  beforeAll(async () => {
    fs.mkdirSync(path.join(webDir, "assets"));
    fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>cebase</title>");
    fs.writeFileSync(path.join(webDir, "assets", "index-AbCd12_x.js"), script);
    fs.writeFileSync(path.join(webDir, "assets", "index-AbCd12_x.js.br"), zlib.brotliCompressSync(script));
    s = await startServer(dialect, { publicCacheSeconds: 30, webDir });
    c = await filingCast(s);
    anon = s.client();
    base = await givenActiveBase(c, "base", { name: "环翠区缓存测试继续教育基地", district: "环翠区" });
    await setToday(c, "2026-11-02");
    await givenFiledProject(base, { title: "缓存测试研修班一", startDate: "2026-12-14", endDate: "2026-12-15" });
  });
  afterAll(async () => {
    await s.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const calendar = `/api/v1/public/training-projects?baseId=`;

  it("answers a repeated calendar read from the cache, and lets browsers keep it for 30 seconds", async () => {
    const first = await anon.get(calendar + base.id);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("miss");
    expect(first.headers.get("cache-control")).toBe("public, max-age=30, stale-while-revalidate=30");
    const second = await anon.get(calendar + base.id);
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.headers.get("cache-control")).toBe("public, max-age=30, stale-while-revalidate=30");
    expect(second.body).toEqual(first.body);
  });

  it("shows a newly filed project at the next read: a change empties the cache", async () => {
    const before = ok(await anon.get(calendar + base.id));
    expect(before.items.map((x: any) => x.title)).not.toContain("缓存测试研修班二");
    await givenFiledProject(base, { title: "缓存测试研修班二", startDate: "2026-12-21", endDate: "2026-12-21" });
    const after = await anon.get(calendar + base.id);
    expect(after.headers.get("x-cache")).toBe("miss");
    expect(after.body.items.map((x: any) => x.title)).toContain("缓存测试研修班二");
  });

  it("keeps the calendar cached through sign-ins and other writes that change nothing the public sees", async () => {
    await anon.get(calendar + base.id);
    expect((await anon.get(calendar + base.id)).headers.get("x-cache")).toBe("hit");
    expect((await s.client().login("pro1")).status).toBe(200);
    expect((await anon.get(calendar + base.id)).headers.get("x-cache")).toBe("hit");
  });

  it("answers a cached iCal feed with the same file name as the first time", async () => {
    const first = await anon.get(`/api/v1/public/training-projects.ics?baseId=${base.id}`);
    const again = await anon.get(`/api/v1/public/training-projects.ics?baseId=${base.id}`);
    expect(again.headers.get("x-cache")).toBe("hit");
    expect(again.headers.get("content-disposition")).toBe(first.headers.get("content-disposition"));
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(again.body).toEqual(first.body);
  });

  it("keeps each language apart", async () => {
    const en = s.client();
    en.lang = "en-US";
    await anon.get("/api/v1/public/bases?pageSize=7");
    expect((await anon.get("/api/v1/public/bases?pageSize=7")).headers.get("x-cache")).toBe("hit");
    expect((await en.get("/api/v1/public/bases?pageSize=7")).headers.get("x-cache")).toBe("miss");
    expect((await en.get("/api/v1/public/bases?pageSize=7")).headers.get("x-cache")).toBe("hit");
  });

  it("never keeps a refusal or a signed-in read", async () => {
    const missing = await anon.get("/api/v1/public/training-projects/no-such-project");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect((await anon.get("/api/v1/public/training-projects/no-such-project")).headers.get("x-cache")).toBeNull();
    const mine = await base.staff.get("/api/v1/training-projects");
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("no-store");
    expect(mine.headers.get("x-cache")).toBeNull();
  });

  it("caches only public GET routes that exist", () => {
    for (const url of CACHED_PUBLIC_ROUTES) {
      expect(url.startsWith("/api/v1/public/"), url).toBe(true);
      expect(s.app.app.hasRoute({ method: "GET", url }), url).toBe(true);
    }
  });

  it("compresses an answer for a client that takes brotli or gzip, and not for one that does not", async () => {
    const br = await rawGet(s.baseUrl, "/api/v1/openapi.json", { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    const spec = JSON.parse(zlib.brotliDecompressSync(br.body).toString("utf8"));
    expect(spec.openapi).toBeTruthy();
    const gz = await rawGet(s.baseUrl, "/api/v1/openapi.json", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString("utf8"))).toEqual(spec);
    const plain = await rawGet(s.baseUrl, "/api/v1/openapi.json");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(br.body.length * 3);
  });

  it("sends a hashed asset compressed at build time and kept a year; the page itself is asked anew", async () => {
    const asset = await rawGet(s.baseUrl, "/assets/index-AbCd12_x.js", { "accept-encoding": "br, gzip" });
    expect(asset.status).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("br");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(zlib.brotliDecompressSync(asset.body).toString("utf8")).toBe(script);
    for (const page of ["/", "/public/trainings"]) {
      const html = await rawGet(s.baseUrl, page);
      expect(html.status, page).toBe(200);
      expect(html.headers["cache-control"], page).toBe("no-cache");
      expect(html.body.toString("utf8")).toContain("<title>cebase</title>");
    }
  });
});
