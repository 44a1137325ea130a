// 培训项目备案 (第十六条, 第十七条, 第二十五条): /training-projects/new files a new project, and
// /training-projects/:id/edit continues a draft or a returned one. 保存草稿 keeps it as a draft (the server
// checks only its shape); 提交备案 saves, then submits after a confirmation — filed at once with a filing
// number when every rule holds, or refused with the server's message for each broken rule.
import { useMemo } from "react";
import { Navigate, useNavigate, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Form, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { projectApi } from "../../api/endpoints";
import type { BaseView, ProjectView } from "../../api/types";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { refusalOf } from "../../components/refusals";
import { ProjectStatusTag } from "./filingTags";
import { ProjectBasisFields } from "./ProjectBasisFields";
import { ProjectInfoFields } from "./ProjectInfoFields";
import { SessionsTable, TeachersTable } from "./ProjectRowsTables";
import { emptyProject, fromProjectValues, toProjectValues, type ProjectValues } from "./projectValues";
import { RefusalAlert } from "../../components/RefusalAlert";
import { useDraftSave } from "./useDraftSave";
import { useBases, useRecord } from "./useFilingData";

export default function ProjectEditPage() {
  const { id } = useParams();
  const bases = useBases();
  const record = useRecord(projectApi.get, id);
  if (id && record.notFound) return <NotFound />;
  if (bases === null || (id && !record.view)) return <Skeleton active />;
  const view = record.view;
  if (id && view && !view.availableActions.includes("submit") && !view.availableActions.includes("edit")) return <Navigate to={`/training-projects/${id}`} replace />;
  return <ProjectEditor key={view ? `${view.id}-${record.loads}` : "new"} initial={id ? view : null} bases={bases.filter((b) => b.status === "active" || b.id === view?.baseId)} reload={record.reload} />;
}

function ProjectEditor({ initial, bases, reload }: { initial: ProjectView | null; bases: BaseView[]; reload(): void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectValues>();
  const { view, setDirty, saving, refusal, setRefusal, allowLeave, saveDraft, ensureSaved } = useDraftSave<ProjectView>({
    initial,
    validate: () => form.validateFields(),
    persist: (current) => {
      const input = fromProjectValues(form.getFieldsValue(true) as ProjectValues);
      return current ? projectApi.update(current.id, input, current.version) : projectApi.create(input);
    },
    editPath: (id) => `/training-projects/${id}/edit`,
  });
  const initialValues = useMemo(() => (initial ? toProjectValues(initial) : emptyProject(bases.length === 1 ? bases[0].id : undefined)), [initial, bases]);
  const start = Form.useWatch("startDate", form);
  const end = Form.useWatch("endDate", form);
  const name = Form.useWatch("title", form) || view?.title || t("project.untitled");

  const submit = () =>
    modal.confirm({
      title: t("project.confirm.submitTitle"),
      content: t("project.confirm.submit"),
      okText: t("projectAction.submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        const saved = await ensureSaved();
        if (!saved) return;
        try {
          const filed = await projectApi.act(saved.id, "submit", { version: saved.version });
          allowLeave();
          setDirty(false);
          void message.success(t("project.filed", { filingNo: filed.filingNo ?? "" }));
          navigate(`/training-projects/${saved.id}`);
        } catch (err) {
          setRefusal(refusalOf(t, err));
          // The draft is saved: later saves change it rather than creating another.
          if (!initial) window.history.replaceState(window.history.state, "", `/training-projects/${saved.id}/edit`);
          window.scrollTo({ top: 0, behavior: "smooth" });
        }
      },
    });

  const returned = view?.status === "returned" ? [...view.history].reverse().find((h) => h.toStatus === "returned") : undefined;

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button onClick={() => navigate(view ? `/training-projects/${view.id}` : "/training-projects")}>{t(view ? "project.backToDetail" : "project.backToList")}</Button>
            <Button onClick={() => void saveDraft()} loading={saving}>
              {t("filing.saveDraft")}
            </Button>
            <Button type="primary" onClick={submit} disabled={saving || (!!view && !view.availableActions.includes("submit"))}>
              {t("projectAction.submit")}
            </Button>
          </Space>
        }
      >
        {t(view ? "project.editTitle" : "project.createTitle", { name })} {view && <ProjectStatusTag status={view.status} />}
      </PageTitle>
      {returned && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("project.returnedNotice")}
          description={returned.comment ? t("filing.commentBy", { name: returned.actorName ?? "—", comment: returned.comment }) : undefined}
        />
      )}
      <RefusalAlert refusal={refusal} onClose={() => setRefusal(null)} />
      {refusal?.code === "VERSION_CONFLICT" && (
        <Button danger style={{ marginBottom: 16 }} onClick={() => modal.confirm({ title: t("filing.reloadConfirm"), okText: t("filing.reload"), cancelText: t("common.cancel"), onOk: reload })}>
          {t("filing.reload")}
        </Button>
      )}
      <Form<ProjectValues> form={form} name="trainingProject" layout="vertical" initialValues={initialValues} onValuesChange={() => setDirty(true)}>
        <Card title={t("project.basisTitle")} style={{ marginBottom: 16 }}>
          <ProjectBasisFields bases={bases} fixedBase={!!view} />
        </Card>
        <Card title={t("project.infoTitle")} style={{ marginBottom: 16 }}>
          <ProjectInfoFields />
        </Card>
        <Card title={t("project.teachersTitle")} style={{ marginBottom: 16 }}>
          <TeachersTable />
        </Card>
        <Card title={t("project.sessionsTitle")}>
          <SessionsTable range={[start, end]} />
        </Card>
      </Form>
    </>
  );
}
