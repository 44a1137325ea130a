// Issue 10 item 7: the contact phones of organizations and bases, of base applications (申报表) and of
// change reports are sealed like users' phones: an AES-GCM copy, and a masked copy where the public or a
// list shows one. The plaintext column (or the JSON field, which keeps the masked form) is emptied at
// start-up.
import type { Kysely } from "kysely";

const COLUMNS: Array<[table: string, column: string]> = [
  ["organizations", "contact_phone_enc"],
  ["organizations", "contact_phone_masked"],
  ["bases", "contact_phone_enc"],
  ["bases", "contact_phone_masked"],
  ["base_applications", "contact_phone_enc"],
  ["change_reports", "contact_phone_enc"],
  ["change_reports", "previous_contact_phone_enc"],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of COLUMNS) await db.schema.alterTable(table).addColumn(column, "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, column] of [...COLUMNS].reverse()) await db.schema.alterTable(table).dropColumn(column).execute();
}
