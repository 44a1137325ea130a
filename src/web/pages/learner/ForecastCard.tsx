// 学时达标预测 (第二十四条; 人社部令第25号 第八条): what the year still needs by subject, what the enrolled
// courses will add, and the filed courses open for enrolment that would close the gap, best first, each
// with a link to enrol. Cards, not a table, so it reads at 375 px.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Alert, Card, Flex, List, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { forecastApi, type ForecastView } from "../../api/forecast";
import { ToneTag } from "../../components/ToneTag";
import { formatDate, formatFen } from "../../format";

function Suggestions({ forecast }: { forecast: ForecastView }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t("learner.forecast.suggestionsLabel")}>
      <List
        dataSource={forecast.suggestions}
        renderItem={(c, i) => (
          <List.Item key={c.projectId}>
            <Space orientation="vertical" size={2} style={{ width: "100%", minWidth: 0 }}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{i + 1}.</Typography.Text>
                <Link to={`/trainings/${c.projectId}`}>{c.title}</Link>
                <ToneTag tone={c.subjectType === "general" ? "blue" : "green"}>{t(`learner.forecast.subject.${c.subjectType}`)}</ToneTag>
              </Flex>
              <Typography.Text type="secondary" style={{ overflowWrap: "anywhere" }}>
                {t("learner.forecast.courseLine", {
                  base: c.baseName,
                  start: formatDate(c.startDate),
                  end: formatDate(c.endDate),
                  hours: c.countedHours,
                  places: c.placesLeft,
                  fee: c.feeFen ? formatFen(c.feeFen) : t("learner.forecast.free"),
                })}
              </Typography.Text>
              {c.countedHours < c.hours && <Typography.Text type="warning">{t("learner.forecast.capped", { hours: c.hours, counted: c.countedHours })}</Typography.Text>}
              <Link to={`/trainings/${c.projectId}`} aria-label={t("learner.forecast.enrolIn", { title: c.title })}>
                {t("learner.forecast.enrol")}
              </Link>
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}

function Verdict({ forecast }: { forecast: ForecastView }) {
  const { t } = useTranslation();
  const { shortfall, enrolled, remaining } = forecast;
  if (forecast.met) return <Alert type="success" showIcon title={t("learner.forecast.met", { year: forecast.year })} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {t("learner.forecast.stillNeed", { year: forecast.year, professional: shortfall.professionalHours, general: shortfall.generalHours })}
      </Typography.Text>
      {shortfall.totalHours > shortfall.generalHours + shortfall.professionalHours && (
        <Typography.Text>{t("learner.forecast.totalToo", { total: shortfall.totalHours })}</Typography.Text>
      )}
      {enrolled.courses.length > 0 && (
        <Typography.Text type="secondary">
          {t("learner.forecast.enrolledLine", { count: enrolled.courses.length, hours: enrolled.totalHours })}
          {forecast.coveredByEnrolled ? t("learner.forecast.coveredByEnrolled") : t("learner.forecast.remainingAfterEnrolled", { professional: remaining.professionalHours, general: remaining.generalHours })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">{t("learner.forecast.daysLeft", { days: forecast.remainingDays, cap: forecast.maxHoursPerDay })}</Typography.Text>
    </Space>
  );
}

/** The forecast of a year (default: this year); nothing for a past year. */
export function ForecastCard({ year, compact = false }: { year: number; compact?: boolean }) {
  const { t } = useTranslation();
  const [forecast, setForecast] = useState<ForecastView | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setForecast(undefined);
    forecastApi
      .mine(year)
      .then((f) => live && setForecast(f))
      .catch(() => live && setForecast(null)); // the rest of the page works without it
    return () => {
      live = false;
    };
  }, [year]);

  if (forecast === null) return null;
  const title = (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {t("learner.forecast.title", { year })}
    </Typography.Title>
  );
  return (
    <Card title={title} style={compact ? { marginBottom: 24 } : undefined}>
      {forecast === undefined ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Verdict forecast={forecast} />
          {forecast.suggestions.length > 0 && (
            <>
              <Typography.Text>{t(forecast.closesGap ? "learner.forecast.suggestionsClose" : "learner.forecast.suggestionsPartial")}</Typography.Text>
              <Suggestions forecast={forecast} />
            </>
          )}
          {!forecast.met && !forecast.coveredByEnrolled && forecast.suggestions.length === 0 && forecast.remainingDays > 0 && (
            <Typography.Text type="secondary">
              {t("learner.forecast.noCourses")}{" "}
              <Link to="/trainings" style={{ textDecoration: "underline" }}>
                {t("learner.home.findCourses")}
              </Link>
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
