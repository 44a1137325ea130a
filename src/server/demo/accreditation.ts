// Demo accreditation history: for `base` and `base2`, applications in every status with complete forms
// and one published base each, all driven through the real services so history, audit and
// notifications are what the workflow itself writes.
import type { Actor, Ctx, Platform } from "../platform/context.js";
import * as accreditation from "../modules/accreditation/service.js";
import { fileObjection } from "../modules/accreditation/notice.js";
import { addDays } from "../platform/calendar.js";
import { actorOf, clockAt } from "./clock.js";
import { completeForm } from "./forms.js";

interface Applicant {
  staff: string;
  supervisor: string;
  experts: [string, string];
  district: string;
  contactName: string;
  contactPhone: string;
  names: string[];
  specialties: string[][];
}

const APPLICANTS: Applicant[] = [
  {
    staff: "base",
    supervisor: "supervisor",
    experts: ["expert1", "expert2"],
    district: "环翠区",
    contactName: "张海涛",
    contactPhone: "13806310004",
    specialties: [["智能制造", "机电一体化"], ["海洋工程"], ["电子商务"], ["工程建设"], ["现代农业"]],
    names: [
      "威海市智能制造专业技术人员继续教育基地",
      "环翠区海洋工程技术继续教育基地（草稿）",
      "环翠区电子商务继续教育基地",
      "环翠区工程建设继续教育基地",
      "环翠区现代农业继续教育基地",
      "环翠区海洋牧场继续教育基地",
      "环翠区数字经济继续教育基地",
      "环翠区精细化工继续教育基地",
      "环翠区文旅融合继续教育基地",
      "环翠区安全生产继续教育基地",
    ],
  },
  {
    staff: "base2",
    supervisor: "supervisor2",
    experts: ["expert1", "expert3"],
    district: "威海市",
    contactName: "刘芳",
    contactPhone: "13806310005",
    specialties: [["卫生健康", "临床医学"], ["公共卫生"], ["护理"], ["康复医学"], ["中医药"]],
    names: [
      "威海市卫生健康专业技术人员继续教育基地",
      "公共卫生应急继续教育基地（草稿）",
      "护理专业继续教育基地",
      "康复医学继续教育基地",
      "中医药适宜技术继续教育基地",
      "全科医学继续教育基地",
      "医院管理继续教育基地",
      "药学服务继续教育基地",
      "医学检验继续教育基地",
      "健康管理继续教育基地",
    ],
  },
];

// Where each demo application ends up, in the order of APPLICANTS[i].names.
const TARGETS = ["published", "draft", "submitted", "returned", "recommended", "accepted", "under_review", "in_notice", "objection_pending", "rejected"] as const;

export async function loadDemoAccreditation(p: Platform): Promise<void> {
  const today = p.clock.today();
  for (const a of APPLICANTS) {
    const [staff, supervisor, bureau, e1, e2] = await Promise.all([a.staff, a.supervisor, "bureau", ...a.experts].map((u) => actorOf(p, u)));
    for (const [i, target] of TARGETS.entries()) {
      // The published base dates from last spring; work in flight started a few days ago.
      const start = target === "published" ? `${Number(today.slice(0, 4)) - 1}-04-01` : addDays(today, -8);
      let day = start;
      const as = (actor: Actor | null): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor, ip: null });
      const form = completeForm({ baseName: a.names[i], district: a.district, specialties: a.specialties[i % a.specialties.length], contactName: a.contactName, contactPhone: a.contactPhone });
      if (target === "draft") {
        delete form.pastProjects;
        delete form.systems;
      }
      let app = await accreditation.createApplication(as(staff), { supervisorOrgId: supervisor.orgId, form });
      const step = async (actor: Actor, action: string, body: accreditation.StepBody = {}) => {
        app = await accreditation.takeStep(as(actor), app.id, action, { version: app.version, ...body });
      };
      if (target === "draft") continue;
      await step(staff, "submit");
      if (target === "submitted") continue;
      day = addDays(day, 1);
      if (target === "returned") {
        await step(supervisor, "return", { comment: "请补充近三年培训项目的参训人员名单及实训合作协议。" });
        continue;
      }
      if (target === "rejected") {
        await step(supervisor, "reject", { comment: "申报单位近年未组织专业技术人员培训项目，不符合第四条（四）的条件。" });
        continue;
      }
      await step(supervisor, "recommend", { comment: "经审核，材料真实完整，同意推荐。" });
      if (target === "recommended") continue;
      day = addDays(day, 1);
      await step(bureau, "accept");
      if (target === "accepted") continue;
      await step(bureau, "open-review", { expertUserIds: [e1.id, e2.id] });
      day = addDays(day, 1);
      const scores = (n: number) => ({ teachers: n, management: n - 2, facilities: n - 4, experience: n, leadership: n - 6 });
      await accreditation.review(as(e1), app.id, { noConflictDeclared: true, scores: scores(92), recommendation: "approve", comment: "师资力量雄厚，培训经验丰富。" });
      if (target === "under_review") continue; // one review in, one to come
      await accreditation.review(as(e2), app.id, { noConflictDeclared: true, scores: scores(86), recommendation: "approve", comment: "管理制度健全，建议通过。" });
      app = await accreditation.getApplication(as(bureau), app.id);
      day = addDays(day, 1);
      await step(bureau, "approve");
      if (target === "in_notice") continue;
      if (target === "objection_pending") {
        await fileObjection(as(null), app.notice!.id, { name: "市民王先生", contact: "13963100000", content: "申报材料中的实训场所面积与实际不符，请予核实。" });
        continue;
      }
      day = addDays(day, 7);
      await step(bureau, "publish");
    }
  }
}
