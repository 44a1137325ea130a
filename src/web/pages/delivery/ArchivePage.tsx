// 项目归档 (/training-projects/:id/archive, 第十七条: 培训通知、课程设置、参训人员签到、结业证书发放、培训
// 效果评估): a checklist of what the archive holds, each item complete or what it still lacks, and the
// whole archive as one ZIP of PDFs and Excel files.
import { Alert, Button, Card, List, Space, Tag, Typography } from "antd";
import { CheckCircleFilled, DownloadOutlined, ExclamationCircleFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ArchiveView } from "../../../shared/delivery.js";
import { completionApi } from "../../api/endpoints";
import { DeliveryFrame, useDeliveryProject, useProjectData } from "./DeliveryFrame";

type Item = ArchiveView["items"][number];

export default function ArchivePage() {
  const { t } = useTranslation();
  const { id, project, notFound, today } = useDeliveryProject();
  const [archive] = useProjectData(completionApi.archive, id);

  return (
    <DeliveryFrame
      page="archive"
      project={project}
      notFound={notFound}
      today={today}
      printable
      extra={
        <Button type="primary" icon={<DownloadOutlined />} href={completionApi.archiveZipUrl(id)} download>
          {t("delivery.archive.download")}
        </Button>
      }
    >
      {() =>
        !archive ? (
          <Card loading />
        ) : (
          <>
            <Alert
              type={archive.complete ? "success" : "warning"}
              showIcon
              style={{ marginBottom: 16 }}
              title={t(archive.complete ? "delivery.archive.complete" : "delivery.archive.incomplete", {
                missing: archive.items.filter((i) => !i.complete).length,
              })}
            />
            <Card title={t("delivery.archive.checklist")}>
              <List<Item>
                dataSource={archive.items}
                renderItem={(item) => (
                  <List.Item>
                    <List.Item.Meta
                      avatar={
                        item.complete ? (
                          <CheckCircleFilled style={{ color: "#237804", fontSize: 20 }} aria-label={t("delivery.archive.itemComplete")} />
                        ) : (
                          <ExclamationCircleFilled style={{ color: "#ad4e00", fontSize: 20 }} aria-label={t("delivery.archive.itemMissing")} />
                        )
                      }
                      title={
                        <Space>
                          {t(`delivery.archive.items.${item.key}`)}
                          <Tag>{item.complete ? t("delivery.archive.itemComplete") : t("delivery.archive.itemMissing")}</Tag>
                        </Space>
                      }
                      description={
                        <>
                          <Typography.Text>{item.detail}</Typography.Text>
                          {item.files.length > 0 && (
                            <div>
                              <Typography.Text type="secondary">{t("delivery.archive.files", { files: item.files.join("、") })}</Typography.Text>
                            </div>
                          )}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </>
        )
      }
    </DeliveryFrame>
  );
}
