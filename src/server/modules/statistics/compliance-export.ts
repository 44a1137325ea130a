// The yearly compliance export of every professional (issue 13 item 3; 第二十四条, 人社部令第25号 第八条):
// one row per person with the year's counted professional and general hours, the requirement of the
// policy in force on the year's last day, and whether it is met. The bureau's alone (第十三条); streamed
// from an export worker in keyset batches of the professional id, so a province of a million people
// never sits in memory; ID numbers masked; the hand-over audited with its count.
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { ExportColumn } from "../../platform/streamed-export.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { requiredOf } from "../forecast/service.js";

export const COMPLIANCE_EXPORT = "complianceExport.read";

export const COMPLIANCE_COLUMNS: ExportColumn[] = [
  { header: "姓名", field: "name", width: 10 },
  { header: "身份证号", field: "idNumberMasked", width: 22 },
  { header: "工作单位", field: "employer", width: 30 },
  { header: "专业", field: "specialty", width: 14 },
  { header: "专业科目学时", field: "professionalHours", kind: "number", width: 12 },
  { header: "公需科目学时", field: "generalHours", kind: "number", width: 12 },
  { header: "要求学时", field: "requiredHours", kind: "number", width: 10 },
  { header: "是否达标", field: "met", labels: { "1": "是", "0": "否" }, width: 10 },
];

// hours are decimals: a sum of 89.99999… meets 90 (as the statistics' compliance figures)
const EPS = 0.001;

/** The query the export worker reads (no order, no limit), and the audit of its hand-over. */
export async function complianceExport(ctx: Ctx, year: number) {
  authorize(ctx.actor, COMPLIANCE_EXPORT);
  const need = await requiredOf(ctx.db, year);
  // per person, through learning_entries_professional_year_idx: only the batch's people are summed
  const hours = (eb: ExpressionBuilder<Database, "professionals">, general: boolean) =>
    eb
      .selectFrom("learningEntries as le")
      .select(sql<number>`coalesce(sum(le.hours), 0)`.as("h"))
      .whereRef("le.professionalId", "=", "professionals.id")
      .where("le.year", "=", year)
      .where("le.status", "=", "counted")
      .where("le.subjectType", general ? "=" : "<>", "general");
  const people = ctx.db
    .selectFrom("professionals")
    .innerJoin("users", "users.id", "professionals.id")
    .select((eb) => [
      "professionals.id",
      "users.displayName as name",
      "users.idNumberMasked",
      "professionals.employer",
      "professionals.specialty",
      hours(eb, false).as("professionalHours"),
      hours(eb, true).as("generalHours"),
    ]);
  const query = ctx.db
    .selectFrom(people.as("c"))
    .selectAll("c")
    .select([
      sql<number>`${need.total}`.as("requiredHours"),
      sql<number>`case when c.professional_hours + c.general_hours >= ${need.total - EPS} and c.general_hours >= ${need.general - EPS} and c.professional_hours >= ${need.professional - EPS} then 1 else 0 end`.as("met"),
    ]);
  return {
    query,
    audit: (count: number) => auditPersonalDataRead(ctx, { action: "professionals.complianceExported", resourceType: "professional", resourceId: null, count, format: "xlsx" }),
  };
}
