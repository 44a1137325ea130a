// 结业证书核验 (/verify/certificates/:serial, where the certificate's QR code points; no sign-in): the
// server checks the Ed25519 signature over the printed facts and the revocation list. Shows in large
// type whether the certificate is genuine (green) or revoked / tampered with (red), with the holder's
// name partly masked, the project, hours, base, dates, filing number and the signing key.
import { useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { CertificateVerification } from "../../../shared/delivery.js";
import { verifyApi } from "../../api/endpoints";
import { ToneTag } from "../../components/ToneTag";
import { formatDate, formatInstant } from "../../format";
import { SubjectTypeTag } from "../filing/filingTags";
import { VerifyResult, type Verdict } from "./VerifyResult";

function verdict(v: CertificateVerification, t: (k: string, o?: Record<string, unknown>) => string): Verdict {
  if (v.valid) return { status: "success", title: t("verify.certificate.valid"), subTitle: t("verify.certificate.validHint") };
  if (v.status === "revoked")
    return {
      status: "error",
      title: t("verify.certificate.revoked"),
      subTitle: t("verify.certificate.revokedHint", { at: formatInstant(v.revokedAt), reason: v.revokedReason ?? "—" }),
    };
  return { status: "error", title: t("verify.certificate.signatureInvalid"), subTitle: t("verify.certificate.signatureInvalidHint") };
}

export default function CertificateVerifyPage() {
  const { serial = "" } = useParams();
  const { t } = useTranslation();
  return (
    <VerifyResult<CertificateVerification>
      code={serial}
      load={verifyApi.certificate}
      notFoundTitle={t("verify.certificate.notFound")}
      notFoundHint={t("verify.certificate.notFoundHint", { serial })}
      verdict={(v) => verdict(v, t)}
      items={(v) => [
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
  );
}
