// The printed documents of accreditation (第四条, 第五条): the filled application form (申报表) that the
// applicant seals and its supervising department signs, and the plaque certificate (匾牌) of a published base.
// Renderers take plain data; the caller reads the city name and issuer from the policy in force.
import { degrees, rgb, type PDFPage } from "pdf-lib";
import { SYSTEM_KEYS, type ApplicationForm, type ApplicationView, type BaseView, type SystemKey } from "../../../shared/accreditation.js";
import { shanghaiDateTime } from "../../platform/format.js";
import { A4_LANDSCAPE, BLACK, chineseDate, createDocument, drawLines, formatFen, GRAY, PageFlow, qrPng, SHADE, stampPageNumbers, wrapText, type PdfKit } from "../../platform/pdf.js";

const SYSTEM_LABELS: Record<SystemKey, string> = {
  teaching: "教学管理制度",
  assessment: "学员考核管理制度",
  registration: "培训登记管理制度",
  funding: "培训经费管理制度",
  logistics: "后勤保障管理制度",
  evaluation: "培训效果评估制度",
};

const DRAFT_STATUSES = new Set(["draft", "returned"]);
const BODY = 10.5;
const LABEL_WIDTH = 84;
const yesNo = (b: boolean | undefined) => (b === undefined ? "" : b ? "是" : "否");
const fullTime = (b: boolean) => (b ? "专职" : "兼职");
const numbered = <T>(items: T[] | undefined, cells: (item: T) => string[]) => (items ?? []).map((item, i) => [String(i + 1), ...cells(item)]);

export async function renderApplicationPdf(app: ApplicationView, meta: { cityName: string; printedAt: string }): Promise<Uint8Array> {
  const title = `${meta.cityName}专业技术人员继续教育基地申报表`;
  const form: ApplicationForm = app.form ?? {};
  const kit = await createDocument({ title, subject: [app.applicantOrgName, form.basics?.baseName].filter(Boolean).join(" · ") });
  const flow = new PageFlow(kit);

  flow.text(title, { font: kit.boldFont, size: 20, align: "center", leading: 1.6 });
  flow.gap(4);
  const filedOn = chineseDate(app.submittedAt) || "　　年　　月　　日";
  const printedAt = `${chineseDate(meta.printedAt)} ${shanghaiDateTime(meta.printedAt).slice(11)}`;
  const stamp = ["填报日期：" + filedOn, "打印时间：" + printedAt].join("　　");
  flow.text(stamp, { font: kit.font, size: 9, align: "right", color: GRAY });
  flow.gap(6);
  headerBlock(flow, app, form);
  sections(flow, form);
  signatureBlock(flow);

  if (DRAFT_STATUSES.has(app.status)) watermark(kit, "草稿");
  stampPageNumbers(kit);
  return kit.doc.save();
}

/** label | value, or label | value | label | value: the grid at the head of the form. */
function pairs(flow: PageFlow, items: [string, string | undefined][]): void {
  const value = (items.length === 1 ? flow.width : flow.width / 2) - LABEL_WIDTH;
  flow.row(
    items.flatMap(([label, text]) => [
      { text: label, width: LABEL_WIDTH, align: "center" as const, shade: true },
      { text: text ?? "", width: value },
    ]),
    { size: BODY, minHeight: 26 },
  );
}

function headerBlock(flow: PageFlow, app: ApplicationView, form: ApplicationForm): void {
  const b = form.basics ?? {};
  pairs(flow, [["申报单位", app.applicantOrgName]]);
  pairs(flow, [["基地名称", b.baseName]]);
  pairs(flow, [["主管部门", app.supervisorOrgName], ["所在区市", b.district]]);
  pairs(flow, [["联系人", b.contactName], ["联系电话", b.contactPhone]]);
  pairs(flow, [["电子邮箱", b.email]]);
  pairs(flow, [["地址", b.address]]);
  pairs(flow, [["专业领域", (b.specialtyFields ?? []).filter((f) => f.trim()).join("、")]]);
}

function heading(flow: PageFlow, text: string): void {
  flow.gap(10);
  flow.keep(90); // a heading never stands alone at the foot of a page
  flow.text(text, { font: flow.kit.boldFont, size: 12, leading: 1.8 });
}

