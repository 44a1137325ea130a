// 办理记录: every step of the application (actor, action, comment, time), oldest first.
import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { HistoryEntryView } from "../../api/types";
import { formatInstant } from "../../format";

const COLORS: Record<string, string> = { reject: "red", return: "orange", publish: "green", approve: "green" };

export function HistoryTimeline({ history }: { history: HistoryEntryView[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <Typography.Text type="secondary">{t("application.noHistory")}</Typography.Text>;
  return (
    <Timeline
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: COLORS[h.action] ?? "blue",
        content: (
          <>
            <Typography.Text type="secondary">{formatInstant(h.at)}</Typography.Text>
            <br />
            <Typography.Text strong>{t(`appAction.${h.action}`, { defaultValue: h.action })}</Typography.Text>
            {" · "}
            {h.actorName ?? t("application.systemActor")}
            {h.fromStatus !== h.toStatus && (
              <Typography.Text type="secondary">
                {" "}
                （{t(`appStatus.${h.fromStatus}`, { defaultValue: h.fromStatus })} → {t(`appStatus.${h.toStatus}`, { defaultValue: h.toStatus })}）
              </Typography.Text>
            )}
            {h.comment && <Typography.Paragraph style={{ margin: "4px 0 0", whiteSpace: "pre-wrap" }}>{h.comment}</Typography.Paragraph>}
          </>
        ),
      }))}
    />
  );
}
