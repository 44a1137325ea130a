// Issue 10 item 7 (remainder): the contact phones of organizations, bases, base applications (申报表) and
// change reports are sealed like users' phones. The database holds no phone in clear; those who may read
// the record see it whole, the public and panel experts only masked; phones an older version stored in
// clear are sealed at start-up, and rotate-key re-seals them.
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEGACY_CONTACT_PHONES } from "../../src/server/platform/contact-phones.js";
import { resealAll, rotateKeys, SEALED_COLUMNS } from "../../src/server/platform/keys.js";
import { sealLegacyColumn } from "../../src/server/platform/legacy-sealing.js";
import { newId } from "../../src/server/platform/ids.js";
import { systemCtxOf } from "../support/certificates.js";
import { filingCast, givenActiveBase, ok, type FilingCast, type TestBase } from "../support/filing.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";

const ORG = { name: "威海市电话测试单位", type: "enterprise", region: "环翠区", creditCode: "91110000802100433B", contactName: "测试", contactPhone: "0631-5123456" };

describe.each(dialects)("sealed contact phones on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let base: TestBase;
  let orgId: string;
  let reportId: string;
  const db = () => s.app.platform.db;
  const raw = () => s.app.platform.db as unknown as Kysely<any>;
  const decrypt = (v: string | null) => s.app.platform.secrets.decrypt(v!);

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    base = await givenActiveBase(c, "base");
  }, 120_000);
  afterAll(() => s.close());

  it("stores an organization's phone sealed on create and update, and shows it whole to those who read the organization", async () => {
    const sysadmin = await s.as("sysadmin");
    const created = ok(await sysadmin.post("/api/v1/organizations", ORG), 201);
    orgId = created.id;
    expect(created.contactPhone).toBe("0631-5123456");
    let row = await db().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain("5123456");
    expect(row.contactPhone).toBe("");
    expect(decrypt(row.contactPhoneEnc)).toBe("0631-5123456");
    const updated = ok(await sysadmin.patch(`/api/v1/organizations/${orgId}`, { version: created.version, contactPhone: "13906317777" }));
    expect(updated.contactPhone).toBe("13906317777");
    row = await db().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain("13906317777");
    expect(row.contactPhoneMasked).toBe("139****7777");
    expect(ok(await c.bureau.get(`/api/v1/organizations/${orgId}`)).contactPhone).toBe("13906317777");
  });

  it("keeps the application's and the base's phone sealed, whole to the base, its supervisor and the bureau, masked to experts and the public", async () => {
    const baseRow = await db().selectFrom("bases").selectAll().where("id", "=", base.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(baseRow)).not.toContain("13806310004");
    expect(baseRow.contactPhoneMasked).toBe("138****0004");
    const app = await db().selectFrom("baseApplications").selectAll().where("id", "=", baseRow.applicationId!).executeTakeFirstOrThrow();
    expect(JSON.stringify(app)).not.toContain("13806310004");
    expect(JSON.parse(app.form).basics.contactPhone).toBe("138****0004");
    expect(decrypt(app.contactPhoneEnc)).toBe("13806310004");
    for (const who of [c.base, c.supervisor, c.bureau]) {
      expect(ok(await who.get(`/api/v1/bases/${base.id}`)).contactPhone).toBe("13806310004");
      expect(ok(await who.get(`/api/v1/base-applications/${app.id}`)).form.basics.contactPhone).toBe("13806310004");
    }
    expect(ok(await c.expert1.get(`/api/v1/base-applications/${app.id}`)).form.basics.contactPhone).toBe("138****0004");
    expect(ok(await s.client().get(`/api/v1/public/bases/${base.id}`)).contactPhone).toBe("138****0004");
    const registry = ok(await s.client().get(`/api/v1/public/bases?q=${encodeURIComponent(base.name)}`));
    expect(registry.items.find((b: any) => b.id === base.id).contactPhone).toBe("138****0004");
  });

  it("keeps both phones of a change report sealed, shows them whole to its readers, and applies the new one sealed", async () => {
    const report = ok(await c.base.post(`/api/v1/bases/${base.id}/change-reports`, { changes: { contactPhone: "13806319999" }, reason: "联系人电话变更" }), 201);
    reportId = report.id;
    expect(report.changes.contactPhone).toBe("13806319999");
    const row = await db().selectFrom("changeReports").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain("13806319999");
    expect(JSON.stringify(row)).not.toContain("13806310004");
    const read = ok(await c.bureau.get(`/api/v1/change-reports/${report.id}`));
    expect(read).toMatchObject({ changes: { contactPhone: "13806319999" }, previous: { contactPhone: "13806310004" } });
    ok(await c.bureau.post(`/api/v1/change-reports/${report.id}/actions/accept`, { version: read.version }));
    const after = await db().selectFrom("bases").selectAll().where("id", "=", base.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(after)).not.toContain("13806319999");
    expect(decrypt(after.contactPhoneEnc)).toBe("13806319999");
    expect(ok(await c.base.get(`/api/v1/bases/${base.id}`)).contactPhone).toBe("13806319999");
    expect(ok(await s.client().get(`/api/v1/public/bases/${base.id}`)).contactPhone).toBe("138****9999");
  });

  it("seals phones an older version left in clear, and a second run finds none", async () => {
    const baseRow = await db().selectFrom("bases").select("applicationId").where("id", "=", base.id).executeTakeFirstOrThrow();
    await raw().updateTable("organizations").set({ contactPhone: "0631-5111111", contactPhoneEnc: null, contactPhoneMasked: null }).where("id", "=", orgId).execute();
    await raw().updateTable("bases").set({ contactPhone: "13806312222", contactPhoneEnc: null, contactPhoneMasked: null }).where("id", "=", base.id).execute();
    const app = await db().selectFrom("baseApplications").select("form").where("id", "=", baseRow.applicationId!).executeTakeFirstOrThrow();
    const form = JSON.parse(app.form);
    await raw().updateTable("baseApplications").set({ form: JSON.stringify({ ...form, basics: { ...form.basics, contactPhone: "13806313333" } }), contactPhoneEnc: null }).where("id", "=", baseRow.applicationId).execute();
    await raw().updateTable("changeReports").set({ changes: JSON.stringify({ contactPhone: "13806314444" }), previous: JSON.stringify({ contactPhone: "13806315555" }), contactPhoneEnc: null, previousContactPhoneEnc: null }).where("id", "=", reportId).execute();
    // an objection filed before 012 kept the objector's phone in clear
    const objectionId = newId();
    const notice = await db().selectFrom("notices").select("id").where("applicationId", "=", baseRow.applicationId!).executeTakeFirstOrThrow();
    await raw().insertInto("objections").values({ id: objectionId, noticeId: notice.id, applicationId: baseRow.applicationId, receiptNo: `YY${objectionId.slice(0, 12)}`, name: "王某", contact: "13806316666", contactEnc: null, content: "旧版本的异议", status: "open", answer: null, upheld: null, resolvedAt: null, resolvedBy: null, createdAt: new Date().toISOString() }).execute();

    const counts = [];
    for (const legacy of LEGACY_CONTACT_PHONES) counts.push(await sealLegacyColumn(s.app.platform, legacy, 2));
    expect(counts).toEqual([1, 1, 1, 1, 1]);
    const org = await db().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ contactPhone: "", contactPhoneMasked: "063*****1111" });
    expect(decrypt(org.contactPhoneEnc)).toBe("0631-5111111");
    const b = await db().selectFrom("bases").selectAll().where("id", "=", base.id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ contactPhone: null, contactPhoneMasked: "138****2222" });
    const a = await db().selectFrom("baseApplications").selectAll().where("id", "=", baseRow.applicationId!).executeTakeFirstOrThrow();
    expect(JSON.parse(a.form).basics.contactPhone).toBe("138****3333");
    expect(decrypt(a.contactPhoneEnc)).toBe("13806313333");
    const r = await db().selectFrom("changeReports").selectAll().where("id", "=", reportId).executeTakeFirstOrThrow();
    expect([JSON.parse(r.changes).contactPhone, JSON.parse(r.previous).contactPhone]).toEqual(["138****4444", "138****5555"]);
    expect([decrypt(r.contactPhoneEnc), decrypt(r.previousContactPhoneEnc)]).toEqual(["13806314444", "13806315555"]);
    expect(ok(await c.bureau.get(`/api/v1/change-reports/${reportId}`))).toMatchObject({ changes: { contactPhone: "13806314444" }, previous: { contactPhone: "13806315555" } });
    const o = await db().selectFrom("objections").select(["contact", "contactEnc"]).where("id", "=", objectionId).executeTakeFirstOrThrow();
    expect(o.contact).toBe("138****6666");
    expect(decrypt(o.contactEnc)).toBe("13806316666");

    for (const legacy of LEGACY_CONTACT_PHONES) expect(await sealLegacyColumn(s.app.platform, legacy)).toBe(0);
    // Every organization of the demo, sealed in batches of two.
    expect(Number((await db().selectFrom("organizations").select((eb) => eb.fn.countAll().as("n")).where("contactPhone", "<>", "").executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it("re-seals the contact phones under the new key version on rotation", async () => {
    const columns = SEALED_COLUMNS.filter((x) => x.column.toLowerCase().includes("contactphone"));
    expect(columns).toHaveLength(5);
    const before = new Map<string, string>();
    for (const { table, column } of columns) {
      for (const r of await raw().selectFrom(table).select(["id", `${column} as v`]).where(column, "is not", null).execute()) before.set(`${table}.${column}.${r.id}`, decrypt(r.v));
    }
    expect(before.size).toBeGreaterThan(4);
    const ctx = systemCtxOf(s);
    await rotateKeys(ctx);
    expect(await resealAll(ctx)).toBeGreaterThan(0);
    for (const { table, column } of columns) {
      for (const r of await raw().selectFrom(table).select(["id", `${column} as v`]).where(column, "is not", null).execute()) {
        expect(r.v.startsWith("v2:")).toBe(true);
        expect(decrypt(r.v)).toBe(before.get(`${table}.${column}.${r.id}`));
      }
    }
    expect(ok(await c.base.get(`/api/v1/bases/${base.id}`)).contactPhone).toBe("13806312222");
  });
});
