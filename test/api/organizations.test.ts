// Organizations and their unified social credit codes (GB 32100), managed by the system administrator
// (issue 10 item 9); the audit administrator reads what was recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, idOf, startServer, type Client, type TestServer } from "../support/harness.js";

const validOrg = (creditCode: string, extra: Record<string, unknown> = {}) => ({
  name: "威海市测试培训学院",
  type: "training_institution",
  region: "文登区",
  creditCode,
  contactName: "测试联系人",
  contactPhone: "0631-8888888",
  ...extra,
});

describe.each(dialects)("organizations on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let auditor: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, auditor] = await Promise.all([s.as("sysadmin"), s.as("auditor")]);
  });
  afterAll(() => s.close());

  it("lists every organization to the system administrator, paged and filtered by type", async () => {
    const all = await bureau.get("/api/v1/organizations?pageSize=5");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(9);
    expect(all.body.items).toHaveLength(5);
    const second = await bureau.get("/api/v1/organizations?pageSize=5&page=2");
    expect(second.body.items).toHaveLength(4);
    const universities = await bureau.get("/api/v1/organizations?type=university");
    expect(universities.body.items.map((o: any) => o.name).sort()).toEqual(["威海海洋职业学院", "山东大学（威海）"].sort());
    const searched = await bureau.get(`/api/v1/organizations?q=${encodeURIComponent("卫生健康")}`);
    expect(searched.body.total).toBe(2);
  });

  it("shows a supervisor only its own organization and answers 404 for others", async () => {
    const sup = await s.as("supervisor");
    const list = await sup.get("/api/v1/organizations");
    expect(list.body.items.map((o: any) => o.name)).toEqual(["威海市环翠区人力资源和社会保障局"]);
    const otherId = await idOf(bureau, "organizations", (o) => o.name === "威海市卫生健康委员会");
    const other = await sup.get(`/api/v1/organizations/${otherId}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("NOT_FOUND");
  });

  it("refuses creation by anyone but the system administrator", async () => {
    for (const who of ["base", "bureau", "secadmin"]) {
      const res = await (await s.as(who)).post("/api/v1/organizations", validOrg("91110000802100433B"));
      expect(res.status, who).toBe(403);
    }
  });

  it("creates an organization with a valid credit code and audits it", async () => {
    const res = await bureau.post("/api/v1/organizations", validOrg("91110000802100433B"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "威海市测试培训学院", status: "active", version: 1, creditCodeOverride: false });
    const audit = await auditor.get(`/api/v1/audit-events?resourceType=organization&resourceId=${res.body.id}`);
    expect(audit.body.items[0].action).toBe("organization.create");
    const dup = await bureau.post("/api/v1/organizations", validOrg("91110000802100433B", { name: "另一个单位" }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("CREDIT_CODE_TAKEN");
  });

  it("refuses a credit code that fails its GB 32100 checksum and changes nothing", async () => {
    const before = (await bureau.get("/api/v1/organizations")).body.total;
    const res = await bureau.post("/api/v1/organizations", validOrg("91110000802100433C"));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("INVALID_CREDIT_CODE");
    expect(res.body.error.message).toContain("GB 32100");
    const badAlphabet = await bureau.post("/api/v1/organizations", validOrg("9111000080210043IO"));
    expect(badAlphabet.body.error.code).toBe("INVALID_CREDIT_CODE");
    expect((await bureau.get("/api/v1/organizations")).body.total).toBe(before);
  });

  it("lets the system administrator record an early code that fails its checksum with an explicit, audited override", async () => {
    const res = await bureau.post("/api/v1/organizations", validOrg("91370000163066939E", { name: "早期登记单位", creditCodeOverride: true }));
    expect(res.status).toBe(201);
    expect(res.body.creditCodeOverride).toBe(true);
    const audit = await auditor.get(`/api/v1/audit-events?resourceId=${res.body.id}`);
    expect(audit.body.items[0].detail.creditCodeOverride).toBe(true);
  });

  it("edits with the version seen and answers 409 to a stale version", async () => {
    const id = await idOf(bureau, "organizations", (o) => o.name === "威高集团有限公司");
    const org = (await bureau.get(`/api/v1/organizations/${id}`)).body;
    const ok = await bureau.patch(`/api/v1/organizations/${id}`, { version: org.version, contactName: "新联系人" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ contactName: "新联系人", version: org.version + 1 });
    const stale = await bureau.patch(`/api/v1/organizations/${id}`, { version: org.version, contactName: "又一个" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    expect((await bureau.get(`/api/v1/organizations/${id}`)).body.contactName).toBe("新联系人");
  });

  it("refuses to make an organization its own ancestor", async () => {
    const bureauOrg = await idOf(bureau, "organizations", (o) => o.type === "bureau");
    const district = await idOf(bureau, "organizations", (o) => o.type === "district_hr");
    const org = (await bureau.get(`/api/v1/organizations/${bureauOrg}`)).body;
    const res = await bureau.patch(`/api/v1/organizations/${bureauOrg}`, { version: org.version, parentId: district });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("ORG_PARENT_CYCLE");
  });

  it("disables and re-enables an organization", async () => {
    const id = await idOf(bureau, "organizations", (o) => o.name === "威海市科学技术协会");
    const org = (await bureau.get(`/api/v1/organizations/${id}`)).body;
    const off = await bureau.post(`/api/v1/organizations/${id}/actions/disable`, { version: org.version });
    expect(off.body.status).toBe("disabled");
    expect((await bureau.get("/api/v1/organizations?status=disabled")).body.items.map((o: any) => o.id)).toContain(id);
    const on = await bureau.post(`/api/v1/organizations/${id}/actions/enable`, { version: off.body.version });
    expect(on.body.status).toBe("active");
  });

  it("exports the filtered list to Excel", async () => {
    const res = await bureau.get("/api/v1/organizations/export.xlsx?type=university");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as any);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("单位名称");
    expect(ws.rowCount).toBe(3);
  });
});
