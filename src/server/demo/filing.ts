// Demo filing history (第十六条, 第十七条, 第二十五条) for the published demo bases: fee standards on
// file, filed annual plans for last year (a new base's first plan, filed late) and this year, and
// training projects with sessions in the past, this month and the coming weeks: filed, ad hoc,
// returned, and a draft waiting for next year's calendar. Everything goes through the services
// with a clock fixed at the moment each step happened, so history and audit are the real ones.
import type { PlannedProject, ProjectCategory, ProjectInput, SubjectType } from "../../shared/filing.js";
import type { Actor, Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { DomainError } from "../platform/errors.js";
import { decideFeeStandard, recordFeeStandard } from "../modules/filing/fees.js";
import * as plans from "../modules/filing/plans.js";
import * as projects from "../modules/filing/projects.js";
import { actorOf, clockAt } from "./clock.js";

interface Course {
  title: string;
  subjectType: SubjectType;
  /** 第十条 */
  category: ProjectCategory;
  specialty: string;
  days: 1 | 2 | 3;
  feeFen: number;
}

const COURSES: Record<string, Course[]> = {
  base: [
    { title: "专业技术人员职业道德与诚信建设", subjectType: "general", category: "hrss_commissioned", specialty: "综合", days: 1, feeFen: 0 },
    { title: "工业机器人系统集成与运维", subjectType: "professional", category: "provincial_program", specialty: "智能制造", days: 3, feeFen: 60000 },
    { title: "数控加工工艺优化与质量控制", subjectType: "professional", category: "professional_subject", specialty: "机电一体化", days: 2, feeFen: 45000 },
    { title: "智能工厂数字孪生技术应用", subjectType: "professional", category: "advanced_seminar", specialty: "智能制造", days: 2, feeFen: 50000 },
    { title: "人工智能与制造业数字化转型", subjectType: "general", category: "national_program", specialty: "综合", days: 1, feeFen: 15000 },
    { title: "海洋装备焊接新工艺", subjectType: "professional", category: "commissioned", specialty: "机电一体化", days: 3, feeFen: 58000 },
    { title: "安全生产法律法规与责任落实", subjectType: "general", category: "municipal_program", specialty: "综合", days: 1, feeFen: 0 },
  ],
  base2: [
    { title: "医德医风与医疗纠纷防范", subjectType: "general", category: "hrss_commissioned", specialty: "综合", days: 1, feeFen: 0 },
    { title: "急危重症识别与院前急救", subjectType: "professional", category: "professional_subject", specialty: "临床医学", days: 2, feeFen: 40000 },
    { title: "慢性病健康管理与社区干预", subjectType: "professional", category: "municipal_program", specialty: "卫生健康", days: 2, feeFen: 30000 },
    { title: "医学影像人工智能辅助诊断", subjectType: "professional", category: "academic_exchange", specialty: "临床医学", days: 3, feeFen: 55000 },
    { title: "健康中国战略与基层卫生改革", subjectType: "general", category: "commissioned", specialty: "综合", days: 1, feeFen: 10000 },
    { title: "院感防控规范化培训", subjectType: "professional", category: "other", specialty: "卫生健康", days: 1, feeFen: 20000 },
    { title: "医疗数据安全与个人信息保护", subjectType: "general", category: "provincial_program", specialty: "综合", days: 1, feeFen: 0 },
  ],
};

/** Who supervises each demo base's staff account, and the teachers its courses name. */
export const SUPERVISOR: Record<string, string> = { base: "supervisor", base2: "supervisor2" };
const VENUE: Record<string, string> = { base: "威海市环翠区高技术产业园实训楼 301 教室", base2: "威海市卫生健康继续教育中心 2 号报告厅" };
export const TEACHERS: Record<string, ProjectInput["teachers"]> = {
  base: [
    { name: "周立新", title: "教授", org: "哈尔滨工业大学（威海）" },
    { name: "孙海燕", title: "高级工程师", org: "威海市智能装备研究院" },
  ],
  base2: [
    { name: "韩雪梅", title: "主任医师", org: "威海市立医院" },
    { name: "李建国", title: "副教授", org: "滨州医学院" },
  ],
};

/** Two four-hour sessions a day (第十七条: the curriculum filed with the project). */
function sessionsFor(c: Course, start: string, teachers: ProjectInput["teachers"]): ProjectInput["sessions"] {
  const out: ProjectInput["sessions"] = [];
  for (let d = 0; d < c.days; d++) {
    const date = addDays(start, d);
    out.push({ date, startTime: "08:30", endTime: "11:50", title: `${c.title}（第${d + 1}天上午）`, teacher: teachers[0].name, hours: 4 });
    out.push({ date, startTime: "13:30", endTime: "16:50", title: `${c.title}（第${d + 1}天下午）`, teacher: teachers[1].name, hours: 4 });
  }
  return out;
}

function planItem(c: Course, start: string): PlannedProject {
  return { title: c.title, subjectType: c.subjectType, category: c.category, specialty: c.specialty, plannedStart: start, plannedEnd: addDays(start, c.days - 1), hours: 8 * c.days, places: 60, feeFen: c.feeFen };
}

interface Planned {
  course: Course;
  start: string;
  /** Filed in the year's plan, or ad hoc (一事一报). */
  adHoc?: boolean;
  /** What happens after filing. */
  then?: "returned";
  /** Left a draft (e.g. next year's calendar is not confirmed yet). */
  draft?: boolean;
}

async function runBase(p: Platform, staffName: string): Promise<void> {
  const today = p.clock.today();
  const year = Number(today.slice(0, 4));
  const [staff, supervisor, bureau] = await Promise.all([staffName, SUPERVISOR[staffName], "bureau"].map((u) => actorOf(p, u)));
  const at = (day: string, actor: Actor): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor, ip: null });
  const base = await p.db.selectFrom("bases").select(["id", "decisionDate"]).where("hostOrgId", "=", staff.orgId).where("status", "=", "active").executeTakeFirst();
  if (!base) return;
  const courses = COURSES[staffName];
  const teachers = TEACHERS[staffName];

  // 第二十五条: standards on file from the month after accreditation; the bureau approved them.
  const feeDay = addDays(base.decisionDate, 14);
  for (const [kind, amountFen] of [["general", 20000], ["professional", 60000]] as const) {
    const fee = await recordFeeStandard(at(feeDay, staff), base.id, { kind, amountFen, basis: "依据物价部门核定的培训成本测算，经单位办公会研究确定" });
    await decideFeeStandard(at(addDays(feeDay, 2), bureau), fee.id, "approve", { version: fee.version, comment: "收费标准合理，予以同意。" });
  }

  // Last year: the new base's first plan, filed late; this year's plan on time with last year's summary.
  const schedule: Planned[] = [
    { course: courses[0], start: `${year - 1}-06-16` },
    { course: courses[1], start: `${year - 1}-09-15` },
    { course: courses[2], start: `${year - 1}-11-17`, adHoc: true },
    { course: courses[3], start: addDays(today, -75) },
    { course: courses[4], start: addDays(today, -40) },
    { course: courses[1], start: addDays(today, -2) },
    { course: courses[5], start: addDays(today, 14) },
    { course: courses[6], start: addDays(today, 21), adHoc: true },
    { course: courses[2], start: addDays(today, 28), then: "returned" },
    { course: courses[0], start: `${year + 1}-01-20`, adHoc: true, draft: true },
  ];
  const planIds = new Map<number, string>();
  for (const [planYear, createdOn] of [
    [year - 1, addDays(base.decisionDate, 20)],
    [year, `${year - 1}-12-08`],
  ] as const) {
    if (createdOn < base.decisionDate) continue;
    const items = schedule
      .filter((s) => !s.adHoc && s.start.startsWith(`${planYear}-`))
      .map((s) => planItem(s.course, s.start))
      .filter((it) => it.plannedEnd.startsWith(`${planYear}-`));
    // One planned project the base did not run, so the summary shows a cancelled one too.
    items.push(planItem(courses[6], `${planYear}-12-08`));
    let plan = await plans.createPlan(at(createdOn, staff), { baseId: base.id, year: planYear, items, note: "" });
    if (planYear === year) {
      plan = await plans.updatePlan(at(createdOn, staff), plan.id, {
        baseId: base.id,
        year: planYear,
        items: plan.items,
        summary: { ...plan.summary, narrative: `${planYear - 1}年度按计划完成培训项目，参训人员反映良好；个别项目因场地原因取消。` },
        note: "",
        version: plan.version,
      });
    }
    plan = await plans.takePlanStep(at(createdOn, staff), plan.id, "submit", { version: plan.version });
    plan = await plans.takePlanStep(at(addDays(createdOn, 3), supervisor), plan.id, "approve", { version: plan.version, comment: "计划安排合理，同意。" });
    plan = await plans.takePlanStep(at(addDays(createdOn, 6), bureau), plan.id, "file", { version: plan.version });
    planIds.set(planYear, plan.id);
    // The projects of that year, filed three weeks before each class start.
    for (const s of schedule.filter((x) => x.start.startsWith(`${planYear}-`) && x.start < `${planYear + 1}-01-01`)) {
      await fileProject(p, s, { base: base.id, staff, supervisor, teachers, venue: VENUE[staffName], planId: s.adHoc ? null : plan.id, planItems: plan.items });
    }
  }
  for (const s of schedule.filter((x) => !planIds.has(Number(x.start.slice(0, 4))))) {
    await fileProject(p, s, { base: base.id, staff, supervisor, teachers, venue: VENUE[staffName], planId: null, planItems: [] });
  }
}

