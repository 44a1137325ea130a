// Public notice and objections (第五条（三）: 公示应不少于5天), and publication with a decision number
// and the base entering the registry (第五条（四）).
import { randomBytes } from "node:crypto";
import type { NoticeView, ObjectionView } from "../../../shared/accreditation.js";
import { maskPhone } from "../../../shared/identifiers.js";
import { appendAudit } from "../../platform/audit.js";
import { revealContactPhone, sealContactPhone } from "../../platform/contact-phones.js";
import { authorize } from "../../platform/authz.js";
import { addDays } from "../../platform/calendar.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { policyAt } from "../policy/service.js";
import { notify } from "../notifications/service.js";
import { latestNotice, loadApplication, nextNumber, openObjectionCount, orgNames, usersWithRole, type ApplicationRecord } from "./queries.js";
import { accreditationWorkflow } from "./workflow.js";
import { runStep } from "../../platform/workflow.js";

/** Effect of approve: a notice of at least `noticeDays` calendar days opens today. */
export async function openNotice(trx: Tx, ctx: Ctx, record: ApplicationRecord) {
  const today = ctx.clock.today();
  const { params } = await policyAt(trx, today);
  // 第五条（三）: 公示应不少于5天. Approval may come late in the day, so the notice runs `noticeDays`
  // full days after it: objections are taken through endsOn inclusive, publication from the day after.
  const endsOn = addDays(today, params.noticeDays);
  const id = newId();
  await trx
    .insertInto("notices")
    .values({
      id,
      applicationId: record.id,
      title: `关于拟认定“${record.baseName}”为${params.cityName}专业技术人员继续教育基地的公示`,
      startsOn: today,
      endsOn,
      closedAt: null,
      createdAt: ctx.clock.nowIso(),
    })
    .execute();
  const applicants = await usersWithRole(trx, "base_staff", record.applicantOrgId);
  await notify(trx, ctx, applicants, "accreditation.approved", { baseName: record.baseName, endsOn }, `/applications/${record.id}`);
  return { noticeId: id, endsOn };
}

/** Guard of publish: the notice has run its course and no objection is open. */
export async function checkNoticeOver(trx: Tx, ctx: Ctx, record: ApplicationRecord): Promise<void> {
  const notice = await latestNotice(trx, record.id);
  if (!notice) throw new DomainError("NOTICE_RUNNING", { endsOn: "—" });
  if (ctx.clock.today() <= notice.endsOn) throw new DomainError("NOTICE_RUNNING", { endsOn: notice.endsOn });
  if ((await openObjectionCount(trx, record.id, notice.id)) > 0) throw new DomainError("OBJECTION_OPEN");
}

