// 认领码 (issue 10 item 2): the one-time code(s) the base just issued, shown this once, with a printable
// slip per person — the name masked, the code, its expiry and how to sign up — to hand over on paper.
import { Button, Modal, Space, Typography } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { maskName } from "../../../shared/delivery.js";
import { formatInstant } from "../../format";

export interface ClaimSlip {
  /** the person's name: whole on screen for the staff who typed it, masked on the printed slip */
  name: string;
  /** where the person came from, e.g. a row of the imported sheet */
  note?: string;
  code: string;
  expiresAt: string;
}

interface Props {
  slips: ClaimSlip[];
  onClose(): void;
}

type T = ReturnType<typeof useTranslation>["t"];

/** One slip per page in a window of its own, built from text nodes (nothing of it is parsed as HTML). */
function printSlips(t: T, slips: ClaimSlip[]): void {
  const w = window.open("", "_blank", "width=520,height=680");
  if (!w) return;
  const d = w.document;
  d.title = t("delivery.claimCode.slipTitle");
  const signUpUrl = `${window.location.origin}/signup`;
  slips.forEach((s, i) => {
    const slip = d.createElement("section");
    slip.setAttribute("style", `font-family: sans-serif; padding: 24px; border: 1px dashed #888; ${i < slips.length - 1 ? "page-break-after: always;" : ""}`);
    const line = (tag: string, text: string, style = "") => {
      const el = d.createElement(tag);
      el.textContent = text;
      if (style) el.setAttribute("style", style);
      slip.appendChild(el);
    };
    line("h1", t("delivery.claimCode.slipTitle"), "font-size: 18px");
    line("p", t("delivery.claimCode.slipName", { name: maskName(s.name) }));
    line("p", s.code, "font-family: monospace; font-size: 32px; letter-spacing: 4px; margin: 16px 0");
    line("p", t("delivery.claimCode.expires", { date: formatInstant(s.expiresAt) }));
    line("p", t("delivery.claimCode.slipHow", { url: signUpUrl }));
    d.body.appendChild(slip);
  });
  w.focus();
  w.print();
}

export function ClaimCodeModal({ slips, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={slips.length > 0}
      title={t("delivery.claimCode.title")}
      onCancel={onClose}
      footer={
        <Space>
          <Button icon={<PrinterOutlined />} onClick={() => printSlips(t, slips)}>
            {t("delivery.claimCode.print")}
          </Button>
          <Button type="primary" onClick={onClose}>
            {t("common.confirm")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{t("delivery.claimCode.explain")}</Typography.Paragraph>
      {slips.map((s) => (
        <div key={s.code} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{s.name}</Typography.Text>
          {s.note && <Typography.Text type="secondary"> {s.note}</Typography.Text>}{" "}
          <Typography.Text code copyable style={{ fontSize: 20, letterSpacing: 2 }} aria-label={t("delivery.claimCode.title")}>
            {s.code}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{t("delivery.claimCode.expires", { date: formatInstant(s.expiresAt) })}</Typography.Text>
        </div>
      ))}
    </Modal>
  );
}
