// Demo delivery history (第十七条, 第二十四条): a few hundred synthetic professionals registered by the
// bases, enrolled in the demo courses, checked in session by session with the rotating code, the past
// courses concluded with signed certificates, evaluations answered, one certificate revoked, and hours
// of other forms declared and accepted, so learning records span several years: some people meet the
// yearly requirement, most fall short somewhere. Everything goes through the services with the clock
// set to the moment each step happened, so the history and the audit log are the real ones.
import { PDFDocument } from "pdf-lib";
import type { DeclarationForm } from "../../shared/delivery.js";
import type { SubjectType } from "../../shared/filing.js";
import type { Clock } from "../platform/clock.js";
import type { Actor, Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { DomainError } from "../platform/errors.js";
import { revokeCertificate } from "../modules/delivery/certificates.js";
import { checkIn, checkInToken } from "../modules/delivery/checkins.js";
import { enrol, enrolMany } from "../modules/delivery/enrollments.js";
import { answerSurvey } from "../modules/delivery/survey.js";
import { takeProjectStep } from "../modules/filing/projects.js";
import { uploadFile } from "../modules/files/service.js";
import { declareHours, decideDeclaration } from "../modules/professionals/declarations.js";
import { actorOf, clockAt } from "./clock.js";
import { demoPeople, type DemoPerson } from "./people.js";
import { CHECK_IN_CODE_SECONDS } from "../../shared/delivery.js";

/** How many synthetic professionals besides pro1 and pro2. */
export const DEMO_PEOPLE = 320;

/** A clock fixed at an instant in Weihai (date and HH:mm). */
function clockAtTime(date: string, time: string, real: Clock): Clock {
  const at = new Date(`${date}T${time}:00+08:00`);
  return { ...real, now: () => at, nowIso: () => at.toISOString(), today: () => date };
}

/** A seeded choice, so every demo database is the same. */
export function chooser(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    sample<T>(xs: T[], n: number): T[] {
      const copy = [...xs];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
  };
}

interface DemoProject {
  id: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  capacity: number;
  version: number;
}

const COMMENTS = [
  "案例贴近工作实际，收获很大。",
  "希望增加实操环节的时间。",
  "授课老师讲解清楚，课件可以提前发放。",
  "场地和组织服务都很好。",
  "建议下次安排分组讨论。",
];

/** A one-page PDF standing in for the evidence a person uploads (a certificate of attendance, a paper's first page); one per declaration. */
async function evidencePdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage([595, 842]).drawText("Demo evidence", { x: 72, y: 760, size: 14 });
  return Buffer.from(await doc.save());
}

