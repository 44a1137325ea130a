// 最迟备案日期 (第十六条): as soon as a class start date is chosen, the last day the project may be filed
// — filingLeadWorkdays working days before it on the official calendar, holidays and make-up working
// days counted by the server — and, in red, when filing today is already too late.
import { useEffect, useState } from "react";
import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { projectApi } from "../../api/endpoints";
import type { FilingDateView } from "../../api/types";
import { formatDate } from "../../format";

export function FilingDateHint({ startDate, onView }: { startDate: string; onView?: (view: FilingDateView | null) => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<FilingDateView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setView(null);
    setError(null);
    if (!startDate) return;
    const ctl = new AbortController();
    projectApi
      .filingDate(startDate, ctl.signal)
      .then(setView)
      .catch((err: unknown) => {
        if ((err as Error).name === "AbortError") return;
        setError(err instanceof ApiError ? err.message : t("errors.unexpected"));
      });
    return () => ctl.abort();
  }, [startDate, t]);

  // issue 11 item 2: the form keeps 提交备案 disabled while the latest filing date has passed
  useEffect(() => onView?.(view), [view, onView]);

  return (
    <div aria-live="polite" style={{ marginBottom: 16 }}>
      {!startDate && <Typography.Text type="secondary">{t("project.filingDate.choose")}</Typography.Text>}
      {error && <Alert type="warning" showIcon title={error} />}
      {view && (
        <Alert
          type={view.inTime ? "info" : "error"}
          showIcon
          title={
            <span>
              {t("project.filingDate.latest")}
              <Typography.Text strong type={view.inTime ? undefined : "danger"} data-testid="latest-filing-date">
                {formatDate(view.latestFilingDate)}
              </Typography.Text>
              {t("project.filingDate.rule", { count: view.leadWorkdays })}
            </span>
          }
          description={
            view.inTime ? (
              t("project.filingDate.inTime", { today: formatDate(view.today) })
            ) : (
              <Typography.Text type="danger">{t("project.filingDate.tooLate", { today: formatDate(view.today) })}</Typography.Text>
            )
          }
        />
      )}
    </div>
  );
}
