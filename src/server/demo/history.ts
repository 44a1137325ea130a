// Demo history for the dashboards and the forecast (issue 12 "Demo data"): a year and a half of small,
// completed courses spread over the months the main demo leaves empty — filed ad hoc (一事一报), attended
// session by session with the rotating code, concluded with certificates and evaluated — so projects,
// participants and hours per month have shape this year and last; then filed courses still open this year
// that would close pro2's gap (the forecast names them). Everything goes through the services with the
// clock set to the moment each step happened; choices are seeded, so every demo database is the same
// for the same date.
import type { ProjectCategory, ProjectInput } from "../../shared/filing.js";
import { CHECK_IN_CODE_SECONDS } from "../../shared/delivery.js";
import type { Actor, Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { checkIn, checkInToken } from "../modules/delivery/checkins.js";
import { enrolMany } from "../modules/delivery/enrollments.js";
import { answerSurvey } from "../modules/delivery/survey.js";
import { createProject, takeProjectStep } from "../modules/filing/projects.js";
import { updateMyProfile } from "../modules/professionals/directory.js";
import { actorOf, clockAt } from "./clock.js";
import { chooser, DEMO_PEOPLE } from "./delivery.js";
import { SUPERVISOR, TEACHERS } from "./filing.js";
import { demoPeople } from "./people.js";

type Staff = "base" | "base2";

interface Course {
  title: string;
  subjectType: "general" | "professional";
  specialty: string;
  category: ProjectCategory;
}

// 第十条: the kinds of project each base runs, with the category of each.
const COURSES: Record<Staff, Course[]> = {
  base: [
    { title: "工业互联网平台应用实务", subjectType: "professional", specialty: "智能制造", category: "professional_subject" },
    { title: "专业技术人员创新思维与方法", subjectType: "general", specialty: "综合", category: "municipal_program" },
    { title: "PLC 编程与电气控制进阶", subjectType: "professional", specialty: "电气自动化", category: "professional_subject" },
    { title: "焊接质量检验与缺陷分析", subjectType: "professional", specialty: "焊接技术", category: "commissioned" },
    { title: "制造业绿色低碳转型政策解读", subjectType: "general", specialty: "综合", category: "hrss_commissioned" },
    { title: "机械结构设计前沿技术研讨", subjectType: "professional", specialty: "机械设计", category: "academic_exchange" },
  ],
  base2: [
    { title: "基层常见病规范诊疗", subjectType: "professional", specialty: "临床医学", category: "professional_subject" },
    { title: "医患沟通与人文关怀", subjectType: "general", specialty: "综合", category: "municipal_program" },
    { title: "临床护理质量与安全管理", subjectType: "professional", specialty: "护理", category: "professional_subject" },
    { title: "合理用药与处方点评", subjectType: "professional", specialty: "药学", category: "commissioned" },
    { title: "突发公共卫生事件应急处置", subjectType: "professional", specialty: "公共卫生", category: "provincial_program" },
    { title: "卫生健康法律法规与依法执业", subjectType: "general", specialty: "综合", category: "hrss_commissioned" },
  ],
};

/** pro2's specialty, and the open courses of this year the forecast will name for it. */
const PRO2_SPECIALTY = "智能制造";
const OPEN_COURSES: (Course & { staff: Staff })[] = [
  { staff: "base", title: "智能产线数据采集与分析", subjectType: "professional", specialty: PRO2_SPECIALTY, category: "advanced_seminar" },
  { staff: "base2", title: "专业技术人员数字素养提升", subjectType: "general", specialty: "综合", category: "municipal_program" },
  { staff: "base", title: "智能制造系统安全与运维", subjectType: "professional", specialty: PRO2_SPECIALTY, category: "professional_subject" },
  { staff: "base2", title: "新时代职业道德与诚信建设", subjectType: "general", specialty: "综合", category: "municipal_program" },
];

const VENUE: Record<Staff, string> = { base: "威海市环翠区高技术产业园实训楼 302 教室", base2: "威海市卫生健康继续教育中心 3 号教室" };


/** Days of a course: `days` consecutive days of two four-hour sessions (第十七条: the filed curriculum). */
function inputOf(baseId: string, staff: Staff, c: Course, start: string, days: number, capacity: number): ProjectInput {
  const t = TEACHERS[staff];
  const sessions: ProjectInput["sessions"] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    sessions.push({ date, startTime: "08:30", endTime: "11:50", title: `${c.title}（第${d + 1}天上午）`, teacher: t[0].name, hours: 4 });
    sessions.push({ date, startTime: "13:30", endTime: "16:50", title: `${c.title}（第${d + 1}天下午）`, teacher: t[1].name, hours: 4 });
  }
  return {
    baseId,
    adHoc: true,
    adHocReason: "应行业主管部门和用人单位需求，临时组织的专题培训（一事一报）",
    title: c.title,
    subjectType: c.subjectType,
    category: c.category,
    specialty: c.specialty,
    startDate: start,
    endDate: addDays(start, days - 1),
    hours: 8 * days,
    mode: days === 1 ? "blended" : "offline",
    venue: VENUE[staff],
    capacity,
    feeFen: 0,
    teachers: t,
    sessions,
    description: `面向全市${c.specialty === "综合" ? "各类" : c.specialty}专业技术人员的专题培训。`,
  };
}