export async function loadDemoDelivery(p: Platform): Promise<void> {
  const today = p.clock.today();
  const year = Number(today.slice(0, 4));
  const pick = chooser(20260101);
  const people = demoPeople(DEMO_PEOPLE);
  const [bureau, pro1, pro2] = await Promise.all(["bureau", "pro1", "pro2"].map((u) => actorOf(p, u)));
  const at = (day: string, actor: Actor): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor, ip: null });
  const atTime = (day: string, time: string, actor: Actor): Ctx => ({ ...p, clock: clockAtTime(day, time, p.clock), actor, ip: null });
  const professionalIds = new Map<string, string>(); // ID number → professional id

  for (const [staffName, field] of [["base", "industry"], ["base2", "health"]] as const) {
    const staff = await actorOf(p, staffName);
    const projects: DemoProject[] = await p.db
      .selectFrom("trainingProjects")
      .innerJoin("bases", "bases.id", "trainingProjects.baseId")
      .select(["trainingProjects.id", "trainingProjects.title", "trainingProjects.status", "trainingProjects.startDate", "trainingProjects.endDate", "trainingProjects.capacity", "trainingProjects.version"])
      .where("bases.hostOrgId", "=", staff.orgId)
      .where("trainingProjects.status", "in", ["filed", "running", "completed"])
      .orderBy("trainingProjects.startDate")
      .execute();
    const pool = people.filter((x) => x.field === field);
    for (const project of projects) {
      // 报名: the base registers its attendees from their sign-up sheet ten days before class start.
      const enrolDay = addDays(project.startDate, -10) < today ? addDays(project.startDate, -10) : today;
      const chosen: DemoPerson[] = pick.sample(pool, Math.min(project.capacity - 4, pick.int(28, 52)));
      const rows = chosen.map((person, i) => ({
        row: i + 2,
        person: { name: person.name, idNumber: person.idNumber, employer: person.employer, title: person.title, specialty: person.specialty, phone: person.phone },
      }));
      await enrolMany(at(enrolDay, staff), project.id, rows, () => "");
      // pro1 and pro2 enrol themselves from the public calendar.
      for (const self of staffName === "base" ? [pro1, pro2] : [pro2]) {
        await enrol(at(enrolDay, self), project.id, {});
      }
      const enrolled = await p.db
        .selectFrom("enrollments")
        .innerJoin("users", "users.id", "enrollments.professionalId")
        .select(["users.id", "users.username", "users.displayName", "users.orgId", "users.idNumberHash"])
        .where("projectId", "=", project.id)
        .where("status", "=", "enrolled")
        .execute();
      for (const e of enrolled) if (e.idNumberHash) professionalIds.set(e.idNumberHash, e.id);
      const actors = new Map(enrolled.map((e) => [e.id, { id: e.id, username: e.username, displayName: e.displayName, orgId: e.orgId, roles: ["professional" as const] }]));

      // 签到: each past session, most people scan the code a few minutes after it starts.
      const sessions = await p.db.selectFrom("projectSessions").select(["id", "date", "startTime", "endTime"]).where("projectId", "=", project.id).orderBy("seq").execute();
      const now = p.clock.now().getTime();
      const attended = new Map<string, number>();
      for (const s of sessions) {
        if (Date.parse(`${s.date}T${s.startTime}:00+08:00`) + 20 * 60_000 > now) continue;
        const [h, m] = s.startTime.split(":").map(Number);
        for (const [id, actor] of actors) {
          // pro1 never misses a class; others now and then.
          if (id !== pro1.id && !pick.chance(0.93)) continue;
          const minute = h * 60 + m - 10 + pick.int(0, 25);
          const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
          const ctx = atTime(s.date, time, actor);
          const token = checkInToken(p.secrets, s.id, Math.floor(ctx.clock.now().getTime() / (CHECK_IN_CODE_SECONDS * 1000)));
          await checkIn(ctx, token);
          attended.set(id, (attended.get(id) ?? 0) + 1);
        }
      }

      // 结业: the morning after the last session the base decides who completed and issues certificates.
      const last = sessions.at(-1);
      if (!last || Date.parse(`${addDays(last.date, 1)}T09:00:00+08:00`) > now) continue;
      const concludeDay = addDays(last.date, 1);
      const fresh = await p.db.selectFrom("trainingProjects").select("version").where("id", "=", project.id).executeTakeFirstOrThrow();
      await takeProjectStep(at(concludeDay, staff), project.id, "complete", { version: fresh.version });

      // 培训效果评估: about two in three attendees answer.
      for (const [id, actor] of actors) {
        if (!attended.get(id) || (id !== pro1.id && !pick.chance(0.65))) continue;
        const score = () => pick.int(3, 5);
        const answers: Record<string, number | string> = { content: score(), teachers: score(), organization: score(), usefulness: score(), overall: score() };
        if (pick.chance(0.3)) answers.comments = COMMENTS[pick.int(0, COMMENTS.length - 1)];
        await answerSurvey(at(concludeDay, actor), project.id, { answers });
      }
    }
  }

  // One certificate revoked: the base found a sign-in recorded for someone who was not there.
  const revoked = await p.db
    .selectFrom("certificates")
    .innerJoin("trainingProjects", "trainingProjects.id", "certificates.projectId")
    .select(["certificates.id", "certificates.issuedAt"])
    .where("certificates.professionalId", "not in", [pro1.id, pro2.id])
    .where("trainingProjects.startDate", "<", `${year}-01-01`)
    .orderBy("certificates.serial")
    .executeTakeFirst();
  if (revoked) {
    await revokeCertificate(at(addDays(revoked.issuedAt.slice(0, 10), 5), bureau), revoked.id, "经核查，该学员第二天下午课程签到系他人代签，依规撤销结业证书，相应学时一并撤销。");
  }

  // 人社部令第25号: hours of other forms, declared with evidence and accepted by the bureau, over several years.
  const declare = async (who: Actor, form: DeclarationForm, subjectType: SubjectType, title: string, hours: number, day: string, accept = true) => {
    // A day already full of course hours (maxHoursPerDay) takes no declaration: move to the day before.
    for (let back = 0; back < 7; back++) {
      const earnedOn = addDays(day, -back);
      const ctx = at(earnedOn, who);
      const file = await uploadFile(ctx, await evidencePdf(`${title}（${earnedOn}）`), "application/pdf", `${title}.pdf`);
      try {
        const d = await declareHours(ctx, { form, subjectType, title, hours, earnedOn, evidenceFileId: file.fileId });
        if (accept) await decideDeclaration(at(addDays(earnedOn, 3), bureau), d.id, "accept", { version: d.version, comment: "证明材料齐全，予以认定。" });
        return;
      } catch (e) {
        if (!(e instanceof DomainError && e.code === "DAILY_HOURS_LIMIT")) throw e;
      }
    }
  };
  // pro1 meets this year's requirement: the courses above plus conferences, research, papers and online study.
  const thisYear = (month: number) => {
    const d = `${year}-${String(month).padStart(2, "0")}-1${month % 10}`;
    return d <= today ? d : addDays(today, -month);
  };
  await declare(pro1, "online", "general", "山东省专业技术人员继续教育公需科目网络课程", 8, thisYear(1));
  await declare(pro1, "online", "general", "数字经济与创新驱动发展（网络培训）", 8, thisYear(2));
  await declare(pro1, "online", "general", "专业技术人员知识产权保护（网络培训）", 8, thisYear(3));
  await declare(pro1, "conference", "professional", "第十二届全国医疗器械创新发展学术会议", 8, thisYear(4));
  await declare(pro1, "conference", "professional", "山东省生物医用材料学术年会", 8, thisYear(5));
  await declare(pro1, "research", "professional", "市级科研项目“一次性输注器械智能检测”结题", 8, thisYear(6));
  await declare(pro1, "publication", "professional", "论文《医用高分子材料灭菌工艺比较研究》", 8, thisYear(7));
  await declare(pro1, "degree", "professional", "在职工程硕士课程学习", 8, thisYear(8));
  await declare(pro1, "research", "professional", "企业技术中心课题“导管涂层工艺改进”阶段验收", 8, thisYear(9));
  // pro2 declared online study this year that still waits for the bureau.
  await declare(pro2, "online", "general", "专业技术人员心理健康与压力管理（网络培训）", 6, thisYear(10), false);
  // Earlier years: a third of the people declared online study and academic activity, an item a month or so,
  // so records span several years; those with enough of both met that year's requirement.
  const someone = [...professionalIds.values()];
  for (const [i, id] of someone.entries()) {
    if (i % 3 !== 0) continue;
    const username = (await p.db.selectFrom("users").select("username").where("id", "=", id).executeTakeFirstOrThrow()).username;
    const who = await actorOf(p, username);
    for (const back of [1, 2, 3]) {
      if (!pick.chance(0.7)) continue;
      const y = year - back;
      const general = pick.int(1, 5);
      const professional = pick.int(2, 14 - general);
      for (let k = 0; k < general + professional; k++) {
        const day = `${y}-${String((k % 12) + 1).padStart(2, "0")}-${(k < 12 ? 10 : 20) + pick.int(0, 8)}`;
        if (k < general) await declare(who, "online", "general", `${y}年度公需科目网络培训（第${k + 1}期）`, 8, day);
        else await declare(who, pick.chance(0.5) ? "conference" : "research", "professional", `${y}年度行业学术交流与课题研究（第${k - general + 1}项）`, 8, day);
      }
    }
  }
}
