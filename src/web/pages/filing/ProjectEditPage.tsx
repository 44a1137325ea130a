// 培训项目备案 (第十六条, 第十七条, 第二十五条): /training-projects/new files a new project, and
// /training-projects/:id/edit continues a draft or a returned one. 保存草稿 keeps it as a draft (the server
// checks only its shape); 提交备案 saves, then submits after a confirmation — filed at once with a filing
// number when every rule holds, or refused with the server's message for each broken rule.
// issue 11 item 2: the form is validated before the confirmation; 提交备案 stays disabled, with the
// reason beside it, once the latest filing date (第十六条) has passed; moving the start date offers to
// move the sessions (and the end date) by as many days.
import { useMemo, useRef, useState } from "react";
import { Navigate, useNavigate, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Form, Skeleton, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { projectApi } from "../../api/endpoints";
import type { BaseView, FilingDateView, ProjectView } from "../../api/types";
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
import { formatDate } from "../../format";
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
  const { message, modal, notification } = App.useApp();
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
  const [filingDate, setFilingDate] = useState<FilingDateView | null>(null);
  const tooLate = !!filingDate && !filingDate.inTime;
  const lastStart = useRef<Dayjs | null | undefined>(initialValues.startDate);

  /** The start moved by some days: offer to move the sessions and the end date with it. */
  const startMoved = (next: Dayjs | null | undefined) => {
    const prev = lastStart.current;
    lastStart.current = next;
    if (!prev || !next) return;
    const days = next.startOf("day").diff(prev.startOf("day"), "day");
    const sessions = (form.getFieldValue("sessions") as ProjectValues["sessions"] | undefined) ?? [];
    if (days === 0 || !sessions.some((s) => s.date)) return;
    const key = "shift-sessions";
    notification.open({
      key,
      title: t("projectForm.shiftTitle", { days }),
      description: t("projectForm.shiftBody", { days }),
      duration: 0,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            const current = (form.getFieldValue("sessions") as ProjectValues["sessions"] | undefined) ?? [];
            const end = form.getFieldValue("endDate") as ProjectValues["endDate"];
            form.setFieldsValue({ sessions: current.map((s) => ({ ...s, date: s.date ? s.date.add(days, "day") : s.date })), ...(end ? { endDate: end.add(days, "day") } : {}) });
            setDirty(true);
            notification.destroy(key);
            void message.success(t("projectForm.shiftDone", { days }));
          }}
        >
          {t("projectForm.shiftButton")}
        </Button>
      ),
    });
  };

  const submit = async () => {
    // Invalid fields are shown (and scrolled to) instead of asking to confirm.
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: "center" });
      return;
    }
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
  };

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
            {tooLate && (
              <Typography.Text type="danger" data-testid="submit-blocked">
                {t("projectForm.tooLateToSubmit", { date: formatDate(filingDate.latestFilingDate) })}
              </Typography.Text>
            )}
            <Button type="primary" onClick={() => void submit()} disabled={saving || tooLate || (!!view && !view.availableActions.includes("submit"))}>
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
      <Form<ProjectValues> form={form} name="trainingProject" layout="vertical" initialValues={initialValues} onValuesChange={(changed: Partial<ProjectValues>) => {
          setDirty(true);
          if ("startDate" in changed) startMoved(changed.startDate);
        }}
      >
        <Card title={t("project.basisTitle")} style={{ marginBottom: 16 }}>
          <ProjectBasisFields bases={bases} fixedBase={!!view} isNew={!initial} />
        </Card>
        <Card title={t("project.infoTitle")} style={{ marginBottom: 16 }}>
          <ProjectInfoFields onFilingDate={setFilingDate} />
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
