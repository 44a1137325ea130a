// The printable sign-in sheet of a session (签到表, 第十七条) drawn from plain facts, so it can be built in a
// document worker thread (issue 10 item 5); signin-sheet.ts reads those facts from the database.
import { chineseDate, createDocument, GRAY, PageFlow, stampPageNumbers } from "../../platform/pdf.js";

const METHOD_NAMES: Record<string, string> = { qr: "扫码", manual: "补签", import: "签到表" };

/** An instant as HH:MM in Asia/Shanghai. */
export const clockTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

export interface SignInSheetPrint {
  project: { title: string; filingNo: string | null; baseName: string; venue: string };
  session: { seq: number; title: string; hours: number; date: string; startTime: string; endTime: string; teacher: string };
  rows: { name: string; idNumber: string; employer: string; checkIn: { checkedInAt: string; method: string } | null }[];
  printedAt: string;
}

export async function renderSignInSheetPdf({ project: p, session: s, rows, printedAt }: SignInSheetPrint): Promise<Uint8Array> {
  const kit = await createDocument({ title: `签到表 · ${p.title}`, subject: `${p.baseName} · ${s.date}` });
  const flow = new PageFlow(kit, undefined, { top: 56, right: 48, bottom: 64, left: 48 });
  flow.text("培训签到表", { font: kit.boldFont, size: 18, align: "center" });
  flow.gap(8);
  const facts: [string, string][] = [
    ["培训项目", p.title],
    ["备案号", p.filingNo ?? "（未备案）"],
    ["举办基地", p.baseName],
    ["课程", `第 ${s.seq + 1} 次课：${s.title}（${s.hours} 学时）`],
    ["时间", `${chineseDate(s.date)} ${s.startTime}—${s.endTime}`],
    ["授课教师", s.teacher],
    ["地点", p.venue],
  ];
  for (const [k, v] of facts) flow.text(`${k}：${v}`, { font: kit.font, size: 10.5, leading: 1.6 });
  flow.gap(6);
  const checkedIn = rows.filter((r) => r.checkIn).length;
  flow.text(`应到 ${rows.length} 人，已签到 ${checkedIn} 人。未签到人员请在“本人签名”栏签字。`, { font: kit.font, size: 9.5, color: GRAY });
  flow.gap(6);
  flow.table(
    [
      { title: "序号", weight: 0.6, align: "center" },
      { title: "姓名", weight: 1.2 },
      { title: "身份证号码", weight: 2 },
      { title: "工作单位", weight: 2.6 },
      { title: "签到时间", weight: 1.4, align: "center" },
      { title: "本人签名", weight: 1.6 },
    ],
    rows.map((r, i) => [String(i + 1), r.name, r.idNumber, r.employer, r.checkIn ? `${clockTime(r.checkIn.checkedInAt)} ${METHOD_NAMES[r.checkIn.method]}` : "", ""]),
    { size: 10, emptyRows: 10 },
  );
  flow.gap(24);
  flow.text(`经办人（签字）：____________\u3000\u3000\u3000\u3000打印时间：${chineseDate(printedAt)} ${clockTime(printedAt)}`, { font: kit.font, size: 10.5 });
  stampPageNumbers(kit);
  return kit.doc.save();
}
