// Further published demo bases for the supervision history (a base under rectification, a revoked one):
// each with its own host organization and a staff account, published last spring like the first two.
import type { OrgType } from "../../shared/roles.js";
import { appendAudit } from "../platform/audit.js";
import { sealContactPhone } from "../platform/contact-phones.js";
import { inTransaction, type Ctx, type Platform } from "../platform/context.js";
import { newId } from "../platform/ids.js";
import { hashPassword } from "../platform/passwords.js";
import { nextNumber } from "../modules/accreditation/queries.js";
import { policyAt } from "../modules/policy/service.js";
import { insertUser } from "../modules/users/service.js";
import { clockAt } from "./clock.js";
import { DEMO_PASSWORD, demoCreditCode } from "./seed.js";

export interface DemoBaseInput {
  orgName: string;
  orgType: OrgType;
  region: string;
  /** Serial of the organization's synthetic credit code (unique among demo organizations). */
  creditSerial: number;
  supervisorUsername: "supervisor" | "supervisor2";
  baseName: string;
  district: string;
  specialties: string[];
  /** The day the bureau published the base (YYYY-MM-DD). */
  decisionDate: string;
  staff: { username: string; displayName: string; phone: string };
  legalRepresentative: string;
}

export interface DemoBase {
  baseId: string;
  orgId: string;
  staffUserId: string;
}

/** A host organization, its staff account and its published, active base (第五条（四）). */
export async function givenDemoBase(p: Platform, o: DemoBaseInput): Promise<DemoBase> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, p.config.scryptN);
  const ctx: Ctx = { ...p, clock: clockAt(o.decisionDate, p.clock), actor: null, ip: null };
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.nowIso();
    const supervisor = await trx.selectFrom("users").select("orgId").where("username", "=", o.supervisorUsername).executeTakeFirstOrThrow();
    const orgId = newId();
    await trx
      .insertInto("organizations")
      .values({
        id: orgId,
        name: o.orgName,
        type: o.orgType,
        parentId: null,
        region: o.region,
        creditCode: demoCreditCode("5", o.creditSerial),
        creditCodeOverride: 0,
        contactName: o.staff.displayName.replace(/（.*$/, ""),
        contactPhone: "",
        ...sealContactPhone(ctx.secrets, o.staff.phone), // issue 10 item 7
        address: `山东省威海市${o.region}`,
        status: "active",
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx, { action: "organization.create", resourceType: "organization", resourceId: orgId, detail: { name: o.orgName, demo: true } });
    const staffUserId = await insertUser(trx, ctx, {
      username: o.staff.username,
      displayName: o.staff.displayName,
      orgId,
      roles: ["base_staff"],
      password: DEMO_PASSWORD,
      passwordHash,
      phone: o.staff.phone,
      idNumber: null,
      mustChangePassword: false,
    });
    const { params } = await policyAt(trx, o.decisionDate);
    const year = o.decisionDate.slice(0, 4);
    const decisionNo = `${params.docPrefix}〔${year}〕${await nextNumber(trx, `decision:${params.docPrefix}:${year}`)}号`;
    const plaqueSerial = `JD${year}${String(await nextNumber(trx, `plaque:${year}`)).padStart(4, "0")}`;
    const baseId = newId();
    await trx
      .insertInto("bases")
      .values({
        id: baseId,
        applicationId: null,
        hostOrgId: orgId,
        supervisorOrgId: supervisor.orgId,
        name: o.baseName,
        decisionNo,
        decisionDate: o.decisionDate,
        plaqueSerial,
        specialtyFields: JSON.stringify(o.specialties),
        district: o.district,
        status: "active",
        address: `山东省威海市${o.region}`,
        contactName: o.staff.displayName.replace(/（.*$/, ""),
        ...sealContactPhone(ctx.secrets, o.staff.phone),
        legalRepresentative: o.legalRepresentative,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx, { action: "base.publish", resourceType: "base", resourceId: baseId, detail: { decisionNo, plaqueSerial, demo: true } });
    return { baseId, orgId, staffUserId };
  });
}
