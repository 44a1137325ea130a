// Demo history of risk flags (issue 12 item 4): two more bases whose data shows what the flags are for.
// - `base5` (under `supervisor`) ran a course a fortnight ago at which one phone checked in the whole
//   class within minutes at the first session (proxy_checkin);
// - `base6` (under `supervisor2`) ran a course two months ago that six people left after the first day,
//   completed it for the four who stayed, and then issued certificates to the six by hand, around the
//   platform's completion (certificate_below_attendance, 第二十条 乱发证).
// The demo's scan runs last, so the bureau finds both flagged; the other demo bases raise none.
import type { ProjectInput } from "../../shared/filing.js";
import type { Clock } from "../platform/clock.js";
import type { Actor, Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { inTransaction } from "../platform/context.js";
import { CHECK_IN_CODE_SECONDS } from "../../shared/delivery.js";
import { issueCertificate } from "../modules/delivery/certificates.js";
import { checkIn, checkInToken } from "../modules/delivery/checkins.js";
import { enrolMany } from "../modules/delivery/enrollments.js";
import { answerSurvey } from "../modules/delivery/survey.js";
import { createProject, loadSessions, takeProjectStep } from "../modules/filing/projects.js";
import { scanRisks } from "../modules/supervision/risk-flags-service.js";
import { actorOf, clockAt } from "./clock.js";
import { givenDemoBase } from "./extra-bases.js";
import { demoPeople, type DemoPerson } from "./people.js";

const clockAtTime = (date: string, time: string, real: Clock): Clock => {
  const at = new Date(`${date}T${time}:00+08:00`);
  return { ...real, now: () => at, nowIso: () => at.toISOString(), today: () => date };
};

/** The first Tuesday on or after the day, so a two-day course runs on working days. */
function tuesdayFrom(day: string): string {
  let d = day;
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 2) d = addDays(d, 1);
  return d;
}

function course(baseId: string, start: string, o: { title: string; specialty: string; venue: string; teacher: string; org: string }): ProjectInput {
  const sessions = [start, addDays(start, 1)].flatMap((date, i) => [
    { date, startTime: "09:00", endTime: "12:00", title: `${o.title}（第${i + 1}天上午）`, teacher: o.teacher, hours: 3 },
    { date, startTime: "14:00", endTime: "17:00", title: `${o.title}（第${i + 1}天下午）`, teacher: o.teacher, hours: 3 },
  ]);
  return {
    baseId,
    annualPlanId: null,
    planItemKey: null,
    adHoc: true,
    adHocReason: "承接企业专业技术人员集中培训需求，计划外增设",
    title: o.title,
    subjectType: "professional",
    category: "commissioned",
    specialty: o.specialty,
    startDate: start,
    endDate: addDays(start, 1),
    hours: 12,
    mode: "offline",
    venue: o.venue,
    capacity: 40,
    feeFen: 0,
    teachers: [{ name: o.teacher, title: "高级工程师", org: o.org }],
    sessions,
    description: `面向全市${o.specialty}专业技术人员的专业科目培训。`,
  };
}

/** A phone of its own for each person (a different user agent), or the one phone that checks everyone in. */
const phoneOf = (i: number) => ({ ip: `10.8.${i}.${20 + i}`, userAgent: `Mozilla/5.0 (Linux; Android 13; PHONE-${100 + i}) MicroMessenger/8.0.${40 + i}` });
const MONITOR_PHONE = { ip: "10.8.0.99", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) MicroMessenger/8.0.49" };

interface Ran {
  projectId: string;
  sessions: { id: string; date: string; startTime: string }[];
  people: Actor[];
}

/** Files the course three weeks ahead and enrols the people (第十六条, 第十七条). */
async function runCourse(p: Platform, staff: Actor, input: ProjectInput, people: DemoPerson[]): Promise<Ran> {
  const at = (day: string): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor: staff, ip: null });
  const draft = await createProject(at(addDays(input.startDate, -21)), input);
  const filed = await takeProjectStep(at(addDays(input.startDate, -21)), draft.id, "submit", { version: draft.version });
  await enrolMany(
    at(addDays(input.startDate, -5)),
    filed.id,
    people.map((x, i) => ({ row: i + 2, person: { name: x.name, idNumber: x.idNumber, employer: x.employer, title: x.title, specialty: x.specialty, phone: x.phone } })),
    () => "",
  );
  const enrolled = await p.db
    .selectFrom("enrollments")
    .innerJoin("users", "users.id", "enrollments.professionalId")
    .select(["users.id", "users.username", "users.displayName", "users.orgId"])
    .where("projectId", "=", filed.id)
    .where("status", "=", "enrolled")
    .orderBy("enrollments.createdAt")
    .execute();
  const sessions = (await loadSessions(p.db, filed.id)).map((s) => ({ id: s.id, date: s.date, startTime: s.startTime }));
  return { projectId: filed.id, sessions, people: enrolled.map((e) => ({ ...e, roles: ["professional"] })) };
}

