// How the draw was made and how anyone can check it (双随机一公开): the seed, the algorithm in words, and
// a button that has the server recompute the draw from the stored candidates and compare.
import { useState } from "react";
import { Alert, Button, Card, Descriptions, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { SpotCheckVerifyView } from "../../../api/supervision/spot-checks";
import { useShowError } from "../../../components/useShowError";
import { DrawnTable } from "./DrawnTable";

interface Props {
  seed: string;
  algorithm: string;
  /** The server's own description, shown when the UI has no text for the algorithm. */
  description: string;
  verify(): Promise<SpotCheckVerifyView>;
}

export function AlgorithmCard({ seed, algorithm, description, verify }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [verdict, setVerdict] = useState<SpotCheckVerifyView | null>(null);
  const [busy, setBusy] = useState(false);
  const text = t(`supervision.spotChecks.algorithmText.${algorithm}`, { defaultValue: description });
  const run = async () => {
    setBusy(true);
    try {
      setVerdict(await verify());
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("supervision.spotChecks.algorithmTitle")} style={{ marginBottom: 16 }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: "seed", label: t("supervision.spotChecks.seed"), children: <Typography.Text code copyable style={{ wordBreak: "break-all" }}>{seed}</Typography.Text> },
          { key: "algorithm", label: t("supervision.spotChecks.algorithm"), children: <Typography.Text code>{algorithm}</Typography.Text> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, whiteSpace: "pre-wrap" }}>
        {text}
      </Typography.Paragraph>
      <Typography.Paragraph>{t("supervision.spotChecks.howToVerify")}</Typography.Paragraph>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()}>
        {t("supervision.spotChecks.verify")}
      </Button>
      {verdict && (
        <div style={{ marginTop: 16 }} role="status">
          <Alert
            type={verdict.matches ? "success" : "error"}
            showIcon
            title={t(verdict.matches ? "supervision.spotChecks.verifyMatch" : "supervision.spotChecks.verifyMismatch")}
            style={{ marginBottom: 12 }}
          />
          <Typography.Text strong>{t("supervision.spotChecks.recomputed")}</Typography.Text>
          <DrawnTable bases={verdict.recomputedBases} inspectors={verdict.recomputedInspectors} />
        </div>
      )}
    </Card>
  );
}
