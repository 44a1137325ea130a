// 学时证明核验 (/verify/hours/:code, where the statement's QR code points; no sign-in): the year's hours
// the statement certifies, with the holder's name partly masked, and whether the year met the
// requirement (第二十四条; 人社部令第25号 第八条).
import { useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { HoursStatementVerification } from "../../../shared/delivery.js";
import { verifyApi } from "../../api/endpoints";
import { ToneTag } from "../../components/ToneTag";
import { formatInstant } from "../../format";
import { VerifyResult } from "./VerifyResult";

export default function HoursStatementVerifyPage() {
  const { code = "" } = useParams();
  const { t } = useTranslation();
  const hours = (n: number) => t("verify.hours.hoursValue", { hours: n });
  return (
    <VerifyResult<HoursStatementVerification>
      code={code}
      load={verifyApi.hoursStatement}
      notFoundTitle={t("verify.hours.notFound")}
      notFoundHint={t("verify.hours.notFoundHint", { code })}
      verdict={(v) =>
        v.valid && v.revisedSince
          ? { status: "warning", title: t("verify.hours.revised"), subTitle: t("verify.hours.revisedHint", { year: v.year, hours: v.currentTotalHours }) }
          : {
              status: v.valid ? "success" : "error",
              title: t(v.valid ? "verify.hours.valid" : "verify.hours.invalid"),
              subTitle: t(v.valid ? "verify.hours.validHint" : "verify.hours.invalidHint", { year: v.year }),
            }
      }
      items={(v) => [
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
  );
}
