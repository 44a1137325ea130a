// The web app's abilities (as Ant Design Pro's access.ts): each role grants a set of abilities, and
// menus and routes name the ability they need. Only what to show is decided here; the server's
// policy module stays the authority on what may be done (DESIGN.md "Who uses it").
import type { ComponentType } from "react";
import {
  ClockCircleOutlined,
  AccountBookOutlined,
  AimOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  EditOutlined,
  ProfileOutlined,
  StopOutlined,
  ToolOutlined,
  UserOutlined,
  WarningOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  ExceptionOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LaptopOutlined,
  MessageOutlined,
  ProjectOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  SafetyOutlined,
  NotificationOutlined,
} from "@ant-design/icons";
import type { Role } from "./api/types";

export type Ability =
  | "home.view"
  | "password.change"
  | "session.own"
  | "policy.view"
  | "policy.manage"
  | "calendar.view"
  | "calendar.manage"
  | "organization.manage"
  | "user.manage"
  // issue 10 item 9: the accounts page's steps, split between the system and the security administrator
  | "user.edit"
  | "user.secure"
  | "audit.view"
  // base accreditation (第四条, 第五条)
  | "application.view"
  | "application.apply"
  | "application.recommend"
  | "application.accredit"
  | "application.review"
  | "objection.resolve"
  | "base.view"
  // filing (第十六条, 第十七条, 第二十五条)
  | "feeStandard.manage"
  | "feeStandard.approve"
  | "annualPlan.view"
  | "annualPlan.edit"
  | "annualPlan.filingStatus"
  | "project.view"
  | "project.file"
  // the professional's own courses and learning record (第二十四条)
  | "learning.view"
  // delivery: a base's courses, the bureau's questionnaire, declared hours and records (第十七条, 第二十四条)
  | "enrollment.manage"
  | "checkIn.manage"
  | "surveyForm.manage"
  | "declaration.review"
  | "professional.lookup"
  // supervision (第十三–十五条, 第十八–二十条, 第二十七条)
  | "inspectionScheme.manage"
  | "inspection.view"
  | "spotCheck.view"
  | "spotCheck.draw"
  | "rectification.view"
  | "violation.view"
  | "dishonesty.view"
  // issue 12 item 4: risk flags (the bureau scans on demand)
  | "riskFlag.view"
  | "riskFlag.scan"
  | "changeReport.view"
  | "staff.manage"
  // issue 12: the year in figures and the yearly statistics report
  | "statistics.view"
  | "statistics.report"
  // issue 13 item 3: every professional's yearly hours as Excel (the bureau's alone)
  | "statistics.complianceExport"
  // 通知公告 (issue 12 item 6)
  | "announcement.view"
  | "announcement.publish"
  // issue 12 item 5: the people likely to miss the year (第二十四条)
  | "atRisk.view"
  // 证书查询: the certificates of the reader's scope (第十七条, 第二十条)
  | "certificate.search";

/** What every signed-in person has: the home page, the password and the own sessions. */
const SIGNED_IN: readonly Ability[] = ["home.view", "password.change", "session.own"];
/** …and the rule parameters and the working-day calendar, for the roles whose work they govern. */
const EVERYONE: readonly Ability[] = [...SIGNED_IN, "policy.view", "calendar.view"];

