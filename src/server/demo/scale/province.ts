// The province's institutions for the scale load: 16 区市 each with its HR bureau as supervising unit,
// employers, ~200 published bases (host organizations with valid credit codes, fee standards, one staff
// account each) and ~4,000 filed training projects a year with their sessions and teachers.
import { PROJECT_CATEGORIES } from "../../../shared/filing.js";
import type { Platform } from "../../platform/context.js";
import { addDays } from "../../platform/calendar.js";
import { sealContactPhone } from "../../platform/contact-phones.js";
import type { Tx } from "../../platform/db.js";
import { GIVEN, SURNAMES } from "../people.js";
import { insertRows } from "./insert.js";
import { creditCodeOf, type Rand } from "./random.js";

/** The 16 区市 (the province's cities), with a county code each for ID numbers. */
export const DISTRICTS = [
  ["济南市", "370102"], ["青岛市", "370203"], ["淄博市", "370302"], ["枣庄市", "370402"], ["东营市", "370502"], ["烟台市", "370613"],
  ["潍坊市", "370702"], ["济宁市", "370811"], ["泰安市", "370902"], ["威海市", "371081"], ["日照市", "371102"], ["临沂市", "371302"],
  ["德州市", "371402"], ["聊城市", "371502"], ["滨州市", "371602"], ["菏泽市", "371702"],
] as const;

/** Specialties with course topics: a keyword search finds the topics of one field and not the others. */
export const FIELDS: Record<string, string[]> = {
  智能制造: ["工业机器人应用技术", "数字孪生与智能工厂", "精益生产与质量管理", "工业互联网平台建设"],
  临床医学: ["心血管疾病诊疗进展", "急诊急救技能提升", "合理用药与处方点评", "医院感染预防与控制"],
  护理: ["危重症护理实践", "老年护理与康复", "护理质量安全管理"],
  建筑工程: ["装配式建筑技术", "绿色建筑与节能设计", "建设工程安全管理", "BIM技术应用"],
  农业技术: ["设施农业栽培技术", "海水养殖病害防治", "农产品质量安全检测"],
  信息技术: ["人工智能应用开发", "网络安全等级保护", "大数据分析与治理", "云计算架构实践"],
  教育教学: ["新课标教学设计", "职业教育课程改革", "教师信息化教学能力"],
  经济管理: ["数字经济与企业转型", "财务共享与管理会计", "碳达峰碳中和政策解读"],
};
const FIELD_NAMES = Object.keys(FIELDS);
const EMPLOYER_KINDS = [
  ["市立医院", "enterprise"], ["中心医院", "enterprise"], ["疾病预防控制中心", "enterprise"], ["职业技术学院", "university"],
  ["农业科学研究院", "research_institute"], ["装备制造有限公司", "enterprise"], ["建设工程集团有限公司", "enterprise"], ["软件科技有限公司", "enterprise"],
] as const;
const HOST_KINDS = [["职业技术培训学校", "training_institution"], ["大学继续教育学院", "university"], ["科学技术协会", "association"], ["继续教育培训中心", "training_institution"]] as const;
const TITLES = ["助理工程师", "工程师", "高级工程师", "主治医师", "副主任医师", "主管护师", "讲师", "副教授", "经济师", "农艺师"];
const SUFFIXES = ["专题培训班", "高级研修班", "能力提升培训", "继续教育讲座", "实务研修"];

export interface ScaleBase {
  id: string;
  name: string;
  district: string;
  fields: string[];
  staffUsername: string;
}

export interface ScaleSession {
  id: string;
  date: string;
  startTime: string;
  hours: number;
}

export interface ScaleProject {
  id: string;
  baseName: string;
  title: string;
  filingNo: string;
  subjectType: "general" | "professional";
  startDate: string;
  endDate: string;
  hours: number;
  sessions: ScaleSession[];
  concluded: boolean;
  capacity: number;
}

export interface Province {
  employers: { id: string; name: string }[];
  bases: ScaleBase[];
  projects: ScaleProject[];
  bigProject: ScaleProject;
  checkInProject: ScaleProject;
  /** A course a month ahead with room for the bench's import of 50,000 enrolments, none enrolled yet. */
  importProject: ScaleProject;
}

