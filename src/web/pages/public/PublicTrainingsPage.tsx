// 培训日历 (public, no sign-in; 第十七条): the filed training projects professionals may attend, searched
// by class dates (from today on, unless asked otherwise), specialty, subject type, district and base, as
// cards with base, dates, hours, fee and filing number — and the same search as an iCalendar feed.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { Button, Card, Col, Descriptions, Empty, Form, Input, Pagination, Row, Select, Skeleton, Space, Typography } from "antd";
import { CalendarOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { SUBJECT_TYPES } from "../../../shared/filing.js";
import { publicApi } from "../../api/endpoints";
import type { BaseView, PublicProjectView } from "../../api/types";
import { DateRangeInput } from "../../components/DateRangeInput";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters } from "../../components/usePagedList";
import { useKeysetList } from "../../components/useKeysetList";
import { formatDate, formatFen, todayInShanghai } from "../../format";
import { CategoryTag, ProjectStatusTag, SubjectTypeTag, useCategoryOptions } from "../filing/filingTags";
import { useBusinessToday } from "../filing/useFilingData";
import { useIsPhone } from "../../components/ResponsiveTable";
import { useTrainingsPath } from "./trainingsPath";

interface CalendarFilter {
  range?: [Dayjs | null, Dayjs | null] | null;
  specialty?: string;
  subjectType?: string;
  category?: string;
  district?: string;
  baseId?: string;
  q?: string;
}

const toQuery = ({ range, ...rest }: CalendarFilter) =>
  cleanFilters({ ...rest, from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") });

function TrainingCard({ p }: { p: PublicProjectView }) {
  const { t } = useTranslation();
  const trainingsPath = useTrainingsPath();
  return (
    <Card
      size="small"
      style={{ height: "100%" }}
      title={
        <Link to={`${trainingsPath}/${p.id}`} style={{ whiteSpace: "normal" }}>
          {p.title}
        </Link>
      }
      extra={
        <Space size={4} wrap>
          <SubjectTypeTag type={p.subjectType} />
          <CategoryTag category={p.category} />
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: "base", label: t("filing.base"), children: p.baseName },
          { key: "dates", label: t("project.dates"), children: t("filing.dateRange", { from: formatDate(p.startDate), to: formatDate(p.endDate) }) },
          { key: "hours", label: t("project.hours"), children: p.hours },
          { key: "fee", label: t("project.fee"), children: p.feeFen === 0 ? t("training.free") : formatFen(p.feeFen) },
          { key: "mode", label: t("project.mode"), children: `${t(`trainingMode.${p.mode}`)}${p.district ? ` · ${p.district}` : ""}` },
          { key: "filingNo", label: t("project.filingNo"), children: p.filingNo },
        ]}
      />
      {p.status !== "filed" && <ProjectStatusTag status={p.status} />}
    </Card>
  );
}

export default function PublicTrainingsPage() {
  const { t } = useTranslation();
  // What is running or still to come: from today (the platform's today, once it has answered).
  const upcoming = (day: string): CalendarFilter => ({ range: [dayjs(day), null] });
  const [initial] = useState(() => upcoming(todayInShanghai()));
  const list = useKeysetList(publicApi.trainings, toQuery(initial));
  const [filterForm] = Form.useForm<CalendarFilter>();
  const categoryOptions = useCategoryOptions();
  const [bases, setBases] = useState<BaseView[]>([]);
  const today = useBusinessToday();
  const appliedDay = useRef(todayInShanghai());
  // issue 11 item 8: a phone gets the filter stacked, each field as wide as the screen
  const isPhone = useIsPhone();
  const full = isPhone ? { width: "100%" } : undefined;

  useEffect(() => {
    if (today === appliedDay.current || filterForm.isFieldsTouched()) return;
    appliedDay.current = today;
    filterForm.setFieldsValue(upcoming(today));
    list.setFilters(toQuery(upcoming(today)));
    // only when the business clock's today arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [today]);

  useEffect(() => {
    publicApi
      .bases({ pageSize: 200 })
      .then((r) => setBases(r.items))
      .catch(() => undefined); // the base filter stays empty; the calendar still works
  }, []);

  const { pagination } = list;
  return (
    <>
      <PageTitle
        extra={
          <Button icon={<CalendarOutlined />} href={publicApi.trainingsIcsUrl(list.filters)}>
            {t("training.ics")}
          </Button>
        }
      >
        {t("public.nav.trainings")}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t("training.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<CalendarFilter> form={filterForm} name="trainingFilter" layout={isPhone ? "vertical" : "inline"} initialValues={initial} onFinish={(v) => list.setFilters(toQuery(v))}>
          <Form.Item label={t("project.classDates")} name="range">
            <DateRangeInput />
          </Form.Item>
          <Form.Item label={t("project.specialty")} name="specialty">
            <Input allowClear maxLength={50} style={full ?? { width: 140 }} />
          </Form.Item>
          <Form.Item label={t("project.subjectType")} name="subjectType">
            <Select allowClear style={full ?? { width: 120 }} options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`subjectType.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("filing.category.label")} name="category">
            <Select allowClear style={full ?? { width: 200 }} options={categoryOptions} />
          </Form.Item>
          <Form.Item label={t("filing.district")} name="district">
            <Input allowClear maxLength={30} style={full ?? { width: 120 }} />
          </Form.Item>
          <Form.Item label={t("filing.base")} name="baseId">
            <Select allowClear style={full ?? { width: 240 }} showSearch={{ optionFilterProp: "label" }} options={bases.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("training.keywordHint")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue(upcoming(today));
              list.setFilters(toQuery(upcoming(today)));
            }}
          />
        </Form>
      </Card>
      <section aria-label={t("training.results")} aria-busy={list.loading}>
        {list.loading && list.items.length === 0 ? (
          <Skeleton active />
        ) : list.items.length === 0 ? (
          <Card>
            <Empty description={t("training.none")} />
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {list.items.map((p) => (
              <Col key={p.id} xs={24} md={12} xl={8}>
                <TrainingCard p={p} />
              </Col>
            ))}
          </Row>
        )}
      </section>
      <Space wrap style={{ marginTop: 16, width: "100%", justifyContent: "flex-end" }}>
        {pagination && <Pagination {...pagination} onChange={pagination.onChange} />}
        {list.pager}
      </Space>
    </>
  );
}
