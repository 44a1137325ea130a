// Error codes of supervision (第十三–十五条, 第十八–二十条, 第二十七条, 第二十九条), merged into ERROR_CODES.
// Each area keeps its own block.
import type { ErrorSpec } from "./errors.js";

export const SUPERVISION_ERROR_CODES = {
  // ---- inspections and schemes (第十八条) ----
  INSPECTION_EXISTS: { status: 409, zh: "该基地 {year} 年度的检查考核已存在", en: "The base already has an inspection for {year}" },
  SCHEME_INVALID: { status: 422, zh: "检查考核方案不符合要求：{reason}", en: "The inspection scheme is invalid: {reason}" },
  SCORES_INCOMPLETE: { status: 422, zh: "还有 {count} 项指标未评分：{missing}", en: "{count} criteria are not scored yet: {missing}" },
  SCORE_OUT_OF_RANGE: { status: 422, zh: "指标“{criterion}”的得分须在 0 到 {max} 之间", en: "The score of \"{criterion}\" must be between 0 and {max}" },
  ANSWER_WINDOW_CLOSED: { status: 422, zh: "申辩期限已于 {answerDue} 届满", en: "The time to answer ended on {answerDue}" },
  ANSWER_WINDOW_OPEN: { status: 422, zh: "基地申辩期限至 {answerDue}，届满或基地申辩后才能确定结果", en: "The base may answer until {answerDue}; finalize after that or after its answer" },
  // ---- comprehensive review and spot checks (第十九条) ----
  SPOT_CHECK_TOO_MANY: { status: 422, zh: "抽取数量 {count} 超过候选数量 {candidates}", en: "Cannot draw {count} from {candidates} candidates" },
  SPOT_CHECK_NO_CANDIDATES: { status: 422, zh: "没有符合条件的{what}可供抽取", en: "There are no eligible {what} to draw from" },
  OUTCOMES_INCOMPLETE: { status: 422, zh: "还有 {count} 个基地未确定结果", en: "{count} bases have no outcome yet" },
  // ---- rectification and revocation (第十三条, 第十九条, 第二十条) ----
  DEADLINE_INVALID: { status: 422, zh: "整改期限须晚于今天（{today}）", en: "The deadline must be after today ({today})" },
  RECTIFICATION_OPEN: { status: 409, zh: "该基地已有未完成的整改通知", en: "The base already has an open rectification order" },
  ITEMS_REQUIRED: { status: 422, zh: "请至少填写一项整改内容", en: "Give at least one item to rectify" },
  REPORT_INCOMPLETE: { status: 422, zh: "还有 {count} 项整改内容未报告", en: "{count} items have no report yet" },
  BASE_REVOKED: { status: 409, zh: "该基地已撤销", en: "This base has been revoked" },
  BASE_NOT_ACTIVE_FOR_ENROLMENT: { status: 422, zh: "该基地已撤销，不能报名其培训项目", en: "This base has been revoked; its training cannot be enrolled in" },
  // ---- violations and dishonesty records (第二十条) ----
  VIOLATION_ALREADY_DECIDED: { status: 409, zh: "该违规记录已处理", en: "This violation has already been decided" },
  // ---- change reports (第二十七条) ----
  CHANGES_REQUIRED: { status: 422, zh: "请至少填写一项变更内容", en: "Give at least one change" },
  CHANGE_REPORT_PENDING: { status: 409, zh: "该基地已有待确认的变更报告", en: "The base already has a change report waiting" },
  UNKNOWN_SUPERVISOR: { status: 422, zh: "所选管理单位不存在或不能作为管理单位", en: "No such supervising unit" },
  // ---- the base's own staff (第十五条) ----
  STAFF_ROLE_ONLY: { status: 422, zh: "基地只能为本单位开设基地工作人员账号", en: "A base may create base staff accounts of its own organization only" },
} as const satisfies Record<string, ErrorSpec>;
