// 第二十条 "相关违规行为将作为失信信息予以记录，纳入社会信用体系": the dishonesty record of a host
// organization, written when the bureau confirms a violation, in the columns of the national
// double-publicity data standard for administrative sanctions (docs/dishonesty-export.md). Signed-in
// supervisors and the bureau read every record; the public reads those whose 公示截止期 has not passed.
import type { DishonestyFlag, DishonestyRecordView, PublicDishonestyRecordView } from "../../../shared/supervision/violations.js";
import type { DishonestyRecordsTable } from "../../db/schema-supervision.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { policyAt } from "../policy/service.js";
import { containsText } from "../../platform/search.js";

/** Three years of publicity unless the bureau decides otherwise (see docs/dishonesty-export.md). */
export const DEFAULT_PUBLICITY_YEARS = 3;

/** 公示截止期: the decision date plus the days the bureau chose, or the same date three years on (29 Feb → 28 Feb). */
export function publicityUntil(decisionDate: string, days?: number): string {
  const d = new Date(`${decisionDate}T00:00:00Z`);
  if (days) {
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  const [y, m, day] = decisionDate.split("-").map(Number);
  const last = new Date(Date.UTC(y + DEFAULT_PUBLICITY_YEARS, m, 0)).getUTCDate();
  return `${y + DEFAULT_PUBLICITY_YEARS}-${String(m).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** 第二十条: the measures' own article, the default 处罚依据. */
export const defaultBasis = (cityName: string) => `《${cityName}专业技术人员继续教育基地管理办法》第二十条`;

export interface DishonestyInput {
  violationId: string;
  baseId: string;
  baseName: string;
  orgId: string;
  decisionNo: string;
  violationType: string;
  facts: string;
  basis: string;
  legalRepresentative?: string;
  penaltyContent?: string;
  publicityDays?: number;
  remark?: string;
}

/**
 * Writes the record in the caller's transaction. 法定代表人 is the one the bureau names on confirming,
 * else the base's recorded legal representative (kept by 第二十七条's change reports), else left empty:
 * never someone else's name, such as the organization's contact person.
 */
export async function createDishonestyRecord(trx: Tx, ctx: Ctx, input: DishonestyInput): Promise<{ id: string; publicityUntil: string }> {
  const today = ctx.clock.today();
  const { params } = await policyAt(trx, today);
  const org = await trx
    .selectFrom("organizations")
    .innerJoin("bases", "bases.hostOrgId", "organizations.id")
    .select(["organizations.name", "organizations.creditCode", "bases.legalRepresentative"])
    .where("bases.id", "=", input.baseId)
    .executeTakeFirstOrThrow();
  const authorityOrg = ctx.actor ? await trx.selectFrom("organizations").select("creditCode").where("id", "=", ctx.actor.orgId).executeTakeFirst() : undefined;
  const authority = `${params.cityName}人力资源和社会保障局`;
  const until = publicityUntil(today, input.publicityDays);
  const id = newId();
  await trx
    .insertInto("dishonestyRecords")
    .values({
      id,
      violationId: input.violationId,
      baseId: input.baseId,
      orgId: input.orgId,
      orgName: org.name,
      creditCode: org.creditCode,
      legalRepresentative: input.legalRepresentative?.trim() || org.legalRepresentative?.trim() || "",
      decisionNo: input.decisionNo,
      violationType: input.violationType,
      facts: input.facts,
      basis: input.basis,
      // The standard's categories (警告, 罚款, …, 其他) have none for an accreditation: 其他, named.
      penaltyCategory: "其他-撤销基地资格",
      penaltyContent: input.penaltyContent?.trim() || `撤销“${input.baseName}”市级继续教育基地资格，相关违规行为作为失信信息予以记录`,
      decisionDate: today,
      publicityUntil: until,
      authority,
      authorityCreditCode: authorityOrg?.creditCode ?? "",
      dataSource: authority,
      remark: input.remark?.trim() || `涉及基地：${input.baseName}`,
      createdAt: ctx.clock.nowIso(),
    })
    .execute();
  return { id, publicityUntil: until };
}

// ---- reading ----

type RecordRow = DishonestyRecordsTable & { baseName: string };

export interface DishonestyFilter {
  /** Only records still published (公示截止期 today or later). */
  live?: boolean;
  /** Part of the organization's name or its credit code. */
  q?: string;
}

function records(trx: Tx, today: string, f: DishonestyFilter) {
  let q = trx.selectFrom("dishonestyRecords as d").innerJoin("bases", "bases.id", "d.baseId");
  if (f.live) q = q.where("d.publicityUntil", ">=", today);
  const text = f.q?.trim();
  if (text) {
    q = q.where((eb) => eb.or([containsText("d.orgName", text), containsText("d.creditCode", text)]));
  }
  return q;
}

const selectRecord = (q: ReturnType<typeof records>) => q.selectAll("d").select("bases.name as baseName");

/** Newest decision first, on dishonesty_records_date_idx (decision_date, id). */
const ordered = <Q extends ReturnType<typeof selectRecord>>(q: Q) => q.orderBy("d.decisionDate", "desc").orderBy("d.id", "desc");

const toView = (r: RecordRow, today: string): DishonestyRecordView => ({
  id: r.id,
  violationId: r.violationId,
  baseId: r.baseId,
  baseName: r.baseName,
  orgId: r.orgId,
  orgName: r.orgName,
  creditCode: r.creditCode,
  legalRepresentative: r.legalRepresentative,
  decisionNo: r.decisionNo,
  violationType: r.violationType,
  facts: r.facts,
  basis: r.basis,
  penaltyCategory: r.penaltyCategory,
  penaltyContent: r.penaltyContent,
  decisionDate: r.decisionDate,
  publicityUntil: r.publicityUntil,
  authority: r.authority,
  authorityCreditCode: r.authorityCreditCode,
  dataSource: r.dataSource,
  remark: r.remark,
  live: r.publicityUntil >= today,
  createdAt: r.createdAt,
});

/** Only the standard's columns: what double publicity publishes about a legal person, nothing more. */
export const toPublic = (v: DishonestyRecordView): PublicDishonestyRecordView => ({
  id: v.id,
  orgName: v.orgName,
  creditCode: v.creditCode,
  legalRepresentative: v.legalRepresentative,
  decisionNo: v.decisionNo,
  violationType: v.violationType,
  facts: v.facts,
  basis: v.basis,
  penaltyCategory: v.penaltyCategory,
  penaltyContent: v.penaltyContent,
  decisionDate: v.decisionDate,
  publicityUntil: v.publicityUntil,
  authority: v.authority,
  authorityCreditCode: v.authorityCreditCode,
  dataSource: v.dataSource,
  remark: v.remark,
});

async function page(ctx: Ctx, f: DishonestyFilter, req: PageRequest): Promise<Page<DishonestyRecordView>> {
  const today = ctx.clock.today();
  const { page, pageSize, offset } = pageWindow(req);
  const base = records(ctx.db, today, f);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ordered(selectRecord(base)).limit(pageSize).offset(offset).execute(),
  ]);
  return { items: rows.map((r) => toView(r as RecordRow, today)), total: Number(count.n), page, pageSize };
}

export async function listDishonestyRecords(ctx: Ctx, query: PageRequest & DishonestyFilter): Promise<Page<DishonestyRecordView>> {
  authorize(ctx.actor, "dishonestyRecord.read");
  return page(ctx, query, query);
}

/** 第二十条 纳入社会信用体系: the public list, records whose 公示截止期 has not passed. */
export async function listPublicDishonestyRecords(ctx: Ctx, query: PageRequest & { q?: string }): Promise<Page<PublicDishonestyRecordView>> {
  const res = await page(ctx, { live: true, q: query.q }, query);
  return { ...res, items: res.items.map(toPublic) };
}

/** Every matching record, newest first, read in keyset batches so an export never holds or truncates the table. */
export async function* allDishonestyRecords(ctx: Ctx, f: DishonestyFilter, batch = 500): AsyncGenerator<DishonestyRecordView> {
  authorize(ctx.actor, "dishonestyRecord.read");
  const today = ctx.clock.today();
  let after: { decisionDate: string; id: string } | null = null;
  for (;;) {
    let q = ordered(selectRecord(records(ctx.db, today, f)));
    if (after) {
      const { decisionDate, id } = after;
      q = q.where((eb) => eb.or([eb("d.decisionDate", "<", decisionDate), eb.and([eb("d.decisionDate", "=", decisionDate), eb("d.id", "<", id)])]));
    }
    const rows = (await q.limit(batch).execute()) as RecordRow[];
    for (const r of rows) yield toView(r, today);
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = { decisionDate: last.decisionDate, id: last.id };
  }
}

/** The organization's records still published: an application from it is flagged to its reviewers. */
export async function liveDishonestyFlags(trx: Tx, orgId: string, today: string): Promise<DishonestyFlag[]> {
  return trx
    .selectFrom("dishonestyRecords")
    .select(["decisionNo", "decisionDate", "publicityUntil", "violationType"])
    .where("orgId", "=", orgId)
    .where("publicityUntil", ">=", today)
    .orderBy("publicityUntil", "desc")
    .execute();
}

/** How many records of the organization are still published. */
export async function liveRecordCount(trx: Tx, orgId: string, today: string): Promise<number> {
  const r = await trx
    .selectFrom("dishonestyRecords")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("orgId", "=", orgId)
    .where("publicityUntil", ">=", today)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function recordIdOfViolation(trx: Tx, violationId: string): Promise<string | null> {
  const r = await trx.selectFrom("dishonestyRecords").select("id").where("violationId", "=", violationId).executeTakeFirst();
  return r?.id ?? null;
}