interface Bases {
  at: (day: string, actor: Actor, time?: string) => Ctx;
  staff: Record<Staff, Actor>;
  supervisor: Record<Staff, Actor>;
  baseId: Record<Staff, string | undefined>;
}

/** Files a course three weeks before class start (never later than ten days ago). */
async function fileCourse(p: Platform, b: Bases, staff: Staff, input: ProjectInput): Promise<string> {
  const fileDay = [addDays(input.startDate, -21), addDays(p.clock.today(), -10)].sort()[0];
  const project = await createProject(b.at(fileDay, b.staff[staff]), input);
  await takeProjectStep(b.at(fileDay, b.staff[staff]), project.id, "submit", { version: project.version });
  return project.id;
}

/** Months (YYYY-MM) from the first month after the bases were accredited to last month, without a demo course yet. */
async function emptyMonths(p: Platform, from: string): Promise<string[]> {
  const today = p.clock.today();
  const taken = new Set((await p.db.selectFrom("trainingProjects").select("startDate").execute()).map((r) => r.startDate.slice(0, 7)));
  const out: string[] = [];
  for (let d = `${from.slice(0, 7)}-01`; d.slice(0, 7) < today.slice(0, 7); d = addDays(d, 32).slice(0, 8) + "01") {
    if (!taken.has(d.slice(0, 7))) out.push(d.slice(0, 7));
  }
  return out;
}

async function deliverCourse(p: Platform, b: Bases, staff: Staff, projectId: string, people: ReturnType<typeof demoPeople>, rand: ReturnType<typeof chooser>): Promise<void> {
  const project = await p.db.selectFrom("trainingProjects").select(["startDate", "endDate"]).where("id", "=", projectId).executeTakeFirstOrThrow();
  const rows = people.map((x, i) => ({ row: i + 2, person: { name: x.name, idNumber: x.idNumber, employer: x.employer, title: x.title, specialty: x.specialty, phone: x.phone } }));
  await enrolMany(b.at(addDays(project.startDate, -10), b.staff[staff]), projectId, rows, () => "");
  const enrolled = await p.db
    .selectFrom("enrollments")
    .innerJoin("users", "users.id", "enrollments.professionalId")
    .select(["users.id", "users.username", "users.displayName", "users.orgId"])
    .where("enrollments.projectId", "=", projectId)
    .where("enrollments.status", "=", "enrolled")
    .execute();
  const sessions = await p.db.selectFrom("projectSessions").select(["id", "date", "startTime"]).where("projectId", "=", projectId).orderBy("seq").execute();
  const attended = new Set<string>();
  for (const s of sessions) {
    const [h, m] = s.startTime.split(":").map(Number);
    for (const e of enrolled) {
      if (!rand.chance(0.92)) continue;
      const minute = h * 60 + m - 10 + rand.int(0, 25);
      const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      const ctx = b.at(s.date, { ...e, roles: ["professional"] }, time);
      await checkIn(ctx, checkInToken(p.secrets, s.id, Math.floor(ctx.clock.now().getTime() / (CHECK_IN_CODE_SECONDS * 1000))));
      attended.add(e.id);
    }
  }
  // 结业 the morning after the last day; about half the attendees answer the evaluation.
  const concludeDay = addDays(project.endDate, 1);
  const fresh = await p.db.selectFrom("trainingProjects").select("version").where("id", "=", projectId).executeTakeFirstOrThrow();
  await takeProjectStep(b.at(concludeDay, b.staff[staff]), projectId, "complete", { version: fresh.version });
  for (const e of enrolled) {
    if (!attended.has(e.id) || !rand.chance(0.5)) continue;
    const score = () => rand.int(3, 5);
    await answerSurvey(b.at(concludeDay, { ...e, roles: ["professional"] }), projectId, { answers: { content: score(), teachers: score(), organization: score(), usefulness: score(), overall: score() } });
  }
}

