// One base of the registry: name (and 原名称, 第二十七条), host organization, decision number and date,
// plaque serial, status, address, and the commendation of a review with its good practice (第十九条).
import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { BaseView } from "../api/types";
import { formatDate } from "../format";
import { BaseStatusTag, SpecialtyTags } from "./accreditationTags";
import { CommendedTag, FormerNames } from "./BaseList";

export function BaseDescriptions({ base, showSupervisor = true }: { base: BaseView; showSupervisor?: boolean }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: "name",
          label: t("base.name"),
          children: (
            <>
              {base.name}
              <CommendedTag base={base} />
              <FormerNames base={base} withDates />
            </>
          ),
          span: 2,
        },
        { key: "host", label: t("base.hostOrg"), children: base.hostOrgName },
        ...(showSupervisor ? [{ key: "supervisor", label: t("base.supervisorOrg"), children: base.supervisorOrgName }] : []),
        { key: "decisionNo", label: t("base.decisionNo"), children: base.decisionNo },
        { key: "decisionDate", label: t("base.decisionDate"), children: formatDate(base.decisionDate) },
        { key: "district", label: t("base.district"), children: base.district || "—" },
        { key: "status", label: t("common.status"), children: <BaseStatusTag status={base.status} large /> },
        { key: "specialty", label: t("base.specialtyFields"), children: <SpecialtyTags fields={base.specialtyFields} />, span: 2 },
        { key: "plaque", label: t("base.plaqueSerial"), children: base.plaqueSerial },
        ...(base.address ? [{ key: "address", label: t("supervision.changeReports.public.address"), children: base.address }] : []),
        ...(base.commendedYear && base.goodPractice
          ? [
              {
                key: "goodPractice",
                label: t("supervision.changeReports.public.goodPractice"),
                children: <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{base.goodPractice}</Typography.Paragraph>,
                span: 2,
              },
            ]
          : []),
      ]}
    />
  );
}
