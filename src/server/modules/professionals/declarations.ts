// Declared hours (学时申报): hours from the other forms 人社部令第25号 第十条 recognises (degree study,
// academic conferences, research projects, publications, online training) enter the learning record
// only once the bureau accepts the evidence (第二十四条).
import type { DeclarationForm, DeclarationInput, DeclarationView } from "../../../shared/delivery.js";
import type { SubjectType } from "../../../shared/filing.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { readStoredFile } from "../../platform/files.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, defineWorkflow, requireComment, runStep, type StepInput } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { addDays } from "../../platform/calendar.js";
import { policyAt } from "../policy/service.js";
import { currentYear } from "./learning.js";
import { requireProfessional } from "./profiles.js";
import { countedOnDays, creditHours } from "./record.js";

const ARTICLE = "第二十四条；人社部令第25号 第十条";
export const FORM_NAMES: Record<DeclarationForm, string> = {
  degree: "学历（学位）教育",
  conference: "学术会议",
  research: "科研项目",
  publication: "论文著作",
  online: "网络培训",
};

interface DeclarationRecord {
  id: string;
  status: string;
  version: number;
  professionalId: string;
  name: string;
  idNumberMasked: string | null;
  year: number;
  form: string;
  subjectType: string;
  title: string;
  hours: number;
  earnedOn: string;
  evidenceFileId: string | null;
  evidenceFileName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  createdAt: string;
}

function selectDeclarations(trx: Tx) {
  return trx
    .selectFrom("hourDeclarations")
    .innerJoin("users as person", "person.id", "hourDeclarations.professionalId")
    .leftJoin("users as decider", "decider.id", "hourDeclarations.decidedBy")
    .leftJoin("fileUploads", (j) => j.onRef("fileUploads.fileId", "=", "hourDeclarations.evidenceFileId").onRef("fileUploads.userId", "=", "hourDeclarations.professionalId"))
    .select([
      "hourDeclarations.id",
      "hourDeclarations.status",
      "hourDeclarations.version",
      "hourDeclarations.professionalId",
      "person.displayName as name",
      "person.idNumberMasked",
      "hourDeclarations.year",
      "hourDeclarations.form",
      "hourDeclarations.subjectType",
      "hourDeclarations.title",
      "hourDeclarations.hours",
      "hourDeclarations.earnedOn",
      "hourDeclarations.evidenceFileId",
      "fileUploads.name as evidenceFileName",
      "decider.displayName as decidedByName",
      "hourDeclarations.decidedAt",
      "hourDeclarations.decisionComment",
      "hourDeclarations.createdAt",
    ]);
}

const loadDeclaration = async (trx: Tx, id: string) =>
  (await selectDeclarations(trx).where("hourDeclarations.id", "=", id).executeTakeFirst()) as DeclarationRecord | undefined;

/** DESIGN.md "Learning record": at most `maxHoursPerDay` hours for one person on one day. */
async function roomOnDay(trx: Tx, professionalId: string, date: string): Promise<{ room: number; counted: number; max: number }> {
  const { params } = await policyAt(trx, date);
  const counted = (await countedOnDays(trx, professionalId, [date])).get(date) ?? 0;
  return { room: Math.max(0, params.maxHoursPerDay - counted), counted, max: params.maxHoursPerDay };
}

async function requireRoomOnDay(trx: Tx, professionalId: string, date: string): Promise<void> {
  const { room, counted, max } = await roomOnDay(trx, professionalId, date);
  if (room <= 0) throw new DomainError("DAILY_HOURS_LIMIT", { date, hours: counted, max });
}

async function recordDecision(trx: Tx, ctx: Ctx, r: DeclarationRecord, comment: string | null): Promise<void> {
  await trx
    .updateTable("hourDeclarations")
    .set({ decidedBy: ctx.actor!.id, decidedAt: ctx.clock.nowIso(), decisionComment: comment })
    .where("id", "=", r.id)
    .execute();
}

/**
 * The days a declaration's hours are earned on: 第二十四条 with DESIGN.md "Learning record" allows at
 * most `maxHoursPerDay` a day, so a 24-hour conference counts as three full days ending on its date
 * (never reaching back into the year before: hours count in the year they were earned).
 */
