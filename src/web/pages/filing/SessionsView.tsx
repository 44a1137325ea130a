// 课程安排, read-only: date, time, title, teacher and hours of each session, with the total. Shared by
// the project page and the public calendar's detail. On a phone, one card per session (issue 11 item 8).
import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { sessionHoursTotal } from "../../../shared/filing.js";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { ScrollRegion } from "../../components/ScrollRegion";
import { formatDate } from "../../format";
import { EmptyRows } from "./filingTags";

interface Session {
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  teacher: string;
  hours: number;
}

export function SessionsView({ sessions, hours }: { sessions: Session[]; hours?: number }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`project.session.${k}`);
  const total = sessionHoursTotal(sessions);
  const totalText = (
    <Typography.Text strong type={hours !== undefined && hours !== total ? "danger" : undefined}>
      {hours !== undefined ? `${total} / ${hours}` : total}
    </Typography.Text>
  );
  return (
    <ScrollRegion label={t("project.sessionsTitle")}>
      <ResponsiveTable<Session>
        cardTitle="title"
        cardFooter={
          sessions.length > 0 ? (
            <Typography.Text>
              <Typography.Text strong>{t("project.session.totalLabel")}</Typography.Text> {totalText}
            </Typography.Text>
          ) : null
        }
        size="small"
        rowKey={(r, i) => `${r.date}-${r.startTime}-${i}`}
        pagination={false}
        dataSource={sessions}
        locale={{ emptyText: <EmptyRows>{t("project.session.none")}</EmptyRows> }}
        columns={[
          { title: col("date"), dataIndex: "date", render: (v: string) => formatDate(v) },
          { title: col("time"), key: "time", render: (_, r) => `${r.startTime}–${r.endTime}` },
          { title: col("title"), dataIndex: "title" },
          { title: col("teacher"), dataIndex: "teacher", render: (v: string) => v || "—" },
          { title: col("hours"), dataIndex: "hours", align: "right" },
        ]}
        summary={() =>
          sessions.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}>
                <Typography.Text strong>{t("project.session.totalLabel")}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {totalText}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </ScrollRegion>
  );
}
