// The heavy documents (issue 10 item 5: PDF, ZIP, large Excel) as plain, cloneable job descriptions and
// the one function that turns a job into bytes. The request thread reads the database and describes the
// job; `buildDocument` runs in a worker thread (document-worker.ts), or inline when the pool is off. It
// names the renderers of the modules: each is a pure function of plain data (no database, no context).
import fs from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DATE_FORMATS, finishSheet } from "./excel-sheet.js";
import { renderCurriculumPdf, renderNoticePdf, type NoticeFacts } from "../modules/delivery/archive-pdf.js";
import { renderCertificatePdf, type CertificatePrint } from "../modules/delivery/certificate-pdf.js";
import { renderSignInSheetPdf, type SignInSheetPrint } from "../modules/delivery/signin-sheet-pdf.js";
import type { ApplicationView, BaseView } from "../../shared/accreditation.js";
import type { InspectionView } from "../../shared/supervision/inspections.js";
import { renderApplicationPdf, renderPlaquePdf } from "../modules/accreditation/pdf.js";
import type { ProjectRecord } from "../modules/filing/projects.js";
import { renderHoursStatementPdf } from "../modules/professionals/statement-pdf.js";
import type { StatementPayload } from "../modules/professionals/statements.js";
import { renderInspectionPdf } from "../modules/supervision/inspection-pdf.js";
import { renderYearlyReportPdf, type YearlyReportMeta } from "../modules/statistics/report-pdf.js";
import type { StatisticsOverview } from "../../shared/statistics.js";

/** A Date is already in Beijing wall time (excel-sheet.ts `beijingCell`). */
export type Cell = string | number | Date | null;

/** One worksheet as plain values: the column functions of `SheetColumn` already applied on the request thread. */
export interface PlainSheet {
  name: string;
  columns: { header: string; width?: number; numFmt?: string }[];
  rows: Cell[][];
}

export type DocumentJob =
  | { kind: "noticePdf"; project: ProjectRecord; notice: NoticeFacts }
  | { kind: "curriculumPdf"; project: ProjectRecord }
  | { kind: "signInSheetPdf"; sheet: SignInSheetPrint }
  | { kind: "certificatePdf"; print: CertificatePrint }
  | { kind: "hoursStatementPdf"; statement: StatementPayload; meta: Parameters<typeof renderHoursStatementPdf>[1] }
  | { kind: "plaquePdf"; base: BaseView; meta: Parameters<typeof renderPlaquePdf>[1] }
  | { kind: "applicationPdf"; application: ApplicationView; meta: Parameters<typeof renderApplicationPdf>[1] }
  | { kind: "inspectionPdf"; inspection: InspectionView }
  | { kind: "yearlyReportPdf"; overview: StatisticsOverview; meta: YearlyReportMeta }
  | { kind: "workbook"; sheets: PlainSheet[] }
  | { kind: "zip"; entries: ZipEntry[] };

/** A file of a ZIP: a document to build, bytes already at hand, or an uploaded file the worker reads itself. */
export type ZipEntry = { name: string } & ({ job: Exclude<DocumentJob, { kind: "zip" }> } | { bytes: Uint8Array } | { path: string });

export async function buildDocument(job: DocumentJob): Promise<Uint8Array> {
  switch (job.kind) {
    case "noticePdf":
      return renderNoticePdf(job.project, job.notice);
    case "curriculumPdf":
      return renderCurriculumPdf(job.project);
    case "signInSheetPdf":
      return renderSignInSheetPdf(job.sheet);
    case "certificatePdf":
      return renderCertificatePdf(job.print);
    case "hoursStatementPdf":
      return renderHoursStatementPdf(job.statement, job.meta);
    case "plaquePdf":
      return renderPlaquePdf(job.base, job.meta);
    case "applicationPdf":
      return renderApplicationPdf(job.application, job.meta);
    case "inspectionPdf":
      return renderInspectionPdf(job.inspection);
    case "yearlyReportPdf":
      return renderYearlyReportPdf(job.overview, job.meta);
    case "workbook":
      return plainWorkbook(job.sheets);
    case "zip":
      return zipOf(job.entries);
    default:
      throw new Error(`unknown document job ${(job as { kind: unknown }).kind}`);
  }
}

async function plainWorkbook(sheets: PlainSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cebase";
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.columns.map((c) => c.header));
    for (const r of s.rows) {
      const row = ws.addRow(r);
      s.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        // a date in a column of mixed values (a key/value sheet) is shown as a date, with its time if it has one
        const numFmt = c.numFmt ?? (cell.value instanceof Date ? DATE_FORMATS[cell.value.getTime() % 86_400_000 === 0 ? "date" : "datetime"] : undefined);
        if (numFmt) cell.numFmt = numFmt;
      });
    }
    finishSheet(ws, { columnCount: s.columns.length, maxWidths: s.columns.map((c) => c.width) });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function zipOf(entries: ZipEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  // one file after another: a worker holds one document's pages in memory at a time
  for (const e of entries) zip.file(e.name, "job" in e ? await buildDocument(e.job) : "bytes" in e ? e.bytes : await fs.readFile(e.path));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