interface Load {
  p: Platform;
  rand: Rand;
  id: () => string;
  now: string;
  passwordHash: string;
  bureauOrgId: string;
}

const nameOf = (rand: Rand) => rand.pick([...SURNAMES]) + rand.pick([...GIVEN]) + (rand.chance(0.7) ? rand.pick([...GIVEN]) : "");

/** 区市 HR bureaus, employers and base host organizations; answers the employers and the hosts by district. */
async function writeOrganizations(trx: Tx, l: Load) {
  const orgs: Parameters<typeof insertRows<"organizations">>[2] = [];
  const org = (name: string, type: string, region: string, code: string, parentId: string | null) => {
    const id = l.id();
    orgs.push({ id, name, type, parentId, region, creditCode: code, creditCodeOverride: 0, contactName: nameOf(l.rand), contactPhone: "", ...sealContactPhone(l.p.secrets, `0531-8${String(orgs.length).padStart(7, "0")}`), address: `山东省${region}`, status: "active", createdAt: l.now, updatedAt: l.now, version: 1 });
    return id;
  };
  let serial = 700_000_000;
  const supervisors: string[] = [];
  const employers: Province["employers"] = [];
  const hosts: { id: string; name: string; district: number }[] = [];
  DISTRICTS.forEach(([city, county], d) => {
    const region = county.slice(0, 4) + "00";
    supervisors.push(org(`${city}人力资源和社会保障局（规模测试）`, "district_hr", city, creditCodeOf(region, "1", serial++), l.bureauOrgId));
    for (const [suffix, type] of EMPLOYER_KINDS) employers.push({ id: org(`${city}${suffix}`, type, city, creditCodeOf(region, type === "enterprise" ? "9" : "1", serial++), null), name: `${city}${suffix}` });
    for (let k = 0; k < 13; k++) {
      const [suffix, type] = HOST_KINDS[k % HOST_KINDS.length];
      const name = `${city}${FIELD_NAMES[(d + k) % FIELD_NAMES.length]}${suffix}${k >= HOST_KINDS.length ? `（第${Math.floor(k / HOST_KINDS.length) + 1}分部）` : ""}`;
      hosts.push({ id: org(name, type, city, creditCodeOf(region, type === "association" ? "5" : "1", serial++), supervisors[d]), name, district: d });
    }
  });
  await insertRows(trx, "organizations", orgs);
  return { supervisors, employers, hosts };
}

/** Published bases with their fee standards and one staff account each (password Demo#2026, no TOTP for base staff). */
async function writeBases(trx: Tx, l: Load, hosts: { id: string; name: string; district: number }[], supervisors: string[]): Promise<ScaleBase[]> {
  const bases: ScaleBase[] = [];
  const rows: Parameters<typeof insertRows<"bases">>[2] = [];
  const fees: Parameters<typeof insertRows<"feeStandards">>[2] = [];
  const users: Parameters<typeof insertRows<"users">>[2] = [];
  hosts.forEach((h, i) => {
    const fields = [FIELD_NAMES[(h.district + i) % FIELD_NAMES.length], FIELD_NAMES[(h.district + i + 3) % FIELD_NAMES.length]];
    const year = 2019 + (i % 6);
    const base: ScaleBase = { id: l.id(), name: `${h.name}专业技术人员继续教育基地`, district: DISTRICTS[h.district][0], fields, staffUsername: `sb${String(i + 1).padStart(3, "0")}` };
    bases.push(base);
    rows.push({ id: base.id, applicationId: null, hostOrgId: h.id, supervisorOrgId: supervisors[h.district], name: base.name, decisionNo: `鲁人社继教规模〔${year}〕${i + 1}号`, decisionDate: `${year}-06-18`, plaqueSerial: `JDS${year}${String(i + 1).padStart(4, "0")}`, specialtyFields: JSON.stringify(fields), district: base.district, status: "active", address: `山东省${base.district}`, contactName: nameOf(l.rand), ...sealContactPhone(l.p.secrets, `1370531${String(i).padStart(4, "0")}`), legalRepresentative: nameOf(l.rand), commendedYear: null, goodPractice: null, revokedAt: null, revocationDecisionNo: null, revocationReason: null, revocationBasis: null, createdAt: l.now, updatedAt: l.now, version: 1 });
    for (const kind of ["general", "professional"]) {
      fees.push({ id: l.id(), baseId: base.id, kind, amountFen: kind === "general" ? 30_000 : 80_000 + (i % 5) * 10_000, previousAmountFen: null, basis: "成本测算，经主管部门审核", status: "approved", raise: 0, requestedBy: null, requestedAt: l.now, decidedBy: null, decidedAt: l.now, decisionComment: null, updatedAt: l.now, version: 1 });
    }
    users.push({ id: l.id(), username: base.staffUsername, displayName: `${nameOf(l.rand)}（${h.name}）`, orgId: h.id, passwordHash: l.passwordHash, mustChangePassword: 0, failedLogins: 0, phone: null, phoneEnc: null, phoneMasked: null, idNumber: null, idNumberEnc: null, idNumberHash: null, idNumberMasked: null, passwordChangedAt: l.now, createdAt: l.now, updatedAt: l.now, version: 1 });
  });
  await insertRows(trx, "bases", rows);
  await insertRows(trx, "feeStandards", fees);
  await insertRows(trx, "users", users);
  await insertRows(trx, "userRoles", users.map((u) => ({ userId: u.id as string, role: "base_staff" })));
  return bases;
}

