// 培训效果评估 (第十七条): the questionnaire the bureau keeps per version (in force from a date), each
// attendee's one answer, and the aggregates the base, its supervising unit and the bureau read.
import {
  SURVEY_MIN_RESPONSES,
  type ProjectSurveyView,
  type SurveyFormInput,
  type SurveyFormView,
  type SurveyQuestion,
  type SurveyResponseBody,
  type SurveyResultsView,
} from "../../../shared/delivery.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { inTransaction, type Ctx, type Platform } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import type { PlainSheet } from "../../platform/document-jobs.js";
import { DomainError } from "../../platform/errors.js";
import { beijingCell } from "../../platform/excel-sheet.js";
import { newId } from "../../platform/ids.js";
import { baseScope } from "../filing/bases.js";
import { loadProject, type ProjectRecord } from "../filing/projects.js";
import { BASELINE_EFFECTIVE_FROM } from "../policy/defaults.js";
import { requireProfessional } from "../professionals/profiles.js";
import { plainSheet, type Sheet } from "./workbooks.js";

/** The default questionnaire: five 1–5 scales and a free comment. */
export const BASELINE_SURVEY: SurveyQuestion[] = [
  { key: "content", label: "培训内容", kind: "scale", required: true },
  { key: "teachers", label: "授课教师", kind: "scale", required: true },
  { key: "organization", label: "组织服务", kind: "scale", required: true },
  { key: "usefulness", label: "实用性", kind: "scale", required: true },
  { key: "overall", label: "总体评价", kind: "scale", required: true },
  { key: "comments", label: "意见和建议", kind: "text", required: false },
];

const TEXT_MAX = 1000;

type FormRow = { id: string; effectiveFrom: string; questions: string; note: string; createdAt: string };
const toView = (r: FormRow): SurveyFormView => ({ id: r.id, effectiveFrom: r.effectiveFrom, questions: JSON.parse(r.questions), note: r.note, createdAt: r.createdAt });
const FORM_COLUMNS = ["id", "effectiveFrom", "questions", "note", "createdAt"] as const;

/** Every installation starts with the default questionnaire, in force with the measures (第二十九条). */
export async function ensureBaselineSurveyForm(p: Platform): Promise<void> {
  const any = await p.db.selectFrom("surveyForms").select("id").limit(1).executeTakeFirst();
  if (any) return;
  await p.db
    .insertInto("surveyForms")
    .values({ id: newId(), effectiveFrom: BASELINE_EFFECTIVE_FROM, questions: JSON.stringify(BASELINE_SURVEY), note: "默认培训效果评估问卷", createdBy: null, createdAt: p.clock.nowIso() })
    // another instance starting at the same moment seeded it first
    .onConflict((oc) => oc.column("effectiveFrom").doNothing())
    .execute();
}

export async function listSurveyForms(ctx: Ctx): Promise<{ items: SurveyFormView[] }> {
  authorize(ctx.actor, "surveyForm.read");
  const rows = await ctx.db.selectFrom("surveyForms").select(FORM_COLUMNS).orderBy("effectiveFrom", "desc").limit(200).execute();
  return { items: rows.map(toView) };
}

