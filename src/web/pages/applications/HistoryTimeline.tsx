// 办理记录: every step of a record (actor, action, comment, time), oldest first. Applications by default;
// plans and projects name their own i18n groups of action and status labels.
import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { HistoryEntryView } from "../../api/types";
import { formatInstant } from "../../format";

const COLORS: Record<string, string> = { reject: "red", return: "orange", cancel: "red", publish: "green", approve: "green", file: "green", submit: "blue" };

interface Props {
  history: HistoryEntryView[];
  /** i18n group of the action labels */
  actions?: string;
  /** i18n group of the status labels */
  statuses?: string;
}

export function HistoryTimeline({ history, actions = "appAction", statuses = "appStatus" }: Props) {
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
            <Typography.Text strong>{t(`${actions}.${h.action}`, { defaultValue: h.action })}</Typography.Text>
            {" · "}
            {h.actorName ?? t("application.systemActor")}
            {h.fromStatus !== h.toStatus && (
              <Typography.Text type="secondary">
                {" "}
                （{t(`${statuses}.${h.fromStatus}`, { defaultValue: h.fromStatus })} → {t(`${statuses}.${h.toStatus}`, { defaultValue: h.toStatus })}）
              </Typography.Text>
            )}
            {h.comment && <Typography.Paragraph style={{ margin: "4px 0 0", whiteSpace: "pre-wrap" }}>{h.comment}</Typography.Paragraph>}
          </>
        ),
      }))}
    />
  );
}
