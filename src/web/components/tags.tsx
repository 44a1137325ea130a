// Small tags shared by the lists: roles, active/disabled status (dark-on-light tones, WCAG AA contrast).
import { Space } from "antd";
import { useTranslation } from "react-i18next";
import type { Role } from "../api/types";
import { ToneTag, type Tone } from "./ToneTag";

const ROLE_COLORS: Record<Role, Tone> = {
  bureau: "red",
  supervisor: "orange",
  base_staff: "blue",
  expert: "purple",
  professional: "cyan",
  sysadmin: "gold",
  secadmin: "gold",
  auditor: "gold",
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <ToneTag key={r} tone={ROLE_COLORS[r]} style={{ marginInlineEnd: 0 }}>
          {t(`roles.${r}`)}
        </ToneTag>
      ))}
    </Space>
  );
}

export function StatusTag({ status }: { status: "active" | "disabled" }) {
  const { t } = useTranslation();
  return <ToneTag tone={status === "active" ? "green" : "default"}>{t(`status.${status}`)}</ToneTag>;
}