async function declaredDays(trx: Tx, earnedOn: string, hours: number): Promise<Record<string, number>> {
  const { params } = await policyAt(trx, earnedOn);
  const days: Record<string, number> = {};
  let left = hours;
  let day = earnedOn;
  while (left > 0 && day.slice(0, 4) === earnedOn.slice(0, 4)) {
    const h = Math.min(params.maxHoursPerDay, left);
    days[day] = h;
    left -= h;
    day = addDays(day, -1);
  }
  // What does not fit in the year is asked for on the first day, so the cap reports it.
  if (left > 0) days[addDays(day, 1)] += left;
  return days;
}

/** Accepting counts the hours; past the daily limit only the room left counts, and the decision says so. */
async function acceptHours(trx: Tx, ctx: Ctx, r: DeclarationRecord, input: StepInput) {
  const declared = Number(r.hours);
  const credit = await creditHours(trx, ctx, {
    professionalId: r.professionalId,
    source: r.form as DeclarationForm,
    subjectType: r.subjectType as SubjectType,
    title: r.title,
    days: await declaredDays(trx, r.earnedOn, declared),
    declarationId: r.id,
  });
  const capped = credit.capped.length > 0;
  const max = (await policyAt(trx, r.earnedOn)).params.maxHoursPerDay;
  const note = capped ? `按每人每天最多 ${max} 学时计入 ${credit.hours} 学时（申报 ${declared} 学时）` : null;
  const comment = [input.comment?.trim(), note].filter(Boolean).join("；") || null;
  await recordDecision(trx, ctx, r, comment);
  return { declaredHours: declared, countedHours: credit.hours, capped, entryIds: credit.entryIds };
}

export const declarationWorkflow = defineWorkflow<DeclarationRecord>({
  resourceType: "declaration",
  table: "hourDeclarations",
  initial: "pending",
  scopeOf: (r) => ({ userId: r.professionalId }),
  load: loadDeclaration,
  transitions: [
    {
      from: "pending",
      action: "accept",
      to: "accepted",
      roles: ["bureau"],
      article: ARTICLE,
      // nothing could count on a day already full: the bureau rejects instead
      guard: (trx, _ctx, r) => requireRoomOnDay(trx, r.professionalId, r.earnedOn),
      effect: acceptHours,
    },
    {
      from: "pending",
      action: "reject",
      to: "rejected",
      roles: ["bureau"],
      article: ARTICLE,
      guard: requireComment,
      effect: (trx, ctx, r, input) => recordDecision(trx, ctx, r, input.comment?.trim() || null),
    },
  ],
});

async function present(trx: Tx, ctx: Ctx, r: DeclarationRecord): Promise<DeclarationView> {
  return {
    id: r.id,
    professionalId: r.professionalId,
    name: r.name,
    idNumber: r.idNumberMasked ?? "",
    year: Number(r.year),
    form: r.form as DeclarationForm,
    subjectType: r.subjectType as SubjectType,
    title: r.title,
    hours: Number(r.hours),
    earnedOn: r.earnedOn,
    evidenceFileId: r.evidenceFileId,
    evidenceFileName: r.evidenceFileName,
    status: r.status as DeclarationView["status"],
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt,
    decisionComment: r.decisionComment,
    createdAt: r.createdAt,
    availableActions: await availableActions(trx, ctx, declarationWorkflow, r),
    version: Number(r.version),
  };
}

