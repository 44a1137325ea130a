// 变更事项: each field a report changes, before and after (the supervising unit by name). Stacks into
// one column per item on a phone, so nothing scrolls sideways.
import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CHANGE_FIELDS, type ChangeValues } from "../../../api/supervision/change-reports";

const shown = (v: ChangeValues, field: (typeof CHANGE_FIELDS)[number]) => (field === "supervisorOrgId" ? v.supervisorOrgName : v[field]);

export function ChangesTable({ changes, previous }: { changes: ChangeValues; previous: ChangeValues }) {
  const { t } = useTranslation();
  const fields = CHANGE_FIELDS.filter((f) => changes[f] !== undefined && changes[f] !== null);
  const none = <Typography.Text type="secondary">{t("supervision.changeReports.notRecorded")}</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={fields.map((f) => ({
        key: f,
        label: t(`supervision.changeReports.field.${f}`),
        children: (
          <div>
            <div>
              <Typography.Text type="secondary">{t("supervision.changeReports.before")}：</Typography.Text>
              {shown(previous, f) ? <Typography.Text delete>{shown(previous, f)}</Typography.Text> : none}
            </div>
            <div>
              <Typography.Text type="secondary">{t("supervision.changeReports.after")}：</Typography.Text>
              <Typography.Text strong>{shown(changes, f)}</Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
