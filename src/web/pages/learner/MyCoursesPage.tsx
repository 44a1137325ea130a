// 我的课程: every course the professional enrolled in, newest first, with its sessions and whether they
// checked in, completion and certificate (第二十四条), the evaluation survey (第十七条 培训效果评估) and
// cancelling an enrolment while the server still offers it. Two tabs (issue 11 item 8): the courses
// running or to come, and the finished ones (ended, or cancelled).
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { Button, Card, Empty, Skeleton, Space, Tabs, Typography } from "antd";
import { CalendarOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { MyEnrollmentView } from "../../../shared/delivery.js";
import { myCourseApi } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { EnrollmentCard } from "./EnrollmentCard";
import { useBusinessToday } from "../filing/useFilingData";
import { SurveyModal } from "./SurveyModal";

/** Courses still running or to come first, cancelled ones last. */
function byRelevance(a: MyEnrollmentView, b: MyEnrollmentView): number {
  if ((a.status === "cancelled") !== (b.status === "cancelled")) return a.status === "cancelled" ? 1 : -1;
  return b.startDate.localeCompare(a.startDate);
}

/** Finished: the last class day has passed, or the enrolment was cancelled. */
function isFinished(e: MyEnrollmentView, today: string): boolean {
  return e.status === "cancelled" || e.endDate < today;
}

export default function MyCoursesPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const navigate = useNavigate();
  const [items, setItems] = useState<MyEnrollmentView[] | null>(null);
  const [surveyFor, setSurveyFor] = useState<MyEnrollmentView | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const today = useBusinessToday();
  const [chosenTab, setTab] = useState<"upcoming" | "finished" | null>(null);
  // until one is chosen: the running and upcoming courses, unless there are only finished ones
  const tab = chosenTab ?? (items && items.length > 0 && items.every((e) => isFinished(e, today)) ? "finished" : "upcoming");

  useEffect(() => {
    let live = true;
    myCourseApi
      .list()
      .then((list) => live && setItems([...list].sort(byRelevance)))
      .catch((err: unknown) => {
        if (!live) return;
        setItems([]);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [tick, showError]);

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<CalendarOutlined />} onClick={() => navigate("/trainings")}>
            {t("learner.courses.findCourses")}
          </Button>
        }
      >
        {t("learner.courses.title")}
      </PageTitle>
      {items === null ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t("learner.courses.none")}>
            <Link to="/trainings">{t("learner.courses.findCourses")}</Link>
          </Empty>
        </Card>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k === "finished" ? "finished" : "upcoming")}
          items={(["upcoming", "finished"] as const).map((key) => {
            const shown = items.filter((e) => isFinished(e, today) === (key === "finished"));
            const label = key === "upcoming" ? t("learner.courses.tabUpcoming") : t("learner.courses.tabFinished");
            return {
              key,
              label: `${label} (${shown.length})`,
              children:
                shown.length === 0 ? (
                  <Card>
                    <Empty description={key === "upcoming" ? t("learner.courses.noneUpcoming") : t("learner.courses.noneFinished")} />
                  </Card>
                ) : (
                  <Space orientation="vertical" size={16} style={{ width: "100%" }}>
                    {shown.map((e) => (
                      <EnrollmentCard key={e.id} e={e} onChanged={reload} onSurvey={() => setSurveyFor(e)} />
                    ))}
                  </Space>
                ),
            };
          })}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t("learner.courses.checkInHint")}
      </Typography.Paragraph>
      {surveyFor && (
        <SurveyModal
          enrollment={surveyFor}
          onClose={(answered) => {
            setSurveyFor(null);
            if (answered) reload();
          }}
        />
      )}
    </>
  );
}
