// The yearly statistics report (issue 12 item 3; 第十九条) as PDF and Excel, and the dashboard's Excel
// export. The request thread reads the figures (SQL aggregates); the document worker draws the PDF and
// writes the workbook. Once a year has closed its report is kept: the scheduler's first run in the new
// year stores the city's report and each supervising unit's, and later requests serve the kept file.
import { sql, type SqlBool } from "kysely";
import type { StatisticsQuery, YearlyReportQuery } from "../../../shared/statistics.js";
import { appendAudit } from "../../platform/audit.js";
import { scopesFor } from "../../platform/authz.js";
import { inTransaction, type Ctx, type Platform } from "../../platform/context.js";
import type { DocumentJob } from "../../platform/document-jobs.js";
import { readStoredFile, storeFile } from "../../platform/files.js";
import type { Job } from "../../platform/scheduler.js";
import { currentYear } from "../professionals/learning.js";
import { policyAt } from "../policy/service.js";
import type * as q from "./queries.js";
import { yearlyReportTitle, type YearlyReportMeta } from "./report-pdf.js";
import { reportSheets } from "./report-tables.js";
import { overview, overviewOf, selectionOf } from "./service.js";

export const YEARLY_REPORT_READ = "yearlyReport.read";
export const PDF = "application/pdf";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface ReportFile {
  filename: string;
  mime: string;
  bytes: Uint8Array;
}

/** The building of a document within the caller's document slots (a scheduled run has none to hold). */
type Build = (job: DocumentJob) => Promise<Uint8Array>;

async function cityNameOf(ctx: Platform, year: number): Promise<string> {
  const { params } = await policyAt(ctx.db, `${year}-12-31`).catch(() => policyAt(ctx.db, ctx.clock.today()));
  return params.cityName;
}

async function scopeNameOf(ctx: Platform, scopeKey: string, cityName: string): Promise<string> {
  if (scopeKey === "city") return `${cityName}全市`;
  const org = await ctx.db.selectFrom("organizations").select("name").where("id", "=", scopeKey).executeTakeFirst();
  return `${org?.name ?? ""}所管理的基地`;
}

async function render(ctx: Ctx, build: Build, selection: q.BaseSelection, scope: "city" | "supervisor" | "base", scopeKey: string, year: number, format: "pdf" | "xlsx"): Promise<ReportFile> {
  // the same report whoever asks first and whenever the scheduler keeps it: no risk flags (today's state)
  const figures = await overviewOf(ctx, selection, scope, year, { year }, { riskFlags: false });
  const cityName = await cityNameOf(ctx, year);
  const stem = `${yearlyReportTitle(cityName)}-${year}`;
  if (format === "xlsx") return { filename: `${stem}.xlsx`, mime: XLSX, bytes: await build({ kind: "workbook", sheets: reportSheets(figures) }) };
  const meta: YearlyReportMeta = { cityName, scopeName: await scopeNameOf(ctx, scopeKey, cityName), generatedAt: ctx.clock.nowIso() };
  return { filename: `${stem}.pdf`, mime: PDF, bytes: await build({ kind: "yearlyReportPdf", overview: figures, meta }) };
}

async function kept(ctx: Platform, year: number, scopeKey: string, format: "pdf" | "xlsx") {
  return ctx.db.selectFrom("yearlyReports").selectAll().where("year", "=", year).where("scopeKey", "=", scopeKey).where("format", "=", format).executeTakeFirst();
}

/** Keeps a closed year's report: its bytes stored, then the row and its audit entry in one transaction. */
async function keep(ctx: Ctx, year: number, scopeKey: string, file: ReportFile): Promise<void> {
  const stored = await storeFile(ctx.config.dataDir, Buffer.from(file.bytes), { name: file.filename, mime: file.mime });
  const format = file.mime === PDF ? "pdf" : "xlsx";
  await inTransaction(ctx, async (trx) => {
    const wrote = await trx
      .insertInto("yearlyReports")
      .values({ year, scopeKey, format, fileId: stored.fileId, generatedAt: ctx.clock.nowIso() })
      .onConflict((oc) => oc.columns(["year", "scopeKey", "format"]).doNothing())
      .returning("fileId")
      .execute();
    // another instance kept it first: the row and its audit entry are theirs
    if (wrote.length) await appendAudit(trx, ctx, { action: "yearlyReport.keep", resourceType: "yearlyReport", resourceId: `${year}:${scopeKey}`, detail: { year, format, scope: scopeKey } });
  });
}