/** A box of free text that prints as room to write in when empty. */
function textBox(flow: PageFlow, text: string | undefined, minHeight = 90): void {
  flow.row([{ text: text ?? "", width: flow.width }], { size: BODY, minHeight: text?.trim() ? 26 : minHeight, padding: 6 });
}

function sections(flow: PageFlow, form: ApplicationForm): void {
  const { kit } = flow;
  heading(flow, "一、基本情况");
  flow.text("基地简介（机构性质、办学条件、培训能力等）：", { font: kit.font, size: BODY });
  textBox(flow, form.basics?.introduction, 160);

  heading(flow, "二、师资队伍（第四条（一））");
  const teachers = form.teachers ?? [];
  const fullTimers = teachers.filter((t) => t.fullTime).length;
  const count = (n: number) => (teachers.length ? String(n) : "____");
  flow.text(`专（兼）职教师共 ${count(teachers.length)} 人，其中专职 ${count(fullTimers)} 人、兼职 ${count(teachers.length - fullTimers)} 人。`, { font: kit.font, size: BODY });
  flow.table(
    [{ title: "序号", weight: 0.6, align: "center" }, { title: "姓名", weight: 1.3 }, { title: "专兼职", weight: 0.9, align: "center" }, { title: "职称", weight: 1.7 }, { title: "专业", weight: 2.2 }],
    numbered(form.teachers, (t) => [t.name, fullTime(t.fullTime), t.title, t.specialty]),
    { emptyRows: 5 },
  );

  heading(flow, "三、管理机构及人员（第四条（二））");
  pairs(flow, [["管理机构", form.management?.bodyName], ["负责人", form.management?.headName]]);
  flow.gap(6);
  flow.table(
    [{ title: "序号", weight: 0.6, align: "center" }, { title: "姓名", weight: 1.5 }, { title: "职务/岗位", weight: 2.6 }, { title: "专兼职", weight: 1, align: "center" }],
    numbered(form.management?.staff, (s) => [s.name, s.duty, fullTime(s.fullTime)]),
    { emptyRows: 3 },
  );

  heading(flow, "四、管理制度（第四条（二））");
  flow.table(
    [{ title: "序号", weight: 0.6, align: "center" }, { title: "制度名称", weight: 1.7 }, { title: "主要内容", weight: 4.9 }],
    SYSTEM_KEYS.map((k, i) => [String(i + 1), SYSTEM_LABELS[k], form.systems?.[k] ?? ""]),
  );

  heading(flow, "五、经费保障（第四条（三））");
  pairs(flow, [["年度培训经费", formatFen(form.funding?.annualBudgetFen)]]);
  pairs(flow, [["经费来源", form.funding?.source]]);

  facilitiesSection(flow, form);

  heading(flow, "七、已举办培训项目（第四条（四））");
  flow.table(
    [{ title: "序号", weight: 0.6, align: "center" }, { title: "年度", weight: 0.9, align: "center" }, { title: "项目名称", weight: 4.2 }, { title: "培训人数", weight: 1.1, align: "right" }],
    numbered(form.pastProjects, (p) => [String(p.year), p.title, String(p.participants)]),
    { emptyRows: 3 },
  );

  heading(flow, "八、附件清单");
  flow.table(
    [{ title: "序号", weight: 0.6, align: "center" }, { title: "附件名称", weight: 3.6 }, { title: "类别", weight: 1.3 }, { title: "文件校验码", weight: 1.6, align: "center" }],
    // the first 16 hex digits of the file's sha256 let a reader match paper to upload
    numbered(form.attachments, (a) => [a.name, a.kind ?? "", a.fileId.slice(0, 16)]),
    { emptyRows: 3 },
  );
}

