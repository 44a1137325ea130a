// Route table: the public pages (/public/…, no sign-in) and /login outside the layout; every other page
// needs a session, and names the ability it needs (access.ts).
import { lazy, Suspense, type ReactNode } from "react";
import { Spin } from "antd";
import { createBrowserRouter, Navigate } from "react-router-dom";
import type { Ability } from "./access";
import { NotFound } from "./components/NotFound";
import { PageError } from "./components/PageError";
import { RequireAbility, RequireAuth } from "./session/guards";
import { SessionRoot } from "./session/SessionContext";
import { SUPERVISION_PAGES, SUPERVISION_PUBLIC_PAGES } from "./pages/supervision/routes";

import { pages as ANNOUNCEMENT_PAGES } from "./pages/announcements/pages";
// issue 13 item 6: the signed-in layout, sign-in and every page are chunks of their own, so a public page
// or the sign-in page fetches none of the others' code.
const AppLayout = lazy(() => import("./components/AppLayout").then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import("./pages/login/LoginPage").then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import("./pages/password/ChangePasswordPage").then((m) => ({ default: m.ChangePasswordPage })));
const HomePage = lazy(() => import("./pages/home/HomePage"));
const OrganizationsPage = lazy(() => import("./pages/organizations/OrganizationsPage"));
const UsersPage = lazy(() => import("./pages/users/UsersPage"));
const AuditPage = lazy(() => import("./pages/audit/AuditPage"));
const PolicyPage = lazy(() => import("./pages/policy/PolicyPage"));
const NotificationsPage = lazy(() => import("./pages/notifications/NotificationsPage"));
const SessionsPage = lazy(() => import("./pages/password/SessionsPage"));
const TwoFactorPage = lazy(() => import("./pages/password/TwoFactorPage"));
const CalendarPage = lazy(() => import("./pages/calendar/CalendarPage"));
const ApplicationListPage = lazy(() => import("./pages/applications/ApplicationListPage"));
const ApplicationsIndex = lazy(() => import("./pages/applications/ApplicationListPage").then((m) => ({ default: m.ApplicationsIndex })));
const ApplicationDetailPage = lazy(() => import("./pages/applications/ApplicationDetailPage"));
const ApplicationEditPage = lazy(() => import("./pages/applications/ApplicationEditPage"));
const ObjectionsPage = lazy(() => import("./pages/objections/ObjectionsPage"));
const StatisticsPage = lazy(() => import("./pages/statistics/StatisticsPage"));
const BasesPage = lazy(() => import("./pages/bases/BasesPage"));
const BaseDetailPage = lazy(() => import("./pages/bases/BaseDetailPage"));
const FeeStandardsPage = lazy(() => import("./pages/filing/FeeStandardsPage"));
const FeeStandardsIndex = lazy(() => import("./pages/filing/FeeStandardsPage").then((m) => ({ default: m.FeeStandardsIndex })));
const PlanListPage = lazy(() => import("./pages/filing/PlanListPage"));
const PlanDetailPage = lazy(() => import("./pages/filing/PlanDetailPage"));
const PlanEditPage = lazy(() => import("./pages/filing/PlanEditPage"));
const PlanFilingStatusPage = lazy(() => import("./pages/filing/PlanFilingStatusPage"));
const ProjectListPage = lazy(() => import("./pages/filing/ProjectListPage"));
const ProjectDetailPage = lazy(() => import("./pages/filing/ProjectDetailPage"));
const ProjectEditPage = lazy(() => import("./pages/filing/ProjectEditPage"));
// delivery, the staff, supervisor and bureau side (第十七条, 第二十四条)
const EnrollmentsPage = lazy(() => import("./pages/delivery/EnrollmentsPage"));
const SessionCheckInPage = lazy(() => import("./pages/delivery/CheckInPage"));
const CompletionPage = lazy(() => import("./pages/delivery/CompletionPage"));
const SurveyResultsPage = lazy(() => import("./pages/delivery/SurveyResultsPage"));
const ArchivePage = lazy(() => import("./pages/delivery/ArchivePage"));
const SurveyFormsPage = lazy(() => import("./pages/delivery/SurveyFormsPage"));
const DeclarationsPage = lazy(() => import("./pages/delivery/DeclarationsPage"));
const ProfessionalsPage = lazy(() => import("./pages/delivery/ProfessionalsPage"));
const CertificatesPage = lazy(() => import("./pages/delivery/CertificatesPage"));
const ProfessionalRecordPage = lazy(() => import("./pages/delivery/ProfessionalRecordPage"));
const PublicLayout = lazy(() => import("./pages/public/PublicLayout"));
const PublicNoticesPage = lazy(() => import("./pages/public/PublicNoticesPage"));
const PublicNoticeDetailPage = lazy(() => import("./pages/public/PublicNoticeDetailPage"));
const PublicObjectionQueryPage = lazy(() => import("./pages/public/PublicObjectionQueryPage"));
const PublicBasesPage = lazy(() => import("./pages/public/PublicBasesPage"));
const PublicBaseVerifyPage = lazy(() => import("./pages/public/PublicBaseVerifyPage"));
const PublicTrainingsPage = lazy(() => import("./pages/public/PublicTrainingsPage"));
const PublicTrainingDetailPage = lazy(() => import("./pages/public/PublicTrainingDetailPage"));
// delivery and the learning record: the professional's and the public's pages (第十七条, 第二十四条)
const PublicVerifyPage = lazy(() => import("./pages/public/PublicVerifyPage"));
const CertificateVerifyPage = lazy(() => import("./pages/public/CertificateVerifyPage"));
const HoursStatementVerifyPage = lazy(() => import("./pages/public/HoursStatementVerifyPage"));
const SignUpPage = lazy(() => import("./pages/signup/SignUpPage"));
const CheckInPage = lazy(() => import("./pages/learner/CheckInPage"));
const MyCoursesPage = lazy(() => import("./pages/learner/MyCoursesPage"));
const LearningRecordPage = lazy(() => import("./pages/learner/LearningRecordPage"));
const AtRiskPage = lazy(() => import("./pages/forecast/AtRiskPage"));

