// One base of the registry: name, host organization, decision number and date, plaque serial, status.
import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import type { BaseView } from "../api/types";
import { formatDate } from "../format";
import { BaseStatusTag, SpecialtyTags } from "./accreditationTags";

export function BaseDescriptions({ base, showSupervisor = true }: { base: BaseView; showSupervisor?: boolean }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: "name", label: t("base.name"), children: base.name, span: 2 },
        { key: "host", label: t("base.hostOrg"), children: base.hostOrgName },
        ...(showSupervisor ? [{ key: "supervisor", label: t("base.supervisorOrg"), children: base.supervisorOrgName }] : []),
        { key: "decisionNo", label: t("base.decisionNo"), children: base.decisionNo },
        { key: "decisionDate", label: t("base.decisionDate"), children: formatDate(base.decisionDate) },
        { key: "district", label: t("base.district"), children: base.district || "—" },
        { key: "status", label: t("common.status"), children: <BaseStatusTag status={base.status} large /> },
        { key: "specialty", label: t("base.specialtyFields"), children: <SpecialtyTags fields={base.specialtyFields} />, span: 2 },
        { key: "plaque", label: t("base.plaqueSerial"), children: base.plaqueSerial },
      ]}
    />
  );
}
