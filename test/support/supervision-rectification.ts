// Fixture builders of rectification orders (限期整改, 第十九条) and revocation (撤销, 第十三、十九、二十条):
// an order opened by the bureau, reported on by the base, through the real endpoints.
import { expect } from "vitest";
import type { Client, Response } from "./harness.js";
import { ok, type FilingCast, type TestBase } from "./filing.js";

export const orderUrl = (o: { id: string }, action?: string) => `/api/v1/rectification-orders/${o.id}${action ? `/actions/${action}` : ""}`;

export const ORDER_ITEMS = ["师资队伍中专职教师比例不足，须补充专职教师", "培训档案缺少签到记录，须补齐并建立归档制度"];

/** An order the bureau opens against the base (deadline 2026-12-31 unless told). */
export function createOrder(c: FilingCast, base: TestBase, o: { deadline?: string; items?: string[]; by?: Client } = {}): Promise<Response> {
  return (o.by ?? c.bureau).post("/api/v1/rectification-orders", { baseId: base.id, items: o.items ?? ORDER_ITEMS, deadline: o.deadline ?? "2026-12-31", comment: "综合评估发现问题" });
}

export async function givenOpenOrder(c: FilingCast, base: TestBase, o: { deadline?: string; items?: string[] } = {}): Promise<any> {
  const order = ok(await createOrder(c, base, o), 201);
  expect(order.status).toBe("open");
  return order;
}

/** The base's report on every item of the order. */
export function reportAll(order: any): { items: Array<{ key: string; report: string; evidenceFileIds: string[] }> } {
  return { items: order.items.map((i: any) => ({ key: i.key, report: `已整改：${i.text.slice(0, 8)}……`, evidenceFileIds: [] })) };
}

export async function step(who: Client, order: any, action: string, body: Record<string, unknown> = {}): Promise<Response> {
  return who.post(orderUrl(order, action), { version: order.version, ...body });
}

/** An open order the base has reported on in full. */
export async function givenReportedOrder(c: FilingCast, base: TestBase, o: { deadline?: string } = {}): Promise<any> {
  const order = await givenOpenOrder(c, base, o);
  return ok(await step(base.staff, order, "report", { payload: reportAll(order) }));
}

export async function baseOf(who: Client, baseId: string): Promise<any> {
  return ok(await who.get(`/api/v1/bases/${baseId}`));
}

export const REVOCATION = { reason: "年度综合评估不合格且逾期未完成整改", basis: "《威海市专业技术人员继续教育基地管理办法》第十九条、第二十条" };
