// The scheduled risk scan (issue 12 item 4). The scheduler ticks every minute; the scan runs once per
// hour of business time (a mark per hour, whichever instance takes it), so a busy day costs 24 scans
// of the recent window, not 1,440.
import type { Job } from "../../platform/scheduler.js";
import { scanRisks } from "./risk-flags-service.js";

export const riskScanJob: Job = {
  name: "risk.scan",
  async run(p): Promise<Record<string, number>> {
    const hour = p.clock.nowIso().slice(0, 13);
    const mark = await p.db
      .insertInto("jobMarks")
      .values({ key: `risk.scan:${hour}`, createdAt: p.clock.nowIso() })
      .onConflict((oc) => oc.column("key").doNothing())
      .returning("key")
      .executeTakeFirst();
    if (!mark) return { skipped: 1 };
    const { raised, updated } = await scanRisks(p);
    return { raised, updated };
  },
};
