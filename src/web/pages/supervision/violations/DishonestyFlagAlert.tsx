// 第二十条: an application from an organization with a dishonesty record still published, flagged to
// its reviewers (the server sends the records only to the supervising unit, the bureau and the panel).
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { DishonestyFlag } from "../../../../shared/supervision/violations.js";
import { formatDate } from "../../../format";

export function DishonestyFlagAlert({ flags }: { flags: readonly DishonestyFlag[] | undefined }) {
  const { t } = useTranslation();
  if (!flags?.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("supervision.violations.applicationFlag.title")}
      description={
        <>
          <ul style={{ margin: "0 0 4px", paddingInlineStart: 20 }}>
            {flags.map((f) => (
              <li key={f.decisionNo + f.decisionDate}>
                {t("supervision.violations.applicationFlag.item", {
                  decisionNo: f.decisionNo,
                  violationType: f.violationType,
                  decisionDate: formatDate(f.decisionDate),
                  publicityUntil: formatDate(f.publicityUntil),
                })}
              </li>
            ))}
          </ul>
          {t("supervision.violations.applicationFlag.hint")}
        </>
      }
    />
  );
}
