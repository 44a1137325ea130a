// 第十八条: the annual inspection as a workflow. The supervising unit scores a draft prefilled with the
// platform's facts and submits it; the base may answer (申辩) within 5 working days; the unit then
// finalizes. Total and grade are fixed at submission, under the scheme the draft was opened with.
import type { GradeBand, InspectionFacts, SchemeCriterion } from "../../../shared/supervision/inspections.js";
import { WorkCalendar, addDays } from "../../platform/calendar.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { defineWorkflow, type StepInput } from "../../platform/workflow.js";
import { computeFacts } from "./inspection-facts.js";
import { gradeOf, ownUpload } from "./inspection-schemes.js";

/** 第十八条: the base answers within this many working days of the result. */
export const ANSWER_WORKDAYS = 5;

export interface StoredScore {
  score: number | null;
  comment: string;
  evidenceFileIds: string[];
}

export interface InspectionRecord {
  id: string;
  status: string;
  version: number;
  baseId: string;
  baseName: string;
  hostOrgId: string;
  supervisorOrgId: string;
  supervisorOrgName: string;
  year: number;
  scheme: { criteria: SchemeCriterion[]; gradeBands: GradeBand[]; isDefault: boolean };
  facts: { computedAt: string; values: InspectionFacts };
  scores: Record<string, StoredScore>;
  totalScore: number | null;
  grade: string | null;
  summary: string;
  answer: string | null;
  answerFileIds: string[];
  answerDue: string | null;
  submittedAt: string | null;
  answeredAt: string | null;
  finalizedAt: string | null;
  finalComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function loadInspection(trx: Tx, id: string): Promise<InspectionRecord | undefined> {
  const r = await trx
    .selectFrom("inspections")
    .innerJoin("bases", "bases.id", "inspections.baseId")
    .innerJoin("organizations as unit", "unit.id", "inspections.supervisorOrgId")
    .selectAll("inspections")
    .select(["bases.name as baseName", "bases.hostOrgId", "unit.name as supervisorOrgName"])
    .where("inspections.id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    year: Number(r.year),
    version: Number(r.version),
    scheme: JSON.parse(r.scheme),
    facts: JSON.parse(r.facts),
    scores: JSON.parse(r.scores),
    totalScore: r.totalScore === null ? null : Number(r.totalScore),
    answerFileIds: JSON.parse(r.answerFileIds),
  };
}

/** The base's staff see their base's inspections; the unit that inspects sees the ones it holds. */
export const inspectionScope = (r: { hostOrgId: string; supervisorOrgId: string }) => ({ orgId: r.hostOrgId, supervisorOrgId: r.supervisorOrgId });

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Sum of the criteria scored so far; null while none is. */
export function totalOf(r: Pick<InspectionRecord, "scheme" | "scores">): number | null {
  const given = r.scheme.criteria.map((c) => r.scores[c.key]?.score).filter((s): s is number => typeof s === "number");
  return given.length ? round2(given.reduce((a, b) => a + b, 0)) : null;
}

/** The 5th working day after `day` on the official calendar (调休 included). */
export async function answerDueAfter(trx: Tx, day: string): Promise<string> {
  const cal = await WorkCalendar.load(trx, day, addDays(day, 60));
  let d = day;
  for (let left = ANSWER_WORKDAYS; left > 0; ) {
    d = addDays(d, 1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

const isWindowOpen = (ctx: Ctx, r: InspectionRecord) => !!r.answerDue && ctx.clock.today() <= r.answerDue;

async function requireScored(_trx: Tx, _ctx: Ctx, r: InspectionRecord, input: StepInput): Promise<void> {
  // Offered on any draft: submitting is what names the criteria still unscored.
  if (input.probe) return;
  const missing = r.scheme.criteria.filter((c) => typeof r.scores[c.key]?.score !== "number");
  if (missing.length) throw new DomainError("SCORES_INCOMPLETE", { count: missing.length, missing: missing.map((c) => c.name).join("、"), keys: missing.map((c) => c.key) });
}

async function fixResult(trx: Tx, ctx: Ctx, r: InspectionRecord) {
  const totalScore = totalOf(r) ?? 0;
  const grade = gradeOf(totalScore, r.scheme.gradeBands);
  const answerDue = await answerDueAfter(trx, ctx.clock.today());
  await trx.updateTable("inspections").set({ totalScore, grade, answerDue, submittedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
  return { totalScore, grade, answerDue };
}

async function answerGuard(trx: Tx, ctx: Ctx, r: InspectionRecord, input: StepInput): Promise<void> {
  // 第十八条: 5 working days to answer the result.
  if (!isWindowOpen(ctx, r)) throw new DomainError("ANSWER_WINDOW_CLOSED", { answerDue: r.answerDue });
  if (input.probe) return;
  if (!input.comment?.trim()) throw new DomainError("COMMENT_REQUIRED");
  for (const id of fileIdsOf(input)) await ownUpload(trx, ctx, id);
}

export const fileIdsOf = (input: StepInput): string[] => {
  const ids = (input.payload as { fileIds?: unknown } | undefined)?.fileIds;
  return Array.isArray(ids) ? [...new Set(ids.filter((x): x is string => typeof x === "string"))] : [];
};

export const inspectionWorkflow = defineWorkflow<InspectionRecord>({
  resourceType: "inspection",
  table: "inspections",
  initial: "draft",
  scopeOf: inspectionScope,
  load: loadInspection,
  transitions: [
    {
      from: "draft",
      action: "refresh-facts",
      to: "draft",
      roles: ["supervisor"],
      article: "第十八条",
      effect: async (trx, ctx, r) => {
        const facts = { computedAt: ctx.clock.nowIso(), values: await computeFacts(trx, r.baseId, r.year, ctx.clock.today()) };
        await trx.updateTable("inspections").set({ facts: JSON.stringify(facts) }).where("id", "=", r.id).execute();
        return { computedAt: facts.computedAt };
      },
    },
    { from: "draft", action: "submit", to: "submitted", roles: ["supervisor"], article: "第十八条", guard: requireScored, effect: fixResult },
    {
      from: "submitted",
      action: "answer",
      to: "answered",
      roles: ["base_staff"],
      article: "第十八条",
      guard: answerGuard,
      effect: async (trx, ctx, r, input) => {
        const answerFileIds = fileIdsOf(input);
        await trx
          .updateTable("inspections")
          .set({ answer: input.comment!.trim(), answerFileIds: JSON.stringify(answerFileIds), answeredAt: ctx.clock.nowIso() })
          .where("id", "=", r.id)
          .execute();
        return { answerFileIds };
      },
    },
    {
      from: ["submitted", "answered"],
      action: "finalize",
      to: "finalized",
      roles: ["supervisor"],
      article: "第十八条",
      guard: async (_trx, ctx, r) => {
        // The base's time to answer runs out first, unless it has answered already.
        if (r.status === "submitted" && isWindowOpen(ctx, r)) throw new DomainError("ANSWER_WINDOW_OPEN", { answerDue: r.answerDue });
      },
      effect: async (trx, ctx, r, input) => {
        await trx.updateTable("inspections").set({ finalComment: input.comment?.trim() || null, finalizedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
        return { totalScore: r.totalScore, grade: r.grade };
      },
    },
  ],
});
