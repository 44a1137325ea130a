// One filed training project on the public calendar: base, dates, hours, mode, venue, capacity, fee,
// filing number and its sessions, with a link to the base's registry entry. Printable. A professional
// enrols here (EnrollButton), seeing the places left when the server tells them.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Card, Descriptions, Result, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/endpoints";
import type { PublicProjectView } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { PrintButton } from "../../components/PrintButton";
import { useShowError } from "../../components/useShowError";
import { formatDate, formatFen } from "../../format";
import { CategoryTag, ProjectStatusTag, SubjectTypeTag } from "../filing/filingTags";
import { SessionsView } from "../filing/SessionsView";
import { EnrollButton } from "./EnrollButton";
import { useTrainingsPath } from "./trainingsPath";

export default function PublicTrainingDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [p, setP] = useState<PublicProjectView | null>(null);
  const [missing, setMissing] = useState(false);
  const trainingsPath = useTrainingsPath();
  // issue 11 item 8: after enrolling, the places left are read again
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    publicApi
      .training(id)
      .then((v) => live && setP(v))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setMissing(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [id, tick, showError]);

  if (missing) return <Result status="404" title={t("training.notFound")} extra={<Link to={trainingsPath}>{t("public.nav.trainings")}</Link>} />;
  if (!p) return <Skeleton active />;
  return (
    <>
      <PageTitle
        extra={
          <Space className="no-print">
            <PrintButton />
          </Space>
        }
      >
        {p.title}
      </PageTitle>
      <EnrollButton project={p} seatsLeft={p.seatsLeft} onEnrolled={() => setTick((n) => n + 1)} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "filingNo", label: t("project.filingNo"), children: p.filingNo },
            { key: "status", label: t("common.status"), children: <ProjectStatusTag status={p.status} /> },
            { key: "base", label: t("filing.base"), children: <Link to={`/public/bases/${p.baseId}`}>{p.baseName}</Link> },
            { key: "district", label: t("filing.district"), children: p.district || "—" },
            { key: "subject", label: t("project.subjectType"), children: <SubjectTypeTag type={p.subjectType} /> },
            { key: "category", label: t("filing.category.label"), children: <CategoryTag category={p.category} /> },
            { key: "specialty", label: t("project.specialty"), children: p.specialty || "—" },
            { key: "dates", label: t("project.dates"), children: t("filing.dateRange", { from: formatDate(p.startDate), to: formatDate(p.endDate) }) },
            { key: "hours", label: t("project.hours"), children: p.hours },
            { key: "mode", label: t("project.mode"), children: t(`trainingMode.${p.mode}`) },
            { key: "venue", label: t("project.venue"), children: p.venue || "—" },
            { key: "capacity", label: t("project.capacity"), children: p.capacity },
            { key: "fee", label: t("project.fee"), children: p.feeFen === 0 ? t("training.free") : formatFen(p.feeFen) },
          ]}
        />
      </Card>
      <Card title={t("project.sessionsTitle")}>
        <SessionsView sessions={p.sessions} />
      </Card>
      <Space style={{ marginTop: 16 }} className="no-print">
        <Link to={trainingsPath}>{t("training.backToList")}</Link>
      </Space>
    </>
  );
}