/** A QR check-in at the given minute past the session's start, from the given device. */
async function scanIn(p: Platform, s: Ran["sessions"][number], who: Actor, minutes: number, device: { ip: string; userAgent: string }): Promise<void> {
  const [h, m] = s.startTime.split(":").map(Number);
  const minute = h * 60 + m + minutes;
  const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  const ctx: Ctx = { ...p, clock: clockAtTime(s.date, time, p.clock), actor: who, ip: device.ip };
  await checkIn(ctx, checkInToken(p.secrets, s.id, Math.floor(ctx.clock.now().getTime() / (CHECK_IN_CODE_SECONDS * 1000))), device);
}

export async function loadDemoRisk(p: Platform): Promise<void> {
  const today = p.clock.today();
  const year = today.slice(0, 4);
  // Published this year (after last year's plan deadline, so no plan was due from them), at least 100 days ago.
  const published = `${year}-01-05` < addDays(today, -100) ? `${year}-01-05` : addDays(today, -100);
  const people = demoPeople(380).slice(330);

  // ---- proxy check-in ----
  const proxyBase = await givenDemoBase(p, {
    orgName: "威海启航职业技能培训学校",
    orgType: "training_institution",
    region: "经济技术开发区",
    creditSerial: 20051,
    supervisorUsername: "supervisor",
    baseName: "威海启航智能制造继续教育基地",
    district: "经济技术开发区",
    specialties: ["智能制造", "电气自动化"],
    decisionDate: published,
    staff: { username: "base5", displayName: "孔凡宇（威海启航职业技能培训学校）", phone: "13806310051" },
    legalRepresentative: "孔德明",
  });
  const proxy = await runCourse(
    p,
    await actorOf(p, "base5"),
    course(proxyBase.baseId, tuesdayFrom(addDays(today, -16)), { title: "工业机器人编程与运维实务", specialty: "智能制造", venue: "威海市经济技术开发区海滨南路 18 号实训中心 3 楼", teacher: "邹建新", org: "威海启航职业技能培训学校" }),
    people.slice(0, 12),
  );
  // At the first session one phone checks in all twelve within six minutes; afterwards each uses their own.
  for (const [i, who] of proxy.people.entries()) await scanIn(p, proxy.sessions[0], who, -5 + Math.floor(i / 2), MONITOR_PHONE);
  for (const s of proxy.sessions.slice(1)) for (const [i, who] of proxy.people.entries()) await scanIn(p, s, who, -12 + i * 2, phoneOf(i));

  // ---- certificates below attendance ----
  const certBase = await givenDemoBase(p, {
    orgName: "威海仁和健康管理培训中心",
    orgType: "training_institution",
    region: "荣成市",
    creditSerial: 20061,
    supervisorUsername: "supervisor2",
    baseName: "威海仁和健康管理继续教育基地",
    district: "荣成市",
    specialties: ["卫生健康", "康复护理"],
    decisionDate: published,
    staff: { username: "base6", displayName: "蔡文静（威海仁和健康管理培训中心）", phone: "13806310061" },
    legalRepresentative: "蔡志刚",
  });
  const staff6 = await actorOf(p, "base6");
  const start = tuesdayFrom(addDays(today, -62));
  const input = course(certBase.baseId, start, { title: "社区康复护理技能提升班", specialty: "卫生健康", venue: "荣成市成山大道 208 号仁和培训楼 2 楼", teacher: "汤丽萍", org: "威海仁和健康管理培训中心" });
  const certs = await runCourse(p, staff6, input, people.slice(20, 30));
  // Day one all ten came; day two only the first four.
  for (const [si, s] of certs.sessions.entries()) {
    const present = si < 2 ? certs.people : certs.people.slice(0, 4);
    for (const [i, who] of present.entries()) await scanIn(p, s, who, -10 + i * 2, phoneOf(40 + i));
  }
  const concludeDay = addDays(start, 2);
  const fresh = await p.db.selectFrom("trainingProjects").select(["version", "filingNo"]).where("id", "=", certs.projectId).executeTakeFirstOrThrow();
  const staffAt: Ctx = { ...p, clock: clockAt(concludeDay, p.clock), actor: staff6, ip: null };
  await takeProjectStep(staffAt, certs.projectId, "complete", { version: Number(fresh.version) });
  for (const who of certs.people.slice(0, 3)) {
    await answerSurvey({ ...staffAt, actor: who }, certs.projectId, { answers: { content: 5, teachers: 4, organization: 4, usefulness: 5, overall: 5 } });
  }
  // The six who left after day one get certificates anyway, issued by hand outside the completion decision.
  await inTransaction(p, async (trx) => {
    for (const who of certs.people.slice(4)) {
      const person = await trx.selectFrom("users").select("idNumberMasked").where("id", "=", who.id).executeTakeFirstOrThrow();
      await issueCertificate(trx, staffAt, {
        projectId: certs.projectId,
        professionalId: who.id,
        content: {
          holderName: who.displayName,
          holderIdNumberMasked: person.idNumberMasked ?? "",
          projectId: certs.projectId,
          projectTitle: input.title,
          filingNo: fresh.filingNo ?? "",
          subjectType: input.subjectType,
          hours: 12,
          startDate: input.startDate,
          endDate: input.endDate,
          baseName: "威海仁和健康管理继续教育基地",
          issuedOn: concludeDay,
          completionBasis: "attendance",
        },
      });
    }
  });

  // The demo's run of the risk scan (the scheduled job does the same every hour).
  await scanRisks(p);
}
