// Issue 12 item 5: the compliance forecast reads a whole year of learning entries in one grouped pass
// (people likely to miss the year, the monthly reminders). A covering index of the year's counted
// entries by person keeps that pass off the table itself at a province's million professionals.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("learning_entries_year_person_idx")
    .on("learning_entries")
    .columns(["year", "status", "professional_id", "subject_type", "hours"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("learning_entries_year_person_idx").execute();
}