/** Courses still open this year on days pro2 is free, two days each, so its forecast names what closes the gap. */
async function openCoursesForPro2(p: Platform, b: Bases): Promise<void> {
  const today = p.clock.today();
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const pro2 = await actorOf(p, "pro2");
  const profile = await p.db.selectFrom("professionals").select("version").where("id", "=", pro2.id).executeTakeFirstOrThrow();
  await updateMyProfile(b.at(addDays(today, -30), pro2), { specialty: PRO2_SPECIALTY, version: Number(profile.version) });
  const busy = new Set(
    (
      await p.db
        .selectFrom("projectSessions")
        .innerJoin("enrollments", "enrollments.projectId", "projectSessions.projectId")
        .select("projectSessions.date")
        .where("enrollments.professionalId", "=", pro2.id)
        .where("enrollments.status", "=", "enrolled")
        .where("projectSessions.date", ">", today)
        .execute()
    ).map((r) => r.date),
  );
  let start = addDays(today, 5);
  for (const c of OPEN_COURSES) {
    while (start < yearEnd && (busy.has(start) || busy.has(addDays(start, 1)))) start = addDays(start, 1);
    const baseId = b.baseId[c.staff];
    if (addDays(start, 1) > yearEnd || !baseId) return;
    await fileCourse(p, b, c.staff, inputOf(baseId, c.staff, c, start, 2, 60));
    busy.add(start).add(addDays(start, 1));
  }
}

export async function loadDemoHistory(p: Platform): Promise<void> {
  const staff = { base: await actorOf(p, "base"), base2: await actorOf(p, "base2") };
  const supervisor = { base: await actorOf(p, SUPERVISOR.base), base2: await actorOf(p, SUPERVISOR.base2) };
  const baseRow = async (s: Staff) =>
    p.db.selectFrom("bases").select(["id", "decisionDate"]).where("hostOrgId", "=", staff[s].orgId).where("status", "=", "active").executeTakeFirst();
  const rows = { base: await baseRow("base"), base2: await baseRow("base2") };
  const b: Bases = {
    at: (day, actor, time = "09:00") => ({ ...p, clock: time === "09:00" ? clockAt(day, p.clock) : atTime(p, day, time), actor, ip: null }),
    staff,
    supervisor,
    baseId: { base: rows.base?.id, base2: rows.base2?.id },
  };
  const rand = chooser(20250601);
  const pool = demoPeople(DEMO_PEOPLE);
  const accredited = [rows.base?.decisionDate, rows.base2?.decisionDate].filter((d): d is string => !!d).sort().at(-1);
  if (accredited) {
    // one course a month, the bases in turn, from the month after both were accredited
    const months = await emptyMonths(p, addDays(`${accredited.slice(0, 7)}-01`, 40));
    for (const [i, month] of months.entries()) {
      const s: Staff = i % 2 === 0 ? "base" : "base2";
      const baseId = b.baseId[s];
      const start = `${month}-${String(8 + rand.int(0, 12)).padStart(2, "0")}`;
      if (!baseId || addDays(start, 2) >= p.clock.today()) continue;
      const course = COURSES[s][i % COURSES[s].length];
      const field = s === "base" ? "industry" : "health";
      const people = pool.filter((x) => x.field === field).filter(() => rand.chance(0.2)).slice(0, rand.int(12, 30));
      const id = await fileCourse(p, b, s, inputOf(baseId, s, course, start, 1, 60));
      await deliverCourse(p, b, s, id, people, rand);
    }
  }
  await openCoursesForPro2(p, b);
}

function atTime(p: Platform, date: string, time: string) {
  const at = new Date(`${date}T${time}:00+08:00`);
  return { ...p.clock, now: () => at, nowIso: () => at.toISOString(), today: () => date };
}
