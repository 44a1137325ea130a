// The frame of the public pages (no sign-in): a plain header with the service's name and links to
// 公示公告, 基地名录, 培训日历, 异议查询, 证书核验 and 登录. Someone already signed in sees a way back to
// the workspace instead of 登录, and a professional opening the calendar here is taken to the same
// calendar inside the app, with its menu (issue 11 item 8).
import { Suspense, useEffect, useState } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation } from "react-router-dom";
import { Flex, Layout, Spin, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { authApi } from "../../api/endpoints";
import type { SessionView } from "../../api/types";
import { LanguageSwitch } from "../../components/LanguageSwitch";

const LINKS = [
  { to: "/public/notices", key: "public.nav.notices" },
  { to: "/public/announcements", key: "announcements.publicTitle" },
  { to: "/public/bases", key: "public.nav.bases" },
  { to: "/public/revoked-bases", key: "supervision.rectification.public.nav" },
  { to: "/public/spot-checks", key: "supervision.spotChecks.publicNav" },
  { to: "/public/dishonesty-records", key: "supervision.violations.public.title" },
  { to: "/public/trainings", key: "public.nav.trainings" },
  { to: "/public/objections", key: "public.nav.objections" },
  { to: "/public/verify", key: "verify.nav" },
] as const;

export default function PublicLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { pathname, search } = useLocation();
  const [session, setSession] = useState<SessionView | null>(null);
  useEffect(() => {
    let live = true;
    authApi
      .me()
      .then((s) => live && setSession(s))
      .catch(() => undefined); // not signed in: the public header as it is
    return () => {
      live = false;
    };
  }, []);
  if (session?.roles.includes("professional") && pathname.startsWith("/public/trainings")) {
    return <Navigate to={`${pathname.slice("/public".length)}${search}`} replace />;
  }
  const linkStyle = ({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 600 : 400, color: token.colorPrimary });
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, height: "auto", lineHeight: "normal", paddingInline: 24 }}
      >
        <Flex justify="space-between" align="center" wrap gap={12} style={{ minHeight: 64 }}>
          <Link to="/public/notices" style={{ color: "inherit" }}>
            <Typography.Text strong style={{ fontSize: 17 }}>
              {t("public.title")}
            </Typography.Text>
          </Link>
          <Flex align="center" wrap gap={20}>
            <nav aria-label={t("public.nav.label")}>
              <Flex wrap gap={20}>
                {LINKS.map((l) => (
                  <NavLink key={l.to} to={l.to} style={linkStyle}>
                    {t(l.key)}
                  </NavLink>
                ))}
                {session ? <Link to="/">{t("layout.backToApp")}</Link> : <Link to="/login">{t("public.nav.login")}</Link>}
              </Flex>
            </nav>
            <LanguageSwitch />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ margin: "24px auto", width: "100%", maxWidth: 1200, paddingInline: 16 }}>
        <Suspense fallback={<Spin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: "center" }}>
        <Typography.Text type="secondary">{t("public.footer")}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
