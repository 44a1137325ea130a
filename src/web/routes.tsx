// Route table: /login outside the layout; every other page needs a session, and the bureau's pages
// name the ability they need (access.ts).
import { lazy, type ReactNode } from "react";
import { createBrowserRouter } from "react-router-dom";
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

const guarded = (ability: Ability, page: ReactNode) => <RequireAbility ability={ability}>{page}</RequireAbility>;

export const router = createBrowserRouter([
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
              { path: "*", element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);
