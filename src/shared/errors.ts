// One table from error code to HTTP status and to its zh-CN / en-US message (DESIGN.md "API conventions").
// Messages may name details as {key}; the server fills them from DomainError.details.
import { SUPERVISION_ERROR_CODES } from "./supervision-errors.js";
import { ANNOUNCEMENT_ERROR_CODES } from "./announcement-errors.js";

export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: "提交的数据不符合要求", en: "The request data is invalid" },
  MALFORMED_JSON: { status: 400, zh: "请求内容不是合法的 JSON", en: "The request body is not valid JSON" },
  BAD_REQUEST: { status: 400, zh: "请求无法处理", en: "The request cannot be processed" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: "不支持的内容类型", en: "Unsupported content type" },
  PAYLOAD_TOO_LARGE: { status: 413, zh: "提交的内容过大", en: "The request body is too large" },
  // issue 10 ("Tests that stay", fuzzing): what Node and the router refuse before a route runs has the shape too
  BAD_URL: { status: 400, zh: "请求地址无效", en: "The request URL is invalid" },
  URI_TOO_LONG: { status: 414, zh: "请求地址过长", en: "The request URL is too long" },
  HEADERS_TOO_LARGE: { status: 431, zh: "请求头过大", en: "The request headers are too large" },
  REQUEST_TIMEOUT: { status: 408, zh: "请求超时", en: "The request timed out" },
  UNAUTHENTICATED: { status: 401, zh: "请先登录", en: "Please sign in" },
  SESSION_EXPIRED: { status: 401, zh: "长时间未操作，会话已过期，请重新登录", en: "Your session expired; please sign in again" },
  INVALID_CREDENTIALS: { status: 401, zh: "用户名或密码错误", en: "Wrong username or password" },
  ACCOUNT_LOCKED: {
    status: 403,
    zh: "连续登录失败次数过多，账号已锁定，请于 {lockedUntil} 后再试",
    en: "Too many failed sign-ins; the account is locked until {lockedUntil}",
  },
  ACCOUNT_DISABLED: { status: 403, zh: "账号已停用，请联系管理员", en: "This account is disabled; contact the administrator" },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: "请先修改初始密码", en: "Please change your initial password first" },
  CSRF_TOKEN_INVALID: { status: 403, zh: "安全令牌无效，请刷新页面后重试", en: "Invalid security token; reload the page and try again" },
  FORBIDDEN: { status: 403, zh: "无权执行此操作", en: "You may not do this" },
  NOT_FOUND: { status: 404, zh: "未找到该记录", en: "Not found" },
  ROUTE_NOT_FOUND: { status: 404, zh: "请求的接口不存在", en: "No such endpoint" },
  METHOD_NOT_ALLOWED: { status: 405, zh: "该接口不支持此请求方法（{method}），支持：{allow}", en: "This endpoint does not take {method}; it takes {allow}" },
  VERSION_CONFLICT: { status: 409, zh: "记录已被他人修改，请刷新后重试", en: "Someone else changed this record; reload and try again" },
  USERNAME_TAKEN: { status: 409, zh: "用户名已被使用", en: "That username is taken" },
  ID_NUMBER_TAKEN: { status: 409, zh: "该身份证号码已登记在其他账号下", en: "That ID number belongs to another account" },
  ID_NUMBER_ON_STAFF_ACCOUNT: {
    status: 409,
    zh: "该身份证号码属于平台的一个工作人员账号，不能登记为专业技术人员；本人如需参训，请联系市人社局为其账号增加专业技术人员角色",
    en: "That ID number belongs to a staff account of the platform and cannot be registered as a professional; if the person trains too, the bureau adds the professional role to their account",
  },
  STAFF_ID_NUMBER_NOT_ALLOWED: {
    status: 422,
    zh: "基地不能为工作人员账号登记身份证号码，如需登记请联系市人社局",
    en: "A base does not record ID numbers on staff accounts; the bureau does",
  },
  CREDIT_CODE_TAKEN: { status: 409, zh: "该统一社会信用代码已登记", en: "That unified social credit code is already registered" },
  INVALID_CREDIT_CODE: {
    status: 422,
    zh: "统一社会信用代码校验未通过（GB 32100）",
    en: "The unified social credit code fails its GB 32100 checksum",
  },
  CREDIT_CODE_OVERRIDE_FORBIDDEN: {
    status: 403,
    zh: "只有市人社局可以登记校验未通过的早期信用代码",
    en: "Only the bureau may record an early credit code that fails its checksum",
  },
  INVALID_ID_NUMBER: { status: 422, zh: "身份证号码无效：校验码、出生日期或行政区划代码不符（GB 11643、GB/T 2260）", en: "The ID number is not valid: its check character, birth date or administrative-division code is wrong (GB 11643, GB/T 2260)" },
  WEAK_PASSWORD: {
    status: 422,
    zh: "密码至少 10 位，须包含大写字母、小写字母、数字、符号中的三类，且不能包含用户名",
    en: "A password needs 10+ characters from three of: upper case, lower case, digits, symbols, and must not contain the username",
  },
  COMMON_PASSWORD: { status: 422, zh: "该密码属于常见密码，容易被猜中，请换一个", en: "That password is a commonly used one and easy to guess; choose another" },
  PASSWORD_RECENTLY_USED: { status: 422, zh: "新密码不能与最近 {count} 次使用过的密码相同", en: "The new password must differ from the last {count} passwords" },
  PASSWORD_REUSED: { status: 422, zh: "新密码不能与原密码相同", en: "The new password must differ from the old one" },
  WRONG_PASSWORD: { status: 422, zh: "原密码不正确", en: "The current password is wrong" },
  UNKNOWN_ORGANIZATION: { status: 422, zh: "所属单位不存在", en: "No such organization" },
  ORG_PARENT_CYCLE: { status: 422, zh: "上级单位不能是本单位或其下级单位", en: "An organization cannot be its own ancestor" },
  ROLE_ORG_MISMATCH: { status: 422, zh: "{role} 角色须属于以下类型的单位：{orgTypes}", en: "Role {role} needs an organization of type {orgTypes}" },
  ID_NUMBER_REQUIRED: { status: 422, zh: "专业技术人员须登记身份证号码", en: "A professional needs an ID number" },
  CANNOT_DISABLE_SELF: { status: 422, zh: "不能停用自己的账号", en: "You cannot disable your own account" },
  LAST_BUREAU_ACCOUNT: {
    status: 422,
    zh: "至少保留一个可用的市人社局账号",
    en: "At least one active bureau account must remain",
  },
  POLICY_INVALID: { status: 422, zh: "政策参数不合理：{reason}", en: "Invalid policy parameters: {reason}" },
  POLICY_EFFECTIVE_DATE_TAKEN: {
    status: 409,
    zh: "{effectiveFrom} 已有一个生效的政策版本",
    en: "A policy version already takes effect on {effectiveFrom}",
  },
  POLICY_NOT_IN_FORCE: { status: 422, zh: "{date} 没有生效的政策版本", en: "No policy is in force on {date}" },
  POLICY_HISTORY_IMMUTABLE: {
    status: 422,
    zh: "不能新增生效日期早于今天的政策版本（历史不可改写）",
    en: "A policy version cannot take effect before today (history is never rewritten)",
  },
  CALENDAR_YEAR_NOT_COVERED: {
    status: 422,
    zh: "{year} 年的工作日历尚未发布或录入，请市人社局先确认该年日历",
    en: "The working-day calendar for {year} is not published or entered yet; the bureau must confirm it first",
  },
  CALENDAR_YEAR_COVERED: {
    status: 422,
    zh: "{year} 年的日历已由国务院发布并内置，无需确认，可直接添加个别调整",
    en: "The official calendar for {year} is built in; add individual overrides instead",
  },
  TEST_CLOCK_DISABLED: { status: 404, zh: "测试时钟未启用", en: "The test clock is not enabled" },
  WORKFLOW_ACTION_UNAVAILABLE: {
    status: 409,
    zh: "当前状态（{status}）下不能执行“{action}”",
    en: "Action {action} is not available in status {status}",
  },
  LOGIN_RATE_LIMITED: {
    status: 429,
    zh: "登录尝试过于频繁，请 {retryAfterSeconds} 秒后再试",
    en: "Too many sign-in attempts; try again in {retryAfterSeconds} seconds",
  },
  LOGIN_THROTTLED: {
    status: 429,
    zh: "登录失败次数过多，请 {retryAfterSeconds} 秒后再试",
    en: "Too many failed sign-ins; try again in {retryAfterSeconds} seconds",
  },
  // issue 10 item 8: too many wrong second-factor codes for one account
  TOTP_THROTTLED: {
    status: 429,
    zh: "动态验证码错误次数过多，请 {retryAfterSeconds} 秒后再试",
    en: "Too many wrong verification codes; try again in {retryAfterSeconds} seconds",
  },
  RATE_LIMITED: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
  // issue 10 item 5: heavy documents are built by worker threads, a few at a time per user
  DOCUMENT_JOBS_BUSY: {
    status: 429,
    zh: "您已有 {limit} 个文件正在生成，请 {retryAfterSeconds} 秒后再试",
    en: "You already have {limit} documents being built; try again in {retryAfterSeconds} seconds",
  },
  DOCUMENT_FAILED: { status: 503, zh: "文件生成失败，请稍后重试", en: "The document could not be built; please try again later" },
  // issue 13 item 4: large exports stream from a few worker threads server-wide
  EXPORT_JOBS_BUSY: {
    status: 429,
    zh: "系统正在生成 {limit} 个大型导出文件，请 {retryAfterSeconds} 秒后再试",
    en: "The server is already writing {limit} large exports; try again in {retryAfterSeconds} seconds",
  },
  // issue 13 item 5: an export never stops silently at a limit; a list that is not streamed refuses instead
  EXPORT_TOO_LARGE: {
    status: 422,
    zh: "导出结果超过 {limit} 行，请缩小筛选条件后再导出",
    en: "The export would hold more than {limit} rows; narrow the filter and export again",
  },
  SERVER_BUSY: { status: 503, zh: "系统繁忙，请 {retryAfterSeconds} 秒后再试", en: "The server is busy; try again in {retryAfterSeconds} seconds" },
  // ---- base accreditation (第四条, 第五条) ----
  FORM_INCOMPLETE: { status: 422, zh: "申报表尚有 {count} 项未填写完整，请补充后再提交", en: "The application form lacks {count} items; complete them before submitting" },
  FORM_NOT_EDITABLE: { status: 409, zh: "申报表已提交，当前状态下不能修改", en: "The form cannot be edited in its current status" },
  COMMENT_REQUIRED: { status: 422, zh: "请填写意见或理由", en: "A comment or reason is required" },
  SUPERVISOR_INVALID: {
    status: 422,
    zh: "请选择主管部门或区市人力资源和社会保障部门作为推荐单位",
    en: "Choose a supervising department or district HR bureau",
  },
  PANEL_TOO_SMALL: { status: 422, zh: "专家评审委员会至少需要 {min} 名专家", en: "A review panel needs at least {min} experts" },
  NOT_AN_EXPERT: { status: 422, zh: "{name} 不是可用的评审专家", en: "{name} is not an active expert" },
  EXPERT_CONFLICT: {
    status: 422,
    zh: "专家 {expertName} 与申报单位存在利益关系（同一单位），应当回避",
    en: "Expert {expertName} belongs to the applicant's organization and must recuse",
  },
  CONFLICT_NOT_DECLARED: { status: 422, zh: "请先声明与申报单位无利益冲突", en: "Declare that you have no conflict of interest first" },
  ALREADY_REVIEWED: { status: 409, zh: "您已提交过评审意见", en: "You have already submitted your review" },
  SCORES_INVALID: { status: 422, zh: "评分不符合评审指标：{reason}", en: "Scores do not match the criteria: {reason}" },
  REVIEWS_PENDING: { status: 422, zh: "还有 {pending} 位专家尚未评审，不能作出决定", en: "{pending} panel members have not reviewed yet" },
  NOTICE_RUNNING: { status: 422, zh: "公示期至 {endsOn} 结束，公示期满后方可发文公布", en: "The public notice runs until {endsOn}; publish after it ends" },
  OBJECTION_OPEN: { status: 422, zh: "尚有未答复的异议，不能发文公布", en: "An objection is still open" },
  NOTICE_CLOSED: { status: 422, zh: "该公示已结束，不再受理异议", en: "This notice has closed and takes no more objections" },
  OBJECTION_RESOLVED: { status: 409, zh: "该异议已答复", en: "This objection has already been answered" },
  FILE_TYPE_REFUSED: { status: 422, zh: "只能上传 PDF、图片或 Office 文件", en: "Only PDF, image or Office files may be uploaded" },
  FILE_TOO_LARGE: { status: 413, zh: "文件不能超过 {maxMb} MB", en: "Files may not exceed {maxMb} MB" },
  FILE_EMPTY: { status: 400, zh: "文件内容为空", en: "The file is empty" },
  FILE_CONTENT_INVALID: { status: 422, zh: "文件无法作为 {kind} 打开，可能已损坏或与其类型不符，请重新导出后上传", en: "The file cannot be opened as {kind}: it may be damaged or not what it claims to be; export it again and upload it" },
  // ---- filing (第十六条, 第十七条, 第二十五条) ----
  FILING_TOO_LATE: {
    status: 422,
    zh: "已超过备案时限：开班日期为 {startDate} 的项目最迟须于 {latestFilingDate}（开班前 {leadWorkdays} 个工作日）备案",
    en: "Too late to file: a project starting {startDate} must be filed by {latestFilingDate} ({leadWorkdays} working days before)",
  },
  FEE_ABOVE_STANDARD: {
    status: 422,
    zh: "每人收费 {feeYuan} 元，超过本基地{kindName}收费标准（{standardText}）",
    en: "The fee of {feeYuan} yuan per person exceeds the base's {kindName} fee standard ({standardText})",
  },
  BASE_NOT_ACTIVE: { status: 422, zh: "基地当前状态为“{baseStatus}”，不能备案培训项目或年度计划", en: "The base is {baseStatus} and cannot file" },
  PLAN_NOT_FILED: {
    status: 422,
    zh: "所属 {year} 年度培训计划尚未备案，计划内项目暂不能备案；可按一事一报备案",
    en: "The {year} annual plan is not filed yet; file the project ad hoc instead",
  },
  PLAN_OR_AD_HOC_REQUIRED: {
    status: 422,
    zh: "请选择所属年度培训计划，或按一事一报备案并说明理由",
    en: "Choose the annual plan the project belongs to, or file it ad hoc with a reason",
  },
  AD_HOC_REASON_REQUIRED: { status: 422, zh: "一事一报须说明计划外举办的理由", en: "An ad-hoc filing needs the reason it is outside the plan" },
  PLAN_MISMATCH: {
    status: 422,
    zh: "所选年度计划不属于本基地或不是开班当年（{year} 年）的计划",
    en: "The chosen plan is not this base's plan for {year}",
  },
  INVALID_DATES: { status: 422, zh: "日期不合理：{reason}", en: "Invalid dates: {reason}" },
  SESSIONS_REQUIRED: { status: 422, zh: "请至少安排一次课程", en: "Schedule at least one session" },
  HOURS_MISMATCH: {
    status: 422,
    zh: "各次课程学时之和（{sessionHours}）与项目学时（{hours}）不一致",
    en: "Session hours add up to {sessionHours}, not the project's {hours}",
  },
  DAILY_HOURS_EXCEEDED: {
    status: 422,
    zh: "{date} 安排了 {hours} 学时，超过每日 {max} 学时的上限",
    en: "{date} has {hours} hours, above the daily maximum of {max}",
  },
  PROJECT_ALREADY_STARTED: { status: 422, zh: "项目已于 {startDate} 开班，不能再退回或撤销", en: "The project started on {startDate}; it can no longer be returned or cancelled" },
  PROJECT_NOT_EDITABLE: { status: 409, zh: "项目已备案，当前状态下不能修改；如需变更请先由管理单位退回", en: "The project cannot be edited in its current status" },
  PLAN_EXISTS: { status: 409, zh: "该基地 {year} 年度培训计划已存在", en: "This base already has a plan for {year}" },
  PLAN_NOT_EDITABLE: { status: 409, zh: "年度计划已报送，当前状态下不能修改", en: "The plan cannot be edited in its current status" },
  PLAN_EMPTY: { status: 422, zh: "年度计划至少要列出一个培训项目", en: "The plan must list at least one project" },
  PLAN_YEAR_INVALID: { status: 422, zh: "只能编制 {minYear}—{maxYear} 年的年度计划", en: "Plans can be made for {minYear}–{maxYear} only" },
  PLAN_ITEM_REQUIRED: { status: 422, zh: "计划内项目须选择所对应的年度计划项目", en: "A planned project must name the planned project it carries out" },
  PLAN_TOO_LARGE: { status: 422, zh: "一份年度计划最多列 {max} 个项目", en: "An annual plan lists at most {max} projects" },
  TEXT_BLANK: { status: 422, zh: "“{field}”不能为空或只含空格（至少 {min} 个字）", en: "{field} cannot be blank (at least {min} characters)" },
  PLAN_ITEM_INVALID: { status: 422, zh: "计划项目“{title}”：{reason}", en: "Planned project \"{title}\": {reason}" },
  IMPORT_FILE_INVALID: { status: 422, zh: "无法读取该文件，请使用平台提供的 Excel 模板（.xlsx）", en: "The file cannot be read; use the platform's Excel template (.xlsx)" },
  IMPORT_ROWS_INVALID: {
    status: 422,
    zh: "导入文件有 {count} 处错误，未导入任何数据，请按错误清单修改后重新导入",
    en: "The file has {count} errors; nothing was imported. Fix them and import again",
  },
  FEE_STANDARD_PENDING: { status: 409, zh: "该类培训已有待审批的收费标准", en: "A fee standard of this kind is already awaiting approval" },
  FEE_STANDARD_UNCHANGED: { status: 422, zh: "新标准与现行标准相同", en: "The new standard equals the current one" },
  // ---- delivery and the learning record (第十七条, 第二十四条) ----
  PROJECT_NOT_FILED: { status: 422, zh: "该培训项目未备案或已结束报名，不能报名", en: "This training project is not filed (or enrolment has closed)" },
  CAPACITY_FULL: { status: 409, zh: "该培训项目名额已满（{capacity} 人）", en: "This training project is full ({capacity} places)" },
  ALREADY_ENROLLED: { status: 409, zh: "已报名该培训项目", en: "Already enrolled in this training project" },
  ENROLLMENT_CLOSED: { status: 422, zh: "培训已开班或已结束，不能再变更报名", en: "The course has started or ended; the enrolment can no longer change" },
  ID_NAME_MISMATCH: { status: 422, zh: "身份证号码与姓名不一致，请核对", en: "The ID number does not belong to that name" },
  PROFESSIONAL_ALREADY_CLAIMED: { status: 409, zh: "本人已注册认领该学习档案，无需认领码", en: "The person has already claimed this learning record; no claim code is needed" },
  PERSON_REQUIRED: { status: 422, zh: "请填写参训人员的姓名、身份证号码和工作单位", en: "Give the person's name, ID number and employer" },
  NOT_A_PROFESSIONAL: { status: 403, zh: "只有专业技术人员账号可以报名和签到", en: "Only a professional's account can enrol and check in" },
  CHECK_IN_CODE_EXPIRED: { status: 422, zh: "签到码已过期或无效，请扫描投影上的最新二维码", en: "The check-in code has expired or is not valid; scan the current code on the screen" },
  CHECK_IN_NOT_OPEN: { status: 422, zh: "该课程今天不开课（{date}），不能签到", en: "This session is not held today ({date}); check-in is closed" },
  // 第十七条 (issue 11): a session's code is accepted from shortly before its start to shortly after its end
  CHECK_IN_NOT_YET_OPEN: {
    status: 422,
    zh: "本次课程签到时间为 {opensAt}–{closesAt}，尚未开始",
    en: "Check-in for this session is open {opensAt}–{closesAt}; it has not started yet",
  },
  CHECK_IN_CLOSED: {
    status: 422,
    zh: "本次课程签到时间为 {opensAt}–{closesAt}，现已截止",
    en: "Check-in for this session was open {opensAt}–{closesAt}; it has closed",
  },
  NOT_ENROLLED: { status: 422, zh: "您未报名该培训项目，不能签到", en: "You are not enrolled in this training project" },
  PROJECT_NOT_FINISHED: { status: 422, zh: "最后一次课程（{lastSessionEnd}）结束后才能办理结业", en: "Completion is decided after the last session ({lastSessionEnd})" },
  COMPLETION_ATTENDANCE_ABOVE_POLICY: {
    status: 422,
    zh: "结业出勤要求 {valuePercent} 高于政策规定的 {maxPercent}，项目只能放宽、不能提高",
    en: "A completion attendance of {valuePercent} is above the policy's {maxPercent}; a project may only set it lower",
  },
  ALREADY_CONCLUDED: { status: 409, zh: "该培训项目已办理结业", en: "Completion has already been decided for this project" },
  NOT_COMPLETED: { status: 422, zh: "未完成培训（出勤 {attended}/{sessions}），不能发放结业证书", en: "The person did not complete the course (attended {attended}/{sessions}); no certificate" },
  CERTIFICATE_REVOKED: { status: 409, zh: "该证书已撤销", en: "This certificate has been revoked" },
  SURVEY_NOT_OPEN: { status: 422, zh: "参加过课程的学员才能填写评估问卷", en: "Only attendees may answer the evaluation survey" },
  SURVEY_ALREADY_ANSWERED: { status: 409, zh: "您已填写过该培训的评估问卷", en: "You have already answered this survey" },
  SURVEY_ANSWER_INVALID: { status: 422, zh: "问卷“{question}”：{reason}", en: "Survey question \"{question}\": {reason}" },
  SURVEY_FORM_BACKDATED: { status: 422, zh: "评估问卷的施行日期不能早于今天（{today}），已作答的问卷不可改写", en: "A survey form cannot take effect before today ({today}): answered forms are never rewritten" },
  SURVEY_FORM_EXISTS: { status: 409, zh: "{effectiveFrom} 起施行的评估问卷已存在", en: "A survey form effective from {effectiveFrom} already exists" },
  DECLARATION_YEAR_CLOSED: { status: 422, zh: "只能申报本年度和上一年度的学时", en: "Hours can be declared for this year and last year only" },
  DAILY_HOURS_LIMIT: { status: 422, zh: "{date} 已登记 {hours} 学时，每人每天最多 {max} 学时", en: "{date} already holds {hours} hours; at most {max} a day" },
  EVIDENCE_FILE_INVALID: { status: 422, zh: "证明材料文件不存在，请重新上传", en: "The evidence file was not found; upload it again" },
  DECLARATION_DATE_INVALID: { status: 422, zh: "学时取得日期不能晚于今天（{today}）", en: "The hours cannot be earned after today ({today})" },
  STATEMENT_YEAR_INVALID: { status: 422, zh: "学时证明只能开具已有记录的年度（{year}）", en: "An hours statement covers a year with a record ({year})" },
  // issue 10 item 9: separation of duties (三员分立)
  DUTIES_CONFLICT: {
    status: 422,
    zh: "三员分立：{role} 角色不能与 {other} 角色由同一账号担任",
    en: "Separation of duties: role {role} cannot be held together with role {other}",
  },
  LAST_SYSADMIN_ACCOUNT: { status: 422, zh: "至少保留一个可用的系统管理员账号", en: "At least one active system administrator account must remain" },
  // issue 10 item 8: two-factor sign-in (TOTP, RFC 6238)
  TOTP_REQUIRED: { status: 401, zh: "请输入身份验证器中的动态验证码", en: "Enter the code from your authenticator app" },
  TOTP_INVALID: { status: 401, zh: "动态验证码错误或已使用过", en: "The code is wrong or was already used" },
  TOTP_ENROLMENT_REQUIRED: {
    status: 403,
    zh: "该账号须启用双因素认证：请先用身份验证器扫码绑定",
    en: "This account needs two-factor sign-in: scan the QR code with an authenticator app first",
  },
  TOTP_ALREADY_ENROLLED: { status: 409, zh: "该账号已启用双因素认证", en: "Two-factor sign-in is already on for this account" },
  TOTP_ENROLMENT_NOT_STARTED: { status: 409, zh: "请先开始绑定身份验证器", en: "Start the authenticator enrolment first" },
  TOTP_NOT_ENROLLED: { status: 409, zh: "该账号尚未启用双因素认证", en: "Two-factor sign-in is not on for this account" },
  TOTP_CANNOT_DISABLE: { status: 422, zh: "该账号的角色必须使用双因素认证，不能关闭", en: "This account's role needs two-factor sign-in; it cannot be turned off" },
  ...SUPERVISION_ERROR_CODES,
  ...ANNOUNCEMENT_ERROR_CODES,
  INTERNAL: { status: 500, zh: "系统内部错误，请稍后重试", en: "Internal error; please try again later" },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ApiErrorBody {
  error: { code: ErrorCode | string; message: string; details?: Record<string, unknown> };
}

export type Lang = "zh-CN" | "en-US";

export function errorMessage(code: ErrorCode, lang: Lang, details: Record<string, unknown> = {}): string {
  const spec: ErrorSpec = ERROR_CODES[code];
  const template = lang === "en-US" ? spec.en : spec.zh;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = details[k];
    return v === undefined ? `{${k}}` : Array.isArray(v) ? v.join("、") : String(v);
  });
}
