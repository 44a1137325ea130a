// Supervision's work items on the home page: each area adds its provider here.
import type { WorkItem } from "../../../shared/api.js";
import type { Ctx } from "../../platform/context.js";

type Provider = (ctx: Ctx) => Promise<WorkItem[]>;

const providers: Provider[] = [];

export async function supervisionWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  return (await Promise.all(providers.map((p) => p(ctx)))).flat();
}