interface ProjectSpec {
  base: ScaleBase;
  title: string;
  subjectType: "general" | "professional";
  category: string;
  specialty: string;
  days: string[];
  times: [string, string];
  capacity: number;
  mode: string;
}

/** Filing numbers continue each year's sequence (the platform's `filing:<year>`). */
async function filingNumbers(trx: Tx, years: number[]) {
  const rows = await trx.selectFrom("numberSequences").select(["name", "lastValue"]).where("name", "in", years.map((y) => `filing:${y}`)).execute();
  const last = new Map(rows.map((r) => [r.name, Number(r.lastValue)]));
  return {
    next: (year: number) => {
      const n = (last.get(`filing:${year}`) ?? 0) + 1;
      last.set(`filing:${year}`, n);
      return `鲁继教备〔${year}〕${n}号`;
    },
    save: async () => {
      for (const [name, lastValue] of last) {
        await trx.insertInto("numberSequences").values({ name, lastValue }).onConflict((oc) => oc.column("name").doUpdateSet({ lastValue })).execute();
      }
    },
  };
}

/** Places of the course the bench imports 50,000 enrolments into (issue 13). */
const IMPORT_PLACES = 60_000;

export async function writeProvince(trx: Tx, l: Load, opts: { years: number; perYear: number; professionals: number; bigSize: number; checkInSize: number }): Promise<Province> {
  const { supervisors, employers, hosts } = await writeOrganizations(trx, l);
  const bases = await writeBases(trx, l, hosts, supervisors);
  const today = l.p.clock.today();
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: opts.years }, (_, k) => thisYear - opts.years + 1 + k);
  // next year's too: the courses of the coming days and weeks may start in it
  const filing = await filingNumbers(trx, [...years, thisYear + 1]);
  const regular = Math.max(40, Math.ceil(((opts.professionals * 2) / (opts.perYear * opts.years)) * 2) + 20);
  const specs: ProjectSpec[] = [];
  for (const year of years) {
    for (let k = 0; k < opts.perYear; k++) {
      const base = l.rand.pick(bases);
      const specialty = l.rand.pick(base.fields);
      const general = l.rand.chance(0.25);
      const start = `${year}-${String(l.rand.int(1, 12)).padStart(2, "0")}-${String(l.rand.int(1, 25)).padStart(2, "0")}`;
      const n = l.rand.int(2, 3);
      const title = general ? `${year}年专业技术人员公需科目：${l.rand.pick(FIELDS.经济管理)}` : `${year}年${l.rand.pick(FIELDS[specialty])}${l.rand.pick(SUFFIXES)}`;
      const morning = l.rand.chance(0.6);
      specs.push({ base, title, subjectType: general ? "general" : "professional", category: l.rand.pick(PROJECT_CATEGORIES), specialty, days: Array.from({ length: n }, (_, d) => addDays(start, d)), times: morning ? ["09:00", "12:00"] : ["14:00", "17:00"], capacity: regular, mode: l.rand.chance(0.8) ? "offline" : "blended" });
    }
  }
  // The city-wide 公需科目 course of last month, a course whose sessions are open for check-in from today on (all
  // day), and a course next month that the bench's import fills.
  const bigStart = addDays(today, -40);
  specs.push({ base: bases[0], title: `${thisYear}年度全市专业技术人员公需科目集中培训`, subjectType: "general", category: "hrss_commissioned", specialty: "公需科目", days: [bigStart, addDays(bigStart, 1)], times: ["09:00", "12:00"], capacity: Math.max(opts.bigSize, 1) + 1000, mode: "blended" });
  specs.push({ base: bases[1], title: `${thisYear}年人工智能应用开发高级研修班（签到压力测试）`, subjectType: "professional", category: "advanced_seminar", specialty: "信息技术", days: Array.from({ length: 7 }, (_, d) => addDays(today, d)), times: ["00:00", "23:59"], capacity: Math.max(opts.checkInSize, 1) + 100, mode: "offline" });
  const importStart = addDays(today, 30);
  specs.push({ base: bases[2 % bases.length], title: `${importStart.slice(0, 4)}年智能制造技术专题培训班（报名导入压力测试）`, subjectType: "professional", category: "advanced_seminar", specialty: "智能制造", days: [importStart, addDays(importStart, 1)], times: ["09:00", "12:00"], capacity: IMPORT_PLACES, mode: "offline" });
  const projects = await writeProjects(trx, l, specs, filing.next, today);
  await filing.save();
  return { employers, bases, projects: projects.slice(0, -3), bigProject: projects.at(-3)!, checkInProject: projects.at(-2)!, importProject: projects.at(-1)! };
}