export async function declareHours(ctx: Ctx, input: DeclarationInput): Promise<DeclarationView> {
  return inTransaction(ctx, async (trx) => {
    const professionalId = await requireProfessional(trx, ctx);
    authorize(ctx.actor, "declaration.create", { userId: professionalId });
    const title = input.title.trim();
    if ([...title].length < 2) throw new DomainError("TEXT_BLANK", { field: "title", min: 2 });
    const today = ctx.clock.today();
    if (input.earnedOn > today) throw new DomainError("DECLARATION_DATE_INVALID", { today });
    // Hours count in the year they were earned (第二十四条); a year's record closes at the end of the next.
    const year = Number(input.earnedOn.slice(0, 4));
    if (year < currentYear(ctx) - 1) throw new DomainError("DECLARATION_YEAR_CLOSED", { year });
    const evidence = await trx.selectFrom("fileUploads").select("fileId").where("fileId", "=", input.evidenceFileId).where("userId", "=", ctx.actor!.id).executeTakeFirst();
    if (!evidence) throw new DomainError("EVIDENCE_FILE_INVALID");
    await requireRoomOnDay(trx, professionalId, input.earnedOn);
    const id = newId();
    const now = ctx.clock.nowIso();
    await trx
      .insertInto("hourDeclarations")
      .values({
        id,
        professionalId,
        year,
        form: input.form,
        subjectType: input.subjectType,
        title,
        hours: input.hours,
        earnedOn: input.earnedOn,
        evidenceFileId: input.evidenceFileId,
        status: "pending",
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: "declaration.create",
      resourceType: "declaration",
      resourceId: id,
      detail: { form: input.form, subjectType: input.subjectType, hours: input.hours, year, article: ARTICLE },
    });
    await notify(trx, ctx, await usersWithRole(trx, "bureau"), "declaration.submitted", { name: ctx.actor!.displayName, title, hours: input.hours }, "/hour-declarations?status=pending");
    return present(trx, ctx, (await loadDeclaration(trx, id))!);
  });
}

export interface DeclarationFilter {
  status?: DeclarationView["status"];
  year?: number;
  professionalId?: string;
}

export async function listDeclarations(ctx: Ctx, query: PageRequest & DeclarationFilter): Promise<Page<DeclarationView>> {
  const where = scopeWhere<any, "hourDeclarations">(ctx.actor, "declaration.read", { userId: "hourDeclarations.professionalId" });
  if (!where) throw new DomainError("FORBIDDEN");
  const { page, pageSize, offset } = pageWindow(query);
  let q = ctx.db.selectFrom("hourDeclarations").where(where);
  if (query.status) q = q.where("hourDeclarations.status", "=", query.status);
  if (query.year) q = q.where("hourDeclarations.year", "=", query.year);
  if (query.professionalId) q = q.where("hourDeclarations.professionalId", "=", query.professionalId);
  const [count, ids] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select("hourDeclarations.id").orderBy("hourDeclarations.createdAt", "desc").orderBy("hourDeclarations.id", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  const items: DeclarationView[] = [];
  for (const { id } of ids) items.push(await present(ctx.db, ctx, (await loadDeclaration(ctx.db, id))!));
  return { items, total: Number(count.n), page, pageSize };
}

async function readable(trx: Tx, ctx: Ctx, id: string): Promise<DeclarationRecord> {
  authorize(ctx.actor, "declaration.read");
  const r = await loadDeclaration(trx, id);
  if (!r) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "declaration.read", declarationWorkflow.scopeOf(r));
  return r;
}

export async function getDeclaration(ctx: Ctx, id: string): Promise<DeclarationView> {
  return present(ctx.db, ctx, await readable(ctx.db, ctx, id));
}

/** The evidence, for whoever may read the declaration (the person, the bureau). */
export async function declarationEvidence(ctx: Ctx, id: string): Promise<{ bytes: Buffer; mime: string; name: string }> {
  const r = await readable(ctx.db, ctx, id);
  if (!r.evidenceFileId) throw new DomainError("NOT_FOUND");
  const file = await ctx.db.selectFrom("files").select("mime").where("id", "=", r.evidenceFileId).executeTakeFirst();
  if (!file) throw new DomainError("NOT_FOUND");
  return { bytes: await readStoredFile(ctx.config.dataDir, r.evidenceFileId), mime: file.mime, name: r.evidenceFileName ?? "证明材料" };
}

export async function decideDeclaration(ctx: Ctx, id: string, action: "accept" | "reject", body: { version?: number; comment?: string }): Promise<DeclarationView> {
  return inTransaction(ctx, async (trx) => {
    const { record } = await runStep(trx, ctx, declarationWorkflow, { id, action, version: body.version, comment: body.comment?.trim() || null });
    await notify(
      trx,
      ctx,
      [record.professionalId],
      `declaration.${action === "accept" ? "accepted" : "rejected"}`,
      { title: record.title, hours: Number(record.hours), comment: record.decisionComment },
      `/my/record?year=${record.year}`,
    );
    return present(trx, ctx, record);
  });
}
