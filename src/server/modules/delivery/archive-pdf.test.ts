// The archive's 培训通知 in prose (issue 11 item 13): the variants a course's own facts decide — a fee or
// none, one day or several, a title that already names its 班, a base with no contact on file.
import { describe, expect, it } from "vitest";
import type { ProjectRecord } from "../filing/projects.js";
import { inspectPdf } from "../../platform/pdf.js";
import { noticeTitle, renderNoticePdf, type NoticeFacts } from "./archive-pdf.js";

const project = {
  id: "p1",
  title: "海洋装备焊接新工艺研修班",
  subjectType: "general",
  specialty: "公需科目",
  startDate: "2026-06-16",
  endDate: "2026-06-16",
  hours: 6,
  mode: "online",
  venue: "线上直播",
  capacity: 40,
  feeFen: 12000,
  teachers: [],
  sessions: [],
  description: "解读数字经济政策。",
  filingNo: "威继备〔2026〕12号",
  adHoc: false,
  filedAt: "2026-05-20T02:00:00.000Z",
  createdAt: "2026-05-01T00:00:00.000Z",
  base: { name: "威海职业学院继续教育基地" },
} as unknown as ProjectRecord;
const facts: NoticeFacts = { cityName: "威海市", address: null, contactName: null, contactPhone: null, enrolUrl: "https://cebase.example/public/trainings/p1" };

const textOf = async (p: ProjectRecord, n = facts) => (await inspectPdf(await renderNoticePdf(p, n))).pages.join("").replace(/\s+/g, "");

describe("the training notice", () => {
  it("does not double 培训班 when the title already names its class", () => {
    expect(noticeTitle("海洋装备焊接新工艺研修班")).toBe("关于举办《海洋装备焊接新工艺研修班》的通知");
    expect(noticeTitle("智能制造专题培训")).toBe("关于举办《智能制造专题培训》培训班的通知");
  });

  it("prints a one-day, fee-charging general course: one date, the fee per person, everyone as audience", async () => {
    const text = await textOf(project);
    expect(text).toContain("关于举办《海洋装备焊接新工艺研修班》的通知");
    expect(text).toContain("定于2026年6月16日举办");
    expect(text).not.toContain("2026年6月16日至");
    expect(text).toContain("二、培训对象全市各类专业技术人员");
    expect(text).toContain("本期培训为公需科目，共计6学时");
    expect(text).toContain("五、收费标准每人¥120.00");
    expect(text).toContain("培训方式：线上");
    // no contact on file: the platform is the way to reach the base, never a blank
    expect(text).toContain("七、联系方式请通过威海市专业技术人员继续教育平台联系威海职业学院继续教育基地");
    expect(text).toMatch(/威海职业学院继续教育基地2026年5月20日/);
  });
});
