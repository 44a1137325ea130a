// Weihai's rule parameters as the measures and the national rules set them: the baseline policy
// version, in force from the day the measures took effect (第二十九条: 2019-12-18).
import type { PolicyParams } from "../../../shared/api.js";

export const BASELINE_EFFECTIVE_FROM = "2019-12-18";

/**
 * Parameters added after versions were first recorded, and what a version recorded without them means:
 * the platform's behaviour before they existed (the check-in window: half an hour either side).
 */
export const CHECK_IN_WINDOW_DEFAULTS = { checkInOpensMinutesBefore: 30, checkInClosesMinutesAfter: 30 } as const satisfies Partial<PolicyParams>;

/** A stored version's parameters with the later parameters it lacks at their defaults. */
export const withLaterDefaults = (p: PolicyParams): PolicyParams => ({ ...CHECK_IN_WINDOW_DEFAULTS, ...p });

export const WEIHAI_POLICY: PolicyParams = {
  cityName: "威海市",
  docPrefix: "威人社发",
  noticeDays: 5, // 第五条（三）: 公示应不少于5天
  filingLeadWorkdays: 5, // 第十六条: 开班前5个工作日网上备案
  annualPlanDue: "12-31", // 第十六条: 每年12月底前报下一年度计划
  yearlyHours: 90, // 人社部令第25号 第八条: 每年累计不少于90学时
  professionalShare: 2 / 3, // 人社部令第25号 第八条: 专业科目一般不少于总学时的三分之二
  generalMinHours: 30, // Shandong practice: 公需科目不少于30学时
  maxHoursPerDay: 8,
  completionAttendance: 1,
  // 第十七条: a session's check-in code is accepted from 30 minutes before it starts to 30 after it ends
  checkInOpensMinutesBefore: CHECK_IN_WINDOW_DEFAULTS.checkInOpensMinutesBefore,
  checkInClosesMinutesAfter: CHECK_IN_WINDOW_DEFAULTS.checkInClosesMinutesAfter,
  // 第四条 (一)–(四): the conditions the expert panel scores (第五条（三）)
  reviewCriteria: [
    { key: "teachers", label: "师资队伍", weight: 25, max: 100 },
    { key: "management", label: "管理机构与制度", weight: 20, max: 100 },
    { key: "facilities", label: "经费保障与教学设施", weight: 20, max: 100 },
    { key: "experience", label: "培训经验与规模", weight: 25, max: 100 },
    { key: "leadership", label: "示范引领作用", weight: 10, max: 100 },
  ],
  validUntil: "2024-12-17", // 第二十九条: 自2019年12月18日起施行，有效期至2024年12月17日
};