function facilitiesSection(flow: PageFlow, form: ApplicationForm): void {
  const f = form.facilities ?? {};
  heading(flow, "六、教学场所与设施（第四条（三））");
  flow.table(
    [{ title: "序号", weight: 0.6, align: "center" }, { title: "教学场所", weight: 3.4 }, { title: "面积（平方米）", weight: 1.4, align: "right" }, { title: "座位数", weight: 1.1, align: "right" }],
    numbered(f.venues, (v) => [v.name, String(v.areaSqm), String(v.seats)]),
    { emptyRows: 2 },
  );
  flow.gap(6);
  pairs(flow, [["教学设备", f.equipment]]);
  pairs(flow, [["图书资料", f.library]]);
  pairs(flow, [["实践性领域", yesNo(f.practiceOriented)]]);
  if (f.practiceOriented || f.practicalSites?.length) {
    flow.gap(6);
    flow.table(
      [{ title: "序号", weight: 0.6, align: "center" }, { title: "实训场所或合作单位", weight: 2.4 }, { title: "性质", weight: 0.9, align: "center" }, { title: "说明", weight: 2.6 }],
      numbered(f.practicalSites, (s) => [s.name, s.isPartner ? "合作单位" : "自有", s.description]),
      { emptyRows: 2 },
    );
  }
}

/** 申报单位（盖章） and 主管部门推荐意见: boxes the people sign and seal on paper. */
function signatureBlock(flow: PageFlow): void {
  const { kit } = flow;
  const box = (label: string, statement: string, sealLine: string) => {
    const height = 150;
    flow.keep(height);
    const { page, y, left, width } = flow;
    page.drawRectangle({ x: left, y: y - height, width: LABEL_WIDTH, height, borderWidth: 0.6, color: SHADE, borderColor: BLACK });
    page.drawRectangle({ x: left + LABEL_WIDTH, y: y - height, width: width - LABEL_WIDTH, height, borderWidth: 0.6, borderColor: BLACK });
    const labelLines = wrapText(label, kit.font, BODY, 2 * BODY);
    drawLines(page, labelLines, { x: left, top: y - (height - labelLines.length * BODY * 1.5) / 2, width: LABEL_WIDTH, align: "center" }, { font: kit.font, size: BODY });
    const inner = { x: left + LABEL_WIDTH + 10, width: width - LABEL_WIDTH - 30 };
    drawLines(page, wrapText(statement, kit.font, BODY, inner.width), { ...inner, top: y - 10 }, { font: kit.font, size: BODY });
    // the seal line and the date below it start at one x, flush with the right of the box
    const sealWidth = kit.font.widthOfTextAtSize(sealLine, BODY) + BODY;
    drawLines(page, [sealLine, "　年　　月　　日"], { x: inner.x + inner.width - sealWidth, top: y - height + 46, width: sealWidth }, { font: kit.font, size: BODY, leading: 1.8 });
    flow.y -= height;
  };
  flow.gap(14);
  box("申报单位意见", "本单位承诺：以上所填内容及所附材料真实、准确、完整，如有不实，愿承担相应责任。", "申报单位（盖章）");
  box("主管部门推荐意见", "", "主管部门（盖章）");
}

function watermark(kit: PdfKit, text: string): void {
  for (const page of kit.doc.getPages()) {
    const { width, height } = page.getSize();
    const size = 120;
    const w = kit.boldFont.widthOfTextAtSize(text, size);
    // centred along a 35° diagonal
    const a = (35 * Math.PI) / 180;
    const x = width / 2 - (w / 2) * Math.cos(a) + (size / 3) * Math.sin(a);
    const y = height / 2 - (w / 2) * Math.sin(a) - (size / 3) * Math.cos(a);
    page.drawText(text, { x, y, size, font: kit.boldFont, color: rgb(0.75, 0.75, 0.75), opacity: 0.25, rotate: degrees(35) });
  }
}

// ---- 匾牌 ----

const RED = rgb(0.6, 0.08, 0.08);
const GOLD = rgb(0.72, 0.56, 0.25);

