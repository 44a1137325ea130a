// 工作台 of a professional: this year's hours against the requirement (第二十四条) and the way to their
// courses, their record and the training calendar.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Card, Flex, Skeleton, Space, Typography } from "antd";
import { BookOutlined, CalendarOutlined, ReadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { LearningRecordView } from "../../../shared/delivery.js";
import { myRecordApi } from "../../api/endpoints";
import { useBusinessToday } from "../filing/useFilingData";
import { ForecastCard } from "./ForecastCard";
import { ComplianceTag } from "./learnerTags";

export function LearnerHomeCard() {
  const { t } = useTranslation();
  const year = Number(useBusinessToday().slice(0, 4));
  const [record, setRecord] = useState<LearningRecordView | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    myRecordApi
      .record(year)
      .then((r) => live && setRecord(r))
      .catch(() => live && setRecord(null)); // the links still work without the summary
    return () => {
      live = false;
    };
  }, [year]);

  return (
    <>
      <Card style={{ marginBottom: 24 }} title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("learner.home.title")}</Typography.Title>}>
        {record === undefined ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : (
          record && (
            <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
              <Typography.Text>
                {t("learner.home.hours", { year: record.year, total: record.totalHours, required: record.requiredHours, general: record.generalHours, professional: record.professionalHours })}
              </Typography.Text>
              <ComplianceTag compliant={record.compliant} />
            </Flex>
          )
        )}
        <Space wrap size={24}>
          <Link to="/my/courses">
            <BookOutlined aria-hidden /> {t("learner.menu.courses")}
          </Link>
          <Link to="/my/record">
            <ReadOutlined aria-hidden /> {t("learner.menu.record")}
          </Link>
          <Link to="/trainings">
            <CalendarOutlined aria-hidden /> {t("learner.home.findCourses")}
          </Link>
        </Space>
      </Card>
      {/* issue 12 item 5: "this year you still need …" and the courses that would close it */}
      <ForecastCard year={year} compact />
    </>
  );
}
