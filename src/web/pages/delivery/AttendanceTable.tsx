// Who is in: every enrolled person of a session, checked in or not, when and how (扫码, 补签 with its
// reason, 导入), the latest first, then those still expected; 补签 for a person not yet in when the
// caller may.
import { Button, Table } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionAttendanceView } from "../../../shared/delivery.js";
import { ScrollRegion } from "../../components/ScrollRegion";
import { ToneTag } from "../../components/ToneTag";
import { formatInstant } from "../../format";
import { EmptyRows } from "../filing/filingTags";
import { CheckInMethodTag } from "./deliveryTags";

export type AttendanceRow = SessionAttendanceView["rows"][number];

interface Props {
  /** null: still loading */
  rows: AttendanceRow[] | null;
  onManual?(row: AttendanceRow): void;
}

export function AttendanceTable({ rows, onManual }: Props) {
  const { t } = useTranslation();
  // The server's order: who came in last first, then those still expected.
  const sorted = rows ?? [];
  return (
    <ScrollRegion label={t("delivery.checkIn.listTitle")}>
      <Table<AttendanceRow>
        size="small"
        rowKey="professionalId"
        loading={rows === null}
        dataSource={sorted}
        pagination={sorted.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyRows>{t("delivery.enrollments.none")}</EmptyRows> }}
        columns={[
          { title: t("delivery.person.name"), dataIndex: "name" },
          { title: t("delivery.person.idNumber"), dataIndex: "idNumber", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
          { title: t("delivery.person.employer"), dataIndex: "employer" },
          {
            title: t("delivery.checkIn.state"),
            key: "state",
            render: (_, r) => (r.checkIn ? <ToneTag tone="green">{t("delivery.checkIn.in")}</ToneTag> : <ToneTag tone="default">{t("delivery.checkIn.notIn")}</ToneTag>),
          },
          { title: t("delivery.checkIn.time"), key: "time", render: (_, r) => (r.checkIn ? formatInstant(r.checkIn.checkedInAt) : "—") },
          { title: t("delivery.checkIn.method"), key: "method", render: (_, r) => (r.checkIn ? <CheckInMethodTag method={r.checkIn.method} /> : "—") },
          { title: t("delivery.checkIn.reason"), key: "reason", render: (_, r) => r.checkIn?.reason || "—" },
          ...(onManual
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  className: "no-print",
                  render: (_: unknown, r: AttendanceRow) =>
                    r.checkIn ? null : (
                      <Button size="small" onClick={() => onManual(r)} aria-label={t("delivery.checkIn.manualFor", { name: r.name })}>
                        {t("delivery.checkIn.manual")}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </ScrollRegion>
  );
}
