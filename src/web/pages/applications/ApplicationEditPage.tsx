// 申报表 editor (/applications/:id/edit): one tab per section of the form plus attachments, each marked
// complete or not (sectionComplete, the same rule the server applies on submit). 保存草稿 sends the
// whole form with its version; an error never clears what was typed. 提交申报 saves, then submits;
// a refusal naming missing parts (FORM_INCOMPLETE) marks those sections.
import { useMemo, useState } from "react";
import { Navigate, useNavigate, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Form, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { missingParts } from "../../../shared/accreditation.js";
import { applicationApi } from "../../api/endpoints";
import type { ApplicationView } from "../../api/types";
import { ApplicationStatusTag } from "../../components/accreditationTags";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { EditorTabs } from "./EditorTabs";
import { EDITOR_TABS, fromEditorValues, missingLabel, sectionOf, toEditorValues, type EditorTab, type EditorValues } from "./formValues";
import { isEditable, isVersionConflict, missingFromError, useApplication } from "./useApplication";
import { useUnsavedGuard } from "./useUnsavedGuard";

export default function ApplicationEditPage() {
  const { id = "" } = useParams();
  const { view, setView, notFound, reload, loads } = useApplication(id);
  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  if (!isEditable(view)) return <Navigate to={`/applications/${id}`} replace />;
  return <Editor key={`${view.id}-${loads}`} view={view} setView={setView} reload={reload} />;
}

interface EditorProps {
  view: ApplicationView;
  setView(v: ApplicationView): void;
  reload(): void;
}

function Editor({ view, setView, reload }: EditorProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const initial = useMemo(() => toEditorValues(view.form), [view.form]);
  const watched = Form.useWatch([], { form, preserve: true }) as EditorValues | undefined;
  const [tab, setTab] = useState<EditorTab>("basics");
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [serverMissing, setServerMissing] = useState<string[]>([]);
  const missing = useMemo(() => missingParts(fromEditorValues(watched ?? initial)), [watched, initial]);
  const name = watched?.basics?.baseName || view.form?.basics?.baseName || t("application.untitled");

  const { allowLeave } = useUnsavedGuard(dirty);

  const fail = (err: unknown) => (isVersionConflict(err) ? setConflict(true) : showError(err));

  /** Saves the draft; null when it could not (the input stays on the page). */
  const save = async (): Promise<ApplicationView | null> => {
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name[0];
      if (typeof first === "string" && (EDITOR_TABS as readonly string[]).includes(first)) setTab(first as EditorTab);
      void message.error(t("application.editor.fixErrors"));
      return null;
    }
    setSaving(true);
    try {
      const saved = await applicationApi.update(view.id, fromEditorValues(form.getFieldsValue(true) as EditorValues), view.version);
      setView(saved);
      setDirty(false);
      return saved;
    } catch (err) {
      fail(err);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const saveDraft = async () => {
    if (await save()) void message.success(t("application.editor.draftSaved"));
  };

  const submit = () =>
    modal.confirm({
      title: t("application.confirm.submitTitle"),
      content: t("application.confirm.submit", { supervisor: view.supervisorOrgName }),
      okText: t("appAction.submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        const saved = dirty ? await save() : view;
        if (!saved) return;
        try {
          await applicationApi.act(view.id, "submit", { version: saved.version });
          setDirty(false);
          allowLeave();
          void message.success(t("application.submitted"));
          navigate(`/applications/${view.id}`);
        } catch (err) {
          const named = missingFromError(err);
          if (!named) return fail(err);
          setServerMissing(named);
          const section = named.map(sectionOf).find(Boolean);
          if (section) setTab(section);
        }
      },
    });

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button onClick={() => navigate(`/applications/${view.id}`)}>{t("application.editor.backToDetail")}</Button>
            <Button onClick={() => void saveDraft()} loading={saving}>
              {t("application.editor.saveDraft")}
            </Button>
            {view.availableActions.includes("submit") && (
              <Button type="primary" onClick={submit} disabled={saving}>
                {t("appAction.submit")}
              </Button>
            )}
          </Space>
        }
      >
        {t("application.editor.title", { name })} <ApplicationStatusTag status={view.status} />
      </PageTitle>
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("application.versionConflict")}
          action={
            <Button danger onClick={() => modal.confirm({ title: t("application.editor.reloadConfirm"), okText: t("application.reload"), cancelText: t("common.cancel"), onOk: () => { setConflict(false); reload(); } })}>
              {t("application.reload")}
            </Button>
          }
        />
      )}
      {view.status === "returned" && <ReturnedNotice view={view} />}
      {serverMissing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("application.missingTitle")}
          description={serverMissing.map((p) => missingLabel(t, p)).join("；")}
        />
      )}
      <Card>
        <Form<EditorValues> form={form} name="applicationForm" layout="vertical" initialValues={initial} onValuesChange={() => setDirty(true)}>
          <EditorTabs active={tab} onChange={setTab} missing={missing} flagged={serverMissing} values={watched ?? initial} />
        </Form>
      </Card>
    </>
  );
}

function ReturnedNotice({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const last = [...view.history].reverse().find((h) => h.toStatus === "returned");
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("application.returnedNotice")}
      description={last?.comment ? t("application.returnedComment", { name: last.actorName ?? "—", comment: last.comment }) : undefined}
    />
  );
}
