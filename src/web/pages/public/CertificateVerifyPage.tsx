// 结业证书核验 (/verify/certificates/:serial, where the certificate's QR code points; no sign-in): the
// server checks the Ed25519 signature over the printed facts and the revocation list. Shows in large
// type whether the certificate is genuine (green) or revoked / tampered with (red), with the holder's
// name partly masked, the project, hours, base, dates, filing number and the signing key.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Card, Descriptions, Result, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import type { CertificateVerification } from "../../../shared/delivery.js";
import { ApiError } from "../../api/client";
import { verifyApi } from "../../api/endpoints";
import { ToneTag } from "../../components/ToneTag";
import { useShowError } from "../../components/useShowError";
import { formatDate, formatInstant } from "../../format";
import { SubjectTypeTag } from "../filing/filingTags";
import { VerifyForms } from "./VerifyForms";

function verdict(v: CertificateVerification, t: (k: string, o?: Record<string, unknown>) => string) {
  if (v.valid) return { status: "success" as const, title: t("verify.certificate.valid"), subTitle: t("verify.certificate.validHint") };
  if (v.status === "revoked")
    return {
      status: "error" as const,
      title: t("verify.certificate.revoked"),
      subTitle: t("verify.certificate.revokedHint", { at: formatInstant(v.revokedAt), reason: v.revokedReason ?? "—" }),
    };
  return { status: "error" as const, title: t("verify.certificate.signatureInvalid"), subTitle: t("verify.certificate.signatureInvalidHint") };
}

export default function CertificateVerifyPage() {
  const { serial = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [v, setV] = useState<CertificateVerification | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    setV(null);
    setMissing(false);
    verifyApi
      .certificate(serial)
      .then((r) => live && setV(r))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [serial, showError]);

  if (missing) {
    return (
      <>
        <Card style={{ marginBottom: 16 }}>
          <Result
            status="error"
            title={<h1 data-testid="verify-result" style={{ fontSize: 26, margin: 0 }}>{t("verify.certificate.notFound")}</h1>}
            subTitle={t("verify.certificate.notFoundHint", { serial })}
          />
        </Card>
        <VerifyForms />
      </>
    );
  }
  if (!v) return <Skeleton active />;
  const r = verdict(v, t);
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <div role="status">
          <Result
            status={r.status}
            style={{ paddingBottom: 16 }}
            title={<h1 data-testid="verify-result" style={{ fontSize: 28, margin: 0 }}>{r.title}</h1>}
            subTitle={<span style={{ fontSize: 16, color: "rgba(0, 0, 0, 0.75)" }}>{r.subTitle}</span>}
          />
        </div>
        <Descriptions
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "serial", label: t("verify.certificate.serial"), children: v.serial },
            { key: "holder", label: t("verify.certificate.holder"), children: v.holderName },
            { key: "project", label: t("verify.certificate.project"), children: v.projectTitle, span: { xs: 1, md: 2 } },
            { key: "filingNo", label: t("project.filingNo"), children: v.filingNo },
            { key: "subject", label: t("project.subjectType"), children: <SubjectTypeTag type={v.subjectType} /> },
            { key: "hours", label: t("project.hours"), children: v.hours },
            { key: "base", label: t("filing.base"), children: v.baseName },
            { key: "dates", label: t("project.dates"), children: t("filing.dateRange", { from: formatDate(v.startDate), to: formatDate(v.endDate) }) },
            { key: "issuedOn", label: t("verify.certificate.issuedOn"), children: formatDate(v.issuedOn) },
            {
              key: "signature",
              label: t("verify.certificate.signature"),
              children: (
                <ToneTag tone={v.signatureValid ? "green" : "red"}>{t(v.signatureValid ? "verify.certificate.signatureOk" : "verify.certificate.signatureBad")}</ToneTag>
              ),
            },
            { key: "keyId", label: t("verify.certificate.keyId"), children: <code>{v.keyId}</code> },
          ]}
        />
      </Card>
      <Link to="/public/verify">{t("verify.another")}</Link>
    </>
  );
}
