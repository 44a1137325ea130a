// The printed pieces of a project's archive (第十七条 培训通知、课程设置): the training notice as filed
// and the curriculum. The sign-in sheets are the printable ones of signin-sheet.ts.
import type { ProjectRecord } from "../filing/projects.js";
import { chineseDate, createDocument, formatFen, GRAY, PageFlow, stampPageNumbers, type PdfKit } from "../../platform/pdf.js";

const SUBJECT_NAMES: Record<string, string> = { general: "公需科目", professional: "专业科目" };
const MODE_NAMES: Record<string, string> = { offline: "线下", online: "线上", blended: "线上线下结合" };
const hoursText = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

function heading(flow: PageFlow, title: string, subtitle: string): void {
  flow.text(title, { font: flow.kit.boldFont, size: 18, align: "center", leading: 1.6 });
  flow.text(subtitle, { font: flow.kit.font, size: 10, align: "center", color: GRAY });
  flow.gap(10);
}

function pairs(flow: PageFlow, rows: [string, string][]): void {
  for (const [label, value] of rows) {
    flow.row([{ text: label, width: 96, align: "center", shade: true }, { text: value, width: flow.width - 96 }], { minHeight: 24 });
  }
}

async function finish(kit: PdfKit): Promise<Uint8Array> {
  stampPageNumbers(kit);
  return kit.doc.save();
}

/** 培训通知: the project as it was filed. */
export async function renderNoticePdf(p: ProjectRecord): Promise<Uint8Array> {
  const kit = await createDocument({ title: `培训通知 · ${p.title}`, subject: p.filingNo ?? "" });
  const flow = new PageFlow(kit);
  heading(flow, `关于举办“${p.title}”的通知`, `${p.base.name}\u3000备案号：${p.filingNo ?? "未备案"}`);
  pairs(flow, [
    ["项目名称", p.title],
    ["举办基地", p.base.name],
    ["备案号", p.filingNo ?? "未备案"],
    ["备案方式", p.adHoc ? "一事一报" : "年度培训计划"],
    ["科目类型", SUBJECT_NAMES[p.subjectType] ?? p.subjectType],
    ["专业方向", p.specialty],
    ["培训时间", `${chineseDate(p.startDate)}至${chineseDate(p.endDate)}`],
    ["培训学时", `${hoursText(p.hours)} 学时`],
    ["培训方式", MODE_NAMES[p.mode] ?? p.mode],
    ["培训地点", p.venue],
    ["招收人数", `${p.capacity} 人`],
    ["收费标准", p.feeFen > 0 ? `${formatFen(p.feeFen)}/人` : "免费"],
    ["授课教师", p.teachers.map((t) => [t.name, t.title, t.org].filter(Boolean).join("，")).join("；")],
  ]);
  flow.gap(12);
  flow.text("培训说明", { font: kit.boldFont, size: 12, leading: 1.8 });
  flow.text(p.description.trim() || "（未填写）", { font: kit.font, size: 11, leading: 1.7 });
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

