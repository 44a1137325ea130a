// 学时证明核验 (/verify/hours/:code, where the statement's QR code points; no sign-in): the year's hours
// the statement certifies, with the holder's name partly masked, and whether the year met the
// requirement (第二十四条; 人社部令第25号 第八条).
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Card, Descriptions, Result, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import type { HoursStatementVerification } from "../../../shared/delivery.js";
import { ApiError } from "../../api/client";
import { verifyApi } from "../../api/endpoints";
import { ToneTag } from "../../components/ToneTag";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";
import { VerifyForms } from "./VerifyForms";

export default function HoursStatementVerifyPage() {
  const { code = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [v, setV] = useState<HoursStatementVerification | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    setV(null);
    setMissing(false);
    verifyApi
      .hoursStatement(code)
      .then((r) => live && setV(r))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [code, showError]);

  if (missing) {
    return (
      <>
        <Card style={{ marginBottom: 16 }}>
          <Result
            status="error"
            title={<h1 data-testid="verify-result" style={{ fontSize: 26, margin: 0 }}>{t("verify.hours.notFound")}</h1>}
            subTitle={t("verify.hours.notFoundHint", { code })}
          />
        </Card>
        <VerifyForms />
      </>
    );
  }
  if (!v) return <Skeleton active />;
  const hours = (n: number) => t("verify.hours.hoursValue", { hours: n });
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <div role="status">
          <Result
            status={v.valid ? "success" : "error"}
            style={{ paddingBottom: 16 }}
            title={<h1 data-testid="verify-result" style={{ fontSize: 28, margin: 0 }}>{t(v.valid ? "verify.hours.valid" : "verify.hours.invalid")}</h1>}
            subTitle={<span style={{ fontSize: 16, color: "rgba(0, 0, 0, 0.75)" }}>{t(v.valid ? "verify.hours.validHint" : "verify.hours.invalidHint", { year: v.year })}</span>}
          />
        </div>
        <Descriptions
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "code", label: t("verify.hours.code"), children: v.code },
            { key: "holder", label: t("verify.certificate.holder"), children: v.holderName },
            { key: "year", label: t("learner.record.year"), children: v.year },
            { key: "issuedAt", label: t("verify.hours.issuedAt"), children: formatInstant(v.issuedAt) },
            { key: "general", label: t("subjectType.general"), children: hours(v.generalHours) },
            { key: "professional", label: t("subjectType.professional"), children: hours(v.professionalHours) },
            { key: "total", label: t("learner.record.total"), children: hours(v.totalHours) },
            { key: "required", label: t("learner.record.required"), children: hours(v.requiredHours) },
            {
              key: "compliant",
              label: t("verify.hours.compliance"),
              children: <ToneTag tone={v.compliant ? "green" : "red"}>{t(v.compliant ? "learner.record.compliant" : "learner.record.notCompliant")}</ToneTag>,
            },
          ]}
        />
      </Card>
      <Link to="/public/verify">{t("verify.another")}</Link>
    </>
  );
}
