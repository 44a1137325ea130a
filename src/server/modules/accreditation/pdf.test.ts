import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ApplicationForm, ApplicationView, BaseView } from "../../../shared/accreditation.js";
import { inspectPdf, missingGlyphs } from "../../platform/pdf.js";
import { renderApplicationPdf, renderPlaquePdf } from "./pdf.js";

const meta = { cityName: "威海市", printedAt: "2026-12-14T02:30:00.000Z" };
const plaqueMeta = { cityName: "威海市", issuer: "威海市人力资源和社会保障局" };

const teacher = (i: number) => ({ name: `教师${i}`, fullTime: i % 3 === 0, title: i % 2 ? "副教授" : "高级工程师", specialty: "船舶与海洋工程" });

function givenForm(overrides: Partial<ApplicationForm> = {}): ApplicationForm {
  return {
    basics: {
      baseName: "威海市海洋装备专业技术人员继续教育基地",
      district: "环翠区",
      address: "山东省威海市环翠区文化西路2号",
      contactName: "王海",
      contactPhone: "0631-5688888",
      email: "jxjy@example.edu.cn",
      specialtyFields: ["船舶与海洋工程", "海洋装备制造"],
      introduction: "本单位为市属公办高等院校，设有继续教育学院，具备完善的教学场所和设备。".repeat(6),
    },
    teachers: Array.from({ length: 8 }, (_, i) => teacher(i + 1)),
    management: { bodyName: "继续教育学院", headName: "李明", staff: [{ name: "张丽", duty: "培训管理科科长", fullTime: true }] },
    systems: {
      teaching: "教学计划、课程设置与教学质量监控。",
      assessment: "学员考勤、结业考核与学时登记。",
      registration: "培训报名、登记与证书管理。",
      funding: "培训经费专款专用，年度审计。",
      logistics: "食宿、交通与安全保障。",
      evaluation: "培训结束后开展满意度调查和效果评估。",
    },
    funding: { annualBudgetFen: 120_000, source: "学院自筹及财政专项" },
    facilities: {
      venues: [{ name: "报告厅", areaSqm: 600, seats: 400 }, { name: "多媒体教室", areaSqm: 120, seats: 60 }],
      equipment: "投影、录播系统、实训设备若干。",
      library: "藏书12万册，电子期刊数据库3个。",
      practiceOriented: true,
      practicalSites: [{ name: "威海船厂", isPartner: true, description: "船舶焊接实训" }],
    },
    pastProjects: [{ year: 2025, title: "海洋装备新技术高级研修班", participants: 120 }],
    attachments: [{ fileId: "a".repeat(64), name: "营业执照.pdf", kind: "资质证明" }],
    ...overrides,
  };
}

function givenApplication(form: ApplicationForm | null, status: ApplicationView["status"] = "submitted"): ApplicationView {
  return {
    id: "01950000-0000-7000-8000-000000000001",
    status,
    version: 3,
    applicantOrgId: "org-1",
    applicantOrgName: "威海职业学院",
    supervisorOrgId: "org-2",
    supervisorOrgName: "威海市教育局",
    form,
    missing: [],
    history: [],
    availableActions: [],
    submittedAt: status === "draft" ? null : "2026-11-02T01:00:00.000Z",
    createdAt: "2026-10-01T01:00:00.000Z",
    updatedAt: "2026-11-02T01:00:00.000Z",
    notice: null,
    baseId: null,
  };
}

const base: BaseView = {
  id: "base-1",
  name: "威海市海洋装备专业技术人员继续教育基地",
  hostOrgId: "org-1",
  hostOrgName: "威海职业学院",
  supervisorOrgId: "org-2",
  supervisorOrgName: "威海市教育局",
  applicationId: "app-1",
  decisionNo: "威人社发〔2026〕12号",
  decisionDate: "2026-12-14",
  plaqueSerial: "WHJD-2026-001",
  specialtyFields: ["船舶与海洋工程"],
  district: "环翠区",
  status: "active",
  verifyUrl: "https://cebase.example.cn/verify/base-1",
  address: null,
  contactName: null,
  contactPhone: null,
  legalRepresentative: null,
  formerNames: [],
  commendedYear: null,
  goodPractice: null,
  revokedAt: null,
  revocationDecisionNo: null,
  revocationReason: null,
  revocationBasis: null,
};

// Set CEBASE_PDF_SAMPLES=/some/dir to keep the rendered files for a look.
function keep(name: string, bytes: Uint8Array): void {
  const dir = process.env.CEBASE_PDF_SAMPLES;
  if (dir) fs.writeFileSync(path.join(dir, name), bytes);
}

