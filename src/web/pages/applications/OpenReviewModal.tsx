// 组建评审委员会 (第五条（三）): the bureau picks the experts (GET /users?role=expert, bureau only).
// The server refuses an expert with a conflict of interest (EXPERT_CONFLICT names the expert).
import { useEffect, useState } from "react";
import { Alert, Form, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { applicationApi, userApi } from "../../api/endpoints";
import type { ApplicationView, UserView } from "../../api/types";
import { useShowError } from "../../components/useShowError";
import { actionErrorText } from "./actionErrors";

interface Props {
  view: ApplicationView;
  open: boolean;
  onClose(): void;
  onDone(view: ApplicationView, action: string): void;
  onRefused(err: unknown): boolean;
}

export function OpenReviewModal({ view, open, onClose, onDone, onRefused }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ expertUserIds: string[] }>();
  const [experts, setExperts] = useState<UserView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    userApi
      .list({ role: "expert", status: "active", pageSize: 200 })
      .then((r) => setExperts(r.items))
      .catch((err: unknown) => {
        setExperts([]);
        showError(err);
      });
  }, [open, form, showError]);

  const run = async () => {
    const { expertUserIds } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onDone(await applicationApi.act(view.id, "open-review", { version: view.version, expertUserIds }), "open-review");
    } catch (err) {
      if (!onRefused(err)) setError(actionErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const label = t("appAction.open-review");
  return (
    <Modal
      open={open}
      title={label}
      okText={label}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void run().catch(() => undefined)}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph>{t("application.openReview.explain")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="openReview" layout="vertical">
        <Form.Item
          label={t("application.openReview.experts")}
          name="expertUserIds"
          extra={t("application.openReview.hint")}
          rules={[{ required: true, type: "array", min: 1, message: t("application.openReview.required") }]}
        >
          <Select
            mode="multiple"
            loading={experts === null}
            showSearch={{ optionFilterProp: "label" }}
            options={(experts ?? []).map((u) => ({
              value: u.id,
              label:
                u.orgId === view.applicantOrgId
                  ? t("application.openReview.sameOrg", { name: u.displayName, org: u.orgName })
                  : `${u.displayName}（${u.orgName}）`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
