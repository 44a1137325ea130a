// Demo data (DESIGN.md "Configuration and demo data"): loaded into an empty database on first start so
// a newcomer can walk every workflow at once. Every account's password is Demo#2026.
import { creditCodeCheckChar, idNumberCheckChar } from "../../shared/identifiers.js";
import { needsSecondFactor, type OrgType, type Role } from "../../shared/roles.js";
import { appendAudit } from "../platform/audit.js";
import { sealContactPhone } from "../platform/contact-phones.js";
import { inTransaction, type Ctx, type Platform } from "../platform/context.js";
import { newId } from "../platform/ids.js";
import { hashPassword } from "../platform/passwords.js";
import { insertUser } from "../modules/users/service.js";
import { loadDemoAccreditation } from "./accreditation.js";
import { loadDemoFiling } from "./filing.js";
import { loadDemoDelivery } from "./delivery.js";
import { loadDemoHistory } from "./history.js";
import { loadDemoInspections } from "./supervision-inspections.js";
import { loadDemoSpotChecks } from "./supervision-spot-checks.js";
import { loadDemoRectification } from "./supervision-rectification.js";
import { loadDemoViolations } from "./supervision-violations.js";
import { loadDemoChangeReports } from "./supervision-change-reports.js";
import { loadDemoRisk } from "./risk.js";
import { projectStatusJob } from "../modules/filing/jobs.js";
import { loadDemoAnnouncements } from "./announcements.js";

export const DEMO_PASSWORD = "Demo#2026";

/**
 * issue 10 item 8: in demo data only, every account that needs a second factor is enrolled with this
 * one TOTP secret (printed in the README), so a newcomer adds it to an authenticator app once.
 * Never in production: demo data does not load under NODE_ENV=production.
 */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

/** A synthetic but checksum-valid unified social credit code for Weihai (region 371000). */
export function demoCreditCode(kind: "1" | "5" | "9", serial: number): string {
  const first17 = `${kind}${kind === "9" ? "1" : "2"}371000${String(serial).padStart(8, "0")}X`.slice(0, 17);
  const body = first17.replace(/X$/, "0");
  return body + creditCodeCheckChar(body);
}

