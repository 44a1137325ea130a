// 撤销基地资格 (第十三、十九、二十条), the bureau's dialog on a base's page: it first loads what revoking
// would withdraw (projects not started and the people enrolled, projects under way that continue unless
// stopped too), takes the reason and the basis, then asks a second time before revoking.
import { useEffect, useState } from "react";
import { Alert, Checkbox, Form, Input, List, Modal, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { BaseView } from "../../../api/types";
import { revocationApi, type RevocationPreview, type RevocationProject, type RevocationResult } from "../../../api/supervision/rectification";
import { useRefusal } from "../../../components/useRefusal";
import { formatDate } from "../../../format";
import { RefusalAlert } from "../../../components/RefusalAlert";

interface Values {
  reason: string;
  basis: string;
  stopRunning?: boolean;
}

interface Props {
  base: { id: string; name: string };
  open: boolean;
  onClose(): void;
  onDone(result: BaseView & RevocationResult): void;
}

function ProjectList({ items }: { items: RevocationProject[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Typography.Paragraph type="secondary">{t("supervision.rectification.revoke.noProjects")}</Typography.Paragraph>;
  return (
    <List<RevocationProject>
      size="small"
      bordered
      style={{ marginBottom: 12, maxHeight: 220, overflowY: "auto" }}
      dataSource={items}
      renderItem={(p) => (
        <List.Item key={p.id}>
          <div>
            <Typography.Text strong>{p.title}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {t("filing.dateRange", { from: formatDate(p.startDate), to: formatDate(p.endDate) })}
              {" · "}
              {t(`projectStatus.${p.status}`)}
              {" · "}
              {t("supervision.rectification.revoke.enrolled", { count: p.enrolled })}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

export function RevokeBaseDialog({ base, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<RevocationPreview | null>(null);
  const [confirming, setConfirming] = useState<Values | null>(null);
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    let live = true;
    setPreview(null);
    setConfirming(null);
    clear();
    form.resetFields();
    void attempt(async () => {
      const p = await revocationApi.preview(base.id);
      if (live) setPreview(p);
    });
    return () => {
      live = false;
    };
  }, [open, base.id, form, clear, attempt]);

  const next = async () => {
    setConfirming(await form.validateFields());
  };
  const revoke = async () => {
    if (!confirming || !preview) return;
    await attempt(async () => {
      const result = await revocationApi.revoke(base.id, {
        reason: confirming.reason.trim(),
        basis: confirming.basis.trim(),
        stopRunning: !!confirming.stopRunning,
        version: preview.version,
      });
      onDone(result);
    });
  };

  const stopped = confirming?.stopRunning ? (preview?.running.length ?? 0) : 0;
  return (
    <Modal
      open={open}
      title={confirming ? t("supervision.rectification.revoke.confirmTitle") : t("supervision.rectification.revoke.title", { baseName: base.name })}
      okText={confirming ? t("supervision.rectification.revoke.confirmOk") : t("supervision.rectification.revoke.next")}
      okButtonProps={{ danger: true, disabled: !preview }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void (confirming ? revoke() : next()).catch(() => undefined)}
      onCancel={() => (confirming ? setConfirming(null) : onClose())}
      destroyOnHidden
      forceRender
      width={680}
    >
      <RefusalAlert refusal={refusal} />
      {confirming && preview ? (
        <Alert
          type="error"
          showIcon
          title={t("supervision.rectification.revoke.confirmText", {
            baseName: base.name,
            withdrawn: preview.withdrawn.length,
            stopped: stopped ? t("supervision.rectification.revoke.confirmStopped", { count: stopped }) : "",
          })}
          description={confirming.reason}
        />
      ) : null}
      <div style={{ display: confirming ? "none" : undefined }}>
        <Typography.Paragraph>{t("supervision.rectification.revoke.intro")}</Typography.Paragraph>
        <ul style={{ marginTop: 0 }}>
          <li>{t("supervision.rectification.revoke.effects1")}</li>
          <li>{t("supervision.rectification.revoke.effects2")}</li>
          <li>{t("supervision.rectification.revoke.effects3")}</li>
        </ul>
        {!preview ? (
          <Skeleton active />
        ) : (
          <>
            <Typography.Title level={5}>{t("supervision.rectification.revoke.withdrawnTitle", { count: preview.withdrawn.length, people: preview.enrolledToNotify })}</Typography.Title>
            <ProjectList items={preview.withdrawn} />
            <Typography.Title level={5}>{t("supervision.rectification.revoke.runningTitle", { count: preview.running.length })}</Typography.Title>
            <Typography.Paragraph type="secondary">{t("supervision.rectification.revoke.runningHint")}</Typography.Paragraph>
            <ProjectList items={preview.running} />
            {preview.openRectificationOrders > 0 && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("supervision.rectification.revoke.ordersOpen", { count: preview.openRectificationOrders })} />
            )}
          </>
        )}
        <Form<Values> form={form} name="revokeBase" layout="vertical" initialValues={{ basis: t("supervision.rectification.revoke.basisDefault"), stopRunning: false }}>
          {preview && preview.running.length > 0 && (
            <Form.Item name="stopRunning" valuePropName="checked">
              <Checkbox>{t("supervision.rectification.revoke.stopRunning")}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="reason" label={t("supervision.rectification.revoke.reason")} rules={[{ required: true, whitespace: true, message: t("supervision.rectification.revoke.reasonRequired") }, { max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="basis" label={t("supervision.rectification.revoke.basis")} rules={[{ required: true, whitespace: true, message: t("supervision.rectification.revoke.basisRequired") }, { max: 1000 }]}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
