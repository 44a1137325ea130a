// 结业证书: the certificates a project issued — serial, holder (ID number masked), hours, date, status —
// with the PDF, the public verification page, and 撤销 with a required reason where availableActions
// allow it (the hours leave the holder's learning record with it, 第二十四条), or all of the project's at
// once (第二十条 乱发证).
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { App, Button, Card, Space, Typography, type TableColumnsType } from "antd";
import { FilePdfOutlined, SafetyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CertificateView } from "../../../shared/delivery.js";
import type { Query } from "../../api/client";
import { completionApi } from "../../api/endpoints";
import { useKeysetList, type KeysetListState } from "../../components/useKeysetList";
import { formatDate, formatInstant } from "../../format";
import { StepModal } from "../../components/StepModal";
import { BulkRevokeButton } from "../supervision/violations/BulkRevokeButton";
import { PagedTable } from "./PagedTable";
import { CertificateStatusTag } from "./deliveryTags";

/** The public page that verifies a certificate (its QR code leads there too). */
export function verifyPath(serial: string): string {
  return `/verify/certificates/${encodeURIComponent(serial)}`;
}

export function CertificatesCard({ projectId, refreshKey }: { projectId: string; refreshKey: number }) {
  const { t } = useTranslation();
  const load = useCallback((q: Query) => completionApi.certificates(projectId, q), [projectId]);
  const list = useKeysetList(load);
  const { reload } = list;

  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);

  return (
    <Card
      title={t("delivery.certificate.listTitle")}
      extra={list.items.some((c) => c.availableActions.includes("revoke")) && <BulkRevokeButton projectId={projectId} onDone={reload} />}
    >
      <CertificatesTable list={list} none={t("delivery.certificate.none")} />
    </Card>
  );
}

/**
 * The certificates of a list with their PDF, verification and 撤销 (a required reason, 第二十条). `withProject`
 * adds the course and the base that issued each one (证书查询 lists the whole scope, not one project).
 */
export function CertificatesTable({ list, none, withProject = false }: { list: KeysetListState<CertificateView>; none: string; withProject?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [revoking, setRevoking] = useState<CertificateView | null>(null);
  const { reload } = list;

  const columns: TableColumnsType<CertificateView> = [
    { title: t("delivery.certificate.serial"), dataIndex: "serial", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
    { title: t("delivery.certificate.holder"), key: "holder", render: (_, r) => r.content.holderName },
    { title: t("delivery.person.idNumber"), key: "id", render: (_, r) => <span style={{ fontFamily: "monospace" }}>{r.content.holderIdNumberMasked}</span> },
    ...(withProject
      ? ([
          { title: t("delivery.certificateSearch.project"), key: "project", render: (_, r) => <Link to={`/training-projects/${r.content.projectId}`}>{r.content.projectTitle}</Link> },
          { title: t("delivery.certificateSearch.base"), key: "base", render: (_, r) => r.content.baseName },
        ] as TableColumnsType<CertificateView>)
      : []),
    { title: t("delivery.certificate.hours"), key: "hours", align: "right", render: (_, r) => r.content.hours },
    { title: t("delivery.certificate.issuedOn"), key: "issuedOn", render: (_, r) => formatDate(r.content.issuedOn) },
    {
      title: t("common.status"),
      dataIndex: "status",
      render: (v: CertificateView["status"], r) => (
        <Space direction="vertical" size={0}>
          <CertificateStatusTag status={v} />
          {r.revokedAt && (
            <Typography.Text type="secondary">
              {t("delivery.certificate.revokedOn", { at: formatInstant(r.revokedAt), reason: r.revokedReason ?? "" })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      className: "no-print",
      render: (_, r) => (
        <Space wrap>
          <Button size="small" icon={<FilePdfOutlined />} href={completionApi.certificatePdfUrl(r.id)} target="_blank" rel="noopener" aria-label={t("delivery.certificate.pdfOf", { serial: r.serial })}>
            {t("delivery.certificate.pdf")}
          </Button>
          <Button size="small" icon={<SafetyOutlined />} href={verifyPath(r.serial)} target="_blank" rel="noopener" aria-label={t("delivery.certificate.verifyOf", { serial: r.serial })}>
            {t("delivery.certificate.verify")}
          </Button>
          {r.availableActions.includes("revoke") && (
            <Button size="small" danger onClick={() => setRevoking(r)} aria-label={t("delivery.certificate.revokeOf", { serial: r.serial })}>
              {t("delivery.certificate.revoke")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PagedTable<CertificateView> list={list} columns={columns} none={none} />
      <StepModal
        step={
          revoking
            ? {
                label: t("delivery.certificate.revoke"),
                explain: t("delivery.certificate.revokeExplain", { serial: revoking.serial, name: revoking.content.holderName, hours: revoking.content.hours }),
                comment: "required",
                commentLabel: t("delivery.certificate.revokeReason"),
                danger: true,
              }
            : null
        }
        onClose={() => setRevoking(null)}
        run={async (reason) => {
          if (!revoking || !reason) return;
          await completionApi.revoke(revoking.id, reason);
          setRevoking(null);
          void message.success(t("delivery.certificate.revoked"));
          reload();
        }}
      />
    </>
  );
}
