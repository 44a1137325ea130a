// 匾牌核验 (/public/bases/:id, where the plaque's QR code points): 核验通过 with the base's name, host
// organization, decision number and date, and its status — active, rectifying or revoked — in colour.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, Card, Result, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/endpoints";
import type { BaseView } from "../../api/types";
import { BaseDescriptions } from "../../components/BaseDescriptions";
import { useShowError } from "../../components/useShowError";

export default function PublicBaseVerifyPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [base, setBase] = useState<BaseView | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    publicApi
      .base(id)
      .then((b) => live && setBase(b))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setMissing(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [id, showError]);

  if (missing) {
    return (
      <Card>
        <Result status="error" title={t("public.verify.failed")} subTitle={t("public.verify.failedHint")} extra={<Link to="/public/bases">{t("public.nav.bases")}</Link>} />
      </Card>
    );
  }
  if (!base) return <Skeleton active />;
  return (
    <Card>
      <Result
        status={base.status === "active" ? "success" : "warning"}
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t("public.verify.passed")}</h1>}
        subTitle={t("public.verify.subtitle", { name: base.name })}
      />
      {base.status === "rectifying" && <Alert type="warning" showIcon title={t("public.verify.rectifying")} style={{ marginBottom: 16 }} />}
      {base.status === "revoked" && <Alert type="error" showIcon title={t("public.verify.revoked")} style={{ marginBottom: 16 }} />}
      <BaseDescriptions base={base} showSupervisor={false} />
    </Card>
  );
}
