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
  INSPECTION_NOT_EDITABLE: { status: 409, zh: "检查考核已报送，不能再修改评分", en: "The inspection has been submitted; its scores can no longer change" },
  INSPECTION_YEAR_INVALID: { status: 422, zh: "只能检查考核 {minYear}—{maxYear} 年度", en: "Only the years {minYear}–{maxYear} can be inspected" },
  CRITERION_UNKNOWN: { status: 422, zh: "检查考核方案中没有指标“{criterion}”", en: "The scheme has no criterion \"{criterion}\"" },
  FILE_NOT_ATTACHABLE: { status: 422, zh: "只能附上本人上传的文件", en: "Only files you uploaded can be attached" },
  // ---- comprehensive review and spot checks (第十九条) ----
  // details.what: "bases" | "inspectors"; whatZh / whatEn name it in each language.
  SPOT_CHECK_TOO_MANY: { status: 422, zh: "抽取{whatZh}数量 {count} 超过符合条件的候选数量 {candidates}", en: "Cannot draw {count} {whatEn} from {candidates} eligible candidates" },
  SPOT_CHECK_NO_CANDIDATES: { status: 422, zh: "没有符合条件的{whatZh}可供抽取", en: "There are no eligible {whatEn} to draw from" },
  SPOT_CHECK_COUNT_REQUIRED: { status: 422, zh: "双随机抽查须至少抽取 1 个基地和每个基地 1 名检查人员", en: "A spot check draws at least one base and one inspector per base" },
  OUTCOMES_INCOMPLETE: { status: 422, zh: "还有 {count} 个基地未确定结果", en: "{count} bases have no outcome yet" },
  OUTCOME_DETAILS_REQUIRED: { status: 422, zh: "请填写{fieldZh}", en: "Give the {fieldEn}" },
  SPOT_CHECK_CONCLUDED: { status: 409, zh: "本次评估已办结，结果不能再修改", en: "This review is concluded; its outcomes can no longer change" },
  // ---- rectification and revocation (第十三条, 第十九条, 第二十条) ----
  DEADLINE_INVALID: { status: 422, zh: "整改期限须晚于今天（{today}）", en: "The deadline must be after today ({today})" },
  RECTIFICATION_OPEN: { status: 409, zh: "该基地已有未完成的整改通知", en: "The base already has an open rectification order" },
  ITEMS_REQUIRED: { status: 422, zh: "请至少填写一项整改内容", en: "Give at least one item to rectify" },
  REPORT_INCOMPLETE: { status: 422, zh: "还有 {count} 项整改内容未报告", en: "{count} items have no report yet" },
  BASE_REVOKED: { status: 409, zh: "该基地已撤销", en: "This base has been revoked" },
  BASE_NOT_ACTIVE_FOR_ENROLMENT: { status: 422, zh: "该基地已撤销，不能报名其培训项目", en: "This base has been revoked; its training cannot be enrolled in" },
  RECTIFICATION_ITEM_UNKNOWN: { status: 422, zh: "整改通知中没有编号为 {keys} 的整改内容", en: "The order has no item {keys}" },
  // ---- violations and dishonesty records (第二十条) ----
  VIOLATION_ALREADY_DECIDED: { status: 409, zh: "该违规记录已处理", en: "This violation has already been decided" },
  VIOLATION_PROJECT_MISMATCH: { status: 422, zh: "所选培训项目不属于该基地", en: "The training project chosen is not one of this base's" },
  NO_VALID_CERTIFICATES: { status: 409, zh: "该培训项目没有可撤销的有效证书", en: "This training project has no valid certificates to revoke" },
  // ---- change reports (第二十七条) ----
  CHANGES_REQUIRED: { status: 422, zh: "请至少填写一项变更内容", en: "Give at least one change" },
  CHANGE_REPORT_PENDING: { status: 409, zh: "该基地已有未办结的变更报告（待确认或待补充材料），请先办理或撤回该报告", en: "The base already has an open change report (waiting for the bureau or for more material): finish or withdraw it first" },
  UNKNOWN_SUPERVISOR: { status: 422, zh: "所选管理单位不存在或不能作为管理单位", en: "No such supervising unit" },
  // ---- risk flags (issue 12 item 4) ----
  RISK_FLAG_CLOSED: { status: 409, zh: "该风险提示已处理（{status}）", en: "This risk flag has already been dealt with ({status})" },
  // ---- the base's own staff (第十五条) ----
  STAFF_ROLE_ONLY: { status: 422, zh: "基地只能为本单位开设基地工作人员账号", en: "A base may create base staff accounts of its own organization only" },
} as const satisfies Record<string, ErrorSpec>;
