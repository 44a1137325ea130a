// The printed completion certificate (结业证书, 第十七条): A4 landscape with the embedded Chinese font,
// every signed fact, the serial, a QR code to the public verification page, the signing key's id and
// a fingerprint of the signature. A revoked certificate prints 已撤销 across the page and why.
import { degrees, rgb, type PDFPage } from "pdf-lib";
import type { CertificateContent, CertificateView } from "../../../shared/delivery.js";
import { A4_LANDSCAPE, chineseDate, createDocument, drawLines, GRAY, qrPng, wrapText, type PdfKit } from "../../platform/pdf.js";

const RED = rgb(0.6, 0.08, 0.08);
const GOLD = rgb(0.72, 0.56, 0.25);
const SUBJECT_NAMES = { general: "公需科目", professional: "专业科目" } as const;

export interface CertificatePrint {
  certificate: CertificateView;
  keyId: string;
  fingerprint: string;
  cityName: string;
}

const hoursText = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** 2025年6月16日 for a one-day course, 2025年6月16日至2025年6月17日 for a longer one. */
export const courseDates = (start: string, end: string) => (start === end ? chineseDate(start) : `${chineseDate(start)}至${chineseDate(end)}`);

/**
 * 第十七条: what the person did to complete. Decided by attendance (every certificate the platform
 * issues, and those issued before the basis was recorded) → 完成规定学时; by an assessment → 经考核合格.
 */
export const completionWords = (basis: CertificateContent["completionBasis"]) => (basis === "assessment" ? "经考核合格" : "完成规定学时");

export async function renderCertificatePdf({ certificate, keyId, fingerprint, cityName }: CertificatePrint): Promise<Uint8Array> {
  const c = certificate.content;
  const kit = await createDocument({ title: `结业证书 ${certificate.serial}`, subject: `${c.holderName} · ${c.projectTitle}` });
  const page = kit.doc.addPage(A4_LANDSCAPE);
  const [W, H] = A4_LANDSCAPE;
  frame(page, W, H);

  const centred = (text: string, top: number, size: number, bold = false, color = RED) =>
    drawLines(page, [text], { x: 0, top, width: W, align: "center" }, { font: bold ? kit.boldFont : kit.font, size, color });
  centred(`${cityName}专业技术人员继续教育`, H - 78, 18, true);
  centred("结 业 证 书", H - 108, 38, true);

  const body =
    `${c.holderName}（身份证号 ${c.holderIdNumberMasked || "—"}）于${courseDates(c.startDate, c.endDate)}参加${c.baseName}` +
    `举办的“${c.projectTitle}”培训（${SUBJECT_NAMES[c.subjectType] ?? c.subjectType}，${hoursText(c.hours)} 学时），${completionWords(c.completionBasis)}，准予结业。`;
  const textWidth = W - 220;
  let y = drawLines(page, wrapText(body, kit.font, 17, textWidth), { x: 110, top: H - 190, width: textWidth }, { font: kit.font, size: 17, leading: 1.9 });

  const facts: [string, string][] = [
    ["证书编号", certificate.serial],
    ["项目备案号", c.filingNo],
    ["发证日期", chineseDate(c.issuedOn)],
  ];
  y -= 14;
  for (const [label, value] of facts) {
    drawLines(page, [`${label}：`], { x: 110, top: y, width: 96 }, { font: kit.font, size: 13, color: GRAY });
    y = drawLines(page, [value], { x: 206, top: y, width: 360 }, { font: kit.font, size: 13 });
  }

  // the verification block: QR to the public page, the key that signed and the signature's fingerprint
  const qr = await kit.doc.embedPng(await qrPng(certificate.verifyUrl));
  const qrSize = 92;
  page.drawImage(qr, { x: 74, y: 70, width: qrSize, height: qrSize });
  drawLines(page, ["扫码核验真伪"], { x: 74, top: 68, width: qrSize, align: "center" }, { font: kit.font, size: 9, color: GRAY });
  drawLines(
    page,
    [`核验网址：${certificate.verifyUrl}`, `签名算法 Ed25519\u3000密钥标识 ${keyId}`, `签名指纹 ${fingerprint}`],
    { x: 178, top: 142, width: 420 },
    { font: kit.font, size: 8.5, color: GRAY, leading: 1.6 },
  );

  drawLines(page, [c.baseName, chineseDate(c.issuedOn)], { x: W / 2, top: 168, width: W / 2 - 92, align: "right" }, { font: kit.boldFont, size: 16, leading: 1.8 });

  if (certificate.status === "revoked") revokedStamp(page, kit, W, H, certificate, y - 10);
  return kit.doc.save();
}

/** 已撤销 across the page, and the date and reason under the facts. */
function revokedStamp(page: PDFPage, kit: PdfKit, W: number, H: number, certificate: CertificateView, top: number): void {
  const text = "已撤销";
  const size = 130;
  const w = kit.boldFont.widthOfTextAtSize(text, size);
  const a = (30 * Math.PI) / 180;
  page.drawText(text, { x: W / 2 - (w / 2) * Math.cos(a), y: H / 2 - (w / 2) * Math.sin(a) - 20, size, font: kit.boldFont, color: RED, opacity: 0.45, rotate: degrees(30) });
  const why = `本证书已于${chineseDate(certificate.revokedAt)}撤销，不再有效。撤销原因：${certificate.revokedReason ?? ""}`;
  drawLines(page, wrapText(why, kit.boldFont, 12, W - 220), { x: 110, top, width: W - 220 }, { font: kit.boldFont, size: 12, color: RED });
}

function frame(page: PDFPage, W: number, H: number): void {
  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: RED, borderWidth: 4 });
  page.drawRectangle({ x: 28, y: 28, width: W - 56, height: H - 56, borderColor: GOLD, borderWidth: 1.2 });
}
