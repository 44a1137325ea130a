// 异议查询: anyone with a receipt number sees whether the objection was handled and the bureau's answer.
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Alert, Button, Card, Descriptions, Form, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/endpoints";
import type { PublicObjectionStatus } from "../../api/types";
import { ObjectionStatusTag, UpheldTag } from "../../components/accreditationTags";
import { PageTitle } from "../../components/PageTitle";
import { formatInstant } from "../../format";

export default function PublicObjectionQueryPage() {
  const { receiptNo = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ receiptNo: string }>();
  const [found, setFound] = useState<PublicObjectionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ receiptNo });
    setFound(null);
    setError(null);
    if (!receiptNo) return;
    let live = true;
    setLoading(true);
    publicApi
      .objection(receiptNo)
      .then((r) => live && setFound(r))
      .catch((err: unknown) => {
        if (!live) return;
        setError(err instanceof ApiError ? (err.status === 404 ? t("public.query.notFound") : err.message) : t("errors.unexpected"));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [receiptNo, form, t]);

  return (
    <>
      <PageTitle>{t("public.nav.objections")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} name="objectionQuery" layout="inline" onFinish={(v) => navigate(`/public/objections/${encodeURIComponent(v.receiptNo.trim())}`)}>
          <Form.Item
            label={t("objection.receiptNo")}
            name="receiptNo"
            normalize={(v: string) => v.toUpperCase()}
            rules={[
              { required: true, whitespace: true, message: t("public.query.required") },
              { pattern: /^\s*YY\d{8}[0-9A-Z]{10}\s*$/, message: t("public.query.pattern") },
            ]}
          >
            <Input maxLength={24} style={{ width: 280, fontFamily: "monospace" }} placeholder="YY20260101ABCDEF1234" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={loading}>
              {t("common.search")}
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="warning" showIcon title={error} />}
      {found && (
        <Card>
          <Descriptions
            bordered
            column={1}
            items={[
              { key: "no", label: t("objection.receiptNo"), children: found.receiptNo },
              { key: "status", label: t("common.status"), children: <ObjectionStatusTag status={found.status} /> },
              { key: "created", label: t("objection.createdAt"), children: formatInstant(found.createdAt) },
              { key: "resolved", label: t("objection.resolvedAt"), children: formatInstant(found.resolvedAt) || "—" },
              { key: "upheld", label: t("objection.upheld"), children: <UpheldTag upheld={found.upheld} /> },
              { key: "answer", label: t("objection.answer"), children: <span style={{ whiteSpace: "pre-wrap" }}>{found.answer ?? t("public.query.pending")}</span> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
