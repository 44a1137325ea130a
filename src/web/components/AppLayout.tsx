// The signed-in frame: a side menu built from the user's abilities (access.ts) and a header with
// the user, organization, roles, notifications, language switch and sign-out.
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router-dom";
import { Button, Flex, Layout, Menu, Spin, Typography, theme } from "antd";
import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { MENU, menuFor, mustEnrolTotp } from "../access";
import { useSession } from "../session/SessionContext";
import { LanguageSwitch } from "./LanguageSwitch";
import { NotificationBell } from "./NotificationBell";
import { RoleTags } from "./tags";

function isSelected(path: string, pathname: string): boolean {
  return path === "/" ? pathname === "/" : pathname === path || pathname.startsWith(`${path}/`);
}

export function AppLayout() {
  const { session, abilities, logout } = useSession();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  if (!session) return null;
  const { user } = session;
  // A forced password change comes before anything else.
  const entries = user.mustChangePassword
    ? MENU.filter((m) => m.path === "/password")
    : mustEnrolTotp(session)
      ? MENU.filter((m) => m.path === "/two-factor")
      : menuFor(abilities);

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider theme="light" breakpoint="lg" collapsedWidth={0} width={208} style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div style={{ padding: "20px 16px", fontWeight: 600, fontSize: 16, color: token.colorPrimary }}>
          {t("app.shortTitle")}
        </div>
        <nav aria-label={t("menu.label")}>
          <Menu
            mode="inline"
            style={{ borderInlineEnd: "none" }}
            selectedKeys={entries.filter((m) => isSelected(m.path, pathname)).map((m) => m.path)}
            items={entries.map((m) => ({
              key: m.path,
              icon: <m.icon />,
              label: <Link to={m.path}>{t(m.labelKey)}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: 24,
            height: "auto",
            lineHeight: "normal",
            minHeight: 64,
          }}
        >
          <Flex justify="space-between" align="center" wrap gap={12} style={{ minHeight: 64 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t("app.title")}
            </Typography.Text>
            <Flex align="center" wrap gap={12}>
              <span>
                <UserOutlined aria-hidden /> {user.displayName}
              </span>
              <Typography.Text type="secondary">{user.orgName}</Typography.Text>
              <RoleTags roles={session.roles} />
              {!user.mustChangePassword && !mustEnrolTotp(session) && <NotificationBell />}
              <LanguageSwitch />
              <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
                {t("common.logout")}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
