// 添加学员: base staff enrol a person by name and ID number (第二十四条: the learning record follows the
// person, so the platform finds them by ID number or registers them). The ID number's GB 11643 checksum
// is checked here before sending; the server stays the authority (ID_NAME_MISMATCH, CAPACITY_FULL, …).
import { useEffect } from "react";
import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { EnrollmentView, PersonInput } from "../../../shared/delivery.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { enrollmentApi } from "../../api/endpoints";
import { useRefusal } from "../../components/useRefusal";
import { RefusalAlert } from "../../components/RefusalAlert";

interface Props {
  projectId: string;
  open: boolean;
  onClose(): void;
  onEnrolled(enrollment: EnrollmentView): void;
}

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export function AddPersonModal({ projectId, open, onClose, onEnrolled }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PersonInput>();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clear();
  }, [open, form, clear]);

  const save = async () => {
    const values = await form.validateFields();
    const person: PersonInput = {
      name: values.name.trim(),
      idNumber: values.idNumber.trim().toUpperCase(),
      employer: values.employer.trim(),
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      ...(values.specialty?.trim() ? { specialty: values.specialty.trim() } : {}),
      ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
    };
    await attempt(async () => onEnrolled(await enrollmentApi.create(projectId, person)));
  };

  const f = (k: string) => t(`delivery.person.${k}`);
  return (
    <Modal
      open={open}
      title={t("delivery.enrollments.add")}
      okText={t("delivery.enrollments.addOk")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="enrollPerson" layout="vertical">
        <Form.Item label={f("name")} name="name" rules={[{ required: true, whitespace: true, message: f("nameRequired") }, { min: 2, max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={f("idNumber")}
          name="idNumber"
          extra={f("idNumberHint")}
          rules={[
            { required: true, whitespace: true, message: f("idNumberRequired") },
            {
              validator: async (_, v: string | undefined) => {
                if (v && v.trim() && !isValidIdNumber(v.trim())) throw new Error(f("idNumberInvalid"));
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" style={{ fontFamily: "monospace" }} />
        </Form.Item>
        <Form.Item label={f("employer")} name="employer" rules={[{ required: true, whitespace: true, message: f("employerRequired") }, { min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={f("title")} name="title">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={f("specialty")} name="specialty">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={f("phone")} name="phone" rules={[{ pattern: PHONE, message: f("phoneInvalid") }]}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
