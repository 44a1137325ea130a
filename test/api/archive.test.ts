// 建档 (第十七条): a project's archive names what is there and what is missing — notice, curriculum,
// sign-in records, certificates, evaluation — and downloads as one ZIP of PDFs and Excel files.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPdf } from "../../src/server/platform/pdf.js";
import { dialects, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, ok, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedIn, givenProfessionals, startDeliveryServer, type Learner } from "../support/delivery.js";
import { COURSE_END, COURSE_START, completeCourse, enrolSelf, givenCourse, offeredName, unzip } from "../support/completion.js";

describe.each(dialects)("project archive on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let other: TestBase;
  let course: any;
  let people: Learner[];
  const url = (path: string) => `/api/v1/training-projects/${course.id}${path}`;
  const itemsOf = async () => Object.fromEntries(ok(await home.staff.get(url("/archive"))).items.map((i: any) => [i.key, i]));

  beforeAll(async () => {
    s = await startDeliveryServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
    other = await givenActiveBase(c, "base2");
    course = await givenCourse(c, home);
    people = await givenProfessionals(s, 2);
    for (const p of people) await enrolSelf(p.client, course.id);
  });
  afterAll(() => s.close());

  it("names what a filed course's archive still lacks", async () => {
    const archive = ok(await home.staff.get(url("/archive")));
    expect(archive.complete).toBe(false);
    expect(archive.items.map((i: any) => [i.key, i.complete])).toEqual([
      ["notice", true],
      ["curriculum", true],
      ["signIn", false],
      ["certificates", false],
      ["evaluation", false],
    ]);
    const items = await itemsOf();
    expect(items.notice.detail).toContain(course.filingNo);
    expect(items.curriculum.detail).toBe("共 4 次课程，12 学时");
    expect(items.signIn.detail).toContain(`第 1 次课程（${COURSE_START} 专题讲座）`);
    expect(items.signIn.files).toHaveLength(4);
    expect(items.certificates.detail).toBe("尚未办理结业，未发放结业证书");
    home.staff.lang = "en-US";
    try {
      expect((await itemsOf()).evaluation.detail).toBe("No survey responses yet");
    } finally {
      home.staff.lang = "zh-CN";
    }
  });

  it("shows the archive to the base, its supervising unit and the bureau only", async () => {
    ok(await home.supervisor.get(url("/archive")));
    ok(await c.bureau.get(url("/archive")));
    expectError(await other.staff.get(url("/archive")), 404, "NOT_FOUND");
    expectError(await other.supervisor.get(url("/archive.zip")), 404, "NOT_FOUND");
    expectError(await people[0].client.get(url("/archive")), 403, "FORBIDDEN");
    expectError(await home.staff.get("/api/v1/training-projects/0190aaaa-0000-7000-8000-000000000000/archive"), 404, "NOT_FOUND");
  });

  it("is complete once every session has sign-ins, completion is decided and the survey has answers", async () => {
    await setToday(c, COURSE_START);
    for (const session of course.sessions.slice(0, 2)) await givenCheckedIn(home.staff, course.id, session.id, people);
    ok(await people[0].client.post(url("/survey-responses"), { answers: { content: 5, teachers: 5, organization: 4, usefulness: 5, overall: 5, comments: "很有收获" } }), 201);
    await setToday(c, COURSE_END);
    for (const session of course.sessions.slice(2)) await givenCheckedIn(home.staff, course.id, session.id, [people[0]]);
    await completeCourse(c, home, course.id);
    const archive = ok(await home.staff.get(url("/archive")));
    expect(archive.items.map((i: any) => [i.key, i.complete])).toEqual([
      ["notice", true],
      ["curriculum", true],
      ["signIn", true],
      ["certificates", true],
      ["evaluation", true],
    ]);
    expect(archive.complete).toBe(true);
    const items = await itemsOf();
    expect(items.certificates.detail).toBe("已办理结业：结业 1 人，发放证书 1 份");
    expect(items.evaluation.detail).toBe("收回评估问卷 1 份");
  });

  it("downloads the whole archive as one ZIP of PDFs and Excel files", async () => {
    const res = await home.staff.get(url("/archive.zip"));
    expect(offeredName(res)).toBe(`培训档案-${course.filingNo}-${course.title}.zip`);
    const zip = await unzip(res);
    const [cert] = ok(await home.staff.get(url("/certificates"))).items;
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort();
    const archive = ok(await home.staff.get(url("/archive")));
    expect(names).toEqual(archive.items.flatMap((i: any) => i.files).sort());
    expect(names).toContain(`04-结业证书/${cert.serial}.pdf`);
    expect(names.filter((n) => n.startsWith("03-签到表/"))).toHaveLength(4);

    const pdf = async (name: string) => inspectPdf(await zip.file(name)!.async("uint8array"));
    expect((await pdf("01-培训通知.pdf")).pages.join("\n")).toContain(course.filingNo);
    expect((await pdf("02-课程设置.pdf")).pages.join("\n")).toContain("王海燕");

    // 培训通知: a notice in prose, every part from the filed project and its base
    const notice = (await pdf("01-培训通知.pdf")).pages.join("").replace(/\s+/g, "");
    for (const part of [
      `关于举办《${course.title}》培训班的通知`,
      `备案号：${course.filingNo}`,
      "各有关单位、广大专业技术人员：",
      `${home.name}定于2026年12月14日至2026年12月15日举办《${course.title}》培训班`,
      "一、培训目的和内容面向全市专业技术人员的专题培训。",
      "二、培训对象全市从事智能制造工作的专业技术人员。本期培训计划招收60人，额满为止。",
      "培训时间：2026年12月14日至2026年12月15日，共4次课程",
      "培训地点：威海市环翠区文化中路88号实训楼301",
      "本期培训为专业科目，共计12学时",
      "五、收费标准本期培训免费",
      "六、报名方式请登录威海市专业技术人员继续教育平台",
      `/public/trainings/${course.id}`,
      "报名截止时间：2026年12月15日",
      "联系人：张海涛",
      "联系电话：13806310004",
    ]) {
      expect(notice).toContain(part.replace(/\s+/g, ""));
    }
    // the whole contact, for people to call (the archive is the base's, its supervisor's and the bureau's);
    // no table of fields
    expect(notice).not.toContain("138****0004");
    expect(notice).not.toContain("项目名称");
    expect(notice.endsWith(`${home.name}2026年11月2日`) || notice.includes(`${home.name}2026年11月2日第1页`)).toBe(true);
    const certificate = await pdf(`04-结业证书/${cert.serial}.pdf`);
    expect(certificate.pages[0]).toContain(cert.serial);
    expect(certificate.fontPrograms).toBeGreaterThan(0);
    const sheet = await pdf(names.find((n) => n.startsWith("03-签到表/第04次"))!);
    expect(sheet.pages.join("\n")).toContain(people[0].name);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await zip.file("04-结业证书/结业证书登记表.xlsx")!.async("nodebuffer")) as any);
    const register = book.worksheets[0];
    expect(register.getRow(2).getCell(1).value).toBe(cert.serial);
    expect(register.getRow(2).getCell(2).value).toBe(people[0].name);
    expect(register.getRow(2).getCell(7).value).toBe("有效");
    const evaluation = new ExcelJS.Workbook();
    await evaluation.xlsx.load((await zip.file("05-培训效果评估汇总.xlsx")!.async("nodebuffer")) as any);
    expect(evaluation.worksheets.map((w) => w.name)).toEqual(["评估汇总", "意见和建议", "说明"]);
    // one answer: too few to list its comment (issue 11: survey privacy)
    expect(evaluation.worksheets[1].rowCount).toBe(1);
    expect(evaluation.worksheets[2].getSheetValues().flat()).toContain("样本不足（少于3人作答），不予列出");
  });
});
