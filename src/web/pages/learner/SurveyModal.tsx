// 培训效果评估 (第十七条): the questionnaire in force for the course — a 1–5 scale per question and free
// comments — answered once by someone who attended; afterwards it shows what they answered.
import { cloneElement, useEffect, useState, type ReactElement } from "react";
import { Alert, App, Form, Input, Modal, Rate, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MyEnrollmentView, ProjectSurveyView, SurveyResponseBody } from "../../../shared/delivery.js";
import { myCourseApi } from "../../api/endpoints";
import { useShowError } from "../../components/useShowError";
import { useSubmit } from "../../components/useSubmit";

type Answers = Record<string, number | string | undefined>;
const LEVELS = [1, 2, 3, 4, 5] as const;

/** antd's Rate with a name on each star ("4 分：较好"), which screen readers otherwise announce as "star". */
function ScaleInput({ id, value, onChange, label, disabled }: { id?: string; value?: number; onChange?(v: number): void; label: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Rate
        id={id}
        {...({ role: "radiogroup" } as object)}
        aria-label={label}
        value={value}
        onChange={onChange}
        disabled={disabled}
        allowClear={false}
        style={{ fontSize: 28 }}
        characterRender={(origin, { index = 0 }) => {
          // the star is <li><div role="radio">…</div></li> in a radiogroup: the name goes on the radio,
          // and the list item is only layout
          const node = origin as ReactElement<{ role?: string; children: ReactElement<{ "aria-label"?: string }> }>;
          const name = t("learner.survey.level", { n: index + 1, text: t(`learner.survey.levels.${index + 1}`) });
          return cloneElement(node, { role: "none" }, cloneElement(node.props.children, { "aria-label": name }));
        }}
      />
      {value ? <Typography.Text>{t(`learner.survey.levels.${value}`)}</Typography.Text> : null}
    </Space>
  );
}

export function SurveyModal({ enrollment, onClose }: { enrollment: MyEnrollmentView; onClose(answered: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Answers>();
  const [survey, setSurvey] = useState<ProjectSurveyView | null>(null);
  const { submitting, submit: send } = useSubmit();

  useEffect(() => {
    let live = true;
    myCourseApi
      .survey(enrollment.projectId)
      .then((s) => {
        if (!live) return;
        setSurvey(s);
        if (s.myAnswers) form.setFieldsValue(s.myAnswers);
      })
      .catch((err: unknown) => {
        showError(err);
        if (live) onClose(false);
      });
    return () => {
      live = false;
    };
    // loads once per opened survey
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enrollment.projectId]);

  const readOnly = !survey?.canAnswer || !!survey.myAnswers;

  const submit = async (values: Answers) => {
    if (!survey) return;
    const answers: SurveyResponseBody["answers"] = {};
    for (const q of survey.form.questions) {
      const v = values[q.key];
      if (typeof v === "number") answers[q.key] = v;
      else if (typeof v === "string" && v.trim()) answers[q.key] = v.trim();
    }
    await send(async () => {
      await myCourseApi.answerSurvey(enrollment.projectId, { answers });
      void message.success(t("learner.survey.thanks"));
      onClose(true);
    });
  };

  return (
    <Modal
      open
      title={t("learner.survey.title", { title: enrollment.projectTitle })}
      onCancel={() => onClose(false)}
      okText={t("learner.survey.submit")}
      cancelText={readOnly ? t("learner.survey.close") : t("common.cancel")}
      okButtonProps={{ loading: submitting, disabled: !survey || readOnly, style: readOnly ? { display: "none" } : undefined }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {!survey ? (
        <Skeleton active />
      ) : (
        <>
          {survey.myAnswers ? (
            <Alert type="success" showIcon title={t("learner.survey.answered")} style={{ marginBottom: 16 }} />
          ) : !survey.canAnswer ? (
            <Alert type="info" showIcon title={t("learner.survey.notOpen")} style={{ marginBottom: 16 }} />
          ) : (
            <Typography.Paragraph type="secondary">{t("learner.survey.intro")}</Typography.Paragraph>
          )}
          {survey.form.note && <Typography.Paragraph>{survey.form.note}</Typography.Paragraph>}
          <Form<Answers> form={form} name="survey" layout="vertical" onFinish={submit} disabled={readOnly || submitting}>
            {survey.form.questions.map((q) =>
              q.kind === "scale" ? (
                <Form.Item key={q.key} name={q.key} label={q.label} rules={[{ required: q.required, message: t("learner.survey.scaleRequired") }]}>
                  <ScaleInput label={q.label} />
                </Form.Item>
              ) : (
                <Form.Item key={q.key} name={q.key} label={q.label} rules={[{ required: q.required, whitespace: true, message: t("learner.survey.textRequired") }, { max: 1000 }]}>
                  <Input.TextArea rows={3} maxLength={1000} showCount />
                </Form.Item>
              ),
            )}
          </Form>
          <Typography.Text type="secondary">{t("learner.survey.scaleHint", { levels: LEVELS.map((n) => `${n} ${t(`learner.survey.levels.${n}`)}`).join("，") })}</Typography.Text>
        </>
      )}
    </Modal>
  );
}