/** Effect of publish (第五条（四）): decision number, the base in the registry, the notice closed. */
export async function createBase(trx: Tx, ctx: Ctx, record: ApplicationRecord) {
  const today = ctx.clock.today();
  const { params } = await policyAt(trx, today);
  const year = today.slice(0, 4);
  const n = await nextNumber(trx, `decision:${params.docPrefix}:${year}`);
  const decisionNo = `${params.docPrefix}〔${year}〕${n}号`;
  const serial = await nextNumber(trx, `plaque:${year}`);
  const plaqueSerial = `JD${year}${String(serial).padStart(4, "0")}`;
  const id = newId();
  const now = ctx.clock.nowIso();
  await trx
    .insertInto("bases")
    .values({
      id,
      applicationId: record.id,
      hostOrgId: record.applicantOrgId,
      supervisorOrgId: record.supervisorOrgId,
      name: record.baseName,
      decisionNo,
      decisionDate: today,
      plaqueSerial,
      specialtyFields: JSON.stringify(record.form.basics?.specialtyFields ?? []),
      district: record.form.basics?.district ?? "",
      // The base's own address and contact from its 申报表; later changes come by change report (第二十七条).
      address: record.form.basics?.address?.trim() || null,
      contactName: record.form.basics?.contactName?.trim() || null,
      // issue 10 item 7: the phone sealed from the start
      ...sealContactPhone(ctx.secrets, revealContactPhone(ctx.secrets, record.contactPhoneEnc)),
      status: "active",
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  await trx.updateTable("notices").set({ closedAt: now }).where("applicationId", "=", record.id).where("closedAt", "is", null).execute();
  const people = [...(await usersWithRole(trx, "base_staff", record.applicantOrgId)), ...(await usersWithRole(trx, "supervisor", record.supervisorOrgId))];
  await notify(trx, ctx, people, "accreditation.published", { baseName: record.baseName, decisionNo }, `/bases/${id}`);
  return { baseId: id, decisionNo, plaqueSerial };
}

type NoticeRow = { id: string; applicationId: string; title: string; startsOn: string; endsOn: string; closedAt: string | null };

export async function presentNotice(trx: Tx, ctx: Ctx, n: NoticeRow, record?: ApplicationRecord): Promise<NoticeView> {
  const app = record ?? (await loadApplication(trx, n.applicationId))!;
  const names = await orgNames(trx, [app.applicantOrgId]);
  return {
    id: n.id,
    applicationId: n.applicationId,
    title: n.title,
    baseName: app.baseName,
    applicantOrgName: names.get(app.applicantOrgId) ?? "",
    specialtyFields: app.form.basics?.specialtyFields ?? [],
    district: app.form.basics?.district ?? "",
    startsOn: n.startsOn,
    endsOn: n.endsOn,
    isOpen: !n.closedAt && ctx.clock.today() <= n.endsOn,
  };
}

/** Current notices for the public portal. */
export async function currentNotices(ctx: Ctx): Promise<NoticeView[]> {
  const rows = await ctx.db
    .selectFrom("notices")
    .select(["id", "applicationId", "title", "startsOn", "endsOn", "closedAt"])
    .where("closedAt", "is", null)
    .where("endsOn", ">=", ctx.clock.today())
    .orderBy("startsOn", "desc")
    .limit(100)
    .execute();
  return Promise.all(rows.map((r) => presentNotice(ctx.db, ctx, r)));
}

export async function publicNotice(ctx: Ctx, id: string): Promise<NoticeView> {
  const n = await ctx.db.selectFrom("notices").select(["id", "applicationId", "title", "startsOn", "endsOn", "closedAt"]).where("id", "=", id).executeTakeFirst();
  if (!n) throw new DomainError("NOT_FOUND");
  return presentNotice(ctx.db, ctx, n);
}

function receiptNumber(today: string): string {
  // Unguessable: the receipt is the only key to the answer.
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const rnd = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join("");
  return `YY${today.replace(/-/g, "")}${rnd}`;
}

/** Anyone may object while the notice runs; the application waits on the bureau's answer. */
export async function fileObjection(ctx: Ctx, noticeId: string, input: { name: string; contact: string; content: string }): Promise<{ receiptNo: string }> {
  // Objections filed at the same moment race to move the application; the loser tries again and
  // then finds it already waiting on objections, so no objection is ever lost. The loser hears either
  // of two answers: the version moved, or (PostgreSQL, having read the status before the winner
  // committed) the step is no longer available from the status the winner left.
  for (let attempt = 1; ; attempt++) {
    try {
      return await fileObjectionOnce(ctx, noticeId, input);
    } catch (e) {
      const lostTheRace = e instanceof DomainError && (e.code === "VERSION_CONFLICT" || e.code === "WORKFLOW_ACTION_UNAVAILABLE");
      if (!lostTheRace || attempt >= 3) throw e;
    }
  }
}

async function fileObjectionOnce(ctx: Ctx, noticeId: string, input: { name: string; contact: string; content: string }): Promise<{ receiptNo: string }> {
  return inTransaction(ctx, async (trx) => {
    const notice = await trx.selectFrom("notices").selectAll().where("id", "=", noticeId).executeTakeFirst();
    if (!notice) throw new DomainError("NOT_FOUND");
    if (notice.closedAt || ctx.clock.today() > notice.endsOn) throw new DomainError("NOTICE_CLOSED");
    const receiptNo = receiptNumber(ctx.clock.today());
    const id = newId();
    await trx
      .insertInto("objections")
      .values({
        id,
        noticeId,
        applicationId: notice.applicationId,
        receiptNo,
        name: input.name.trim(),
        // issue 10 item 7: the objector's phone is sealed; the row keeps only its masked form
        contact: maskPhone(input.contact.trim()),
        contactEnc: ctx.secrets.encrypt(input.contact.trim()),
        content: input.content.trim(),
        status: "open",
        answer: null,
        upheld: null,
        resolvedAt: null,
        resolvedBy: null,
        createdAt: ctx.clock.nowIso(),
      })
      .execute();
    const record = await loadApplication(trx, notice.applicationId);
    if (record?.status === "in_notice") {
      await runStep(trx, ctx, accreditationWorkflow, { id: record.id, action: "object", system: true, comment: `异议 ${receiptNo}` });
    }
    await appendAudit(trx, ctx, { action: "objection.file", resourceType: "objection", resourceId: id, detail: { noticeId, receiptNo } });
    await notify(trx, ctx, await usersWithRole(trx, "bureau"), "accreditation.objectionFiled", { baseName: record?.baseName ?? "" }, `/objections`);
    return { receiptNo };
  });
}

export async function objectionByReceipt(ctx: Ctx, receiptNo: string) {
  const o = await ctx.db
    .selectFrom("objections")
    .select(["receiptNo", "status", "answer", "upheld", "createdAt", "resolvedAt"])
    .where("receiptNo", "=", receiptNo)
    .executeTakeFirst();
  if (!o) throw new DomainError("NOT_FOUND");
  return { ...o, upheld: o.upheld === null ? null : o.upheld === 1 };
}

type ObjectionRow = {
  id: string;
  noticeId: string;
  applicationId: string;
  receiptNo: string;
  name: string;
  contact: string;
  content: string;
  status: string;
  answer: string | null;
  upheld: number | null;
  createdAt: string;
  resolvedAt: string | null;
};

export function presentObjection(o: ObjectionRow): ObjectionView {
  return {
    id: o.id,
    noticeId: o.noticeId,
    applicationId: o.applicationId,
    receiptNo: o.receiptNo,
    name: o.name,
    contact: maskPhone(o.contact),
    content: o.content,
    status: o.status as "open" | "resolved",
    answer: o.answer,
    upheld: o.upheld === null ? null : o.upheld === 1,
    createdAt: o.createdAt,
    resolvedAt: o.resolvedAt,
  };
}

const objectionColumns = ["id", "noticeId", "applicationId", "receiptNo", "name", "contact", "content", "status", "answer", "upheld", "createdAt", "resolvedAt"] as const;

export async function objectionsOf(trx: Tx, applicationId: string): Promise<ObjectionView[]> {
  const rows = await trx.selectFrom("objections").select(objectionColumns).where("applicationId", "=", applicationId).orderBy("createdAt").execute();
  return rows.map(presentObjection);
}

export async function listObjections(ctx: Ctx, query: PageRequest & { status?: "open" | "resolved" }): Promise<Page<ObjectionView>> {
  authorize(ctx.actor, "objection.read");
  const { page, pageSize, offset } = pageWindow(query);
  let q = ctx.db.selectFrom("objections");
  if (query.status) q = q.where("status", "=", query.status);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select(objectionColumns).orderBy("createdAt", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  return { items: rows.map(presentObjection), total: Number(count.n), page, pageSize };
}

/** The bureau answers an objection; an upheld one returns or rejects the application. */
export async function resolveObjection(ctx: Ctx, id: string, input: { answer: string; upheld: boolean; outcome?: "return" | "reject" }): Promise<ObjectionView> {
  authorize(ctx.actor, "objection.resolve");
  return inTransaction(ctx, async (trx) => {
    const o = await trx.selectFrom("objections").selectAll().where("id", "=", id).executeTakeFirst();
    if (!o) throw new DomainError("NOT_FOUND");
    if (o.status !== "open") throw new DomainError("OBJECTION_RESOLVED");
    if (!input.answer.trim()) throw new DomainError("COMMENT_REQUIRED");
    const now = ctx.clock.nowIso();
    const res = await trx
      .updateTable("objections")
      .set({ status: "resolved", answer: input.answer.trim(), upheld: input.upheld ? 1 : 0, resolvedAt: now, resolvedBy: ctx.actor!.id })
      .where("id", "=", id)
      .where("status", "=", "open") // two staff answering at once: the second finds it answered
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("OBJECTION_RESOLVED");
    await appendAudit(trx, ctx, { action: "objection.resolve", resourceType: "objection", resourceId: id, detail: { upheld: input.upheld, outcome: input.outcome ?? null } });
    const record = (await loadApplication(trx, o.applicationId))!;
    if (record.status === "objection_pending") {
      const comment = `异议 ${o.receiptNo}：${input.answer.trim()}`;
      if (input.upheld) {
        const action = input.outcome === "reject" ? "objection-upheld-reject" : "objection-upheld-return";
        await trx.updateTable("notices").set({ closedAt: now }).where("applicationId", "=", record.id).where("closedAt", "is", null).execute();
        await runStep(trx, ctx, accreditationWorkflow, { id: record.id, action, system: true, comment });
      } else if ((await openObjectionCount(trx, record.id, o.noticeId)) === 0) {
        await runStep(trx, ctx, accreditationWorkflow, { id: record.id, action: "objections-cleared", system: true, comment });
      }
    }
    const applicants = await usersWithRole(trx, "base_staff", record.applicantOrgId);
    await notify(trx, ctx, applicants, "accreditation.objectionResolved", { baseName: record.baseName, upheld: input.upheld ? 1 : 0 }, `/applications/${record.id}`);
    const after = await trx.selectFrom("objections").select(objectionColumns).where("id", "=", id).executeTakeFirstOrThrow();
    return presentObjection(after);
  });
}
