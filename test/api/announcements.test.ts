// 通知公告 (issue 12 item 6): the bureau publishes to all bases or the public, a supervising unit to its own
// bases or the public; each base sees what is addressed to it and confirms reading; the sender sees who
// has read; the public sees only public ones, attachments included; nobody else's is reachable (404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, ok, readSheet } from "../support/filing.js";
import { minimalPdf } from "../support/files.js";

describe.each(dialects)("announcements on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client, supervisor: Client, supervisor2: Client, base: Client, base2: Client, pro1: Client, anon: Client;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { accreditationDemo: true });
    [bureau, supervisor, supervisor2, base, base2, pro1] = await Promise.all(["bureau", "supervisor", "supervisor2", "base", "base2", "pro1"].map((u) => s.as(u)));
    anon = s.client();
  });
  afterAll(() => s.close());

  const publish = async (who: Client, audience: string, o: Record<string, unknown> = {}) =>
    ok(await who.post("/api/v1/announcements", { title: `测试公告-${audience}-${Math.random().toString(36).slice(2, 8)}`, body: "请各基地认真落实。", audience, ...o }), 201);
  const idsOf = async (who: Client, query = "") => (ok(await who.get(`/api/v1/announcements?pageSize=200${query}`)).items as any[]).map((a) => a.id);
  const upload = async (who: Client, name: string) =>
    ok(await who.request("POST", "/api/v1/files", await minimalPdf(name), { "content-type": "application/pdf", "x-file-name": encodeURIComponent(name) }), 201).fileId as string;

  it("lets a supervising unit's announcement to its own bases reach only the bases it supervises", async () => {
    const a = await publish(supervisor, "my_bases");
    expect(a).toMatchObject({ audience: "my_bases", status: "published", isOwn: true });
    expect(a.availableActions).toEqual(expect.arrayContaining(["withdraw", "receipts"]));
    expect(await idsOf(base)).toContain(a.id);
    expect(await idsOf(base2)).not.toContain(a.id);
    expect(await idsOf(supervisor2)).not.toContain(a.id);
    expect(await idsOf(bureau)).toContain(a.id);
    expectError(await base2.get(`/api/v1/announcements/${a.id}`), 404, "NOT_FOUND");
    expectError(await base2.post(`/api/v1/announcements/${a.id}/actions/read`), 404, "NOT_FOUND");
    expectError(await supervisor2.get(`/api/v1/announcements/${a.id}/reads`), 404, "NOT_FOUND");
    expectError(await anon.get(`/api/v1/public/announcements/${a.id}`), 404, "NOT_FOUND");
    // the base is told, in the notification centre
    const told = ok(await base.get("/api/v1/notifications?state=unread&pageSize=100")).items.filter((n: any) => n.kind === "announcement.published");
    expect(told.map((n: any) => n.link)).toContain(`/announcements/${a.id}`);
  });

  it("keeps all bases the bureau's audience and my_bases a supervising unit's", async () => {
    expect(expectError(await bureau.post("/api/v1/announcements", { title: "标题", body: "正文", audience: "my_bases" }), 422, "ANNOUNCEMENT_AUDIENCE_REFUSED").allowed).toEqual(["all_bases", "public"]);
    expect(expectError(await supervisor.post("/api/v1/announcements", { title: "标题", body: "正文", audience: "all_bases" }), 422, "ANNOUNCEMENT_AUDIENCE_REFUSED").allowed).toEqual(["my_bases", "public"]);
    expectError(await base.post("/api/v1/announcements", { title: "标题", body: "正文", audience: "public" }), 403, "FORBIDDEN");
    expectError(await pro1.get("/api/v1/announcements"), 403, "FORBIDDEN");
    expectError(await anon.get("/api/v1/announcements"), 401, "UNAUTHENTICATED");
  });

  it("refuses bad input with a 400 in the error shape", async () => {
    expectError(await bureau.post("/api/v1/announcements", { title: "标题", body: "正文", audience: "everyone" }), 400, "VALIDATION_FAILED");
    expectError(await bureau.post("/api/v1/announcements", { title: "", body: "正文", audience: "public" }), 400, "VALIDATION_FAILED");
    expectError(await bureau.post("/api/v1/announcements", { title: "   ", body: "正文", audience: "public" }), 400, "VALIDATION_FAILED");
    expectError(await bureau.post("/api/v1/announcements", { title: "标题", audience: "public" }), 400, "VALIDATION_FAILED");
    expectError(await bureau.post("/api/v1/announcements", { title: "标题", body: "正文", audience: "public", attachments: ["nope"] }), 400, "VALIDATION_FAILED");
    expectError(await bureau.get("/api/v1/announcements?status=draft"), 400, "VALIDATION_FAILED");
    expectError(await bureau.get("/api/v1/announcements/no-such-id"), 404, "NOT_FOUND");
  });

  it("shows the sender which bases have read, and a base confirms reading once", async () => {
    const a = await publish(bureau, "all_bases");
    const before = ok(await bureau.get(`/api/v1/announcements/${a.id}/reads?pageSize=200`));
    expect(before.bases).toBeGreaterThanOrEqual(2);
    expect(before.read).toBe(0);
    expect(before.items.every((r: any) => r.readAt === null)).toBe(true);

    expect(ok(await base.get("/api/v1/announcements?unread=true&pageSize=200")).items.map((x: any) => x.id)).toContain(a.id);
    const view = ok(await base.get(`/api/v1/announcements/${a.id}`));
    expect(view).toMatchObject({ readAt: null, isOwn: false, availableActions: ["read"] });
    const confirmed = ok(await base.post(`/api/v1/announcements/${a.id}/actions/read`));
    expect(confirmed.readAt).toEqual(expect.any(String));
    expect(confirmed.availableActions).toEqual([]);
    expect(ok(await base.post(`/api/v1/announcements/${a.id}/actions/read`)).readAt).toBe(confirmed.readAt);
    expect(ok(await base.get("/api/v1/announcements?unread=true&pageSize=200")).items.map((x: any) => x.id)).not.toContain(a.id);

    const after = ok(await bureau.get(`/api/v1/announcements/${a.id}/reads?pageSize=200`));
    expect(after.read).toBe(1);
    const readBases = ok(await bureau.get(`/api/v1/announcements/${a.id}/reads?read=true`)).items;
    expect(readBases).toHaveLength(1);
    expect(readBases[0]).toMatchObject({ readAt: confirmed.readAt, readerName: expect.any(String) });
    expect(ok(await bureau.get(`/api/v1/announcements/${a.id}/reads?read=false&pageSize=200`)).total).toBe(after.bases - 1);
    const sheet = await readSheet((await bureau.get(`/api/v1/announcements/${a.id}/reads/export.xlsx`)).body);
    expect(sheet[0]).toEqual(["基地", "管理单位", "区市", "是否已读", "确认阅读时间", "确认人"]);
    expect(sheet.slice(1).filter((r) => r[3] === "已读")).toHaveLength(1);
    expect(sheet).toHaveLength(after.bases + 1);
    // a supervising unit sees the bureau's announcement but not its receipts; only bases confirm reading
    expect(ok(await supervisor.get(`/api/v1/announcements/${a.id}`)).availableActions).toEqual([]);
    expectError(await supervisor.get(`/api/v1/announcements/${a.id}/reads`), 404, "NOT_FOUND");
    expectError(await supervisor.post(`/api/v1/announcements/${a.id}/actions/read`), 403, "FORBIDDEN");
    // the audit trail keeps the confirmation
    const auditor = await s.as("auditor");
    const trail = ok(await auditor.get(`/api/v1/audit-events?resourceId=${a.id}&pageSize=50`));
    expect(trail.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(["announcement.publish", "announcement.read"]));
  });

  it("lists public announcements for anyone with their attachments, and only public ones", async () => {
    const fileId = await upload(bureau, "培训收费公示.pdf");
    const pub = await publish(bureau, "public", { attachments: [fileId] });
    const internal = await publish(bureau, "all_bases", { attachments: [fileId] });
    const list = ok(await anon.get("/api/v1/public/announcements?pageSize=200"));
    expect(list.items.map((x: any) => x.id)).toContain(pub.id);
    expect(list.items.map((x: any) => x.id)).not.toContain(internal.id);
    const one = ok(await anon.get(`/api/v1/public/announcements/${pub.id}`));
    expect(one.attachments).toEqual([{ fileId, name: "培训收费公示.pdf", size: expect.any(Number), mime: "application/pdf" }]);
    const file = await anon.get(`/api/v1/public/announcements/${pub.id}/attachments/${fileId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("application/pdf");
    // the same file under an internal announcement: only its audience
    expectError(await anon.get(`/api/v1/public/announcements/${internal.id}/attachments/${fileId}`), 404, "NOT_FOUND");
    expect((await base.get(`/api/v1/announcements/${internal.id}/attachments/${fileId}`)).status).toBe(200);
    const mine = await publish(supervisor2, "my_bases", { attachments: [await upload(supervisor2, "检查通知.pdf")] });
    expectError(await base.get(`/api/v1/announcements/${mine.id}/attachments/${mine.attachments[0].fileId}`), 404, "NOT_FOUND");
    // a file someone else uploaded cannot be attached (and so made public)
    expect(expectError(await supervisor.post("/api/v1/announcements", { title: "转发公告", body: "正文", audience: "public", attachments: [mine.attachments[0].fileId] }), 422, "FILE_NOT_ATTACHABLE").fileIds).toEqual([mine.attachments[0].fileId]);
  });

  it("lets only the sender withdraw, with a reason, and a withdrawn one leaves the bases and the public site", async () => {
    const a = await publish(supervisor, "public");
    expectError(await supervisor2.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { reason: "发布有误" }), 404, "NOT_FOUND");
    expectError(await base.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { reason: "发布有误" }), 403, "FORBIDDEN");
    // the bureau reads every announcement but withdraws only its own
    expect(ok(await bureau.get(`/api/v1/announcements/${a.id}`)).availableActions).toEqual(["receipts"]);
    expectError(await bureau.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { reason: "发布有误" }), 404, "NOT_FOUND");
    expectError(await supervisor.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { reason: " " }), 422, "COMMENT_REQUIRED");
    expectError(await supervisor.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { version: a.version + 5, reason: "发布有误" }), 409, "VERSION_CONFLICT");
    const gone = ok(await supervisor.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { version: a.version, reason: "内容有误，重新发布" }));
    expect(gone).toMatchObject({ status: "withdrawn", withdrawReason: "内容有误，重新发布", availableActions: ["receipts"] });
    expectError(await supervisor.post(`/api/v1/announcements/${a.id}/actions/withdraw`, { reason: "再次撤回" }), 409, "ANNOUNCEMENT_WITHDRAWN");
    expectError(await anon.get(`/api/v1/public/announcements/${a.id}`), 404, "NOT_FOUND");
    expectError(await base2.get(`/api/v1/announcements/${a.id}`), 404, "NOT_FOUND");
    expect(await idsOf(supervisor, "&status=withdrawn")).toContain(a.id);
  });

  it("shows the demo's two announcements of the bureau, one of them public", async () => {
    const demo = ok(await base.get("/api/v1/announcements?pageSize=200")).items.filter((x: any) => !x.title.startsWith("测试公告"));
    expect(demo.map((x: any) => x.audience).sort()).toEqual(["all_bases", "public"]);
    const pub = ok(await anon.get("/api/v1/public/announcements?pageSize=200")).items.filter((x: any) => !x.title.startsWith("测试公告"));
    expect(pub).toHaveLength(1);
  });
});
