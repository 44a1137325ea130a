// "抽取": the bureau starts a 双随机 spot check or a comprehensive review (第十九条). The answer is shown
// at once — the seed and the drawn bases with their inspectors — before it is published.
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { SEED_PATTERN } from "../../../../shared/supervision/spot-checks.js";
import { spotCheckApi, type SpotCheckCreate, type SpotCheckKind, type SpotCheckView } from "../../../api/supervision/spot-checks";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";
import { DrawnTable } from "./DrawnTable";

interface Props {
  open: boolean;
  defaultYear: number;
  onClose(): void;
  onDrawn(view: SpotCheckView): void;
}

interface Values {
  kind: SpotCheckKind;
  year: number;
  baseCount?: number;
  inspectorCount: number;
  seed?: string;
  title?: string;
}

export function DrawModal({ open, defaultYear, onClose, onDrawn }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form) ?? "spot_check";
  const { busy, refusal, attempt, clear } = useRefusal();
  const [drawn, setDrawn] = useState<SpotCheckView | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDrawn(null);
    clear();
  }, [open, form, clear]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: SpotCheckCreate = {
      year: v.year,
      kind: v.kind,
      baseCount: v.kind === "comprehensive" ? 0 : (v.baseCount ?? 1),
      inspectorCount: v.inspectorCount,
      ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
      ...(v.title?.trim() ? { title: v.title.trim() } : {}),
    };
    await attempt(async () => {
      const view = await spotCheckApi.create(body);
      setDrawn(view);
      onDrawn(view);
    });
  };

  const footer = drawn
    ? [
        <Button key="close" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="open" type="primary" onClick={() => navigate(`/spot-checks/${drawn.id}`)}>
          {t("supervision.spotChecks.openBoard")}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="draw" type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)}>
          {t("supervision.spotChecks.draw")}
        </Button>,
      ];

  return (
    <Modal open={open} title={t("supervision.spotChecks.drawTitle")} onCancel={onClose} footer={footer} destroyOnHidden forceRender width={640}>
      {drawn ? (
        <>
          <Alert type="success" showIcon title={t("supervision.spotChecks.drawDone")} style={{ marginBottom: 12 }} />
          <Typography.Paragraph>
            {drawn.title}
            <br />
            {t("supervision.spotChecks.seed")}：
            <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
              {drawn.seed}
            </Typography.Text>
          </Typography.Paragraph>
          <DrawnTable bases={drawn.bases} inspectors={drawn.inspectors} />
        </>
      ) : (
        <>
          <RefusalAlert refusal={refusal} />
          <Form form={form} name="spotCheckDraw" layout="vertical" initialValues={{ kind: "spot_check", year: defaultYear, baseCount: 2, inspectorCount: 2 }}>
            <Form.Item label={t("supervision.spotChecks.kind")} name="kind" extra={t(`supervision.spotChecks.kindHint.${kind}`)}>
              <Radio.Group
                optionType="button"
                options={(["spot_check", "comprehensive"] as const).map((k) => ({ value: k, label: t(`supervision.spotChecks.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item label={t("supervision.spotChecks.year")} name="year" rules={[{ required: true, message: t("supervision.spotChecks.required") }]}>
              <InputNumber min={2019} max={2100} precision={0} style={{ width: 140 }} />
            </Form.Item>
            {kind === "spot_check" && (
              <Form.Item label={t("supervision.spotChecks.baseCount")} name="baseCount" rules={[{ required: true, message: t("supervision.spotChecks.required") }]}>
                <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} />
              </Form.Item>
            )}
            <Form.Item
              label={t(kind === "spot_check" ? "supervision.spotChecks.inspectorCount" : "supervision.spotChecks.inspectorCountOptional")}
              name="inspectorCount"
              rules={[{ required: true, message: t("supervision.spotChecks.required") }]}
            >
              <InputNumber min={kind === "spot_check" ? 1 : 0} max={20} precision={0} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              label={t("supervision.spotChecks.seed")}
              name="seed"
              extra={t("supervision.spotChecks.seedHint")}
              rules={[{ pattern: new RegExp(SEED_PATTERN), message: t("supervision.spotChecks.seedPattern") }]}
            >
              <Input allowClear maxLength={64} />
            </Form.Item>
            <Form.Item label={t("supervision.spotChecks.titleField")} name="title" rules={[{ min: 2, max: 100 }]}>
              <Input allowClear maxLength={100} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
