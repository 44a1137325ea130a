// 提出异议 (第五条（三）): anyone may object while the notice is open. The answer is a receipt number,
// shown large with a copy button, to look the objection up later (异议查询).
import { useState } from "react";
import { Link } from "react-router-dom";
import { Alert, Button, Card, Form, Input, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/endpoints";

interface ObjectionValues {
  name: string;
  contact: string;
  content: string;
}

export function ObjectionForm({ noticeId, onClosed }: { noticeId: string; onClosed(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receiptNo, setReceiptNo] = useState<string | null>(null);

  const submit = async (v: ObjectionValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await publicApi.object(noticeId, { name: v.name.trim(), contact: v.contact.trim(), content: v.content.trim() });
      setReceiptNo(r.receiptNo);
    } catch (err) {
      // 429 RATE_LIMITED and 422 NOTICE_CLOSED come with the server's own message.
      setError(err instanceof ApiError ? err.message : t("errors.unexpected"));
      if (err instanceof ApiError && err.code === "NOTICE_CLOSED") onClosed();
    } finally {
      setBusy(false);
    }
  };

  if (receiptNo) {
    return (
      <Card>
        <Result
          status="success"
          title={t("public.objection.received")}
          subTitle={t("public.objection.keepReceipt")}
          extra={
            <>
              <Typography.Paragraph>
                {t("public.objection.receiptNo")}
                <br />
                <Typography.Text strong copyable={{ text: receiptNo, tooltips: [t("public.objection.copy"), t("public.objection.copied")] }} style={{ fontSize: 28, fontFamily: "monospace" }}>
                  {receiptNo}
                </Typography.Text>
              </Typography.Paragraph>
              <Link to={`/public/objections/${encodeURIComponent(receiptNo)}`}>{t("public.objection.lookUp")}</Link>
            </>
          }
        />
      </Card>
    );
  }

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("public.objection.title")}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t("public.objection.intro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ObjectionValues> name="objection" layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} style={{ maxWidth: 640 }}>
        <Form.Item label={t("objection.name")} name="name" rules={[{ required: true, whitespace: true, message: t("public.objection.nameRequired") }, { max: 30 }]}>
          <Input maxLength={30} autoComplete="name" />
        </Form.Item>
        <Form.Item
          label={t("objection.contact")}
          name="contact"
          extra={t("public.objection.contactHint")}
          rules={[
            { required: true, whitespace: true, message: t("public.objection.contactRequired") },
            { min: 5, max: 50, message: t("public.objection.contactLength") },
          ]}
        >
          <Input maxLength={50} autoComplete="tel" />
        </Form.Item>
        <Form.Item label={t("objection.content")} name="content" rules={[
            { required: true, whitespace: true, message: t("public.objection.contentRequired") },
            { min: 10, max: 2000, message: t("public.objection.contentLength") },
          ]}
        >
          <Input.TextArea rows={6} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("public.objection.submit")}
        </Button>
      </Form>
    </Card>
  );
}
