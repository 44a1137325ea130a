// The editor's tabs, one per section of the 申报表 plus attachments, each marked 已完成 or 未完成
// (sectionComplete, from the live values); a section the server named on submit is marked 待补充.
// Every pane is rendered from the start so all fields stay registered with the form.
import { Tabs, Form, theme } from "antd";
import { CheckCircleFilled, ExclamationCircleFilled, PaperClipOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { FORM_SECTIONS } from "../../../shared/accreditation.js";
import type { FormSection } from "../../api/types";
import { AttachmentsField } from "./editor/AttachmentsField";
import { BasicsFields } from "./editor/BasicsFields";
import { FacilitiesFields, ProjectsFields } from "./editor/FacilitiesFields";
import { ManagementFields, TeachersFields } from "./editor/PeopleFields";
import { FundingFields, SystemsFields } from "./editor/SystemsFundingFields";
import { missingLabel, sectionOf, type EditorTab, type EditorValues } from "./formValues";

const SR_ONLY = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" } as const;

const PANES: Record<FormSection, () => ReactNode> = {
  basics: () => <BasicsFields />,
  teachers: () => <TeachersFields />,
  management: () => <ManagementFields />,
  systems: () => <SystemsFields />,
  funding: () => <FundingFields />,
  facilities: () => <FacilitiesFields />,
  pastProjects: () => <ProjectsFields />,
};

interface Props {
  active: EditorTab;
  onChange(tab: EditorTab): void;
  /** what the live values still lack (missingParts) */
  missing: string[];
  /** what the server named when it refused the submit */
  flagged: string[];
  values: EditorValues;
}

export function EditorTabs({ active, onChange, missing, flagged, values }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();

  const label = (section: FormSection) => {
    const lacking = missing.filter((p) => sectionOf(p) === section);
    const isFlagged = flagged.some((p) => sectionOf(p) === section) && lacking.length > 0;
    const state = lacking.length === 0 ? "complete" : isFlagged ? "flagged" : "incomplete";
    const color = state === "complete" ? token.colorSuccess : state === "flagged" ? token.colorError : token.colorWarning;
    const Icon = state === "complete" ? CheckCircleFilled : ExclamationCircleFilled;
    return (
      <span title={lacking.map((p) => missingLabel(t, p)).join("；") || undefined}>
        <Icon aria-hidden style={{ color }} /> {t(`application.sections.${section}`)}
        <span style={SR_ONLY}>（{t(`application.sectionState.${state}`)}）</span>
      </span>
    );
  };

  const paneOf = (section: FormSection) => {
    const lacking = missing.filter((p) => sectionOf(p) === section);
    return (
      <>
        {lacking.length > 0 && (
          <p style={{ color: token.colorTextDescription, marginTop: 0 }}>
            {t("application.editor.stillMissing", { items: lacking.map((p) => missingLabel(t, p, true)).join("；") })}
          </p>
        )}
        {PANES[section]()}
      </>
    );
  };

  const attachmentCount = values.attachments?.length ?? 0;
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => onChange(k as EditorTab)}
      items={[
        ...FORM_SECTIONS.map((s) => ({ key: s, label: label(s), forceRender: true, children: paneOf(s) })),
        {
          key: "attachments",
          label: (
            <span>
              <PaperClipOutlined aria-hidden /> {t("application.sections.attachments")}（{attachmentCount}）
            </span>
          ),
          forceRender: true,
          children: (
            <Form.Item label={t("application.sections.attachments")} name="attachments">
              <AttachmentsField />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}
