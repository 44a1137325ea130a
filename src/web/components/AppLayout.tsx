// The signed-in frame: a side menu built from the user's abilities (access.ts) and a header with
// the user, organization, roles, notifications, language switch and sign-out. Below the `lg` breakpoint
// (issue 11 item 8) the menu is a drawer opened from the header's menu button, and on a phone the
// header keeps one line: the short title and the bell, the rest moves into the drawer.
import { Suspense, useEffect, useState } from "react";
import { Link, Outlet, useLocation } from "react-router-dom";
import { Button, Drawer, Flex, Grid, Layout, Menu, Spin, Typography, theme } from "antd";
import { LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
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
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.lg === false;
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // a new page closes the drawer
  useEffect(() => setDrawerOpen(false), [pathname]);
  if (!session) return null;
  const { user } = session;
  // A forced password change comes before anything else.
  const entries = user.mustChangePassword
    ? MENU.filter((m) => m.path === "/password")
    : mustEnrolTotp(session)
      ? MENU.filter((m) => m.path === "/two-factor")
      : menuFor(abilities);

  const showBell = !user.mustChangePassword && !mustEnrolTotp(session);
  const menu = (
    <nav aria-label={t("menu.label")}>
      <Menu
        mode="inline"
        style={{ borderInlineEnd: "none" }}
        selectedKeys={entries.filter((m) => isSelected(m.path, pathname)).map((m) => m.path)}
        onClick={() => setDrawerOpen(false)}
        items={entries.map((m) => ({
          key: m.path,
          icon: <m.icon />,
          label: <Link to={m.path}>{t(m.labelKey)}</Link>,
        }))}
      />
    </nav>
  );
  const userLine = (
    <span>
      <UserOutlined aria-hidden /> {user.displayName}
    </span>
  );
  const logoutButton = (
    <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
      {t("common.logout")}
    </Button>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {isNarrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={t("app.shortTitle")}
          styles={{ body: { padding: 0 } }}
        >
          {isPhone && (
            <Flex vertical gap={8} style={{ padding: "12px 16px", borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              {userLine}
              <Typography.Text type="secondary">{user.orgName}</Typography.Text>
              <RoleTags roles={session.roles} />
              <Flex gap={8} wrap align="center">
                <LanguageSwitch />
                {logoutButton}
              </Flex>
            </Flex>
          )}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider theme="light" width={208} style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
          <div style={{ padding: "20px 16px", fontWeight: 600, fontSize: 16, color: token.colorPrimary }}>{t("app.shortTitle")}</div>
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: isPhone ? 12 : 24,
            height: "auto",
            lineHeight: "normal",
            minHeight: isPhone ? 56 : 64,
          }}
        >
          <Flex justify="space-between" align="center" wrap={!isPhone} gap={isPhone ? 8 : 12} style={{ minHeight: isPhone ? 56 : 64 }}>
            <Flex align="center" gap={8} style={{ minWidth: 0, flex: isPhone ? 1 : undefined }}>
              {isNarrow && (
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t("layout.openMenu")}
                  aria-expanded={drawerOpen}
                  onClick={() => setDrawerOpen(true)}
                />
              )}
              <Typography.Text strong style={{ fontSize: 16, minWidth: 0 }} ellipsis={isPhone ? { tooltip: t("app.title") } : undefined}>
                {isPhone ? t("app.shortTitle") : t("app.title")}
              </Typography.Text>
            </Flex>
            {isPhone ? (
              showBell && <NotificationBell />
            ) : (
              <Flex align="center" wrap gap={12}>
                {userLine}
                <Typography.Text type="secondary">{user.orgName}</Typography.Text>
                <RoleTags roles={session.roles} />
                {showBell && <NotificationBell />}
                <LanguageSwitch />
                {logoutButton}
              </Flex>
            )}
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
