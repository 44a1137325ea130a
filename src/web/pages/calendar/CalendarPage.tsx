// 工作日历: the official working-day calendar used to count working days (第十六条: filing at least N
// working days before class start). Years the built-in package does not cover must be confirmed by the
// bureau, who may also enter overrides; counting in an uncovered year is an error, never a guess.
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, Select, Skeleton, Space, Typography } from "antd";
import { ToneTag } from "../../components/ToneTag";
import { CheckCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { calendarApi } from "../../api/endpoints";
import type { CalendarYearView } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { currentYearInShanghai, formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { AddOverrideForm, OverridesTable } from "./OverridesPanel";
import { YearGrid } from "./YearGrid";

const FIRST_YEAR = 2019; // 第二十九条: the measures took effect on 2019-12-18

export default function CalendarPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { can } = useSession();
  const showError = useShowError();
  const canManage = can("calendar.manage");
  const [params, setParams] = useSearchParams();
  const thisYear = currentYearInShanghai();
  const requested = Number(params.get("year"));
  const year = Number.isInteger(requested) && requested >= FIRST_YEAR && requested <= thisYear + 5 ? requested : thisYear;
  const [view, setView] = useState<CalendarYearView | null>(null);
  const [notCovered, setNotCovered] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(() => {
    setLoading(true);
    calendarApi
      .year(year)
      .then((v) => {
        setView(v);
        setNotCovered(null);
      })
      .catch((err: unknown) => {
        setView(null);
        if (err instanceof ApiError && err.code === "CALENDAR_YEAR_NOT_COVERED") setNotCovered(err.message);
        else showError(err);
      })
      .finally(() => setLoading(false));
  }, [year, showError]);

  useEffect(load, [load]);

  const confirmYear = () =>
    modal.confirm({
      title: t("calendar.confirmTitle", { year }),
      content: t("calendar.confirmContent", { year }),
      okText: t("calendar.confirmYear"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await calendarApi.confirmYear(year);
          void message.success(t("calendar.confirmed", { year }));
          load();
        } catch (err) {
          showError(err);
        }
      },
    });

  // The server answers an uncovered year either with 422 CALENDAR_YEAR_NOT_COVERED or with coveredBy: null.
  const uncovered = notCovered ?? (view && view.coveredBy === null ? t("calendar.notCovered", { year }) : null);
  const years = Array.from({ length: thisYear + 2 - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const confirmButton = canManage && (
    <Button type="primary" icon={<CheckCircleOutlined />} onClick={confirmYear}>
      {t("calendar.confirmYear")}
    </Button>
  );

  return (
    <>
      <PageTitle
        extra={
          <Space>
            <label htmlFor="calendar-year">{t("calendar.year")}</label>
            <Select<number>
              id="calendar-year"
              value={year}
              style={{ width: 120 }}
              options={years.map((y) => ({ value: y, label: t("calendar.yearOption", { year: y }) }))}
              onChange={(y) => setParams({ year: String(y) })}
            />
          </Space>
        }
      >
        {t("menu.calendar")}
      </PageTitle>
      {!canManage && <Alert type="info" showIcon title={t("calendar.readOnly")} style={{ marginBottom: 16 }} />}
      {loading && !view && !notCovered ? (
        <Skeleton active />
      ) : uncovered ? (
        <Card>
          <Alert type="warning" showIcon title={uncovered} action={confirmButton} style={{ marginBottom: 16 }} />
          {view && view.overrides.length > 0 && <OverridesTable overrides={view.overrides} canManage={canManage} onChanged={load} />}
          {canManage && (
            <>
              <Typography.Paragraph style={{ marginTop: 16 }}>{t("calendar.enterBeforeConfirm")}</Typography.Paragraph>
              <AddOverrideForm year={year} onAdded={load} />
            </>
          )}
        </Card>
      ) : view ? (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t("calendar.coveredBy")}>
                {view.coveredBy && <ToneTag tone={view.coveredBy === "package" ? "green" : "blue"}>{t(`calendar.covered.${view.coveredBy}`)}</ToneTag>}
              </Descriptions.Item>
              <Descriptions.Item label={t("calendar.confirmedAt")}>{formatInstant(view.confirmedAt) || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("calendar.workdayCount")}>{view.days.filter((d) => d.isWorkday).length}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card style={{ marginBottom: 16 }}>
            <YearGrid days={view.days} />
          </Card>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("calendar.overrides")}</Typography.Title>}>
            <OverridesTable overrides={view.overrides} canManage={canManage} onChanged={load} />
            {canManage && (
              <div style={{ marginTop: 16 }}>
                <AddOverrideForm year={year} onAdded={load} />
              </div>
            )}
          </Card>
        </>
      ) : null}
    </>
  );
}
