// The base's rectification report (第十九条): for every item what was done, with evidence files, and a
// note; sent (after a confirmation) only when every item has an answer.
import { App, Button, Card, Form, Input, Typography } from "antd";
import { SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { RectificationOrderView } from "../../../api/supervision/rectification";
import { EvidenceFiles, type EvidenceFile } from "../../../components/EvidenceFiles";

interface Values {
  items: Array<{ key: string; report: string; evidence: EvidenceFile[] }>;
  note?: string;
}

interface Props {
  view: RectificationOrderView;
  send(payload: { items: Array<{ key: string; report: string; evidenceFileIds: string[] }>; note?: string }): Promise<void>;
}

export function ReportForm({ view, send }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const nameOf = (id: string) => view.evidence.find((e) => e.id === id)?.name ?? id.slice(0, 12);
  const initial: Values = {
    items: view.items.map((i) => ({ key: i.key, report: i.report ?? "", evidence: i.evidenceFileIds.map((fileId) => ({ fileId, name: nameOf(fileId) })) })),
    note: view.reportNote ?? "",
  };

  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: t("filing.confirmTitle", { action: t("supervision.rectification.action.report") }),
      content: t("supervision.rectification.explain.report"),
      okText: t("supervision.rectification.submitReport"),
      cancelText: t("common.cancel"),
      onOk: () =>
        send({
          items: v.items.map((i) => ({ key: i.key, report: i.report.trim(), evidenceFileIds: i.evidence.map((e) => e.fileId) })),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        }),
    });
  };

  return (
    <Card title={t("supervision.rectification.reportFormTitle")} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t("supervision.rectification.reportFormHint")}</Typography.Paragraph>
      <Form<Values> form={form} name="rectificationReport" layout="vertical" initialValues={initial}>
        <Form.List name="items">
          {(fields) =>
            fields.map((field, i) => (
              <Card key={field.key} size="small" type="inner" style={{ marginBottom: 12 }} title={t("supervision.rectification.item", { key: view.items[i].key })}>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{view.items[i].text}</Typography.Paragraph>
                <Form.Item name={[field.name, "key"]} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[field.name, "report"]}
                  label={t("supervision.rectification.report")}
                  rules={[{ required: true, whitespace: true, message: t("supervision.rectification.reportRequired") }, { max: 5000 }]}
                >
                  <Input.TextArea rows={3} maxLength={5000} showCount placeholder={t("supervision.rectification.reportPlaceholder")} />
                </Form.Item>
                <Form.Item name={[field.name, "evidence"]} label={t("supervision.rectification.evidence")} style={{ marginBottom: 0 }}>
                  <EvidenceFiles
                    uploadText={t("supervision.rectification.uploadEvidence")}
                    label={`${t("supervision.rectification.uploadEvidence")}（${t("supervision.rectification.item", { key: view.items[i].key })}）`}
                  />
                </Form.Item>
              </Card>
            ))
          }
        </Form.List>
        <Form.Item name="note" label={t("supervision.rectification.reportNote")} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" icon={<SendOutlined />} onClick={() => void submit().catch(() => undefined)}>
          {t("supervision.rectification.submitReport")}
        </Button>
      </Form>
    </Card>
  );
}