/** role → abilities. 第十三条: the bureau is the comprehensive manager of the city. */
export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  bureau: [
    ...EVERYONE,
    // issue 10 item 9 (三员分立): accounts, organizations, the calendar and the audit trail are the administrators'
    "policy.manage",
    // 第五条（三）（四）: accepts, forms the panel, decides, publishes; resolves objections
    "application.view",
    "application.accredit",
    "objection.resolve",
    "base.view",
    // 第十六条: files the annual plans; 第十七条: may return a filed project; 第二十五条: approves fee rises
    "annualPlan.view",
    "annualPlan.filingStatus",
    "project.view",
    "feeStandard.approve",
    // 第十七条: the evaluation questionnaire; 第二十四条, 人社部令第25号: declared hours and the learning records
    "surveyForm.manage",
    "declaration.review",
    "professional.lookup",
    "certificate.search",
    // 第十三条, 第十九条, 第二十条, 第二十七条: reviews, spot checks, orders, revocation, violations, changes
    "inspection.view",
    "spotCheck.view",
    "spotCheck.draw",
    "rectification.view",
    "violation.view",
    "dishonesty.view",
    "changeReport.view",
    "statistics.view",
    "statistics.report",
    "statistics.complianceExport",
    "riskFlag.view",
    "riskFlag.scan",
    "announcement.view",
    "announcement.publish",
    "atRisk.view",
  ],
  // 第五条（二）: reviews and recommends the applications that chose it; 第十六条, 第十八条: approves and
  // oversees the plans and projects of the bases it supervises
  supervisor: [
    ...EVERYONE,
    "application.view",
    "application.recommend",
    "base.view",
    "annualPlan.view",
    "annualPlan.filingStatus",
    "project.view",
    // 第十八条: its inspection scheme and inspections; 第十九条, 第二十条: spot checks, orders, violations
    "inspectionScheme.manage",
    "certificate.search",
    "inspection.view",
    "spotCheck.view",
    "rectification.view",
    "violation.view",
    "dishonesty.view",
    "changeReport.view",
    "statistics.view",
    "statistics.report",
    "riskFlag.view",
    "announcement.view",
    "announcement.publish",
  ],
  // 第五条（一）: fills in the 申报表 and submits it; 第十六条, 第十七条, 第二十五条: plans, files, sets its fees
  base_staff: [
    ...EVERYONE,
    "application.view",
    "application.apply",
    "base.view",
    "feeStandard.manage",
    "annualPlan.view",
    "annualPlan.edit",
    "project.view",
    "project.file",
    // 第十七条: enrols, checks in and concludes its filed courses
    "enrollment.manage",
    "checkIn.manage",
    "certificate.search",
    // 第十八条, 第十九条: its inspections and rectification; 第二十七条: change reports; 第十五条: its staff
    "inspection.view",
    "rectification.view",
    "changeReport.view",
    "staff.manage",
    "statistics.view",
    "announcement.view",
  ],
  // 第五条（三）: scores the applications of the panels it sits on
  // (no 政策参数 or 工作日历: an expert scores applications and uses neither; issue 11 item 4)
  expert: [...SIGNED_IN, "application.view", "application.review"],
  // 第二十四条: enrols, checks in, evaluates, keeps a learning record
  professional: [...EVERYONE, "learning.view"],
  // issue 10 item 9 (三员分立): accounts, organizations and the calendar; locks, 2FA and sessions; the audit trail
  sysadmin: [...EVERYONE, "organization.manage", "user.manage", "user.edit", "calendar.manage"],
  secadmin: [...EVERYONE, "user.manage", "user.secure"],
  auditor: [...SIGNED_IN, "audit.view"],
};

export function abilitiesOf(roles: readonly Role[]): ReadonlySet<Ability> {
  const set = new Set<Ability>();
  for (const role of roles) for (const a of ROLE_ABILITIES[role] ?? []) set.add(a);
  return set;
}

export interface MenuEntry {
  path: string;
  /** i18n key of the label */
  labelKey: string;
  ability: Ability;
  icon: ComponentType;
}