/**
 * The report of a year for the actor's scope: the bureau's is the city's, a supervising unit's covers its
 * bases. A closed year's kept report is served as kept; any other is generated now (and kept when closed).
 */
export async function yearlyReport(ctx: Ctx & { actor: NonNullable<Ctx["actor"]> }, input: YearlyReportQuery, build: Build): Promise<ReportFile> {
  const { selection, scope } = selectionOf(ctx, { year: input.year }, YEARLY_REPORT_READ);
  const scopeKey = scopesFor(ctx.actor, YEARLY_REPORT_READ).includes("all") ? "city" : ctx.actor.orgId;
  const closed = input.year < currentYear(ctx);
  const old = closed ? await kept(ctx, input.year, scopeKey, input.format) : undefined;
  let file: ReportFile;
  if (old) {
    const cityName = await cityNameOf(ctx, input.year);
    file = { filename: `${yearlyReportTitle(cityName)}-${input.year}.${input.format}`, mime: input.format === "pdf" ? PDF : XLSX, bytes: await readStoredFile(ctx.config.dataDir, old.fileId) };
  } else {
    file = await render(ctx, build, selection, scope, scopeKey, input.year, input.format);
    if (closed) await keep(ctx, input.year, scopeKey, file);
  }
  await inTransaction(ctx, (trx) =>
    appendAudit(trx, ctx, {
      action: old ? "yearlyReport.download" : "yearlyReport.generate",
      resourceType: "yearlyReport",
      resourceId: `${input.year}:${scopeKey}`,
      detail: { year: input.year, format: input.format, scope: scopeKey, kept: !!old },
    }),
  );
  return file;
}

/** The dashboard's figures as a workbook, one sheet per table, with the dashboard's filters. */
export async function overviewWorkbook(ctx: Ctx, filters: StatisticsQuery, build: Build): Promise<ReportFile> {
  const figures = await overview(ctx, filters);
  const bytes = await build({ kind: "workbook", sheets: reportSheets(figures) });
  return { filename: `统计分析-${figures.year}.xlsx`, mime: XLSX, bytes };
}

/**
 * 第十九条: the first run in a new year keeps last year's reports — the city's and each supervising
 * unit's with bases — so the figures of a closed year read the same whenever they are asked for.
 */
export const yearlyReportJob: Job = {
  name: "statistics.yearlyReports",
  async run(p) {
    const ctx: Ctx = { ...p, actor: null, ip: null };
    const year = Number(p.clock.today().slice(0, 4)) - 1;
    const units = await p.db.selectFrom("bases").select("supervisorOrgId").distinct().execute();
    if (units.length === 0) return { kept: 0 }; // no base yet: nothing to report
    const scopes: Array<{ key: string; selection: q.BaseSelection; scope: "city" | "supervisor" }> = [
      { key: "city", selection: { scope: () => sql<SqlBool>`1 = 1` }, scope: "city" },
      ...units.map((u) => ({
        key: u.supervisorOrgId,
        selection: { scope: (eb: any) => eb("bases.supervisorOrgId", "=", u.supervisorOrgId) },
        scope: "supervisor" as const,
      })),
    ];
    let keptNow = 0;
    for (const s of scopes) {
      for (const format of ["pdf", "xlsx"] as const) {
        if (await kept(p, year, s.key, format)) continue;
        const file = await render(ctx, (job) => p.documents.build(job), s.selection, s.scope, s.key, year, format);
        await keep(ctx, year, s.key, file);
        keptNow++;
      }
    }
    return { kept: keptNow };
  },
};
