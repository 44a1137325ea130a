// The printed pieces of a project's archive (第十七条 培训通知、课程设置): the training notice, in prose
// as a base publishes it, and the curriculum. The sign-in sheets are the printable ones of signin-sheet.ts.
import type { ProjectRecord } from "../filing/projects.js";
import { courseDates } from "./certificate-pdf.js";
import { chineseDate, createDocument, formatFen, GRAY, PageFlow, stampPageNumbers, wrapText, type PdfKit } from "../../platform/pdf.js";

const SUBJECT_NAMES: Record<string, string> = { general: "公需科目", professional: "专业科目" };
const MODE_NAMES: Record<string, string> = { offline: "线下", online: "线上", blended: "线上线下结合" };
const hoursText = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

function heading(flow: PageFlow, title: string, subtitle: string): void {
  flow.text(title, { font: flow.kit.boldFont, size: 18, align: "center", leading: 1.6 });
  flow.text(subtitle, { font: flow.kit.font, size: 10, align: "center", color: GRAY });
  flow.gap(10);
}

async function finish(kit: PdfKit): Promise<Uint8Array> {
  stampPageNumbers(kit);
  return kit.doc.save();
}

/** What the notice prints beyond the project: the base's address and contact, where to enrol, the city. */
export interface NoticeFacts {
  cityName: string;
  address: string | null;
  /** masked as the public sees them (bases/service.ts): the notice is the public face of the course */
  contactName: string | null;
  contactPhone: string | null;
  /** the course's public page, where a professional enrols */
  enrolUrl: string;
}

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 关于举办《…》培训班的通知; a title that already names its 班 is not doubled. */
export const noticeTitle = (title: string) => (title.endsWith("班") ? `关于举办《${title}》的通知` : `关于举办《${title}》培训班的通知`);

/**
 * 培训通知 (第十七条 建档): the notice of the course in prose, as a base publishes it — title, purpose,
 * audience, dates and place, subject and hours, fee, how to enrol, contact, issuer and date — every
 * value from the filed project.
 */
export async function renderNoticePdf(p: ProjectRecord, n: NoticeFacts): Promise<Uint8Array> {
  const kit = await createDocument({ title: `培训通知 · ${p.title}`, subject: p.filingNo ?? "" });
  const flow = new PageFlow(kit);
  const body = { font: kit.font, size: 12, leading: 1.7 };
  const paragraph = (text: string) => flow.text(text, body);
  let section = 0;
  const part = (title: string, ...texts: string[]) => {
    flow.text(`${CHINESE_NUMBERS[section++]}、${title}`, { font: kit.boldFont, size: 12, leading: 1.7 });
    for (const t of texts) paragraph(t);
  };
  const subject = SUBJECT_NAMES[p.subjectType] ?? p.subjectType;
  const dates = courseDates(p.startDate, p.endDate);
  const sessionsHours = p.sessions.reduce((sum, s) => sum + s.hours, 0);

  flow.text(noticeTitle(p.title), { font: kit.boldFont, size: 18, align: "center", leading: 1.6 });
  flow.text(p.filingNo ? `备案号：${p.filingNo}` : "（未备案）", { font: kit.font, size: 10, align: "center", color: GRAY });
  flow.gap(14);
  flow.text("各有关单位、广大专业技术人员：", body);
  paragraph(
    `为贯彻落实《专业技术人员继续教育规定》，进一步提升专业技术人员${p.specialty ? `在${p.specialty}领域的` : "的"}专业水平和创新能力，` +
      `${p.base.name}定于${dates}举办《${p.title}》${p.title.endsWith("班") ? "" : "培训班"}` +
      `${p.filingNo ? `（${p.adHoc ? "一事一报" : "已列入年度培训计划"}，备案号：${p.filingNo}）` : ""}。现将有关事项通知如下：`,
  );
  part("培训目的和内容", p.description.trim() || "（未填写培训说明）");
  part(
    "培训对象",
    `${p.subjectType === "general" ? `全市各类专业技术人员` : `全市从事${p.specialty || "相关专业"}工作的专业技术人员`}。本期培训计划招收 ${p.capacity} 人，额满为止。`,
  );
  const teachers = p.teachers.map((t) => [t.name, t.title, t.org].filter(Boolean).join("，")).join("；");
  part(
    "培训时间和地点",
    `培训时间：${dates}，共 ${p.sessions.length} 次课程（具体安排见《课程设置》）。`,
    `培训方式：${MODE_NAMES[p.mode] ?? p.mode}。培训地点：${p.venue || "另行通知"}。`,
    ...(teachers ? [`授课教师：${teachers}。`] : []),
  );
  part(
    "培训科目和学时",
    `本期培训为${subject}，共计 ${hoursText(p.hours)} 学时${Math.abs(sessionsHours - p.hours) > 0.001 && p.sessions.length ? `（课程合计 ${hoursText(sessionsHours)} 学时）` : ""}。` +
      `学员按规定参加培训并达到出勤要求的，由${p.base.name}颁发结业证书，所获学时计入本人继续教育学习档案。`,
  );
  part("收费标准", p.feeFen > 0 ? `每人 ${formatFen(p.feeFen)}。` : "本期培训免费，不向学员收取任何费用。");
  part(
    "报名方式",
    `请登录${n.cityName}专业技术人员继续教育平台，在“培训项目”中找到本培训班在线报名（${n.enrolUrl}）。`,
    // enrollments.ts: enrolment stays open up to the course's last day; a place can be given up only before class start.
    `报名截止时间：${chineseDate(p.endDate)}，额满为止。开班（${chineseDate(p.startDate)}）后不能取消报名，请于开班前报名并按时参加。`,
  );
  const contact = [n.contactName && `联系人：${n.contactName}`, n.contactPhone && `联系电话：${n.contactPhone}`, n.address && `地址：${n.address}`].filter(Boolean);
  const contactText = contact.length ? `${contact.join("；")}。` : `请通过${n.cityName}专业技术人员继续教育平台联系${p.base.name}。`;
  // the last part and the issuer's signature stay on one page: a signature alone on a page says nothing
  flow.keep((1 + wrapText(contactText, kit.font, 12, flow.width).length) * 12 * 1.7 + 24 + 13 * 1.8 + 12 * 1.8);
  part("联系方式", contactText);

  flow.gap(24);
  flow.text(p.base.name, { font: kit.boldFont, size: 13, align: "right", leading: 1.8 });
  flow.text(chineseDate(p.filedAt ?? p.createdAt), { font: kit.font, size: 12, align: "right", leading: 1.8 });
  return finish(kit);
}

/** 课程设置: every session with its teacher and hours. */
export async function renderCurriculumPdf(p: ProjectRecord): Promise<Uint8Array> {
  const kit = await createDocument({ title: `课程设置 · ${p.title}`, subject: p.filingNo ?? "" });
  const flow = new PageFlow(kit);
  const total = p.sessions.reduce((n, s) => n + s.hours, 0);
  heading(flow, "课程设置", `${p.title}\u3000共 ${p.sessions.length} 次课程，${hoursText(total)} 学时`);
  flow.table(
    [
      { title: "序号", weight: 0.6, align: "center" },
      { title: "日期", weight: 1.4, align: "center" },
      { title: "时间", weight: 1.3, align: "center" },
      { title: "课程内容", weight: 3.2 },
      { title: "授课教师", weight: 1.3 },
      { title: "学时", weight: 0.7, align: "right" },
    ],
    p.sessions.map((s, i) => [String(i + 1), s.date, `${s.startTime}-${s.endTime}`, s.title, s.teacher, hoursText(s.hours)]),
  );
  return finish(kit);
}

