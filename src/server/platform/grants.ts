// Who may do what, over which records: the one grants table (role → action → scope).
// Every route reaches it through `authorize`/`scopeWhere` in authz.ts; nothing else decides access.
import type { Role } from "../../shared/roles.js";

/**
 * all            every record in the city (第十三条: the bureau is the comprehensive manager)
 * ownOrg         records of the actor's own organization (第十五条: the host organization runs its base)
 * supervisedOrg  records whose supervising unit is the actor's organization (第十四条)
 * self           the actor's own records (第二十四条: a professional's learning record)
 * panel          applications on whose review panel the actor sits (第五条（三）)
 */
export type Scope = "all" | "ownOrg" | "supervisedOrg" | "self" | "panel";

export type Action =
  | "organization.read"
  | "organization.create"
  | "organization.update"
  | "organization.disable"
  | "organization.overrideCreditCode"
  | "user.read"
  | "user.create"
  | "user.update"
  | "user.disable"
  | "user.resetPassword"
  | "user.unlock"
  | "user.resetTotp"
  | "session.read"
  | "session.revoke"
  | "audit.read"
  | "policy.read"
  | "policy.create"
  | "calendar.read"
  | "calendar.update"
  | "workItem.read"
  | "testClock.set"
  | (string & {}); // workflow actions of later modules: `<resourceType>.<action>`

const everyone = (scope: Scope, ...actions: Action[]) =>
  Object.fromEntries(actions.map((a) => [a, scope])) as Partial<Record<Action, Scope>>;

