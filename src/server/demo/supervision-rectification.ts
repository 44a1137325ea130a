// Demo history of 限期整改 (第十九条): a third base (staff account `base3`, under `supervisor`) was ordered
// to rectify after last year's comprehensive review; it has reported on every item, and the report waits
// for the supervising unit's opinion and the bureau's decision. Driven through the real services.
import { inTransaction, type Ctx, type Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { getOrder, openRectificationOrder, stepOrder } from "../modules/supervision/rectification-service.js";
import { actorOf, clockAt } from "./clock.js";
import { givenDemoBase } from "./extra-bases.js";

const ITEMS = [
  "专职教师仅 2 名，低于申报时承诺的 5 名，须补充专职教师并报送聘用材料",
  "培训经费未单独建账核算，须建立培训经费专账并提供上年度收支明细",
  "部分培训项目签到记录和效果评估材料缺失，须补齐档案并完善归档制度",
];

const REPORTS = [
  "已新聘专职教师 3 名（高级职称 2 名），现有专职教师 5 名，聘用合同和职称证书已上传。",
  "已设立培训经费专账，由财务科专人核算；上年度收支明细经内部审计后一并上传。",
  "已补齐 6 个项目的签到表和评估汇总，修订《培训档案管理办法》，项目结束 15 日内归档。",
];

export async function loadDemoRectification(p: Platform): Promise<void> {
  const today = p.clock.today();
  const lastYear = Number(today.slice(0, 4)) - 1;
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const base = await givenDemoBase(p, {
    orgName: "威海海川职业培训学校",
    orgType: "training_institution",
    region: "环翠区",
    creditSerial: 20031,
    supervisorUsername: "supervisor",
    baseName: "威海海川职业培训学校继续教育基地",
    district: "环翠区",
    specialties: ["建筑工程", "安全生产"],
    decisionDate: earlier(`${lastYear}-04-18`, addDays(today, -200)),
    staff: { username: "base3", displayName: "周立新（威海海川职业培训学校）", phone: "13806310031" },
    legalRepresentative: "马振华",
  });
  const [bureau, staff] = await Promise.all([actorOf(p, "bureau"), actorOf(p, "base3")]);
  const at = (date: string, actor: Ctx["actor"]): Ctx => ({ ...p, clock: clockAt(date, p.clock), actor, ip: null });

  // 第十九条: ordered after last year's review, with a deadline still ahead of today.
  const orderedOn = earlier(`${lastYear}-12-22`, addDays(today, -40));
  const { id } = await inTransaction(p, (trx) =>
    openRectificationOrder(trx, at(orderedOn, bureau), {
      baseId: base.baseId,
      items: ITEMS,
      deadline: addDays(today, 20),
      sourceType: "spotCheck",
      comment: `${lastYear}年度综合评估发现的问题，限期整改`,
    }),
  );
  // The base reported a few days ago; the report waits for the unit's opinion and the bureau.
  const reportCtx = at(addDays(today, -4), staff);
  const view = await getOrder(reportCtx, id);
  await stepOrder(reportCtx, id, "report", {
    version: view.version,
    payload: { items: view.items.map((item, i) => ({ key: item.key, report: REPORTS[i] ?? "已整改。", evidenceFileIds: [] })), note: "整改工作由校长牵头，分管副校长具体负责。" },
  });
}
