// One base (signed in): the registry record, 下载匾牌证书 (PDF with serial number and verification QR),
// the public verification page and the application it came from.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Button, Card, Skeleton, Space } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { baseApi } from "../../api/endpoints";
import type { BaseView } from "../../api/types";
import { BaseDescriptions } from "../../components/BaseDescriptions";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { BaseRectificationActions, RevokedAlert } from "../supervision/rectification/BaseRectificationActions";

export default function BaseDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [base, setBase] = useState<BaseView | null>(null);
  const [notFound, setNotFound] = useState(false);

  useEffect(() => {
    let live = true;
    baseApi
      .get(id)
      .then((b) => live && setBase(b))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setNotFound(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [id, showError]);

  if (notFound) return <NotFound />;
  if (!base) return <Skeleton active />;
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button type="primary" icon={<DownloadOutlined />} href={baseApi.plaqueUrl(base.id)} target="_blank" rel="noreferrer">
              {t("base.downloadPlaque")}
            </Button>
            <BaseRectificationActions base={base} onChange={setBase} />
          </Space>
        }
      >
        {base.name}
      </PageTitle>
      <RevokedAlert base={base} />
      <Card>
        <BaseDescriptions base={base} />
        <Space wrap style={{ marginTop: 16 }}>
          <Link to={`/public/bases/${base.id}`}>{t("base.verifyPage")}</Link>
          {base.applicationId && <Link to={`/applications/${base.applicationId}`}>{t("base.viewApplication")}</Link>}
          <Link to="/bases">{t("base.backToList")}</Link>
        </Space>
      </Card>
    </>
  );
}
