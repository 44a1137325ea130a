// Issue 12 item 1 (第十条): every training project carries its category (国家/省/市级继续教育工程项目,
// 高级研修项目, 委托培训, 专业科目培训, 学术交流, 人社部门委托项目, 其他). Plan items carry it inside
// their JSON. Projects filed before the column read `other` until their base edits them.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("training_projects").addColumn("category", "text", (c) => c.notNull().defaultTo("other")).execute();
  // The public calendar filters by category among the published projects, by date.
  await db.schema.createIndex("training_projects_category_start_idx").on("training_projects").columns(["category", "start_date"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("training_projects_category_start_idx").execute();
  await db.schema.alterTable("training_projects").dropColumn("category").execute();
}