export async function renderPlaquePdf(base: BaseView, meta: { cityName: string; issuer: string }): Promise<Uint8Array> {
  const title = `${meta.cityName}专业技术人员继续教育基地`;
  const kit = await createDocument({ title: `${title}匾牌 · ${base.name}`, subject: base.plaqueSerial });
  const page = kit.doc.addPage(A4_LANDSCAPE);
  const [W, H] = A4_LANDSCAPE;
  border(page, W, H);

  const centred = (text: string, top: number, size: number, opts: { bold?: boolean; color?: typeof RED; maxWidth?: number } = {}) => {
    const font = opts.bold ? kit.boldFont : kit.font;
    const maxWidth = opts.maxWidth ?? W - 160;
    // a long name shrinks rather than running into the border
    let s = size;
    while (s > size * 0.6 && wrapText(text, font, s, maxWidth).length > 2) s -= 1;
    return drawLines(page, wrapText(text, font, s, maxWidth), { x: (W - maxWidth) / 2, top, width: maxWidth, align: "center" }, { font, size: s, color: opts.color, leading: 1.35 });
  };

  centred(title, H - 92, 36, { bold: true, color: RED });
  ornamentRule(page, W / 2, H - 160);
  const below = centred(base.name, H - 186, 26, { bold: true, maxWidth: W - 220 });

  const rows: [string, string][] = [
    ["建设单位", base.hostOrgName],
    ["批准文号", base.decisionNo],
    ["批准日期", chineseDate(base.decisionDate)],
    // 第二十七条: a plaque reissued after a change of name says when
    ...(base.formerNames?.length ? [["换发日期", chineseDate(base.formerNames[0].validTo)] as [string, string]] : []),
    ["编　　号", base.plaqueSerial],
  ];
  const size = 15;
  const labelWidth = 90;
  // the block is as wide as its longest line, and centred, so short values do not leave it lopsided
  const valueWidth = Math.min(520, Math.max(200, ...rows.map(([, v]) => kit.font.widthOfTextAtSize(v, size) + 2)));
  const x = (W - labelWidth - valueWidth) / 2;
  let top = Math.min(below - 28, H - 290);
  for (const [label, value] of rows) {
    const style = { font: kit.font, size, leading: 1.7 };
    drawLines(page, [`${label}：`], { x, top, width: labelWidth }, { ...style, color: GRAY });
    top = drawLines(page, wrapText(value, kit.font, size, valueWidth), { x: x + labelWidth, top, width: valueWidth }, style);
  }

  const qr = await kit.doc.embedPng(await qrPng(base.verifyUrl));
  const qrSize = 84;
  page.drawImage(qr, { x: 78, y: 82, width: qrSize, height: qrSize });
  drawLines(page, ["扫码核验"], { x: 78, top: 80, width: qrSize, align: "center" }, { font: kit.font, size: 10, color: GRAY });

  drawLines(page, [meta.issuer], { x: W / 2, top: 132, width: W / 2 - 90, align: "right" }, { font: kit.boldFont, size: 17 });
  return kit.doc.save();
}

function border(page: PDFPage, W: number, H: number): void {
  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: RED, borderWidth: 5 });
  page.drawRectangle({ x: 28, y: 28, width: W - 56, height: H - 56, borderColor: GOLD, borderWidth: 1.2 });
  // an L-shaped fret in each inner corner
  for (const [cx, cy, dx, dy] of [[36, 36, 1, 1], [W - 36, 36, -1, 1], [36, H - 36, 1, -1], [W - 36, H - 36, -1, -1]]) {
    for (const inset of [0, 6]) {
      const x = cx + dx * inset;
      const y = cy + dy * inset;
      page.drawLine({ start: { x, y }, end: { x: x + dx * (40 - inset), y }, thickness: 1, color: GOLD });
      page.drawLine({ start: { x, y }, end: { x, y: y + dy * (40 - inset) }, thickness: 1, color: GOLD });
    }
    page.drawRectangle({ x: cx + dx * 12 - 3, y: cy + dy * 12 - 3, width: 6, height: 6, color: RED });
  }
}

function ornamentRule(page: PDFPage, cx: number, y: number): void {
  page.drawLine({ start: { x: cx - 190, y }, end: { x: cx - 12, y }, thickness: 1, color: GOLD });
  page.drawLine({ start: { x: cx + 12, y }, end: { x: cx + 190, y }, thickness: 1, color: GOLD });
  // a square turned 45° about its lower corner: a diamond centred on the rule
  page.drawRectangle({ x: cx, y: y - 4.5 * Math.SQRT2, width: 9, height: 9, color: RED, rotate: degrees(45) });
}
