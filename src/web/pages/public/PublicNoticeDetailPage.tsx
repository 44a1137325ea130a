// One public notice: what is being announced and until when, and the objection form while it is open.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, Card, Descriptions, Result, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/endpoints";
import type { NoticeView } from "../../api/types";
import { NoticeOpenTag, SpecialtyTags } from "../../components/accreditationTags";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { formatDate } from "../../format";
import { ObjectionForm } from "./ObjectionForm";

export default function PublicNoticeDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const [missing, setMissing] = useState(false);

  const load = useCallback(() => {
    publicApi
      .notice(id)
      .then(setNotice)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) setMissing(true);
        else showError(err);
      });
  }, [id, showError]);
  useEffect(load, [load]);

  if (missing) {
    return <Result status="404" title={t("public.noticeNotFound")} extra={<Link to="/public/notices">{t("public.nav.notices")}</Link>} />;
  }
  if (!notice) return <Skeleton active />;
  return (
    <>
      <PageTitle>{notice.title}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "base", label: t("base.name"), children: notice.baseName, span: 2 },
            { key: "org", label: t("base.hostOrg"), children: notice.applicantOrgName },
            { key: "district", label: t("base.district"), children: notice.district || "—" },
            { key: "specialty", label: t("base.specialtyFields"), children: <SpecialtyTags fields={notice.specialtyFields} />, span: 2 },
            { key: "period", label: t("notice.period"), children: t("notice.periodValue", { from: formatDate(notice.startsOn), to: formatDate(notice.endsOn) }) },
            {
              key: "status",
              label: t("common.status"),
              children: <NoticeOpenTag open={notice.isOpen} />,
            },
          ]}
        />
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={notice.isOpen ? t("public.noticeOpenHint", { date: formatDate(notice.endsOn) }) : t("public.noticeClosedHint")}
        />
      </Card>
      {notice.isOpen && <ObjectionForm noticeId={notice.id} onClosed={load} />}
    </>
  );
}
