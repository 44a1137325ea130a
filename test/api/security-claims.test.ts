// Issue 10 item 2: a learning record a base registered is claimed only with the one-time claim code the
// base handed the person, and sign-up answers alike whether an ID number or username exists or not.
// Issue 10 item 7 (remainder): phone numbers sealed like ID numbers, masked in lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEGACY_PHONES } from "../../src/server/modules/professionals/identity.js";
import { sealLegacyColumn } from "../../src/server/platform/legacy-sealing.js";
import { UNCLAIMED_PASSWORD } from "../../src/server/modules/professionals/profiles.js";
import { expectError, filingCast, givenActiveBase, ok, type FilingCast } from "../support/filing.js";
import { dialects, startServer, type Client, type Response, type TestServer } from "../support/harness.js";
import { auditDetails, givenCredit, givenEnrolmentRow, givenProjectRow, givenSignedUp, personInput, setTodayAs, signUpInput } from "../support/professionals.js";

const SIGN_UP = "/api/v1/public/professionals/sign-up";

/** Status, body and headers of an answer, without what differs between any two answers (date, request id). */
function answerOf(res: Response) {
  const headers: [string, string][] = [];
  res.headers.forEach((value, key) => {
    if (key !== "date" && !key.includes("request-id")) headers.push([key, value]);
  });
  return { status: res.status, body: res.body, headers };
}

