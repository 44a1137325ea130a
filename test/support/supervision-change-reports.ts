// Fixture builders of change reports (第二十七条): a report made by the base's staff and the bureau's
// steps on it, through the real endpoints.
import { expect } from "vitest";
import type { Client, Response } from "./harness.js";
import { ok, type TestBase } from "./filing.js";

export const reportUrl = (r: { id: string }, action?: string) => `/api/v1/change-reports/${r.id}${action ? `/actions/${action}` : ""}`;

export const REASON = "经主管部门批准，基地更名并迁入新址";

export function reportChanges(base: TestBase, changes: Record<string, unknown>, o: { by?: Client; reason?: string; evidenceFileIds?: string[] } = {}): Promise<Response> {
  return (o.by ?? base.staff).post(`/api/v1/bases/${base.id}/change-reports`, { changes, reason: o.reason ?? REASON, ...(o.evidenceFileIds ? { evidenceFileIds: o.evidenceFileIds } : {}) });
}

export async function givenReport(base: TestBase, changes: Record<string, unknown>): Promise<any> {
  const report = ok(await reportChanges(base, changes), 201);
  expect(report.status).toBe("submitted");
  return report;
}

export function step(who: Client, report: any, action: string, body: Record<string, unknown> = {}): Promise<Response> {
  return who.post(reportUrl(report, action), { version: report.version, ...body });
}

/** A report the bureau has acknowledged: its changes are in force. */
export async function givenAcceptedReport(bureau: Client, base: TestBase, changes: Record<string, unknown>): Promise<any> {
  const report = await givenReport(base, changes);
  const accepted = ok(await step(bureau, report, "accept"));
  expect(accepted.status).toBe("accepted");
  return accepted;
}
