// Home work items of comprehensive reviews and spot checks (第十九条) for the bureau: draws not yet
// published (一公开), published reviews with bases still without an outcome, and those ready to conclude.
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";

const item = (kind: string, count: number, link: string): WorkItem[] => (count > 0 ? [{ kind: `supervision.spotChecks.${kind}`, params: { count }, link }] : []);

export async function spotCheckWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  if (!can(ctx.actor, "spotCheck.publish")) return [];
  const drawn = await ctx.db
    .selectFrom("spotChecks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "drawn")
    .executeTakeFirstOrThrow();
  const published = await ctx.db
    .selectFrom("spotChecks")
    .select((eb) => [
      "spotChecks.id",
      eb
        .exists(eb.selectFrom("supervisionOutcomes as o").select("o.id").whereRef("o.spotCheckId", "=", "spotChecks.id").where("o.outcome", "is", null))
        .as("missing"),
    ])
    .where("status", "=", "published")
    .execute();
  // SQLite answers 0/1, PostgreSQL a boolean.
  const missing = published.filter((r) => !!Number(r.missing)).length;
  return [
    ...item("toPublish", Number(drawn.n), "/spot-checks?status=drawn"),
    ...item("outcomesMissing", missing, "/spot-checks?status=published"),
    ...item("toConclude", published.length - missing, "/spot-checks?status=published"),
  ];
}