async function fileProject(
  p: Platform,
  s: Planned,
  o: { base: string; staff: Actor; supervisor: Actor; teachers: ProjectInput["teachers"]; venue: string; planId: string | null; planItems: Array<PlannedProject & { key: string }> },
): Promise<void> {
  // Three weeks before class start, and never later than a few days ago (nothing in the demo happens tomorrow).
  const latestDay = addDays(p.clock.today(), -3);
  const fileDay = addDays(s.start, -21) < latestDay ? addDays(s.start, -21) : latestDay;
  const at = (day: string, actor: Actor): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor, ip: null });
  const item = o.planItems.find((it) => it.title === s.course.title && it.plannedStart === s.start);
  const adHoc = s.adHoc || !o.planId || !item;
  const input: ProjectInput = {
    baseId: o.base,
    annualPlanId: adHoc ? null : o.planId,
    planItemKey: adHoc ? null : (item?.key ?? null),
    adHoc,
    adHocReason: adHoc ? "应行业主管部门要求，针对新出台的标准规范临时组织培训（一事一报）" : null,
    title: s.course.title,
    subjectType: s.course.subjectType,
    category: s.course.category,
    specialty: s.course.specialty,
    startDate: s.start,
    endDate: addDays(s.start, s.course.days - 1),
    hours: 8 * s.course.days,
    mode: s.course.days === 1 ? "blended" : "offline",
    venue: o.venue,
    capacity: 60,
    feeFen: s.course.feeFen,
    teachers: o.teachers,
    sessions: sessionsFor(s.course, s.start, o.teachers),
    description: `面向全市${s.course.specialty === "综合" ? "各类" : s.course.specialty}专业技术人员，理论讲授与案例研讨相结合。`,
  };
  const project = await projects.createProject(at(fileDay, o.staff), input);
  if (s.draft) return;
  try {
    const filed = await projects.takeProjectStep(at(fileDay, o.staff), project.id, "submit", { version: project.version });
    if (s.then === "returned") {
      await projects.takeProjectStep(at(addDays(fileDay, 2), o.supervisor), project.id, "return", {
        version: filed.version,
        comment: "课程安排中第二天下午授课教师与师资名单不一致，请核实后重新备案。",
      });
    }
  } catch (e) {
    // A year the official calendar does not cover yet: the project stays a draft, as it would for a real base.
    if (!(e instanceof DomainError && e.code === "CALENDAR_YEAR_NOT_COVERED")) throw e;
  }
}

export async function loadDemoFiling(p: Platform): Promise<void> {
  for (const staff of ["base", "base2"]) await runBase(p, staff);
  // base2 asks to raise its professional fee standard: the bureau's work item.
  const base2 = await actorOf(p, "base2");
  const b = await p.db.selectFrom("bases").select("id").where("hostOrgId", "=", base2.orgId).where("status", "=", "active").executeTakeFirst();
  if (b) {
    const ctx: Ctx = { ...p, clock: clockAt(addDays(p.clock.today(), -3), p.clock), actor: base2, ip: null };
    await recordFeeStandard(ctx, b.id, { kind: "professional", amountFen: 68000, basis: "新增模拟实训耗材，按成本测算上调" });
    // 第十六条: base2 has reported next year's plan already; its supervising unit has it to approve.
    const next = Number(p.clock.today().slice(0, 4)) + 1;
    const today: Ctx = { ...p, actor: base2, ip: null };
    const items = COURSES.base2.slice(1, 5).map((c, i) => planItem(c, `${next}-0${3 + 2 * i}-1${i}`));
    const plan = await plans.createPlan(today, { baseId: b.id, year: next, items, note: "" });
    await plans.takePlanStep(today, plan.id, "submit", { version: plan.version });
  }
}
