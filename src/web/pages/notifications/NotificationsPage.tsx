// 消息中心: every notification of the signed-in person, newest first, filtered by kind and by read or
// unread; each opens the thing it is about (and is marked read), and all can be marked read at once.
// The bell in the header shows the unread ones and links here.
import { useCallback, useState } from "react";
import { useNavigate } from "react-router-dom";
import { App, Badge, Button, Card, List, Segmented, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { NOTIFICATION_GROUPS } from "../../../shared/notifications.js";
import { notificationApi } from "../../api/endpoints";
import type { NotificationView } from "../../api/types";
import type { Query } from "../../api/client";
import { useNotificationText } from "../../components/NotificationBell";
import { PageTitle } from "../../components/PageTitle";
import { usePagedList } from "../../components/usePagedList";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";

type State = "all" | "unread" | "read";

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const text = useNotificationText();
  const [state, setState] = useState<State>("unread");
  const [group, setGroup] = useState<string | undefined>();
  const [unread, setUnread] = useState(0);
  const load = useCallback(
    (q: Query) =>
      notificationApi.list(q).then((page) => {
        setUnread(page.unread ?? 0);
        return page;
      }),
    [],
  );
  const list = usePagedList<NotificationView>(load, { state: "unread" });
  const filter = (next: { state?: State; group?: string }) => {
    const s = next.state ?? state;
    const g = "group" in next ? next.group : group;
    setState(s);
    setGroup(g);
    list.setFilters({ ...(s !== "all" ? { state: s } : {}), ...(g ? { group: g } : {}) });
  };

  const open = async (item: NotificationView) => {
    try {
      if (!item.readAt) await notificationApi.read(item.id);
    } catch (err) {
      showError(err);
    }
    if (item.link.startsWith("/") && !item.link.startsWith("/api/")) navigate(item.link);
    else list.reload();
  };
  const readAll = async () => {
    try {
      await notificationApi.readAll();
      void message.success(t("notificationCentre.allRead"));
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      <PageTitle
        extra={
          <Button onClick={() => void readAll()} disabled={unread === 0}>
            {t("notifications.readAll")}
          </Button>
        }
      >
        {t("notificationCentre.title")}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented<State>
            aria-label={t("notificationCentre.state")}
            value={state}
            onChange={(v) => filter({ state: v })}
            options={[
              { value: "unread", label: t("notificationCentre.unread", { count: unread }) },
              { value: "read", label: t("notificationCentre.read") },
              { value: "all", label: t("notificationCentre.all") },
            ]}
          />
          <Select
            allowClear
            aria-label={t("notificationCentre.group")}
            placeholder={t("notificationCentre.allGroups")}
            style={{ width: 180 }}
            value={group}
            onChange={(v: string | undefined) => filter({ group: v })}
            options={NOTIFICATION_GROUPS.map((g) => ({ value: g, label: t(`notificationCentre.groups.${g}`) }))}
          />
        </Space>
        <List<NotificationView>
          loading={list.loading}
          dataSource={list.items}
          locale={{ emptyText: t(state === "unread" ? "notifications.none" : "notificationCentre.none") }}
          pagination={
            list.total > (list.pagination.pageSize ?? 20)
              ? { current: list.pagination.current, pageSize: list.pagination.pageSize, total: list.total, onChange: list.pagination.onChange, size: "small" }
              : false
          }
          renderItem={(item) => (
            <List.Item
              actions={[
                <Button key="open" type="link" onClick={() => void open(item)}>
                  {t("notificationCentre.open")}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {!item.readAt && <Badge status="processing" text={t("notificationCentre.unreadTag")} />}
                    <Typography.Text strong={!item.readAt}>{text(item)}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    {item.params.comment ? <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{String(item.params.comment)}</Typography.Paragraph> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatInstant(item.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
        <Typography.Text type="secondary">{t("common.total", { total: list.total })}</Typography.Text>
      </Card>
    </>
  );
}