/** A synthetic but checksum-valid resident ID number of 环翠区 (371002). */
export function demoIdNumber(birth: string, seq: number): string {
  const first17 = `371002${birth}${String(seq).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

interface DemoOrg {
  key: string;
  name: string;
  type: OrgType;
  parent?: string;
  region: string;
  kind: "1" | "5" | "9";
  contactName: string;
}

const ORGS: DemoOrg[] = [
  { key: "bureau", name: "威海市人力资源和社会保障局", type: "bureau", region: "威海市", kind: "1", contactName: "专业技术人员管理科" },
  { key: "district", name: "威海市环翠区人力资源和社会保障局", type: "district_hr", parent: "bureau", region: "环翠区", kind: "1", contactName: "王建国" },
  { key: "health", name: "威海市卫生健康委员会", type: "municipal_department", region: "威海市", kind: "1", contactName: "李晓梅" },
  { key: "school", name: "威海市环翠区职业技术培训学校", type: "training_institution", parent: "district", region: "环翠区", kind: "5", contactName: "张海涛" },
  { key: "healthCenter", name: "威海市卫生健康继续教育培训中心", type: "training_institution", parent: "health", region: "威海市", kind: "1", contactName: "刘芳" },
  { key: "sdu", name: "山东大学（威海）", type: "university", region: "环翠区", kind: "1", contactName: "赵明" },
  { key: "association", name: "威海市科学技术协会", type: "association", region: "威海市", kind: "5", contactName: "孙丽" },
  { key: "weigao", name: "威高集团有限公司", type: "enterprise", region: "环翠区", kind: "9", contactName: "周强" },
  { key: "ocean", name: "威海海洋职业学院", type: "university", region: "荣成市", kind: "1", contactName: "吴静" },
];

interface DemoUser {
  username: string;
  displayName: string;
  org: string;
  roles: Role[];
  idNumber?: string;
  phone?: string;
}

const USERS: DemoUser[] = [
  { username: "bureau", displayName: "陈静（市人社局）", org: "bureau", roles: ["bureau"], phone: "06315230001" },
  { username: "supervisor", displayName: "王建国（环翠区人社局）", org: "district", roles: ["supervisor"], phone: "13806310002" },
  { username: "supervisor2", displayName: "李晓梅（市卫健委）", org: "health", roles: ["supervisor"], phone: "13806310003" },
  { username: "base", displayName: "张海涛（环翠区职业技术培训学校）", org: "school", roles: ["base_staff"], phone: "13806310004" },
  { username: "base2", displayName: "刘芳（市卫健继续教育培训中心）", org: "healthCenter", roles: ["base_staff"], phone: "13806310005" },
  { username: "expert1", displayName: "赵明教授", org: "sdu", roles: ["expert"] },
  { username: "expert2", displayName: "孙丽研究员", org: "association", roles: ["expert"] },
  // DESIGN.md: expert3 sits in the same organization as `base`, to show the conflict-of-interest rule.
  { username: "expert3", displayName: "高志远高级讲师", org: "school", roles: ["expert"] },
  { username: "pro1", displayName: "周晓东", org: "weigao", roles: ["professional"], idNumber: demoIdNumber("19880512", 123), phone: "13906310011" },
  { username: "pro2", displayName: "吴婷婷", org: "ocean", roles: ["professional"], idNumber: demoIdNumber("19920303", 246), phone: "13906310012" },
  // issue 10 item 9 (三员分立): the three administrators, in the bureau's organization
  { username: "sysadmin", displayName: "郑伟（系统管理员）", org: "bureau", roles: ["sysadmin"] },
  { username: "secadmin", displayName: "冯敏（安全管理员）", org: "bureau", roles: ["secadmin"] },
  { username: "auditor", displayName: "韩雪（安全审计员）", org: "bureau", roles: ["auditor"] },
];

/** The demo accounts that sign in with a code of DEMO_TOTP_SECRET. */
export const DEMO_TOTP_USERNAMES: ReadonlySet<string> = new Set(USERS.filter((u) => needsSecondFactor(u.roles)).map((u) => u.username));

export async function isDatabaseEmpty(p: Platform): Promise<boolean> {
  const any = await p.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !any;
}

export async function loadDemoData(p: Platform, opts: { accreditation?: boolean; filing?: boolean; delivery?: boolean; supervision?: boolean } = {}): Promise<void> {
  const ctx: Ctx = { ...p, actor: null, ip: null };
  // One hash for the one demo password: ten scrypt runs would only slow every fresh start.
  const passwordHash = await hashPassword(DEMO_PASSWORD, p.config.scryptN);
  await inTransaction(ctx, async (trx) => {
    const ids = new Map<string, string>();
    const now = ctx.clock.nowIso();
    let serial = 10001;
    for (const o of ORGS) {
      const id = newId();
      ids.set(o.key, id);
      await trx
        .insertInto("organizations")
        .values({
          id,
          name: o.name,
          type: o.type,
          parentId: o.parent ? ids.get(o.parent)! : null,
          region: o.region,
          creditCode: demoCreditCode(o.kind, serial++),
          creditCodeOverride: 0,
          contactName: o.contactName,
          contactPhone: "",
          ...sealContactPhone(ctx.secrets, "0631-5" + String(serial).slice(-6)), // issue 10 item 7
          address: `山东省威海市${o.region}`,
          status: "active",
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
      await appendAudit(trx, ctx, { action: "organization.create", resourceType: "organization", resourceId: id, detail: { name: o.name, demo: true } });
    }
    for (const u of USERS) {
      const id = await insertUser(trx, ctx, {
        username: u.username,
        displayName: u.displayName,
        orgId: ids.get(u.org)!,
        roles: u.roles,
        password: DEMO_PASSWORD,
        passwordHash,
        phone: u.phone ?? null,
        idNumber: u.idNumber ?? null,
        mustChangePassword: false,
      });
      if (needsSecondFactor(u.roles)) {
        await trx.insertInto("userTotp").values({ userId: id, secretSealed: p.secrets.encrypt(DEMO_TOTP_SECRET), confirmedAt: now, lastUsedStep: null, createdAt: now }).execute();
      }
    }
  });
  if (opts.accreditation !== false) await loadDemoAccreditation(p);
  // Filing needs the published bases of the accreditation history.
  if (opts.accreditation !== false && opts.filing !== false) await loadDemoFiling(p);
  // Delivery needs the filed projects: enrolments, check-ins, certificates and learning records.
  if (opts.accreditation !== false && opts.filing !== false && opts.delivery !== false) await loadDemoDelivery(p);
  // issue 12: a year and a half of monthly courses for the dashboards, and open courses for pro2's forecast
  if (opts.accreditation !== false && opts.filing !== false && opts.delivery !== false) await loadDemoHistory(p);
  // Projects take the status their dates give them (after delivery, which walks them through their days).
  if (opts.accreditation !== false && opts.filing !== false) await projectStatusJob.run(p);
  // Supervision needs a year of delivery to inspect: last year's inspections, the review that commended
  // the best base, an order under rectification, a base revoked for 乱发证, change reports.
  if (opts.accreditation !== false && opts.filing !== false && opts.delivery !== false && opts.supervision !== false) {
    await loadDemoInspections(p);
    await loadDemoSpotChecks(p);
    await loadDemoRectification(p);
    await loadDemoViolations(p);
    await loadDemoChangeReports(p);
    // issue 12 item 4: a base with a proxy check-in pattern, one with certificates below attendance, then the scan
    await loadDemoRisk(p);
  }
  if (opts.accreditation !== false) await loadDemoAnnouncements(p);
  await settleDemoNotifications(p);
}

/**
 * Demo history is history: the thousands of declared hours the demo files and decides leave the bureau
 * one notification each and each professional one per decision. What is settled is marked read, so the
 * bell shows what still waits: as many 学时申报 notices as declarations are still pending.
 */
async function settleDemoNotifications(p: Platform): Promise<void> {
  const now = p.clock.nowIso();
  await p.db.transaction().execute(async (trx) => {
    await trx.updateTable("notifications").set({ readAt: now }).where("kind", "in", ["declaration.accepted", "declaration.rejected"]).where("readAt", "is", null).execute();
    const pending = Number((await trx.selectFrom("hourDeclarations").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending").executeTakeFirstOrThrow()).n);
    const recipients = await trx.selectFrom("notifications").select("userId").distinct().where("kind", "=", "declaration.submitted").execute();
    for (const { userId } of recipients) {
      const keep = await trx
        .selectFrom("notifications")
        .select("id")
        .where("userId", "=", userId)
        .where("kind", "=", "declaration.submitted")
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .limit(pending)
        .execute();
      let q = trx.updateTable("notifications").set({ readAt: now }).where("userId", "=", userId).where("kind", "=", "declaration.submitted").where("readAt", "is", null);
      if (keep.length) q = q.where("id", "not in", keep.map((k) => k.id));
      await q.execute();
    }
  });
}
