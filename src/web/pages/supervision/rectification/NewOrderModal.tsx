// 下达限期整改通知 (第十九条): the bureau orders a base to rectify by a deadline, or its supervising unit
// proposes it. The items are listed one by one; the deadline lies after today.
import { useEffect } from "react";
import { Alert, Button, DatePicker, Form, Input, Modal, Space } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { baseApi } from "../../../api/endpoints";
import { rectificationApi, type RectificationOrderView } from "../../../api/supervision/rectification";
import { RemoteSelect } from "../../../components/RemoteSelect";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";
import { useBusinessToday } from "../../filing/useFilingData";

interface Values {
  baseId: string;
  items: string[];
  deadline: Dayjs;
  comment?: string;
}

interface Props {
  open: boolean;
  /** the bureau orders; a supervising unit proposes */
  mode: "create" | "propose";
  /** a fixed base (from the base's page) */
  base?: { id: string; name: string };
  onClose(): void;
  onDone(order: RectificationOrderView): void;
}

const searchBases = async (q: string) => (await baseApi.list({ q, pageSize: 20 })).items.filter((b) => b.status !== "revoked").map((b) => ({ value: b.id, label: b.name }));

export function NewOrderModal({ open, mode, base, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const today = useBusinessToday();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (base) form.setFieldValue("baseId", base.id);
    clear();
  }, [open, base, form, clear]);

  const ok = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      const order = await rectificationApi.create({
        baseId: v.baseId,
        items: v.items.map((s) => s.trim()).filter(Boolean),
        deadline: v.deadline.format("YYYY-MM-DD"),
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
      });
      onDone(order);
    });
  };

  return (
    <Modal
      open={open}
      title={t(mode === "create" ? "supervision.rectification.createTitle" : "supervision.rectification.proposeTitle")}
      okText={t(mode === "create" ? "supervision.rectification.create" : "supervision.rectification.propose")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      width={640}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(mode === "create" ? "supervision.rectification.createHint" : "supervision.rectification.proposeHint")} />
      <RefusalAlert refusal={refusal} />
      <Form<Values> form={form} name="rectificationOrder" layout="vertical" initialValues={{ items: [""] }}>
        {base ? (
          <>
            <Form.Item name="baseId" hidden>
              <Input />
            </Form.Item>
            <Form.Item label={t("supervision.rectification.base")}>
              <strong>{base.name}</strong>
            </Form.Item>
          </>
        ) : (
          <Form.Item name="baseId" label={t("supervision.rectification.base")} rules={[{ required: true, message: t("supervision.rectification.baseRequired") }]}>
            <RemoteSelect search={searchBases} showSearch placeholder={t("supervision.rectification.baseRequired")} />
          </Form.Item>
        )}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Form.Item label={t("supervision.rectification.items")} required>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: "flex", width: "100%" }} styles={{ item: { flex: 1 } }}>
                  <Form.Item
                    name={field.name}
                    rules={[{ required: true, whitespace: true, message: t("supervision.rectification.itemRequired") }, { max: 2000 }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input.TextArea
                      rows={2}
                      maxLength={2000}
                      aria-label={t("supervision.rectification.item", { key: i + 1 })}
                      placeholder={`${t("supervision.rectification.item", { key: i + 1 })}：${t("supervision.rectification.itemPlaceholder")}`}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("supervision.rectification.removeItem")} onClick={() => remove(field.name)} />
                  )}
                </Space>
              ))}
              {fields.length < 50 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")} block>
                  {t("supervision.rectification.addItem")}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="deadline" label={t("supervision.rectification.deadline")} rules={[{ required: true, message: t("supervision.rectification.deadlineRequired") }]}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") <= today} />
        </Form.Item>
        <Form.Item name="comment" label={t("supervision.rectification.comment")} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
