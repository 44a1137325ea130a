// The printed hours statement (学时证明): A4, embedded Chinese font, every counted entry of the year,
// the totals against the requirement, and the verification code with a QR code to the public check.
import { chineseDate, createDocument, drawLines, GRAY, PageFlow, qrPng, stampPageNumbers, wrapText } from "../../platform/pdf.js";
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
const hours = (n: number) => String(Math.round(n * 10) / 10);

export async function renderHoursStatementPdf(s: StatementPayload, meta: { cityName: string; issuer: string; verifyUrl: string }): Promise<Uint8Array> {
  const title = "专业技术人员继续教育学时证明";
  const kit = await createDocument({ title: `${title} · ${s.year} · ${s.code}`, subject: `${meta.cityName} ${s.year} 年度` });
  const flow = new PageFlow(kit);

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
      { title: "举办基地 / 证书编号", weight: 24 },
    ],
    s.entries.map((e, i) => [
      String(i + 1),
      e.title,
      SOURCE_NAMES[e.source] ?? e.source,
      SUBJECT_NAMES[e.subjectType] ?? e.subjectType,
      hours(e.hours),
      e.earnedOn,
      [e.baseName, e.certificateSerial].filter(Boolean).join("\n"),
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
  flow.gap(10);
  const verdict = s.compliant
    ? `${s.year} 年度继续教育学时已达到规定要求。`
    : `${s.year} 年度继续教育学时未达到规定要求，尚差：${s.shortfalls.map((f) => `${SHORTFALL_NAMES[f.kind]} ${hours(f.hours)} 学时`).join("，")}。`;
  flow.text(verdict, { font: kit.boldFont, size: 12, leading: 1.8 });
  flow.gap(16);

  verificationBlock(flow, s, meta.verifyUrl, await kit.doc.embedPng(await qrPng(meta.verifyUrl)));
  flow.gap(12);
  flow.text(meta.issuer, { font: kit.boldFont, size: 13, align: "right" });
  flow.text(chineseDate(s.issuedAt), { font: kit.font, size: 12, align: "right" });

  stampPageNumbers(kit);
  return kit.doc.save();
}

function verificationBlock(flow: PageFlow, s: StatementPayload, url: string, qr: Awaited<ReturnType<PageFlow["kit"]["doc"]["embedPng"]>>): void {
  const size = 92;
  flow.keep(size + 8);
  const top = flow.y;
  flow.page.drawImage(qr, { x: flow.left, y: top - size, width: size, height: size });
  const x = flow.left + size + 14;
  const width = flow.width - size - 14;
  const lines = [`验证码：${s.code}`, `扫描左侧二维码或访问以下网址核验本证明的真伪：`, url, `签名算法 Ed25519，密钥标识 ${s.keyId}`];
  let y = drawLines(flow.page, [lines[0]], { x, top: top - 4, width }, { font: flow.kit.boldFont, size: 13 });
  const small = lines.slice(1).flatMap((l) => wrapText(l, flow.kit.font, 9.5, width));
  y = drawLines(flow.page, small, { x, top: y - 2, width }, { font: flow.kit.font, size: 9.5, color: GRAY });
  flow.y = Math.min(top - size, y);
}
