// 工作台: greeting, the user's roles and the pending work items the server lists for them
// (e.g. from 1 November, the bureau's confirmation of next year's calendar).
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Card, Descriptions, Empty, Flex, Skeleton, Typography } from "antd";
import { RightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { workItemApi } from "../../api/endpoints";
import type { WorkItem } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { RoleTags } from "../../components/tags";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { LearnerHomeCard } from "../learner/LearnerHomeCard";
import { UnreadAnnouncementsCard } from "../announcements/UnreadAnnouncementsCard";
import { YearAtGlanceCard } from "../statistics/YearAtGlanceCard";

function WorkItemCard({ item }: { item: WorkItem }) {
  const { t, i18n } = useTranslation();
  const key = `workItems.${item.kind}`;
  // Unknown kinds (a newer server) show their kind string rather than nothing.
  const text = i18n.exists(key) ? t(key, item.params) : item.kind;
  const content = (
    <Flex justify="space-between" align="center">
      <span>{text}</span>
      <RightOutlined aria-hidden />
    </Flex>
  );
  return (
    <li style={{ listStyle: "none", marginBottom: 12 }}>
      <Card size="small" hoverable>
        {item.link.startsWith("/") && !item.link.startsWith("/api/") ? (
          <Link to={item.link}>{content}</Link>
        ) : (
          <a href={item.link}>{content}</a>
        )}
      </Card>
    </li>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const showError = useShowError();
  const [items, setItems] = useState<WorkItem[] | null>(null);

  useEffect(() => {
    let live = true;
    workItemApi
      .list()
      .then((r) => live && setItems(r.items))
      .catch((err: unknown) => {
        if (!live) return;
        setItems([]);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [showError]);

  if (!session) return null;
  const { user } = session;
  return (
    <>
      <PageTitle>{t("home.greeting", { name: user.displayName })}</PageTitle>
      <Card style={{ marginBottom: 24 }}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("home.org")}>{user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("home.roles")}>
            <RoleTags roles={session.roles} />
          </Descriptions.Item>
          <Descriptions.Item label={t("home.lastLogin")}>{formatInstant(user.lastLoginAt) || "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      {can("learning.view") && <LearnerHomeCard />}
      {can("announcement.view") && <UnreadAnnouncementsCard />}
      {can("statistics.view") && <YearAtGlanceCard />}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("home.workItems")}</Typography.Title>}>
        {items === null ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={t("home.noWorkItems")} />
        ) : (
          <ul style={{ padding: 0, margin: 0 }}>
            {items.map((item, i) => (
              <WorkItemCard key={`${item.kind}-${i}`} item={item} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
