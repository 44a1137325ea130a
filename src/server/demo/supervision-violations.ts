// Demo history of 第二十条: a fourth base (staff account `base4`, under `supervisor2`) ran a filed course
// whose sign-ins it filled in by hand for people who never came, and certified them all (乱发证). Its
// supervising unit reported the violation with evidence; the bureau confirmed it, which revoked the base
// and published the host organization's dishonesty record (live for three years), and then revoked the
// course's certificates in bulk, taking their hours out of the learning records. Driven through the real
// services with the clock at the moment of each step.
import { PDFDocument } from "pdf-lib";
import type { ProjectInput } from "../../shared/filing.js";
import type { Actor, Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { revokeProjectCertificates } from "../modules/delivery/certificates.js";
import { manualCheckIn } from "../modules/delivery/checkins.js";
import { enrolMany } from "../modules/delivery/enrollments.js";
import { createProject, loadSessions, takeProjectStep } from "../modules/filing/projects.js";
import { uploadFile } from "../modules/files/service.js";
import { createViolation, decideViolation } from "../modules/supervision/violation-service.js";
import { actorOf, clockAt } from "./clock.js";
import { givenDemoBase } from "./extra-bases.js";
import { demoPeople } from "./people.js";

const TEACHERS: ProjectInput["teachers"] = [
  { name: "曲海波", title: "高级工程师", org: "威海蓝海职业培训学校" },
  { name: "于晓峰", title: "讲师", org: "威海蓝海职业培训学校" },
];

/** The first Tuesday on or after the day, so a two-day course runs on working days. */
function tuesdayFrom(day: string): string {
  let d = day;
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 2) d = addDays(d, 1);
  return d;
}

function course(baseId: string, start: string): ProjectInput {
  const sessions = [start, addDays(start, 1)].flatMap((date, i) => [
    { date, startTime: "08:30", endTime: "11:50", title: `船舶焊接工艺与质量控制（第${i + 1}天上午）`, teacher: TEACHERS[0].name, hours: 4 },
    { date, startTime: "13:30", endTime: "16:50", title: `船舶焊接工艺与质量控制（第${i + 1}天下午）`, teacher: TEACHERS[1].name, hours: 4 },
  ]);
  return {
    baseId,
    annualPlanId: null,
    planItemKey: null,
    adHoc: true,
    adHocReason: "承接船舶企业焊工技术人员集中培训需求，计划外增设",
    title: "船舶焊接工艺与质量控制提升班",
    subjectType: "professional",
    category: "commissioned",
    specialty: "焊接技术",
    startDate: start,
    endDate: addDays(start, 1),
    hours: 16,
    mode: "offline",
    venue: "威海市文登区龙山路 66 号蓝海培训楼 201",
    capacity: 40,
    feeFen: 0,
    teachers: TEACHERS,
    sessions,
    description: "面向船舶制造企业焊接技术人员的专业科目培训。",
  };
}

/** A one-page stand-in for the inspection record the supervising unit attached. */
async function evidencePdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

export async function loadDemoViolations(p: Platform): Promise<void> {
  const today = p.clock.today();
  const lastYear = Number(today.slice(0, 4)) - 1;
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const base = await givenDemoBase(p, {
    orgName: "威海蓝海职业培训学校",
    orgType: "training_institution",
    region: "文登区",
    creditSerial: 20041,
    supervisorUsername: "supervisor2",
    baseName: "威海蓝海海洋装备继续教育基地",
    district: "文登区",
    specialties: ["焊接技术", "海洋工程"],
    decisionDate: earlier(`${lastYear}-03-20`, addDays(today, -300)),
    staff: { username: "base4", displayName: "曲晓东（威海蓝海职业培训学校）", phone: "13806310041" },
    legalRepresentative: "刘建军",
  });
  const [bureau, supervisor, staff] = await Promise.all(["bureau", "supervisor2", "base4"].map((u) => actorOf(p, u)));
  const at = (day: string, actor: Actor): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor, ip: null });

  // 第十六条, 第十七条: the course was filed three weeks ahead and ran about three months ago.
  const start = tuesdayFrom(addDays(today, -95));
  const draft = await createProject(at(addDays(start, -21), staff), course(base.baseId, start));
  const filed = await takeProjectStep(at(addDays(start, -21), staff), draft.id, "submit", { version: draft.version });

  // The base entered 18 people, then on the last evening signed every one of them in for every session.
  const people = demoPeople(60).filter((x) => x.field === "industry").slice(0, 18);
  await enrolMany(
    at(addDays(start, -5), staff),
    filed.id,
    people.map((x, i) => ({ row: i + 2, person: { name: x.name, idNumber: x.idNumber, employer: x.employer, title: x.title, specialty: x.specialty, phone: x.phone } })),
    () => "",
  );
  const enrolled = await p.db.selectFrom("enrollments").select("professionalId").where("projectId", "=", filed.id).where("status", "=", "enrolled").execute();
  const last = addDays(start, 1);
  for (const s of await loadSessions(p.db, filed.id)) {
    for (const e of enrolled) await manualCheckIn(at(last, staff), filed.id, s.id, { professionalId: e.professionalId, reason: "现场签到表补录" });
  }
  const fresh = await p.db.selectFrom("trainingProjects").select("version").where("id", "=", filed.id).executeTakeFirstOrThrow();
  await takeProjectStep(at(addDays(start, 2), staff), filed.id, "complete", { version: Number(fresh.version) });

  // 第二十条: the supervising unit's check found the course never ran as filed.
  const reportDay = addDays(start, 30);
  const evidence = await uploadFile(at(reportDay, supervisor), await evidencePdf("现场核查笔录"), "application/pdf", "现场核查笔录及学员询问记录.pdf");
  const violation = await createViolation(at(reportDay, supervisor), {
    baseId: base.baseId,
    kind: "improper_certification",
    facts: `${start.slice(0, 4)}年${Number(start.slice(5, 7))}月“船舶焊接工艺与质量控制提升班”备案后未按课程表组织教学，基地于结课当晚为 ${enrolled.length} 名未实际参训人员补录全部签到，并发放结业证书、登记学时。`,
    evidenceFileIds: [evidence.fileId],
    responsiblePersons: [
      { name: "曲晓东", post: "培训部主任" },
      { name: "于晓峰", post: "教务专员" },
    ],
    projectId: filed.id,
  });
  const confirmed = await decideViolation(at(addDays(reportDay, 7), bureau), violation.id, "confirm", {
    version: violation.version,
    comment: "经调查核实，违规事实清楚，证据确凿。",
    payload: { penaltyContent: "撤销“威海蓝海海洋装备继续教育基地”市级继续教育基地资格，收回匾牌；相关违规行为作为失信信息予以记录" },
  });
  // 乱发证: the certificates of the course go too, and their hours with them.
  await revokeProjectCertificates(at(addDays(reportDay, 8), bureau), filed.id, `未实际组织培训即发放证书（${confirmed.decisionNo}）`);
}
