// 培训实施 on a project's page: the way into its delivery pages (报名名单, 签到, 结业与证书, 评估结果,
// 项目归档), only those that make sense in its status; nothing before the project is filed.
import { Link } from "react-router-dom";
import { Card, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectView } from "../../api/types";
import { useBusinessToday } from "../filing/useFilingData";
import { deliveryPages, deliveryPath, useBusinessNow } from "./DeliveryFrame";

export function DeliveryLinks({ project }: { project: ProjectView }) {
  const { t } = useTranslation();
  const today = useBusinessToday();
  const businessNow = useBusinessNow();
  const pages = deliveryPages(project, today);
  // the 签到 link names the session of this moment: wait for the platform's clock
  if (pages.length === 0 || !businessNow.ready) return null;
  return (
    <Card title={t("delivery.linksTitle")} className="no-print" style={{ marginBottom: 16 }}>
      <nav aria-label={t("delivery.linksTitle")}>
        <Space wrap size="large">
          {pages.map((p) => (
            <Link key={p} to={deliveryPath(project, p, businessNow.now())}>
              {t(`delivery.pages.${p}`)}
            </Link>
          ))}
        </Space>
      </nav>
    </Card>
  );
}
