// The year's entries of the learning record: where the hours came from (a base's course or a declared
// form of 人社部令第25号), subject, hours and date, with the certificate; revoked entries stay listed,
// struck through, with the reason (the hours left the record with the certificate). Cards on a phone.
import { Link } from "react-router-dom";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { LearningEntryView } from "../../../shared/delivery.js";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { ToneTag } from "../../components/ToneTag";
import { formatDate } from "../../format";
import { EmptyRows, SubjectTypeTag } from "../filing/filingTags";

/** trainingsPath: where a course's link points (/trainings inside the professional's own app). */
export function EntriesTable({ entries, trainingsPath = "/public/trainings" }: { entries: LearningEntryView[]; trainingsPath?: string }) {
  const { t } = useTranslation();
  const struck = (r: LearningEntryView, text: string | number) => (r.status === "revoked" ? <Typography.Text delete>{text}</Typography.Text> : text);
  return (
    <ResponsiveTable<LearningEntryView>
      cardTitle="title"
      size="small"
      rowKey="id"
      dataSource={entries}
      pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 860 }}
      locale={{ emptyText: <EmptyRows>{t("learner.record.noEntries")}</EmptyRows> }}
      columns={[
        { title: t("learner.record.source"), dataIndex: "source", width: 110, render: (v: string, r) => struck(r, t(`learner.source.${v}`, { defaultValue: v })) },
        {
          title: t("learner.record.entryTitle"),
          dataIndex: "title",
          render: (v: string, r) => (
            <>
              {r.projectId ? <Link to={`${trainingsPath}/${r.projectId}`}>{struck(r, v)}</Link> : struck(r, v)}
              {r.status === "revoked" && (
                <div>
                  <ToneTag tone="red">{t("learner.record.revoked", { reason: r.revokedReason ?? "—" })}</ToneTag>
                </div>
              )}
            </>
          ),
        },
        { title: t("filing.base"), dataIndex: "baseName", render: (v: string | null) => v || "—" },
        { title: t("project.subjectType"), dataIndex: "subjectType", width: 100, render: (v: LearningEntryView["subjectType"]) => <SubjectTypeTag type={v} /> },
        { title: t("learner.record.hours"), dataIndex: "hours", width: 70, align: "right", render: (v: number, r) => struck(r, v) },
        { title: t("learner.record.earnedOn"), dataIndex: "earnedOn", width: 140, render: (v: string) => formatDate(v) },
        {
          title: t("learner.record.certificate"),
          dataIndex: "certificateSerial",
          render: (serial: string | null) =>
            serial ? <Link to={`/verify/certificates/${encodeURIComponent(serial)}`} aria-label={t("learner.record.verifySerial", { serial })}>{serial}</Link> : "—",
        },
      ]}
    />
  );
}
