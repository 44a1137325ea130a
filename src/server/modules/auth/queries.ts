// The SQL of the sign-in module beyond the users module's own look-ups.
import type { Tx } from "../../platform/db.js";

/** Active accounts holding the security administrator's role: they hear of sign-in bursts (issue 10, items 4 and 9). */
export async function activeSecurityAdminIds(trx: Tx): Promise<string[]> {
  const rows = await trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select("users.id")
    .where("userRoles.role", "=", "secadmin")
    .where("users.disabledAt", "is", null)
    .execute();
  return rows.map((r) => r.id);
}
