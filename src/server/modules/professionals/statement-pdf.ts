// The printed hours statement (学时证明): A4, embedded Chinese font, every counted entry of the year,
// the totals against the requirement, and at the foot of every page the verification block (QR code to
// the public check, verification code, issuer, issue date), so any one page can be checked on its own.
import type { PDFImage, PDFPage } from "pdf-lib";
import { A4, chineseDate, createDocument, drawLines, GRAY, PageFlow, qrPng, stampPageNumbers, wrapText, type PdfKit } from "../../platform/pdf.js";
import type { StatementPayload } from "./statements.js";

const SOURCE_NAMES: Record<string, string> = {
  project: "基地培训",
  degree: "学历（学位）教育",
  conference: "学术会议",
  research: "科研项目",
  publication: "论文著作",
  online: "网络培训",
};
const SUBJECT_NAMES: Record<string, string> = { general: "公需科目", professional: "专业科目" };
const SHORTFALL_NAMES: Record<string, string> = { total: "总学时", general: "公需科目", professional: "专业科目" };
const BODY = 10.5;
/** The verification block at each page's foot sits between the page number (below) and the content (above). */
const QR_SIZE = 58;
const FOOT_TOP = 128;
const MARGIN = { top: 64, right: 56, bottom: FOOT_TOP + 14, left: 56 };
const hours = (n: number) => String(Math.round(n * 10) / 10);

export async function renderHoursStatementPdf(s: StatementPayload, meta: { cityName: string; issuer: string; verifyUrl: string }): Promise<Uint8Array> {
  const title = "专业技术人员继续教育学时证明";
  const kit = await createDocument({ title: `${title} · ${s.year} · ${s.code}`, subject: `${meta.cityName} ${s.year} 年度` });
  const flow = new PageFlow(kit, A4, MARGIN);

  flow.text(title, { font: kit.boldFont, size: 20, align: "center", leading: 1.6 });
  flow.text(`（${s.year} 年度）`, { font: kit.font, size: 12, align: "center" });
  flow.gap(12);
  flow.text(`兹证明 ${s.holderName}（身份证号码 ${s.holderIdNumberMasked}）${s.year} 年度参加继续教育、取得学时情况如下：`, { font: kit.font, size: 12, leading: 1.8 });
  flow.gap(8);

  flow.table(
    [
      { title: "序号", weight: 6, align: "center" },
      { title: "学习内容", weight: 29 },
      { title: "形式", weight: 12, align: "center" },
      { title: "科目", weight: 10, align: "center" },
      { title: "学时", weight: 7, align: "center" },
      { title: "日期", weight: 12, align: "center" },
      { title: "举办基地 / 证书编号\n佐证材料", weight: 24 },
    ],
    s.entries.map((e, i) => [
      String(i + 1),
      e.title,
      SOURCE_NAMES[e.source] ?? e.source,
      SUBJECT_NAMES[e.subjectType] ?? e.subjectType,
      hours(e.hours),
      e.earnedOn,
      provenance(e),
    ]),
    { size: 9.5, emptyRows: 1 },
  );
  flow.gap(14);

  // 人社部令第25号 第八条: yearly total and the professional share; the general minimum is Shandong practice.
  flow.table(
    [
      { title: "科目类别", weight: 1, align: "center" },
      { title: "已取得学时", weight: 1, align: "center" },
      { title: "年度要求学时", weight: 1, align: "center" },
    ],
    [
      ["公需科目", hours(s.generalHours), `不少于 ${hours(s.requiredGeneralHours)}`],
      ["专业科目", hours(s.professionalHours), `不少于 ${hours(s.requiredProfessionalHours)}`],
      ["合计", hours(s.totalHours), `不少于 ${hours(s.requiredHours)}`],
    ],
    { size: BODY },
  );
  const verdict = s.compliant
    ? `${s.year} 年度继续教育学时已达到规定要求。`
    : `${s.year} 年度继续教育学时未达到规定要求，尚差：${s.shortfalls.map((f) => `${SHORTFALL_NAMES[f.kind]} ${hours(f.hours)} 学时`).join("，")}。`;
  // the verdict and the issuer's signature stay on one page: a signature alone on a last page says nothing
  flow.keep(10 + wrapText(verdict, kit.boldFont, 12, flow.width).length * 12 * 1.8 + 16 + 13 * 1.5 + 12 * 1.5);
  flow.gap(10);
  flow.text(verdict, { font: kit.boldFont, size: 12, leading: 1.8 });
  flow.gap(16);
  flow.text(meta.issuer, { font: kit.boldFont, size: 13, align: "right" });
  flow.text(chineseDate(s.issuedAt), { font: kit.font, size: 12, align: "right" });

  const qr = await kit.doc.embedPng(await qrPng(meta.verifyUrl));
  for (const page of kit.doc.getPages()) verificationBlock(kit, page, s, meta, qr);
  stampPageNumbers(kit);
  return kit.doc.save();
}

/**
 * Where the hours come from. A base's course: the base and the certificate. Declared hours (人社部令第25号
 * 第十条, accepted by the bureau): the form they took and the evidence they were accepted on.
 */
function provenance(e: StatementPayload["entries"][number]): string {
  if (e.source === "project") return [e.baseName, e.certificateSerial].filter(Boolean).join("\n") || "基地培训";
  const form = `个人申报·${SOURCE_NAMES[e.source] ?? e.source}`;
  // Statements issued before the evidence was printed carry no name: the form alone, never a blank cell.
  if (e.evidenceName === undefined) return form;
  return `${form}\n佐证材料：${e.evidenceName ?? "未附"}`;
}

/** The foot of one page: the QR code, the verification code, the issuer and the date, and how to check. */
function verificationBlock(kit: PdfKit, page: PDFPage, s: StatementPayload, meta: { issuer: string; verifyUrl: string }, qr: PDFImage): void {
  const { width: W } = page.getSize();
  const left = MARGIN.left;
  const width = W - MARGIN.left - MARGIN.right;
  page.drawLine({ start: { x: left, y: FOOT_TOP + 4 }, end: { x: left + width, y: FOOT_TOP + 4 }, thickness: 0.5, color: GRAY });
  page.drawImage(qr, { x: left, y: FOOT_TOP - 4 - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
  const x = left + QR_SIZE + 12;
  const textWidth = width - QR_SIZE - 12;
  let y = drawLines(page, [`验证码：${s.code}`], { x, top: FOOT_TOP - 2, width: textWidth }, { font: kit.boldFont, size: 11 });
  y = drawLines(page, [`出具单位：${meta.issuer}\u3000出具日期：${chineseDate(s.issuedAt)}`], { x, top: y, width: textWidth }, { font: kit.font, size: 9.5 });
  const how = [`扫描左侧二维码或访问以下网址核验本证明的真伪：${meta.verifyUrl}`, `签名算法 Ed25519，密钥标识 ${s.keyId}`].flatMap((l) => wrapText(l, kit.font, 8, textWidth));
  drawLines(page, how, { x, top: y, width: textWidth }, { font: kit.font, size: 8, color: GRAY, leading: 1.4 });
}