export async function createSurveyForm(ctx: Ctx, input: SurveyFormInput): Promise<SurveyFormView> {
  authorize(ctx.actor, "surveyForm.create");
  // A form in force on a past day may already hold answers: a change takes effect from today on.
  if (input.effectiveFrom < ctx.clock.today()) throw new DomainError("SURVEY_FORM_BACKDATED", { today: ctx.clock.today() });
  const keys = input.questions.map((q) => q.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new DomainError("VALIDATION_FAILED", { reason: `duplicate question key ${twice}` });
  const row: FormRow = { id: newId(), effectiveFrom: input.effectiveFrom, questions: JSON.stringify(input.questions.map(cleanQuestion)), note: input.note?.trim() ?? "", createdAt: ctx.clock.nowIso() };
  try {
    return await inTransaction(ctx, async (trx) => {
      await trx.insertInto("surveyForms").values({ ...row, createdBy: ctx.actor!.id }).execute();
      await appendAudit(trx, ctx, { action: "surveyForm.create", resourceType: "surveyForm", resourceId: row.id, detail: { effectiveFrom: row.effectiveFrom, questions: keys } });
      return toView(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("SURVEY_FORM_EXISTS", { effectiveFrom: input.effectiveFrom });
    throw e;
  }
}

const cleanQuestion = (q: SurveyQuestion): SurveyQuestion => ({ key: q.key, label: q.label.trim(), kind: q.kind, required: q.required });

/** The form in force at class start: the latest one effective on or before it (the earliest for older projects). */
export async function formForProject(trx: Tx, startDate: string): Promise<SurveyFormView> {
  const inForce = await trx.selectFrom("surveyForms").select(FORM_COLUMNS).where("effectiveFrom", "<=", startDate).orderBy("effectiveFrom", "desc").limit(1).executeTakeFirst();
  const row = inForce ?? (await trx.selectFrom("surveyForms").select(FORM_COLUMNS).orderBy("effectiveFrom").limit(1).executeTakeFirst());
  if (!row) throw new DomainError("NOT_FOUND");
  return toView(row);
}

// ---- the attendee's side ----

interface Participation {
  project: ProjectRecord;
  professionalId: string;
  attended: boolean;
}

/** The caller as an enrolled professional of the project; anyone else does not see its survey (404). */
async function participation(trx: Tx, ctx: Ctx, projectId: string): Promise<Participation> {
  const professionalId = await requireProfessional(trx, ctx);
  authorize(ctx.actor, "survey.answer", { userId: professionalId });
  const enrolled = await trx
    .selectFrom("enrollments")
    .select("id")
    .where("projectId", "=", projectId)
    .where("professionalId", "=", professionalId)
    .where("status", "=", "enrolled")
    .executeTakeFirst();
  const project = enrolled && (await loadProject(trx, projectId));
  if (!project) throw new DomainError("NOT_FOUND");
  const checkIn = await trx.selectFrom("checkIns").select("id").where("projectId", "=", projectId).where("professionalId", "=", professionalId).limit(1).executeTakeFirst();
  return { project, professionalId, attended: !!checkIn };
}

type Answers = Record<string, number | string>;

export async function projectSurvey(ctx: Ctx, projectId: string): Promise<ProjectSurveyView> {
  const trx = ctx.db;
  const { project, professionalId, attended } = await participation(trx, ctx, projectId);
  const form = await formForProject(trx, project.startDate);
  const mine = await trx.selectFrom("surveyResponses").select("answers").where("projectId", "=", projectId).where("professionalId", "=", professionalId).executeTakeFirst();
  return { projectId, form, myAnswers: mine ? (JSON.parse(mine.answers) as Answers) : null, canAnswer: attended && !mine };
}

/** Each answer against the form: required ones present, scales 1–5, texts at most 1000 characters. */
export function checkAnswers(form: SurveyFormView, answers: Answers): Answers {
  const byKey = new Map(form.questions.map((q) => [q.key, q]));
  const refuse = (question: string, reason: string) => {
    throw new DomainError("SURVEY_ANSWER_INVALID", { question, reason });
  };
  for (const key of Object.keys(answers)) if (!byKey.has(key)) refuse(key, "问卷中没有该问题");
  const clean: Answers = {};
  for (const q of form.questions) {
    const a = answers[q.key];
    const blank = a === undefined || (typeof a === "string" && a.trim() === "");
    if (blank) {
      if (q.required) refuse(q.label, "此题必答");
      continue;
    }
    if (q.kind === "scale") {
      if (typeof a !== "number" || !Number.isInteger(a) || a < 1 || a > 5) refuse(q.label, "请选择 1 至 5 分");
      clean[q.key] = a;
    } else {
      if (typeof a !== "string") refuse(q.label, "请填写文字");
      else if ([...a.trim()].length > TEXT_MAX) refuse(q.label, `不超过 ${TEXT_MAX} 字`);
      else clean[q.key] = a.trim();
    }
  }
  return clean;
}

/** 第十七条 培训效果评估: an attendee answers once; a second answer, even at the same moment, is refused. */
export async function answerSurvey(ctx: Ctx, projectId: string, body: SurveyResponseBody): Promise<ProjectSurveyView> {
  try {
    await inTransaction(ctx, async (trx) => {
      const { project, professionalId, attended } = await participation(trx, ctx, projectId);
      if (!attended) throw new DomainError("SURVEY_NOT_OPEN");
      const form = await formForProject(trx, project.startDate);
      const answers = checkAnswers(form, body.answers);
      const already = await trx.selectFrom("surveyResponses").select("id").where("projectId", "=", projectId).where("professionalId", "=", professionalId).executeTakeFirst();
      if (already) throw new DomainError("SURVEY_ALREADY_ANSWERED");
      const comment = form.questions.filter((q) => q.kind === "text" && answers[q.key]).map((q) => String(answers[q.key])).join("\n");
      const id = newId();
      // The unique (project, professional) key settles two answers sent at once: the second fails here.
      await trx.insertInto("surveyResponses").values({ id, projectId, professionalId, formId: form.id, answers: JSON.stringify(answers), comment, createdAt: ctx.clock.nowIso() }).execute();
      await appendAudit(trx, ctx, { action: "survey.answer", resourceType: "trainingProject", resourceId: projectId, detail: { responseId: id, formId: form.id } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("SURVEY_ALREADY_ANSWERED");
    throw e;
  }
  return projectSurvey(ctx, projectId);
}

// ---- the aggregates ----

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The project in the actor's survey.results scope (404 out of scope, 403 without the grant). */
async function projectForResults(trx: Tx, ctx: Ctx, projectId: string): Promise<ProjectRecord> {
  const project = await loadProject(trx, projectId);
  if (!project) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "survey.results", baseScope(project));
  return project;
}

/** How many people attended at least one session. */
export async function attendeeCount(trx: Tx, projectId: string): Promise<number> {
  const r = await trx
    .selectFrom("checkIns")
    .select((eb) => eb.fn.count<number>("professionalId").distinct().as("n"))
    .where("projectId", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function surveyResults(ctx: Ctx, projectId: string): Promise<SurveyResultsView> {
  const trx = ctx.db;
  const project = await projectForResults(trx, ctx, projectId);
  return resultsOf(trx, project);
}

/** The aggregates of a project's answers (also printed into the archive). */
export async function resultsOf(trx: Tx, project: { id: string; startDate: string }): Promise<SurveyResultsView> {
  const form = await formForProject(trx, project.startDate);
  const [rows, attendees] = await Promise.all([
    trx.selectFrom("surveyResponses").select(["answers", "createdAt"]).where("projectId", "=", project.id).orderBy("createdAt", "desc").orderBy("id", "desc").execute(),
    attendeeCount(trx, project.id),
  ]);
  const answers = rows.map((r) => JSON.parse(r.answers) as Answers);
  // issue 11: below the minimum, no comment, distribution or average leaves the server (archive and Excel
  // included): the average of one answer is that person's score.
  const sampleTooSmall = rows.length < SURVEY_MIN_RESPONSES;
  let sum = 0;
  let count = 0;
  const questions = form.questions.map((q) => {
    const given = answers.map((a) => a[q.key]).filter((v) => v !== undefined && v !== "");
    if (q.kind === "text") return { key: q.key, label: q.label, kind: q.kind, average: null, distribution: [], comments: sampleTooSmall ? [] : given.map(String) };
    const scores = given.filter((v): v is number => typeof v === "number");
    const distribution = [1, 2, 3, 4, 5].map((n) => scores.filter((s) => s === n).length);
    const total = scores.reduce((a, b) => a + b, 0);
    sum += total;
    count += scores.length;
    return { key: q.key, label: q.label, kind: q.kind, average: scores.length && !sampleTooSmall ? round2(total / scores.length) : null, distribution: sampleTooSmall ? [] : distribution, comments: [] };
  });
  const overall = count && !sampleTooSmall ? round2(sum / count) : null;
  return { projectId: project.id, form, responses: rows.length, attendees, questions, overall, sampleTooSmall, minResponses: SURVEY_MIN_RESPONSES };
}

type QuestionResult = SurveyResultsView["questions"][number];

/** The evaluation summary as Excel: the scores per question, then every comment. */
export async function surveyResultsWorkbook(ctx: Ctx, results: SurveyResultsView, projectTitle: string): Promise<Uint8Array> {
  return ctx.documents.build({ kind: "workbook", sheets: surveyResultsSheets(results, projectTitle) });
}

/** The evaluation summary's three worksheets as plain values (built into bytes by a document worker). */
export function surveyResultsSheets(results: SurveyResultsView, projectTitle: string): PlainSheet[] {
  const scales = results.questions.filter((q) => q.kind === "scale");
  const comments = results.questions.flatMap((q) => q.comments.map((text) => ({ label: q.label, text })));
  const overall: QuestionResult = { key: "", label: "全部评分项平均", kind: "scale", average: results.overall, distribution: [], comments: [] };
  const sheets: Sheet<any>[] = [
    {
      name: "评估汇总",
      columns: [
        { header: "评估项目", width: 20, value: (q: QuestionResult) => q.label },
        { header: "平均分（满分 5 分）", width: 18, value: (q: QuestionResult) => q.average },
        ...[1, 2, 3, 4, 5].map((n) => ({ header: `${n} 分人数`, width: 10, value: (q: QuestionResult) => q.distribution[n - 1] ?? null })),
        { header: "作答人数", width: 10, value: (q: QuestionResult) => (q.distribution.length ? q.distribution.reduce((a, b) => a + b, 0) : null) },
      ],
      rows: [...scales, overall],
    },
    {
      name: "意见和建议",
      columns: [
        { header: "问题", width: 16, value: (c: { label: string }) => c.label },
        { header: "内容", width: 80, value: (c: { text: string }) => c.text },
      ],
      rows: comments,
    },
    {
      name: "说明",
      columns: [
        { header: "项目", width: 16, value: (r: [string, string | number | Date | null]) => r[0] },
        { header: "内容", width: 60, value: (r: [string, string | number | Date | null]) => r[1] },
      ],
      rows: [
        ["培训项目", projectTitle],
        ["问卷施行日期", beijingCell(results.form.effectiveFrom, "date")],
        ["收回问卷", results.responses],
        ["参训人数", results.attendees],
        ...(results.sampleTooSmall ? [["意见和分值分布", `样本不足（少于${results.minResponses}人作答），不予列出`] as [string, string]] : []),
      ],
    },
  ];
  return sheets.map(plainSheet);
}
