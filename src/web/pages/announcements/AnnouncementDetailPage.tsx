// 通知公告 detail: the text and its attachments; a base confirms reading (确认已阅读); the sender withdraws
// it (with a reason, after confirming) and sees which bases have read it.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Skeleton, Space, Typography } from "antd";
import { CheckOutlined, PaperClipOutlined, RollbackOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { AnnouncementView } from "../../../shared/announcements.js";
import { announcementApi } from "../../api/announcements";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";
import { AnnouncementReceiptsCard } from "./AnnouncementReceiptsCard";
import { AnnouncementStatusTag, AudienceTag } from "./announcementTags";

export function AnnouncementBody({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        <Typography.Paragraph key={i} style={{ whiteSpace: "pre-wrap" }}>
          {para}
        </Typography.Paragraph>
      ))}
    </>
  );
}

export function AttachmentList({ files, urlOf }: { files: AnnouncementView["attachments"]; urlOf: (fileId: string) => string }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t("announcements.field.attachments")}</Typography.Text>}
      dataSource={files}
      renderItem={(f) => (
        <List.Item>
          <a href={urlOf(f.fileId)} download={f.name}>
            <PaperClipOutlined /> {f.name}
          </a>
        </List.Item>
      )}
    />
  );
}

export default function AnnouncementDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [view, setView] = useState<AnnouncementView | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const load = useCallback(() => {
    announcementApi.get(id).then(setView).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);

  const confirmRead = async () => {
    setBusy(true);
    try {
      setView(await announcementApi.confirmRead(id));
      void message.success(t("announcements.confirmDone"));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async ({ reason }: { reason: string }) => {
    if (!view) return;
    setBusy(true);
    try {
      setView(await announcementApi.withdraw(id, { version: view.version, reason: reason.trim() }));
      setWithdrawing(false);
      void message.success(t("announcements.withdrawDone"));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!view) return <Skeleton active />;
  const can = (a: string) => view.availableActions.includes(a);
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Link to="/announcements">{t("announcements.back")}</Link>
            {can("read") && (
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={confirmRead}>
                {t("announcements.confirm")}
              </Button>
            )}
            {can("withdraw") && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>
                {t("announcements.withdraw")}
              </Button>
            )}
          </Space>
        }
      >
        {view.title}
      </PageTitle>
      {view.status === "withdrawn" && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t("announcements.withdrawnOn", { time: formatInstant(view.withdrawnAt), reason: view.withdrawReason ?? "" })} />
      )}
      {view.readAt && !view.isOwn && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t("announcements.readOn", { time: formatInstant(view.readAt) })} />}
      <Card>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: "sender", label: t("announcements.field.sender"), children: view.senderOrgName },
            { key: "at", label: t("announcements.field.publishedAt"), children: formatInstant(view.publishedAt) },
            {
              key: "audience",
              label: t("announcements.field.audience"),
              children: (
                <Space size={4} wrap>
                  <AudienceTag audience={view.audience} />
                  <AnnouncementStatusTag status={view.status} />
                </Space>
              ),
            },
          ]}
        />
        <AnnouncementBody text={view.body} />
        <AttachmentList files={view.attachments} urlOf={(fileId) => announcementApi.fileUrl(view.id, fileId)} />
      </Card>
      {can("receipts") && <AnnouncementReceiptsCard id={view.id} />}
      <Modal
        open={withdrawing}
        title={t("announcements.withdrawTitle")}
        onCancel={() => setWithdrawing(false)}
        okText={t("announcements.withdraw")}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t("common.cancel")}
        onOk={() => reasonForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph>{t("announcements.withdrawHint")}</Typography.Paragraph>
        <Form form={reasonForm} name="withdrawForm" layout="vertical" onFinish={withdraw}>
          <Form.Item label={t("announcements.withdrawReason")} name="reason" rules={[{ required: true, whitespace: true }, { min: 2, max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
