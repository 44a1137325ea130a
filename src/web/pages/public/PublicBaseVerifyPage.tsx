// 匾牌核验 (/public/bases/:id?serial=…, where the plaque's QR code points): 核验通过 with the base's current
// name (and 原名称, 第二十七条), host organization, decision number and date, its status in colour and a
// 表彰 badge with its good practice (第十九条). The serial on the QR code tells an old plaque apart: one
// reissued after a change of name says 已换发 and names the base as it is now. A revoked base says 已撤销
// with the date, decision number and reason (第十三、十九、二十条).
import { useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { Alert, Card, Descriptions, Result, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/endpoints";
import type { BaseView } from "../../api/types";
import { plaqueApi, type PlaqueVerification } from "../../api/supervision/change-reports";
import { BaseDescriptions } from "../../components/BaseDescriptions";
import { useShowError } from "../../components/useShowError";
import { formatDate } from "../../format";

type Plaque = PlaqueVerification | "unknown" | null;

function PlaqueAlert({ serial, plaque }: { serial: string; plaque: Plaque }) {
  const { t } = useTranslation();
  if (!plaque) return null;
  if (plaque === "unknown") return <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.public.plaqueUnknown", { serial })} />;
  if (plaque.state === "current") return <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.public.plaqueCurrent", { serial })} />;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("supervision.changeReports.public.plaqueSupersededTitle")}
      description={t("supervision.changeReports.public.plaqueSupersededHint", {
        serial: plaque.serial,
        name: plaque.name,
        date: formatDate(plaque.supersededOn),
        current: plaque.currentName,
        currentSerial: plaque.currentSerial,
      })}
    />
  );
}

function Revocation({ base }: { base: BaseView }) {
  const { t } = useTranslation();
  const k = "supervision.changeReports.public";
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      style={{ marginBottom: 16 }}
      items={[
        { key: "at", label: t(`${k}.revokedAt`), children: formatDate(base.revokedAt?.slice(0, 10)) || "—" },
        { key: "no", label: t(`${k}.revocationDecisionNo`), children: base.revocationDecisionNo ?? "—" },
        { key: "reason", label: t(`${k}.revocationReason`), children: base.revocationReason ?? "—" },
        ...(base.revocationBasis ? [{ key: "basis", label: t(`${k}.revocationBasis`), children: base.revocationBasis }] : []),
      ]}
    />
  );
}

export default function PublicBaseVerifyPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const serial = params.get("serial") ?? "";
  const { t } = useTranslation();
  const showError = useShowError();
  const [base, setBase] = useState<BaseView | null>(null);
  const [plaque, setPlaque] = useState<Plaque>(null);
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
    if (serial) {
      plaqueApi
        .verify(serial)
        // a serial of another base's plaque says nothing about this one
        .then((v) => live && setPlaque(v.baseId === id ? v : "unknown"))
        .catch((err: unknown) => {
          if (!live) return;
          if (err instanceof ApiError && err.status === 404) setPlaque("unknown");
          else showError(err);
        });
    }
    return () => {
      live = false;
    };
  }, [id, serial, showError]);

  if (missing) {
    return (
      <Card>
        <Result status="error" title={t("public.verify.failed")} subTitle={t("public.verify.failedHint")} extra={<Link to="/public/bases">{t("public.nav.bases")}</Link>} />
      </Card>
    );
  }
  if (!base) return <Skeleton active />;
  const superseded = plaque && plaque !== "unknown" && plaque.state === "superseded";
  const revoked = base.status === "revoked";
  return (
    <Card>
      <Result
        status={revoked ? "error" : base.status === "active" && !superseded ? "success" : "warning"}
        title={
          <h1 style={{ fontSize: 24, margin: 0 }}>
            {revoked ? t("baseStatus.revoked", { defaultValue: "已撤销" }) : superseded ? t("supervision.changeReports.public.plaqueSuperseded") : t("public.verify.passed")}
          </h1>
        }
        subTitle={t("public.verify.subtitle", { name: base.name })}
      />
      <PlaqueAlert serial={serial} plaque={plaque} />
      {base.status === "rectifying" && <Alert type="warning" showIcon title={t("public.verify.rectifying")} style={{ marginBottom: 16 }} />}
      {revoked && (
        <>
          <Alert type="error" showIcon title={t("public.verify.revoked")} style={{ marginBottom: 16 }} />
          <Revocation base={base} />
        </>
      )}
      <BaseDescriptions base={base} showSupervisor={false} />
    </Card>
  );
}
