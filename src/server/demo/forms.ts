// Complete application forms (第四条 conditions) for demo data and tests.
import type { ApplicationForm } from "../../shared/accreditation.js";

export interface FormSeed {
  baseName: string;
  district: string;
  specialties: string[];
  contactName: string;
  contactPhone: string;
}

export function completeForm(s: FormSeed): ApplicationForm {
  return {
    basics: {
      baseName: s.baseName,
      district: s.district,
      address: `山东省威海市${s.district}文化中路 88 号`,
      contactName: s.contactName,
      contactPhone: s.contactPhone,
      email: "jxjy@example.cn",
      specialtyFields: s.specialties,
      introduction: `${s.baseName}依托本单位师资与实训条件，面向全市${s.specialties.join("、")}领域专业技术人员开展继续教育。`,
    },
    teachers: [
      { name: "李建华", fullTime: true, title: "教授", specialty: s.specialties[0] },
      { name: "王海燕", fullTime: true, title: "高级工程师", specialty: s.specialties[0] },
      { name: "张立新", fullTime: false, title: "副教授", specialty: s.specialties[s.specialties.length - 1] },
    ],
    management: {
      bodyName: "继续教育管理办公室",
      headName: "刘志强",
      staff: [
        { name: "陈晓", duty: "教学管理", fullTime: true },
        { name: "赵敏", duty: "培训登记与档案", fullTime: false },
      ],
    },
    systems: {
      teaching: "《教学管理办法》：课程设置、师资遴选、教学质量督导。",
      assessment: "《学员考核管理办法》：考勤、结业考核、学时认定。",
      registration: "《培训登记管理办法》：报名、签到、学时登记与建档。",
      funding: "《培训经费管理办法》：专账核算、收费公示、审计监督。",
      logistics: "《后勤保障管理办法》：场地、食宿、安全保障。",
      evaluation: "《培训效果评估办法》：问卷评估、跟踪回访、改进反馈。",
    },
    funding: { annualBudgetFen: 80_000_000, source: "单位年度预算专项列支，培训收入专款专用。" },
    facilities: {
      venues: [
        { name: "多媒体教室", areaSqm: 180, seats: 120 },
        { name: "实训车间", areaSqm: 600, seats: 40 },
      ],
      equipment: "多媒体教学系统、远程直播设备、实训设备 60 台套。",
      library: "专业图书 2.3 万册，电子期刊数据库 3 个。",
      practiceOriented: true,
      practicalSites: [{ name: "威海市产教融合实训中心", isPartner: true, description: "共建实训基地，年可承接 2000 人次实训。" }],
    },
    pastProjects: [
      { year: 2023, title: `${s.specialties[0]}新技术高级研修班`, participants: 120 },
      { year: 2024, title: `${s.specialties[0]}专业科目培训班`, participants: 260 },
      { year: 2025, title: "专业技术人员公需科目培训", participants: 410 },
    ],
    attachments: [],
  };
}
