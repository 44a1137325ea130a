// Demo 通知公告 (issue 12 item 6): two announcements of the bureau, one to all bases about next year's
// plans (第十六条) and one to the public about the year's training, published through the service.
import { addDays } from "../platform/calendar.js";
import type { Platform } from "../platform/context.js";
import { publishAnnouncement } from "../modules/announcements/service.js";
import { policyAt } from "../modules/policy/service.js";
import { actorOf, clockAt } from "./clock.js";

export async function loadDemoAnnouncements(p: Platform): Promise<void> {
  const bureau = await actorOf(p, "bureau");
  const today = p.clock.today();
  const year = Number(today.slice(0, 4));
  const { params } = await policyAt(p.db, today);
  const city = params.cityName;
  const at = (day: string) => ({ ...p, clock: clockAt(day, p.clock), actor: bureau, ip: null });
  await publishAnnouncement(at(addDays(today, -12)), {
    title: `关于做好${year}年度专业技术人员继续教育培训信息公开工作的公告`,
    body: [
      "各有关单位、广大专业技术人员：",
      `根据《${city}专业技术人员继续教育基地管理办法》，全市继续教育基地${year}年度已备案的培训项目均在本平台“培训日历”公开，包括举办基地、培训时间、地点、学时和收费标准。`,
      "未经备案的培训项目不得以继续教育基地名义举办，所发证书不作为继续教育学时登记依据。发现乱办班、乱收费、乱发证行为的，欢迎向市人力资源和社会保障局反映。",
      "特此公告。",
    ].join("\n\n"),
    audience: "public",
  });
  await publishAnnouncement(at(addDays(today, -5)), {
    title: `关于报送${year + 1}年度培训计划及${year}年度执行情况总结的通知`,
    body: [
      "各继续教育基地：",
      `根据《${city}专业技术人员继续教育基地管理办法》第十六条，请于${year}年12月31日前通过本平台报送${year + 1}年度培训计划，同时报送${year}年度计划执行情况总结，经管理单位审核后报市人力资源和社会保障局备案。`,
      "培训计划须列明项目名称、项目类别、科目类型、计划时间、学时、人数和收费标准。逾期报送的，平台将予以标注。",
      "请各基地确认阅读本通知。",
    ].join("\n\n"),
    audience: "all_bases",
  });
}
