// 消息通知: a bell with the unread count in the header, polled every 60 s, and a dropdown of the
// unread notifications (text from i18n `notifications.<kind>`). Polling runs only while the user is
// actually at the page (recent pointer or key input, tab visible): otherwise each poll would keep the
// server session alive forever and the idle timeout would never end it.
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Badge, Button, Empty, Flex, Popover, Typography } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { notificationApi } from "../api/endpoints";
import type { NotificationView } from "../api/types";
import { formatInstant } from "../format";
import { useSession } from "../session/SessionContext";
import { useShowError } from "./useShowError";

const POLL_MS = 60_000;
let lastInputAt = Date.now();
const noteInput = () => {
  lastInputAt = Date.now();
};
for (const type of ["pointerdown", "keydown", "wheel", "touchstart"]) window.addEventListener(type, noteInput, { passive: true });

export function useNotificationText() {
  const { t, i18n } = useTranslation();
  return (n: Pick<NotificationView, "kind" | "params">) => {
    const key = `notifications.${n.kind}`;
    return i18n.exists(key) ? t(key, n.params as Record<string, string>) : n.kind;
  };
}

function NotificationItem({ item, onOpen }: { item: NotificationView; onOpen(item: NotificationView): void }) {
  const text = useNotificationText();
  const comment = item.params.comment;
  return (
    <li style={{ listStyle: "none", padding: "8px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
      <Button type="link" onClick={() => onOpen(item)} style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "start" }}>
        {text(item)}
      </Button>
      {comment ? <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>{String(comment)}</Typography.Paragraph> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatInstant(item.createdAt)}
      </Typography.Text>
    </li>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const { session } = useSession();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const activeWindowMs = Math.max(1, (session?.idleMinutes ?? 30) / 2) * 60_000;

  const load = useCallback(() => {
    notificationApi
      .list({ unread: true, pageSize: 10 })
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread ?? r.total);
      })
      .catch(() => undefined); // a missed poll is retried at the next one
  }, []);

  useEffect(() => {
    load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && Date.now() - lastInputAt < activeWindowMs) load();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [load, activeWindowMs]);

  const openItem = async (item: NotificationView) => {
    setOpen(false);
    try {
      await notificationApi.read(item.id);
    } catch (err) {
      showError(err);
    }
    load();
    if (item.link.startsWith("/") && !item.link.startsWith("/api/")) navigate(item.link);
  };

  const readAll = async () => {
    try {
      await notificationApi.readAll();
      load();
    } catch (err) {
      showError(err);
    }
  };

  const content = (
    <div style={{ width: "min(340px, calc(100vw - 32px))", maxHeight: 420, overflowY: "auto" }}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t("notifications.unreadTitle", { count: unread })}</Typography.Text>
        <Button size="small" onClick={() => void readAll()} disabled={unread === 0}>
          {t("notifications.readAll")}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.none")} />
      ) : (
        <ul style={{ padding: 0, margin: 0 }}>
          {items.map((n) => (
            <NotificationItem key={n.id} item={n} onOpen={(i) => void openItem(i)} />
          ))}
        </ul>
      )}
      <Flex justify="center" style={{ marginTop: 8 }}>
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            navigate("/notifications");
          }}
        >
          {t("notificationCentre.viewAll")}
        </Button>
      </Flex>
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) load();
      }}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button icon={<BellOutlined />} aria-label={t("notifications.buttonLabel", { count: unread })}>
          {t("notifications.title")}
        </Button>
      </Badge>
    </Popover>
  );
}