describe("application form PDF (申报表)", () => {
  it("renders a complete form with the Chinese font embedded", async () => {
    const bytes = await renderApplicationPdf(givenApplication(givenForm()), meta);
    keep("application-complete.pdf", bytes);
    const pdf = await inspectPdf(bytes);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
    expect(pdf.fontPrograms).toBeGreaterThanOrEqual(1);
    expect(pdf.title).toBe("威海市专业技术人员继续教育基地申报表");
    const text = pdf.pages.join("\n");
    for (const expected of [
      "威海市专业技术人员继续教育基地申报表",
      "威海职业学院",
      "威海市教育局",
      "船舶与海洋工程、海洋装备制造",
      "一、基本情况",
      "二、师资队伍（第四条（一））",
      "专（兼）职教师共 8 人，其中专职 2 人、兼职 6 人。",
      "三、管理机构及人员（第四条（二））",
      "四、管理制度（第四条（二））",
      "培训效果评估制度",
      "五、经费保障（第四条（三））",
      "¥1,200.00",
      "六、教学场所与设施（第四条（三））",
      "七、已举办培训项目（第四条（四））",
      "海洋装备新技术高级研修班",
      "八、附件清单",
      "申报单位（盖章）",
      "主管部门（盖章）",
      "打印时间：2026年12月14日 10:30",
      `第 1 页 共 ${pdf.pageCount} 页`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("草稿");
  });

  it("renders a nearly empty draft without printing undefined", async () => {
    const bytes = await renderApplicationPdf(givenApplication({ basics: { baseName: "草拟基地" } }, "draft"), meta);
    keep("application-draft.pdf", bytes);
    const pdf = await inspectPdf(bytes);
    const text = pdf.pages.join("\n");
    expect(text).toContain("草拟基地");
    expect(text).toContain("填报日期：　　年　　月　　日");
    expect(text).toContain("草稿");
    expect(text).not.toMatch(/undefined|null|NaN|\ufffd/);
  });

  it("renders a form the viewer may not see (form null)", async () => {
    const pdf = await inspectPdf(await renderApplicationPdf(givenApplication(null), meta));
    expect(pdf.pages.join("\n")).not.toMatch(/undefined|null|NaN/);
  });

  it("runs a table of 60 teachers over more pages than 8 teachers take", async () => {
    const short = await inspectPdf(await renderApplicationPdf(givenApplication(givenForm()), meta));
    const bytes = await renderApplicationPdf(givenApplication(givenForm({ teachers: Array.from({ length: 60 }, (_, i) => teacher(i + 1)) })), meta);
    keep("application-60-teachers.pdf", bytes);
    const long = await inspectPdf(bytes);
    expect(long.pageCount).toBeGreaterThan(1);
    expect(long.pageCount).toBeGreaterThan(short.pageCount);
    const text = long.pages.join("\n");
    expect(text).toContain("教师60");
    // the table's header row is printed again on the page it continues onto
    expect(long.pages.filter((p) => p.includes("专兼职")).length).toBeGreaterThan(1);
  });

  it("splits a very long text over pages instead of losing it", async () => {
    const introduction = Array.from({ length: 250 }, (_, i) => `第${i + 1}句。`).join("").slice(0, 2000);
    const bytes = await renderApplicationPdf(givenApplication(givenForm({ basics: { ...givenForm().basics, introduction } })), meta);
    const pdf = await inspectPdf(bytes);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    expect(pdf.pages.join("").replace(/\n/g, "")).toContain(introduction);
  });
});

describe("plaque PDF (匾牌)", () => {
  it("renders one landscape page with the QR code as its one image", async () => {
    const bytes = await renderPlaquePdf(base, plaqueMeta);
    keep("plaque.pdf", bytes);
    const pdf = await inspectPdf(bytes);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.images).toBe(1);
    expect(pdf.fontPrograms).toBeGreaterThanOrEqual(1);
    for (const expected of [
      "威海市专业技术人员继续教育基地",
      "威海市海洋装备专业技术人员继续教育基地",
      "威海职业学院",
      "威人社发〔2026〕12号",
      "2026年12月14日",
      "WHJD-2026-001",
      "扫码核验",
      "威海市人力资源和社会保障局",
    ]) {
      expect(pdf.pages[0]).toContain(expected);
    }
  });

  it("renders a base with a long name and empty optional texts", async () => {
    const bytes = await renderPlaquePdf({ ...base, name: "威海市海洋装备与智能制造产业".repeat(5), hostOrgName: "", decisionDate: "" }, plaqueMeta);
    keep("plaque-long-name.pdf", bytes);
    expect((await inspectPdf(bytes)).pageCount).toBe(1);
  });
});

describe("the embedded font", () => {
  it("has a glyph for every fixed text these documents print", async () => {
    const fixed =
      "威海市专业技术人员继续教育基地申报表匾牌人力资源和社会保障局〔〕号¥，。、：；（）一二三四五六七八九" +
      "申报单位基地名称主管部门所在区市联系人电话电子邮箱地址专业领域简介师资队伍专兼职称管理机构负责人职务岗位" +
      "制度教学学员考核培训登记经费后勤保障效果评估主要内容年度来源场所设施面积平方米座位数设备图书资料实践性" +
      "合作自有说明已举办项目附件清单类别文件校验码审核意见盖章承诺真实准确完整如有不实愿承担相应责任推荐" +
      "建设批准文号日期编扫码核验第页共填报打印时间草稿" +
      JSON.stringify(givenForm()) +
      JSON.stringify(base);
    expect(await missingGlyphs(fixed)).toEqual([]);
  });

  it("names the characters it cannot draw", async () => {
    expect(await missingGlyphs("威海\u{2A6D6}")).toEqual(["\u{2A6D6}"]);
  });
});
