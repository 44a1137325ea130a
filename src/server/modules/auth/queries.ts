// The SQL of the sign-in module beyond the users module's own look-ups.
import type { Tx } from "../../platform/db.js";

/** Active accounts holding the bureau role: they hear of sign-in bursts until a security administrator exists (issue 10, item 9). */
export async function activeBureauAccountIds(trx: Tx): Promise<string[]> {
  const rows = await trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select("users.id")
    .where("userRoles.role", "=", "bureau")
    .where("users.disabledAt", "is", null)
    .execute();
  return rows.map((r) => r.id);
}
