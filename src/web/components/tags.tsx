// Small tags shared by the lists: roles, active/disabled status.
import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Role } from "../api/types";

const ROLE_COLORS: Record<Role, string> = {
  bureau: "red",
  supervisor: "orange",
  base_staff: "blue",
  expert: "purple",
  professional: "cyan",
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r]} style={{ marginInlineEnd: 0 }}>
          {t(`roles.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function StatusTag({ status }: { status: "active" | "disabled" }) {
  const { t } = useTranslation();
  return <Tag color={status === "active" ? "green" : "default"}>{t(`status.${status}`)}</Tag>;
}
