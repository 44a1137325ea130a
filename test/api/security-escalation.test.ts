// Role escalation across organizations (issue 10, item 3): registering a person — by POST
// /professionals, by enrolling them, by the Excel import, by self sign-up — never changes an existing
// staff account (no role, no organization, no password, phone or name), and one organization's staff
// never change another organization's user. Every refusal is checked against the account afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureProfessionalProfile } from "../../src/server/modules/professionals/profiles.js";
import { sealIdNumber } from "../../src/server/modules/professionals/identity.js";
import { inTransaction, type Ctx } from "../../src/server/platform/context.js";
import { fillDeliverySheet, startDeliveryServer } from "../support/delivery.js";
import { expectError, filingCast, givenActiveBase, givenFiledProject, ok, setToday, XLSX, type FilingCast, type TestBase } from "../support/filing.js";
import { dialects, type Client, type TestServer } from "../support/harness.js";
import { nextIdNumber, personInput, signUpInput } from "../support/professionals.js";

/** Accounts of other roles, each in its own organization but expert3 (the same institution as `base`). */
const STAFF_ACCOUNTS = ["bureau", "supervisor", "base2", "expert1", "expert3"] as const;

describe.each(dialects)("role escalation across organizations on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  /** Each staff account with the ID number the bureau recorded on it. */
  const staff = new Map<string, { id: string; name: string; idNumber: string }>();

  const db = () => s.app.platform.db;
  const userIdOf = async (username: string) => (await db().selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;

  /** An ID number recorded on an account, as the bureau records one on a staff account. */
  async function givenIdNumberOn(username: string): Promise<{ id: string; name: string; idNumber: string }> {
    const idNumber = nextIdNumber();
    const row = await db().selectFrom("users").select(["id", "displayName"]).where("username", "=", username).executeTakeFirstOrThrow();
    await db().updateTable("users").set(sealIdNumber(s.app.platform.secrets, idNumber)).where("id", "=", row.id).execute();
    return { id: row.id, name: row.displayName, idNumber };
  }

  /** Everything a refusal must leave as it was: the account row, its roles and its profile (if any). */
  async function accountState(userId: string) {
    const [user, roles, profile] = await Promise.all([
      db().selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow(),
      db().selectFrom("userRoles").select("role").where("userId", "=", userId).orderBy("role").execute(),
      db().selectFrom("professionals").selectAll().where("id", "=", userId).executeTakeFirst(),
    ]);
    return { user: { ...user, version: Number(user.version) }, roles: roles.map((r) => r.role), profile: profile ?? null };
  }

  const enrolUrl = (p: { id: string }) => `/api/v1/training-projects/${p.id}/enrollments`;
  const enrolledCount = async (p: { id: string }) => ok(await home.staff.get(`${enrolUrl(p)}?pageSize=200`)).total as number;

  beforeAll(async () => {
    s = await startDeliveryServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
    for (const username of STAFF_ACCOUNTS) staff.set(username, await givenIdNumberOn(username));
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  it("refuses base staff registering a person whose ID number is a bureau, supervisor, other base's staff or expert account, and leaves that account as it was", async () => {
    for (const username of STAFF_ACCOUNTS) {
      const target = staff.get(username)!;
      const before = await accountState(target.id);
      const res = await c.base.post("/api/v1/professionals", personInput({ name: target.name, idNumber: target.idNumber, phone: "13906317777", employer: "威海市立医院" }));
      expectError(res, 409, "ID_NUMBER_ON_STAFF_ACCOUNT");
      expect(res.body.error.message).toContain("工作人员账号");
      expect(await accountState(target.id), username).toEqual(before);
      expect(before.roles).not.toContain("professional");
    }
    // the answer comes in the caller's language
    const en: Client = await s.as("base");
    en.lang = "en-US";
    const bureau = staff.get("bureau")!;
    const res = await en.post("/api/v1/professionals", personInput({ name: bureau.name, idNumber: bureau.idNumber }));
    expectError(res, 409, "ID_NUMBER_ON_STAFF_ACCOUNT");
    expect(res.body.error.message).toMatch(/staff account/);
  });

  it("refuses the bureau too: registering a person never adds a role to a staff account", async () => {
    const target = staff.get("supervisor")!;
    const before = await accountState(target.id);
    expectError(await c.bureau.post("/api/v1/professionals", personInput({ name: target.name, idNumber: target.idNumber })), 409, "ID_NUMBER_ON_STAFF_ACCOUNT");
    expect(await accountState(target.id)).toEqual(before);
  });

  it("refuses enrolling such a person by name and ID number, enrolling nobody and changing nothing", async () => {
    const p = await givenFiledProject(home);
    for (const username of STAFF_ACCOUNTS) {
      const target = staff.get(username)!;
      const before = await accountState(target.id);
      expectError(await home.staff.post(enrolUrl(p), { person: personInput({ name: target.name, idNumber: target.idNumber }) }), 409, "ID_NUMBER_ON_STAFF_ACCOUNT");
      expect(await accountState(target.id), username).toEqual(before);
    }
    expect(await enrolledCount(p)).toBe(0);
  });

  it("reports such a person's row of an Excel import at the ID number column and imports nobody", async () => {
    const p = await givenFiledProject(home);
    const template = (await home.staff.get(`${enrolUrl(p)}/template.xlsx`)).body as Buffer;
    const target = staff.get("base2")!;
    const before = await accountState(target.id);
    const good = personInput({ name: "刘建国" });
    const { file, firstRow } = await fillDeliverySheet(template, "姓名", [
      [good.name, good.idNumber, good.employer, good.title, good.specialty, good.phone],
      [target.name, target.idNumber, "威海市立医院", "主治医师", "临床医学", "13906317777"],
    ]);
    const details = expectError(await home.staff.request("POST", `${enrolUrl(p)}/import`, file, { "content-type": XLSX }), 422, "IMPORT_ROWS_INVALID");
    expect(details.rows).toEqual([{ row: firstRow + 1, column: "身份证号码", message: expect.stringContaining("工作人员账号") }]);
    expect(await accountState(target.id)).toEqual(before);
    expect(await enrolledCount(p)).toBe(0);
  });

  it("finds a professional another base or the person registered, and changes nothing of their account or profile", async () => {
    // pro1 signed up on their own; a base that never taught them names them to enrol them
    const pro1 = await accountState(await userIdOf("pro1"));
    const pro1IdNumber = s.app.platform.secrets.decrypt(pro1.user.idNumberEnc!);
    const found = await c.base.post("/api/v1/professionals", personInput({ name: pro1.user.displayName, idNumber: pro1IdNumber, employer: "另一家单位", phone: "13906317777" }));
    expect(ok(found).id).toBe(pro1.user.id);
    expect(found.body).toMatchObject({ revealed: false, phone: null });
    expect(await accountState(pro1.user.id)).toEqual(pro1);

    // a person base2 registered while enrolling them: `base` enrols the same person
    const person = personInput({ name: "韩雪梅", phone: "13906318888", employer: "威海市中心医院" });
    const registered = ok(await c.base2.post("/api/v1/professionals", person), 201);
    const before = await accountState(registered.id);
    const p = await givenFiledProject(home);
    const enrolled = ok(await home.staff.post(enrolUrl(p), { person: { ...person, employer: "环翠区职业技术培训学校", phone: "13906317777", title: "教师" } }), 201);
    expect(enrolled.professionalId).toBe(registered.id);
    expect(await accountState(registered.id)).toEqual(before);
  });

  it("finds an expert who is also a professional without touching the expert account", async () => {
    const expert2 = await givenIdNumberOn("expert2");
    const ctx: Ctx = { ...s.app.platform, actor: null, ip: null };
    await inTransaction(ctx, async (trx) => {
      await trx.insertInto("userRoles").values({ userId: expert2.id, role: "professional" }).execute();
      await ensureProfessionalProfile(trx, ctx, expert2.id, { employer: "威海市科学技术协会" });
    });
    const before = await accountState(expert2.id);
    expect(before.roles).toEqual(["expert", "professional"]);
    expect(ok(await c.base.post("/api/v1/professionals", personInput({ name: expert2.name, idNumber: expert2.idNumber }))).id).toBe(expert2.id);
    expect(await accountState(expert2.id)).toEqual(before);
  });

  it("refuses a self sign-up with a staff account's ID number and leaves the account as it was", async () => {
    const target = staff.get("expert1")!;
    const before = await accountState(target.id);
    const res = await s.client().post("/api/v1/public/professionals/sign-up", signUpInput({ name: target.name, idNumber: target.idNumber }));
    // issue 10 item 2: answered like any sign-up (no oracle), and nothing changes
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ status: "received" });
    expect(await accountState(target.id)).toEqual(before);
  });

  it("lets no base staff change another organization's account, nor an account of another role in its own", async () => {
    const baseOrgId = (await accountState(await userIdOf("base"))).user.orgId;
    for (const username of [...STAFF_ACCOUNTS, "pro1"]) {
      const id = await userIdOf(username);
      const before = await accountState(id);
      const version = before.user.version;
      const attempts = [
        c.base.patch(`/api/v1/users/${id}`, { version, roles: ["base_staff", "professional"], displayName: "改名", phone: "13906317777", orgId: baseOrgId }),
        c.base.post(`/api/v1/users/${id}/actions/reset-password`, { password: "Takeover#2026x" }),
        c.base.post(`/api/v1/users/${id}/actions/disable`, { version }),
        c.base.post(`/api/v1/users/${id}/actions/enable`, { version }),
      ];
      for (const res of await Promise.all(attempts)) expectError(res, 404, "NOT_FOUND");
      // unlocking is no base's to do: without the grant, 403 (or 404 where the account is out of scope anyway)
      const unlock = await c.base.post(`/api/v1/users/${id}/actions/unlock`, { version });
      expect([403, 404]).toContain(unlock.status);
      expect(await accountState(id), username).toEqual(before);
    }
  });

  it("refuses base staff recording an ID number on a staff account, so no staff account holds a person's number", async () => {
    const baseOrgId = (await accountState(await userIdOf("base"))).user.orgId;
    const idNumber = nextIdNumber();
    const body = { username: "squat_staff", displayName: "基地专管员甲", orgId: baseOrgId, roles: ["base_staff"], password: "Staff#2026pass", idNumber };
    expectError(await c.base.post("/api/v1/users", body), 422, "STAFF_ID_NUMBER_NOT_ALLOWED");
    expect(await db().selectFrom("users").select("id").where("username", "=", body.username).executeTakeFirst()).toBeUndefined();

    const created = ok(await c.base.post("/api/v1/users", { ...body, idNumber: undefined }), 201);
    const before = await accountState(created.id);
    expectError(await c.base.patch(`/api/v1/users/${created.id}`, { version: created.version, idNumber }), 422, "STAFF_ID_NUMBER_NOT_ALLOWED");
    expect(await accountState(created.id)).toEqual(before);
    // the person that number belongs to is still registered as a professional of their own
    const person = ok(await c.base2.post("/api/v1/professionals", personInput({ name: "孙明华", idNumber })), 201);
    expect(person.id).not.toBe(created.id);
  });
});
