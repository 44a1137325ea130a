// Issue 10 item 9: the audit administrator finds an operator's entries by username. The auditor reads the
// audit trail and nothing else, so it cannot look accounts up to filter by their id; the trail carries the
// username (`actor_name`) in every entry, and this index keeps the filtered page a range read at any size.
// Issue 10 item 7: the contact an objector leaves on a public notice (a phone number of a member of the
// public) is sealed like the other phones: `contact` keeps the masked form, `contact_enc` the whole one.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_events_actor_name_idx").on("audit_events").columns(["actor_name", "seq"]).execute();
  await db.schema.alterTable("objections").addColumn("contact_enc", "text").execute();
}