export const MENU: readonly MenuEntry[] = [
  { path: "/", labelKey: "menu.home", ability: "home.view", icon: HomeOutlined },
  { path: "/statistics", labelKey: "statistics.menu", ability: "statistics.view", icon: BarChartOutlined },
  { path: "/my/courses", labelKey: "learner.menu.courses", ability: "learning.view", icon: BookOutlined },
  { path: "/my/record", labelKey: "learner.menu.record", ability: "learning.view", icon: ReadOutlined },
  { path: "/trainings", labelKey: "learner.menu.trainings", ability: "learning.view", icon: CalendarOutlined },
  { path: "/applications", labelKey: "menu.applications", ability: "application.apply", icon: FileAddOutlined },
  { path: "/recommendations", labelKey: "menu.recommendations", ability: "application.recommend", icon: FileSearchOutlined },
  { path: "/accreditation", labelKey: "menu.accreditation", ability: "application.accredit", icon: FileDoneOutlined },
  { path: "/reviews", labelKey: "menu.reviews", ability: "application.review", icon: SafetyCertificateOutlined },
  { path: "/objections", labelKey: "menu.objections", ability: "objection.resolve", icon: MessageOutlined },
  { path: "/bases", labelKey: "menu.bases", ability: "base.view", icon: ShopOutlined },
  { path: "/fee-standards", labelKey: "menu.feeStandards", ability: "feeStandard.manage", icon: AccountBookOutlined },
  { path: "/annual-plans", labelKey: "menu.annualPlans", ability: "annualPlan.view", icon: ScheduleOutlined },
  { path: "/plan-filing-status", labelKey: "menu.planFilingStatus", ability: "annualPlan.filingStatus", icon: ExceptionOutlined },
  { path: "/training-projects", labelKey: "menu.trainingProjects", ability: "project.view", icon: ProjectOutlined },
  { path: "/fee-approvals", labelKey: "menu.feeApprovals", ability: "feeStandard.approve", icon: AccountBookOutlined },
  { path: "/survey-forms", labelKey: "delivery.menu.surveyForms", ability: "surveyForm.manage", icon: FormOutlined },
  { path: "/hour-declarations", labelKey: "delivery.menu.declarations", ability: "declaration.review", icon: ReconciliationOutlined },
  { path: "/professionals", labelKey: "delivery.menu.professionals", ability: "professional.lookup", icon: IdcardOutlined },
  { path: "/certificates", labelKey: "delivery.menu.certificates", ability: "certificate.search", icon: FileProtectOutlined },
  { path: "/at-risk-professionals", labelKey: "forecast.menu.atRisk", ability: "atRisk.view", icon: ClockCircleOutlined },
  { path: "/inspection-schemes", labelKey: "supervision.menu.inspectionSchemes", ability: "inspectionScheme.manage", icon: ProfileOutlined },
  { path: "/inspections", labelKey: "supervision.menu.inspections", ability: "inspection.view", icon: CheckSquareOutlined },
  { path: "/spot-checks", labelKey: "supervision.menu.spotChecks", ability: "spotCheck.view", icon: AimOutlined },
  { path: "/rectification-orders", labelKey: "supervision.menu.rectificationOrders", ability: "rectification.view", icon: ToolOutlined },
  { path: "/violations", labelKey: "supervision.menu.violations", ability: "violation.view", icon: WarningOutlined },
  { path: "/risk-flags", labelKey: "supervision.menu.riskFlags", ability: "riskFlag.view", icon: AlertOutlined },
  { path: "/dishonesty-records", labelKey: "supervision.menu.dishonestyRecords", ability: "dishonesty.view", icon: StopOutlined },
  { path: "/change-reports", labelKey: "supervision.menu.changeReports", ability: "changeReport.view", icon: EditOutlined },
  { path: "/staff", labelKey: "supervision.menu.staff", ability: "staff.manage", icon: UserOutlined },
  { path: "/announcements", labelKey: "announcements.menu", ability: "announcement.view", icon: NotificationOutlined },
  { path: "/organizations", labelKey: "menu.organizations", ability: "organization.manage", icon: BankOutlined },
  { path: "/users", labelKey: "menu.users", ability: "user.manage", icon: TeamOutlined },
  { path: "/audit", labelKey: "menu.audit", ability: "audit.view", icon: AuditOutlined },
  { path: "/policy", labelKey: "menu.policy", ability: "policy.view", icon: SettingOutlined },
  { path: "/calendar", labelKey: "menu.calendar", ability: "calendar.view", icon: CalendarOutlined },
  { path: "/password", labelKey: "menu.password", ability: "password.change", icon: KeyOutlined },
  { path: "/sessions", labelKey: "menu.sessions", ability: "session.own", icon: LaptopOutlined },
  { path: "/two-factor", labelKey: "menu.twoFactor", ability: "session.own", icon: SafetyOutlined },
];

export function menuFor(abilities: ReadonlySet<Ability>): MenuEntry[] {
  return MENU.filter((m) => abilities.has(m.ability));
}

/** issue 10 item 8: signed in with a password alone on an account that needs a second factor. */
export function mustEnrolTotp(session: { twoFactor?: { required: boolean; enrolled: boolean } }): boolean {
  return !!session.twoFactor?.required && !session.twoFactor.enrolled;
}
