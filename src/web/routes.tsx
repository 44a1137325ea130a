// Route table: the public pages (/public/…, no sign-in) and /login outside the layout; every other page
// needs a session, and names the ability it needs (access.ts).
import { lazy, Suspense, type ReactNode } from "react";
import { Spin } from "antd";
import { createBrowserRouter, Navigate } from "react-router-dom";
import type { Ability } from "./access";
import { AppLayout } from "./components/AppLayout";
import { NotFound } from "./components/NotFound";
import { LoginPage } from "./pages/login/LoginPage";
import { ChangePasswordPage } from "./pages/password/ChangePasswordPage";
import { RequireAbility, RequireAuth } from "./session/guards";
import { SessionRoot } from "./session/SessionContext";

const HomePage = lazy(() => import("./pages/home/HomePage"));
const OrganizationsPage = lazy(() => import("./pages/organizations/OrganizationsPage"));
const UsersPage = lazy(() => import("./pages/users/UsersPage"));
const AuditPage = lazy(() => import("./pages/audit/AuditPage"));
const PolicyPage = lazy(() => import("./pages/policy/PolicyPage"));
const CalendarPage = lazy(() => import("./pages/calendar/CalendarPage"));
const ApplicationListPage = lazy(() => import("./pages/applications/ApplicationListPage"));
const ApplicationsIndex = lazy(() => import("./pages/applications/ApplicationListPage").then((m) => ({ default: m.ApplicationsIndex })));
const ApplicationDetailPage = lazy(() => import("./pages/applications/ApplicationDetailPage"));
const ApplicationEditPage = lazy(() => import("./pages/applications/ApplicationEditPage"));
const ObjectionsPage = lazy(() => import("./pages/objections/ObjectionsPage"));
const BasesPage = lazy(() => import("./pages/bases/BasesPage"));
const BaseDetailPage = lazy(() => import("./pages/bases/BaseDetailPage"));
const PublicLayout = lazy(() => import("./pages/public/PublicLayout"));
const PublicNoticesPage = lazy(() => import("./pages/public/PublicNoticesPage"));
const PublicNoticeDetailPage = lazy(() => import("./pages/public/PublicNoticeDetailPage"));
const PublicObjectionQueryPage = lazy(() => import("./pages/public/PublicObjectionQueryPage"));
const PublicBasesPage = lazy(() => import("./pages/public/PublicBasesPage"));
const PublicBaseVerifyPage = lazy(() => import("./pages/public/PublicBaseVerifyPage"));

const guarded = (ability: Ability, page: ReactNode) => <RequireAbility ability={ability}>{page}</RequireAbility>;

export const router = createBrowserRouter([
  // Anyone, no session (第五条（三）公示 and objections, the registry, plaque verification).
  {
    path: "/public",
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
      { path: "*", element: <NotFound /> },
    ],
  },
  {
    path: "/",
    element: <SessionRoot />,
    children: [
      { path: "login", element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: guarded("home.view", <HomePage />) },
              { path: "password", element: guarded("password.change", <ChangePasswordPage />) },
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
              { path: "bases", element: guarded("base.view", <BasesPage />) },
              { path: "bases/:id", element: guarded("base.view", <BaseDetailPage />) },
              { path: "*", element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);