async function writeProjects(trx: Tx, l: Load, specs: ProjectSpec[], nextFilingNo: (year: number) => string, today: string): Promise<ScaleProject[]> {
  const out: ScaleProject[] = [];
  for (let from = 0; from < specs.length; from += 1000) {
    const rows: Parameters<typeof insertRows<"trainingProjects">>[2] = [];
    const sessions: Parameters<typeof insertRows<"projectSessions">>[2] = [];
    for (const s of specs.slice(from, from + 1000)) {
      const startDate = s.days[0];
      const endDate = s.days.at(-1)!;
      const hours = 3;
      const concluded = endDate < today;
      const status = concluded ? "completed" : startDate <= today ? "running" : "filed";
      const teacher = { name: nameOf(l.rand), title: l.rand.pick(TITLES), org: `${s.base.district}${l.rand.pick(EMPLOYER_KINDS)[0]}` };
      const p: ScaleProject = { id: l.id(), baseName: s.base.name, title: s.title, filingNo: nextFilingNo(Number(startDate.slice(0, 4))), subjectType: s.subjectType, startDate, endDate, hours: hours * s.days.length, sessions: [], concluded, capacity: s.capacity };
      const filedAt = `${addDays(startDate, -12)}T02:00:00.000Z`;
      rows.push({ id: p.id, baseId: s.base.id, annualPlanId: null, planItemKey: null, adHoc: 1, adHocReason: "年度计划外新增项目", status, title: p.title, subjectType: p.subjectType, category: s.category, specialty: s.specialty, startDate, endDate, hours: p.hours, mode: s.mode, venue: `${s.base.district}继续教育培训中心${l.rand.int(1, 9)}号教室`, capacity: s.capacity, feeFen: s.subjectType === "general" ? 0 : 60_000, teachers: JSON.stringify([teacher]), description: `${p.title}：围绕${s.specialty}领域的新理论、新技术、新方法开展培训。`, filingNo: p.filingNo, filedAt, concludedAt: concluded ? `${addDays(endDate, 1)}T01:00:00.000Z` : null, concludedBy: null, completionAttendance: null, createdBy: null, createdAt: filedAt, updatedAt: filedAt, version: 2 });
      s.days.forEach((date, seq) => {
        const session: ScaleSession = { id: l.id(), date, startTime: s.times[0], hours };
        p.sessions.push(session);
        sessions.push({ id: session.id, projectId: p.id, seq: seq + 1, date, startTime: s.times[0], endTime: s.times[1], title: `第${seq + 1}讲 ${p.title.slice(5, 20)}`, teacher: teacher.name, hours });
      });
      out.push(p);
    }
    await insertRows(trx, "trainingProjects", rows);
    await insertRows(trx, "projectSessions", sessions);
  }
  return out;
}