export const GRANTS: Record<Role, Partial<Record<Action, Scope>>> = {
  bureau: {
    ...everyone(
      "all",
      // issue 10 item 9 (三员分立): the bureau reads accounts and organizations for its business but
      // manages neither (the system administrator does), nor reads the audit trail (the auditor does)
      "organization.read",
      "user.read",
      // 第十三条, 第二十九条: the training policy of the measures stays the bureau's business
      "policy.read",
      "policy.create",
      "calendar.read",
      "testClock.set",
      // 第五条（三）（四）: the bureau accepts, forms the panel, decides, notices and publishes
      "baseApplication.read",
      "baseApplication.return",
      "baseApplication.reject",
      "baseApplication.accept",
      "baseApplication.open-review",
      "baseApplication.approve",
      "baseApplication.publish",
      "objection.read",
      "objection.resolve",
      "base.read",
      "file.read",
      "supervisingUnit.list",
      // 第二十五条: the bureau approves any rise of a fee standard
      "feeStandard.read",
      "feeStandard.approve",
      "feeStandard.reject",
      // 第十六条: the bureau files annual plans and may return plans and filed projects
      "annualPlan.read",
      "annualPlan.return",
      "annualPlan.file",
      "trainingProject.read",
      "trainingProject.return",
      "jobs.run",
      // 第十三条, 第二十四条: the bureau keeps the city's learning records and rules on declared hours
      "professional.read",
      "professional.create",
      // issue 10 item 2: the bureau's verification — a claim code issued after checking identity in person
      "professional.issueClaimCode",
      "learningRecord.read",
      // issue 12 item 5: the people likely to miss the year (第二十四条)
      "atRiskProfessional.read",
      "hoursStatement.create",
      "declaration.read",
      "declaration.accept",
      "declaration.reject",
      "surveyForm.read",
      "surveyForm.create",
      "enrollment.read",
      "checkIn.read",
      "certificate.read",
      "certificate.revoke",
      "survey.results",
      "archive.read",
      // 第十三条, 第十九条: the bureau reviews, spot-checks, orders rectification and revokes bases
      "inspectionScheme.read",
      "inspection.read",
      "spotCheck.read",
      "spotCheck.create",
      "spotCheck.publish",
      "spotCheck.decide",
      "spotCheck.conclude",
      "spotCheckOutcome.read",
      "rectificationOrder.read",
      "rectificationOrder.create",
      "rectificationOrder.confirm",
      "rectificationOrder.accept",
      "rectificationOrder.return",
      "rectificationOrder.extend",
      "rectificationOrder.withdraw",
      "base.revoke",
      "base.stopProjects",
      // 第二十条: violations and dishonesty records
      "violation.read",
      "violation.create",
      "violation.confirm",
      "violation.dismiss",
      "dishonestyRecord.read",
      // issue 12 item 4: risk flags — the bureau reviews every flag, scans on demand, dismisses or converts
      "riskFlag.read",
      "riskFlag.scan",
      "riskFlag.dismiss",
      "riskFlag.convert",
      // 第二十七条: the bureau acknowledges change reports
      "changeReport.read",
      "changeReport.accept",
      "changeReport.return",
      // issue 12: the city's figures and its yearly statistics report (第十三条, 第十九条)
      "statistics.read",
      "yearlyReport.read",
      // issue 13 item 3: every professional's yearly hours, the city's alone (第十三条, 第二十四条)
      "complianceExport.read",
    ),
    "file.upload": "self",
    "workItem.read": "self",
    "notification.read": "self",
    // 通知公告 (issue 12 item 6): the bureau publishes to all bases or the public and sees who has read;
    // only the sender withdraws its own
    ...everyone("all", "announcement.read", "announcement.publish", "announcement.receipts"),
    "announcement.withdraw": "ownOrg",
  },
  supervisor: {
    "organization.read": "ownOrg",
    ...everyone("all", "policy.read", "calendar.read", "supervisingUnit.list"),
    // 第五条（二）: the chosen supervising unit reviews and recommends
    ...everyone("supervisedOrg", "baseApplication.read", "baseApplication.recommend", "baseApplication.return", "baseApplication.reject", "base.read", "file.read"),
    // 第十四条, 第十六条: the supervising unit checks its bases' plans and filings
    ...everyone("supervisedOrg", "feeStandard.read", "annualPlan.read", "annualPlan.approve", "annualPlan.return", "trainingProject.read", "trainingProject.return"),
    // 第十八条: the supervising unit inspects delivery (task completion, training effect)
    ...everyone("supervisedOrg", "enrollment.read", "checkIn.read", "certificate.read", "survey.results", "archive.read"),
    // 第十八条: the supervising unit keeps its own inspection scheme ("制定具体办法") and inspects its bases
    ...everyone("ownOrg", "inspectionScheme.read", "inspectionScheme.update"),
    ...everyone("supervisedOrg", "inspection.read", "inspection.create", "inspection.update", "inspection.refresh-facts", "inspection.submit", "inspection.finalize"),
    // 第十九条: the bureau runs reviews and spot checks "with the supervising units"
    "spotCheck.read": "all",
    // …and sees the outcomes of its own bases
    "spotCheckOutcome.read": "supervisedOrg",
    ...everyone("supervisedOrg", "rectificationOrder.read", "rectificationOrder.propose", "rectificationOrder.opine"),
    // 第二十条: a supervising unit reports violations of its bases; 第二十七条: it sees their change reports
    ...everyone("supervisedOrg", "violation.read", "violation.create", "changeReport.read"),
    "dishonestyRecord.read": "all",
    // issue 12: the figures and the yearly report of its own bases (第十四条)
    ...everyone("supervisedOrg", "statistics.read", "yearlyReport.read"),
    // issue 12 item 4: the risk flags of its bases, and turning one into a violation report (第二十条) as
    // it may report one; dismissing a flag stays with the bureau (第十三条), so the unit that recommended
    // and supervises a base does not close the questions about it
    ...everyone("supervisedOrg", "riskFlag.read", "riskFlag.convert"),
    "file.upload": "self",
    "surveyForm.read": "all",
    "workItem.read": "self",
    "notification.read": "self",
    // 通知公告: a supervising unit publishes to its own bases or the public; withdraws and follows its own
    ...everyone("ownOrg", "announcement.read", "announcement.publish", "announcement.withdraw", "announcement.receipts"),
  },
  base_staff: {
    "organization.read": "ownOrg",
    ...everyone("all", "policy.read", "calendar.read", "supervisingUnit.list"),
    // 第五条（一）: the host organization applies
    ...everyone("ownOrg", "baseApplication.read", "baseApplication.create", "baseApplication.update", "baseApplication.submit", "base.read", "file.read"),
    // 第十五条, 第十六条, 第二十五条: the host organization records fees, plans and files its projects
    ...everyone("ownOrg", "feeStandard.read", "feeStandard.create", "annualPlan.read", "annualPlan.create", "annualPlan.update", "annualPlan.submit"),
    ...everyone("ownOrg", "trainingProject.read", "trainingProject.create", "trainingProject.update", "trainingProject.submit", "trainingProject.cancel"),
    // 第十七条: the base enrols, signs in, concludes, certifies, evaluates and archives its courses
    ...everyone("ownOrg", "enrollment.read", "enrollment.create", "enrollment.cancel", "checkIn.read", "checkIn.open", "checkIn.manual"),
    ...everyone("ownOrg", "trainingProject.complete", "certificate.read", "certificate.revoke", "survey.results", "archive.read"),
    // 第十八条: the base sees its inspections and answers them; 第十九条: it reports on its rectification
    ...everyone("ownOrg", "inspection.read", "inspection.answer", "rectificationOrder.read", "rectificationOrder.report"),
    "inspectionScheme.read": "all",
    // 第二十条: the violations confirmed against it; 第二十七条: it reports its changes
    ...everyone("ownOrg", "violation.read", "changeReport.read", "changeReport.create", "changeReport.resubmit", "changeReport.withdraw"),
    // issue 12: its own year in figures
    "statistics.read": "ownOrg",
    // 第十五条 "配备专门人员": the base manages its own staff accounts, never anyone else's
    ...everyone("ownOrg", "user.read", "user.create", "user.update", "user.disable", "user.resetPassword"),
    // a base registers a person while enrolling them and sees its attendees (masked)
    "professional.create": "all",
    "professional.read": "ownOrg",
    // issue 10 item 2: a base hands the people enrolled in its courses the code that claims their record
    "professional.issueClaimCode": "ownOrg",
    "surveyForm.read": "all",
    "file.upload": "self",
    "workItem.read": "self",
    "notification.read": "self",
    // 通知公告: a base reads what is addressed to it and confirms reading
    ...everyone("ownOrg", "announcement.read", "announcement.confirm"),
  },
  expert: {
    "organization.read": "ownOrg",
    ...everyone("all", "policy.read", "calendar.read"),
    // 第五条（三）: experts see only the applications on their panels
    ...everyone("panel", "baseApplication.read", "baseApplication.review", "file.read"),
    "workItem.read": "self",
    "notification.read": "self",
  },
  // issue 10 item 9 (等保 2.0 三员分立): three administrators apart from the bureau's business role.
  // The system administrator keeps accounts, organizations and the working-day calendar.
  sysadmin: {
    ...everyone(
      "all",
      "organization.read",
      "organization.create",
      "organization.update",
      "organization.disable",
      // DESIGN.md: an early credit code failing its checksum is recorded by whoever records organizations, audited
      "organization.overrideCreditCode",
      "user.read",
      "user.create",
      "user.update",
      "user.disable",
      "user.resetPassword",
      "calendar.read",
      "calendar.update",
      "policy.read",
      "supervisingUnit.list",
    ),
    "workItem.read": "self",
    "notification.read": "self",
  },
  // The security administrator: locks, two-factor resets, other people's sessions, sign-in alarms.
  secadmin: {
    // calendar.read as every other staff role: the web app shows everyone the working-day calendar
    ...everyone("all", "organization.read", "user.read", "user.unlock", "user.resetTotp", "session.read", "session.revoke", "policy.read", "calendar.read"),
    "workItem.read": "self",
    "notification.read": "self",
  },
  // The audit administrator reads the audit trail and its checkpoints, and nothing else.
  auditor: {
    "audit.read": "all",
    "workItem.read": "self",
    "notification.read": "self",
  },
  professional: {
    "organization.read": "ownOrg",
    ...everyone("all", "policy.read", "calendar.read", "surveyForm.read"),
    // 第二十四条: a professional's own enrolments, check-ins, certificates, surveys and learning record
    ...everyone("self", "professional.read", "professional.update", "enrollment.read", "enrollment.create", "enrollment.cancel", "checkIn.create"),
    ...everyone("self", "certificate.read", "survey.answer", "learningRecord.read", "declaration.read", "declaration.create", "hoursStatement.create"),
    "file.upload": "self",
    "workItem.read": "self",
    "notification.read": "self",
  },
};
