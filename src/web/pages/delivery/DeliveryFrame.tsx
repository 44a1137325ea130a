// The frame of a project's delivery pages (报名名单, 签到, 结业与证书, 评估, 归档): the project loaded by id,
// the page's title with the project's name, a breadcrumb back to the project, and tabs between the
// delivery pages that make sense in the project's status (第十七条: only a filed project is delivered).
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { Breadcrumb, Skeleton, Space, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { sessionInstant } from "../../../shared/delivery.js";
import { clockApi, projectApi } from "../../api/endpoints";
import type { ProjectView } from "../../api/types";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { PrintButton } from "../../components/PrintButton";
import { useShowError } from "../../components/useShowError";
import { ProjectStatusTag } from "../filing/filingTags";
import { useBusinessToday, useRecord } from "../filing/useFilingData";

export type DeliveryPage = "enrollments" | "checkIn" | "completion" | "surveyResults" | "archive";

/**
 * Where the 签到 tab leads (issue 11): the session running now, else the next one to start (today's
 * first, being earliest), else the last. `now` is business time in epoch ms.
 */
export function defaultSession(project: ProjectView, now: number): ProjectView["sessions"][number] | undefined {
  const sessions = [...project.sessions].sort((a, b) => `${a.date} ${a.startTime}`.localeCompare(`${b.date} ${b.startTime}`));
  const running = sessions.find((s) => sessionInstant(s.date, s.startTime) <= now && now <= sessionInstant(s.date, s.endTime));
  return running ?? sessions.find((s) => sessionInstant(s.date, s.startTime) > now) ?? sessions[sessions.length - 1];
}

/**
 * Business time (the platform's clock, which the test clock may move) as epoch ms: the browser's clock
 * plus the server's offset; `ready` once the server has answered (or failed to: then the browser's).
 */
export function useBusinessNow(): { now(): number; ready: boolean } {
  const [offset, setOffset] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    clockApi
      .get()
      .then((c) => live && setOffset(Date.parse(c.now) - Date.now()))
      .catch(() => live && setOffset(0));
    return () => {
      live = false;
    };
  }, []);
  const now = useCallback(() => Date.now() + (offset ?? 0), [offset]);
  return { now, ready: offset !== null };
}

/** The delivery pages of a project in this status, in order; none before it is filed. */
export function deliveryPages(project: Pick<ProjectView, "status" | "startDate" | "availableActions">, today: string): DeliveryPage[] {
  const { status } = project;
  if (status !== "filed" && status !== "running" && status !== "completed") return [];
  const started = status !== "filed" || project.startDate <= today || project.availableActions.includes("complete");
  const pages: DeliveryPage[] = ["enrollments"];
  if (status !== "completed") pages.push("checkIn");
  if (started) pages.push("completion", "surveyResults", "archive");
  return pages;
}

export function deliveryPath(project: ProjectView, page: DeliveryPage, now: number): string {
  const base = `/training-projects/${project.id}`;
  switch (page) {
    case "enrollments":
      return `${base}/enrollments`;
    case "checkIn": {
      const session = defaultSession(project, now);
      return session ? `${base}/sessions/${session.id}/check-in` : base;
    }
    case "completion":
      return `${base}/completion`;
    case "surveyResults":
      return `${base}/survey-results`;
    case "archive":
      return `${base}/archive`;
  }
}

/** The project of the page's `:id`, the business today, and a reload (after a step that changes its status). */
export function useDeliveryProject() {
  const { id = "" } = useParams();
  const { view, notFound, reload } = useRecord(projectApi.get, id);
  const today = useBusinessToday();
  return { id, project: view, notFound, reload, today };
}

/**
 * What a delivery page shows of the project beside it (its completion, survey results, archive), loaded
 * by the project's id; nothing is loaded while `id` is null. `get` should be a stable function (an
 * endpoint of api/endpoints.ts).
 */
export function useProjectData<T>(get: (id: string) => Promise<T>, id: string | null) {
  const showError = useShowError();
  const [data, setData] = useState<T | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    get(id)
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && showError(err));
    return () => {
      live = false;
    };
  }, [get, id, showError]);

  return [data, setData] as const;
}

interface FrameProps {
  page: DeliveryPage;
  project: ProjectView | null;
  notFound: boolean;
  today: string;
  /** the page's own buttons, right of the title */
  extra?: ReactNode;
  /** a printable page: 打印 first among the buttons, and `extra` after it */
  printable?: boolean;
  children: (project: ProjectView) => ReactNode;
}

export function DeliveryFrame({ page, project, notFound, today, extra, printable, children }: FrameProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const businessNow = useBusinessNow();
  if (notFound) return <NotFound />;
  if (!project) return <Skeleton active />;
  const pages = deliveryPages(project, today);
  if (!pages.includes(page) && !(page === "checkIn" && project.status === "completed")) return <NotFound />;
  return (
    <>
      <Breadcrumb
        className="no-print"
        style={{ marginBottom: 8 }}
        items={[
          { key: "list", title: <Link to="/training-projects">{t("menu.trainingProjects")}</Link> },
          { key: "project", title: <Link to={`/training-projects/${project.id}`}>{project.title}</Link> },
          { key: "page", title: t(`delivery.pages.${page}`) },
        ]}
      />
      <PageTitle
        extra={
          printable ? (
            <Space wrap className="no-print">
              <PrintButton />
              {extra}
            </Space>
          ) : (
            extra
          )
        }
      >
        {t("delivery.pageTitle", { page: t(`delivery.pages.${page}`), title: project.title })} <ProjectStatusTag status={project.status} />
      </PageTitle>
      <Tabs
        className="no-print"
        activeKey={page}
        onChange={(key) => navigate(deliveryPath(project, key as DeliveryPage, businessNow.now()))}
        items={pages.map((p) => ({ key: p, label: t(`delivery.pages.${p}`) }))}
      />
      {children(project)}
    </>
  );
}