const guarded = (ability: Ability, page: ReactNode) => <RequireAbility ability={ability}>{page}</RequireAbility>;
/** A lazy page outside a layout (whose Suspense would otherwise show it loading). */
const lazily = (page: ReactNode) => <Suspense fallback={<Spin fullscreen />}>{page}</Suspense>;

export const router = createBrowserRouter([
  // Anyone, no session (第五条（三）公示 and objections, the registry, plaque verification, 第十七条 the
  // calendar of filed training projects).
  {
    path: "/public",
    errorElement: <PageError />,
    element: (
      <Suspense fallback={<Spin fullscreen />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <Navigate to="notices" replace /> },
      { path: "notices", element: <PublicNoticesPage /> },
      { path: "notices/:id", element: <PublicNoticeDetailPage /> },
      { path: "objections", element: <PublicObjectionQueryPage /> },
      { path: "objections/:receiptNo", element: <PublicObjectionQueryPage /> },
      { path: "bases", element: <PublicBasesPage /> },
      { path: "bases/:id", element: <PublicBaseVerifyPage /> },
      { path: "trainings", element: <PublicTrainingsPage /> },
      { path: "trainings/:id", element: <PublicTrainingDetailPage /> },
      { path: "verify", element: <PublicVerifyPage /> },
      // supervision (第十九条 一公开, 第二十条): 双随机 draws and results, revoked bases, 失信 records
      ...SUPERVISION_PUBLIC_PAGES.map(({ path, page: Page }) => ({ path, element: <Page /> })),
      ...ANNOUNCEMENT_PAGES.public.map(({ path, page: Page }) => ({ path, element: <Page /> })),
      { path: "*", element: <NotFound /> },
    ],
  },
  // Where the QR codes on certificates and hours statements point (no sign-in).
  {
    path: "/verify",
    errorElement: <PageError />,
    element: (
      <Suspense fallback={<Spin fullscreen />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <Navigate to="/public/verify" replace /> },
      { path: "certificates/:serial", element: <CertificateVerifyPage /> },
      { path: "hours/:code", element: <HoursStatementVerifyPage /> },
      { path: "*", element: <NotFound /> },
    ],
  },
  {
    path: "/",
    element: <SessionRoot />,
    errorElement: <PageError />,
    children: [
      { path: "login", element: lazily(<LoginPage />) },
      { path: "signup", element: lazily(<SignUpPage />) },
      {
        element: <RequireAuth />,
        children: [
          // opened on a phone from the projector's QR code: no side menu
          { path: "check-in", element: lazily(<CheckInPage />) },
          {
            element: lazily(<AppLayout />),
            children: [
              { index: true, element: guarded("home.view", <HomePage />) },
              { path: "password", element: guarded("password.change", <ChangePasswordPage />) },
              { path: "sessions", element: guarded("session.own", <SessionsPage />) },
              { path: "notifications", element: guarded("home.view", <NotificationsPage />) },
              { path: "two-factor", element: guarded("session.own", <TwoFactorPage />) },
              { path: "organizations", element: guarded("organization.manage", <OrganizationsPage />) },
              { path: "users", element: guarded("user.manage", <UsersPage />) },
              { path: "audit", element: guarded("audit.view", <AuditPage />) },
              { path: "policy", element: guarded("policy.view", <PolicyPage />) },
              { path: "calendar", element: guarded("calendar.view", <CalendarPage />) },
              { path: "applications", element: guarded("application.view", <ApplicationsIndex />) },
              { path: "applications/:id", element: guarded("application.view", <ApplicationDetailPage />) },
              { path: "applications/:id/edit", element: guarded("application.apply", <ApplicationEditPage />) },
              { path: "recommendations", element: guarded("application.recommend", <ApplicationListPage key="recommend" kind="recommend" />) },
              { path: "accreditation", element: guarded("application.accredit", <ApplicationListPage key="accredit" kind="accredit" />) },
              { path: "reviews", element: guarded("application.review", <ApplicationListPage key="review" kind="review" />) },
              { path: "objections", element: guarded("objection.resolve", <ObjectionsPage />) },
              { path: "statistics", element: guarded("statistics.view", <StatisticsPage />) },
              { path: "bases", element: guarded("base.view", <BasesPage />) },
              { path: "bases/:id", element: guarded("base.view", <BaseDetailPage />) },
              // filing (第十六条, 第十七条, 第二十五条)
              { path: "fee-standards", element: <FeeStandardsIndex /> },
              { path: "fee-approvals", element: guarded("feeStandard.approve", <FeeStandardsPage key="approve" kind="approve" />) },
              { path: "annual-plans", element: guarded("annualPlan.view", <PlanListPage />) },
              { path: "annual-plans/new", element: guarded("annualPlan.edit", <PlanEditPage key="new" />) },
              { path: "annual-plans/:id", element: guarded("annualPlan.view", <PlanDetailPage />) },
              { path: "annual-plans/:id/edit", element: guarded("annualPlan.edit", <PlanEditPage key="edit" />) },
              { path: "plan-filing-status", element: guarded("annualPlan.filingStatus", <PlanFilingStatusPage />) },
              { path: "training-projects", element: guarded("project.view", <ProjectListPage />) },
              { path: "training-projects/new", element: guarded("project.file", <ProjectEditPage key="new" />) },
              { path: "training-projects/:id", element: guarded("project.view", <ProjectDetailPage />) },
              { path: "training-projects/:id/edit", element: guarded("project.file", <ProjectEditPage key="edit" />) },
              // the professional's own courses and record (第二十四条)
              { path: "my/courses", element: guarded("learning.view", <MyCoursesPage />) },
              { path: "my/record", element: guarded("learning.view", <LearningRecordPage />) },
              // issue 11 item 8: the calendar inside the app for a signed-in professional (menu, no 登录)
              { path: "trainings", element: guarded("learning.view", <PublicTrainingsPage />) },
              { path: "trainings/:id", element: guarded("learning.view", <PublicTrainingDetailPage />) },
              // delivery (第十七条, 第二十四条): a project's enrolment, check-in, completion, evaluation, archive
              { path: "training-projects/:id/enrollments", element: guarded("project.view", <EnrollmentsPage />) },
              { path: "training-projects/:id/sessions/:sessionId/check-in", element: guarded("project.view", <SessionCheckInPage />) },
              { path: "training-projects/:id/completion", element: guarded("project.view", <CompletionPage />) },
              { path: "training-projects/:id/survey-results", element: guarded("project.view", <SurveyResultsPage />) },
              { path: "training-projects/:id/archive", element: guarded("project.view", <ArchivePage />) },
              { path: "survey-forms", element: guarded("surveyForm.manage", <SurveyFormsPage />) },
              { path: "hour-declarations", element: guarded("declaration.review", <DeclarationsPage />) },
              { path: "professionals", element: guarded("professional.lookup", <ProfessionalsPage />) },
              { path: "professionals/:id", element: guarded("professional.lookup", <ProfessionalRecordPage />) },
              { path: "certificates", element: guarded("certificate.search", <CertificatesPage />) },
              { path: "at-risk-professionals", element: guarded("atRisk.view", <AtRiskPage />) },
              // supervision (第十三–十五条, 第十八–二十条, 第二十七条)
              ...SUPERVISION_PAGES.map(({ path, ability, page: Page }) => ({ path, element: guarded(ability ?? "home.view", <Page />) })),
              ...ANNOUNCEMENT_PAGES.signedIn.map(({ path, ability, page: Page }) => ({ path, element: guarded(ability ?? "home.view", <Page />) })),
              { path: "*", element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);