describe.each(dialects)("claiming a registered learning record on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let bureau: Client;
  let base: Client;
  let base2: Client;
  let projectId: string;
  /** codes and phones the suite saw: none may reach the audit log */
  const secrets: string[] = [];
  const db = () => s.app.platform.db;

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    ({ bureau, base, base2 } = c);
    projectId = await givenProjectRow(s, (await givenActiveBase(c, "base")).id);
    await setTodayAs(bureau, "2026-06-15");
  });
  afterAll(() => s.close());

  /** A person the base registered and enrolled, with 12 hours credited and the code the base was shown. */
  async function givenRegisteredPerson(name: string) {
    const person = personInput({ name, phone: "13906318888" });
    const view = ok(await base.post("/api/v1/professionals", person), 201);
    await givenEnrolmentRow(s, projectId, view.id);
    await givenCredit(s, view.id, { days: { "2026-05-11": 6, "2026-05-12": 6 } });
    secrets.push(view.claimCode.code, view.claimCode.code.replace("-", ""));
    return { person, id: view.id as string, code: view.claimCode.code as string };
  }
  const userRow = (id: string) => db().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const hasUsername = async (username: string) => !!(await db().selectFrom("users").select("id").where("username", "=", username).executeTakeFirst());

  it("claims nothing with a registered person's name and ID number and no, a wrong, an expired or a used code, answering exactly as a fresh sign-up", async () => {
    const { person, id, code } = await givenRegisteredPerson("韩雪梅");
    const fresh = answerOf(await s.client().post(SIGN_UP, signUpInput()));
    expect(fresh.status).toBe(202);
    const before = await userRow(id);
    const attempt = async (claimCode?: string) => {
      const body = signUpInput({ name: person.name, idNumber: person.idNumber, claimCode });
      expect(answerOf(await s.client().post(SIGN_UP, body))).toEqual(fresh);
      expect(await hasUsername(body.username)).toBe(false);
      expect(await userRow(id)).toEqual(before);
    };
    await attempt(undefined);
    await attempt("ABCD-EFGH");
    await attempt(code.slice(0, 8) + (code.endsWith("A") ? "B" : "A"));
    // expired: the same code a day past its expiry
    const stored = await db().selectFrom("claimCodes").selectAll().where("userId", "=", id).executeTakeFirstOrThrow();
    await db().updateTable("claimCodes").set({ expiresAt: "2026-06-14T00:00:00.000Z" }).where("userId", "=", id).execute();
    await attempt(code);
    await db().updateTable("claimCodes").set({ expiresAt: stored.expiresAt }).where("userId", "=", id).execute();
    // the right code, once: typed in lower case without its dash, as people do
    const { client } = await givenSignedUp(s, { name: person.name, idNumber: person.idNumber, claimCode: code.replace("-", "").toLowerCase() });
    expect(ok(await client.get("/api/v1/me/learning-record?year=2026")).totalHours).toBe(12);
    expect(ok(await client.get("/api/v1/me/professional"))).toMatchObject({ id, claimed: true, idNumber: person.idNumber });
    // used: the same code again claims nothing and the claimed account stays its owner's
    const claimed = await userRow(id);
    const again = signUpInput({ name: person.name, idNumber: person.idNumber, claimCode: code });
    expect(answerOf(await s.client().post(SIGN_UP, again))).toEqual(fresh);
    expect(await userRow(id)).toEqual(claimed);
    expect(await hasUsername(again.username)).toBe(false);
  });

  it("answers alike for an unknown ID number, a claimed one and a taken username, and tells the claimed record's holder in the platform", async () => {
    const { client, id, body } = await givenSignedUp(s, { name: "潘思远" });
    const answers = [
      await s.client().post(SIGN_UP, signUpInput()),
      await s.client().post(SIGN_UP, signUpInput({ name: body.name, idNumber: body.idNumber })),
      await s.client().post(SIGN_UP, signUpInput({ name: "别人名", idNumber: body.idNumber })),
      await s.client().post(SIGN_UP, signUpInput({ username: body.username })),
      await s.client().post(SIGN_UP, signUpInput({ username: "bureau" })),
    ].map(answerOf);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 202, body: { status: "received" } });
    // no cookie on any of them: a session that appeared only on success would tell them apart
    for (const a of answers) expect(a.headers.map(([k]) => k)).not.toContain("set-cookie");
    // one unread notice however many attempts: the inbox cannot be flooded
    const notes = ok(await client.get("/api/v1/notifications"));
    expect(notes.items.filter((n: any) => n.kind === "security.signUpWithYourIdNumber")).toHaveLength(1);
    const refused = await db().selectFrom("auditEvents").select("detail").where("action", "=", "professional.signUpRefused").where("resourceId", "=", id).execute();
    expect(refused.map((r) => JSON.parse(r.detail).reason)).toEqual(["alreadyClaimed", "alreadyClaimed"]);
  });

  it("shows the code to the enrolling base's staff once, and lets only that base or the bureau issue a new one, voiding the old", async () => {
    const { person, id, code } = await givenRegisteredPerson("董晓东");
    expectError(await base2.post(`/api/v1/professionals/${id}/claim-code`), 404, "NOT_FOUND");
    expectError(await c.pro1.post(`/api/v1/professionals/${id}/claim-code`), 403, "FORBIDDEN");
    expectError(await c.supervisor.post(`/api/v1/professionals/${id}/claim-code`), 403, "FORBIDDEN");
    expect(ok(await base2.post("/api/v1/professionals", person), 200).claimCode).toBeUndefined();
    const fresh = ok(await base.post(`/api/v1/professionals/${id}/claim-code`), 201);
    expect(fresh.code).not.toBe(code);
    expect(Date.parse(fresh.expiresAt) - s.clock.now().getTime()).toBeGreaterThan(29 * 86_400_000);
    const byBureau = ok(await bureau.post(`/api/v1/professionals/${id}/claim-code`), 201);
    secrets.push(fresh.code, byBureau.code);
    expect((await db().selectFrom("claimCodes").select("userId").where("userId", "=", id).execute()).length).toBe(1);
    // the base's two codes are void; the bureau's claims
    for (const old of [code, fresh.code]) {
      await s.client().post(SIGN_UP, signUpInput({ name: person.name, idNumber: person.idNumber, claimCode: old }));
      expect((await userRow(id)).passwordHash).toBe(UNCLAIMED_PASSWORD);
    }
    await givenSignedUp(s, { name: person.name, idNumber: person.idNumber, claimCode: byBureau.code });
    expectError(await base.post(`/api/v1/professionals/${id}/claim-code`), 409, "PROFESSIONAL_ALREADY_CLAIMED");
    const issued = await db().selectFrom("auditEvents").select(["actorName", "detail"]).where("action", "=", "professional.claimCodeIssued").where("resourceId", "=", id).execute();
    expect(issued.map((e) => e.actorName)).toEqual(["base", "base", "bureau"]);
  });

  it("keeps phone numbers out of the database in clear, masked in lists and whole to the person and the bureau", async () => {
    const { id: signedUp, body } = await givenSignedUp(s, { name: "欧阳明华", phone: "13906315555" });
    const { id: registered } = await givenRegisteredPerson("钱学敏");
    // issue 10 item 9: accounts are created by the system administrator
    const created = ok(await (await s.as("sysadmin")).post("/api/v1/users", { username: "phone_staff", displayName: "电话测试", orgId: (await userRow(signedUp)).orgId, roles: ["bureau"], password: "Staff#2026pass", phone: "13906314444" }), 201);
    for (const [id, phone] of [[signedUp, "13906315555"], [registered, "13906318888"], [created.id, "13906314444"]]) {
      const row = await userRow(id);
      expect(row.phone).toBeNull();
      expect(JSON.stringify(row)).not.toContain(phone);
      expect(s.app.platform.secrets.decrypt(row.phoneEnc!)).toBe(phone);
      expect(row.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    }
    expect(ok(await bureau.get(`/api/v1/professionals/${signedUp}`)).phone).toBe(body.phone);
    expect(ok(await base.get(`/api/v1/professionals/${registered}`)).phone).toBe("139****8888");
    const users = ok(await bureau.get("/api/v1/users?q=phone_staff"));
    expect(users.items.find((u: any) => u.id === created.id).phone).toBe("139****4444");
  });

  it("seals phones left in clear by an older version at start-up and empties the column", async () => {
    const { id } = await givenRegisteredPerson("孙明华");
    await db().updateTable("users").set({ phone: "13906313333", phoneEnc: null, phoneMasked: null }).where("id", "=", id).execute();
    expect(await sealLegacyColumn(s.app.platform, LEGACY_PHONES)).toBe(1);
    const row = await userRow(id);
    expect(row).toMatchObject({ phone: null, phoneMasked: "139****3333" });
    expect(s.app.platform.secrets.decrypt(row.phoneEnc!)).toBe("13906313333");
  });

  it("keeps claim codes and phones out of the audit log", async () => {
    expect(secrets.length).toBeGreaterThan(4);
    const details = (await auditDetails(s)).join("\n");
    for (const secret of [...secrets, "13906318888", "13906315555"]) expect(details).not.toContain(secret);
  });
});
