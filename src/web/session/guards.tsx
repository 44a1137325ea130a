// Route guards: signed in (and password changed when the server demands it), and holding an ability.
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router-dom";
import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { mustEnrolTotp, type Ability } from "../access";
import { loginPath, useSession } from "./SessionContext";

export function RequireAuth() {
  const { session, expired } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={loginPath(location.pathname + location.search, expired)} replace />;
  if (session.user.mustChangePassword && location.pathname !== "/password") return <Navigate to="/password" replace />;
  // issue 10 item 8: an account that needs a second factor sets one up before anything else
  if (mustEnrolTotp(session) && !session.user.mustChangePassword && location.pathname !== "/two-factor") return <Navigate to="/two-factor" replace />;
  return <Outlet />;
}

export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useTranslation();
  if (!can(ability)) return <Result status="403" title="403" subTitle={t("common.forbidden")} />;
  return <>{children}</>;
}
