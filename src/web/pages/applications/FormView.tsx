// The 申报表 read-only: Descriptions for single values, tables for the lists, per section.
import type { ReactNode } from "react";
import { Card, Descriptions, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { SYSTEM_KEYS } from "../../../shared/accreditation.js";
import { fileApi } from "../../api/endpoints";
import type { ApplicationForm } from "../../api/types";
import { SpecialtyTags } from "../../components/accreditationTags";
import { ScrollRegion } from "../../components/ScrollRegion";
import { formatFen } from "../../format";

const text = (v: string | undefined | null): ReactNode =>
  v && v.trim() ? <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{v}</Typography.Paragraph> : "—";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>{title}</Typography.Title>}>
      {children}
    </Card>
  );
}

/** A small table of rows; each column names its field label key. */
function Rows<T extends object>({ rows, fields, prefix, label }: { rows: T[] | undefined; fields: (keyof T & string)[]; prefix: string; label: string }) {
  const { t } = useTranslation();
  if (!rows?.length) return <Typography.Paragraph type="secondary">{t("application.view.none")}</Typography.Paragraph>;
  return (
    <ScrollRegion label={label}>
      <Table<T & { rowNo: number }>
        size="small"
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        rowKey="rowNo"
        dataSource={rows.map((r, i) => ({ ...r, rowNo: i + 1 }))}
        columns={fields.map((f) => ({
          title: t(`${prefix}.${f}`),
          dataIndex: f,
          render: (v: unknown) =>
            typeof v === "boolean" ? <Tag>{t(`application.view.${f}.${String(v)}`)}</Tag> : v === "" || v == null ? "—" : (v as ReactNode),
        }))}
      />
    </ScrollRegion>
  );
}

export function FormView({ form }: { form: ApplicationForm }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`application.fields.${k}`);
  const b = form.basics ?? {};
  const m = form.management ?? {};
  const fa = form.facilities ?? {};
  return (
    <>
      <Section title={t("application.sections.basics")}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "baseName", label: f("basics.baseName"), children: b.baseName || "—" },
            { key: "district", label: f("basics.district"), children: b.district || "—" },
            { key: "address", label: f("basics.address"), children: b.address || "—", span: 2 },
            { key: "contactName", label: f("basics.contactName"), children: b.contactName || "—" },
            { key: "contactPhone", label: f("basics.contactPhone"), children: b.contactPhone || "—" },
            { key: "email", label: f("basics.email"), children: b.email || "—" },
            { key: "specialtyFields", label: f("basics.specialtyFields"), children: <SpecialtyTags fields={b.specialtyFields} /> },
            { key: "introduction", label: f("basics.introduction"), children: text(b.introduction), span: 2 },
          ]}
        />
      </Section>
      <Section title={t("application.sections.teachers")}>
        <Rows label={t("application.sections.teachers")} rows={form.teachers} fields={["name", "fullTime", "title", "specialty"]} prefix="application.fields.teacher" />
      </Section>
      <Section title={t("application.sections.management")}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "bodyName", label: f("management.bodyName"), children: m.bodyName || "—" },
            { key: "headName", label: f("management.headName"), children: m.headName || "—" },
          ]}
        />
        <Rows label={f("management.staff")} rows={m.staff} fields={["name", "duty", "fullTime"]} prefix="application.fields.staffMember" />
      </Section>
      <Section title={t("application.sections.systems")}>
        <Descriptions column={1} items={SYSTEM_KEYS.map((k) => ({ key: k, label: f(`systems.${k}`), children: text(form.systems?.[k]) }))} />
      </Section>
      <Section title={t("application.sections.funding")}>
        <Descriptions
          column={1}
          items={[
            { key: "budget", label: f("funding.annualBudgetFen"), children: formatFen(form.funding?.annualBudgetFen) || "—" },
            { key: "source", label: f("funding.source"), children: text(form.funding?.source) },
          ]}
        />
      </Section>
      <Section title={t("application.sections.facilities")}>
        <Typography.Title level={4} style={{ fontSize: 14 }}>{f("facilities.venues")}</Typography.Title>
        <Rows label={f("facilities.venues")} rows={fa.venues} fields={["name", "areaSqm", "seats"]} prefix="application.fields.venue" />
        <Descriptions
          style={{ marginTop: 16 }}
          column={1}
          items={[
            { key: "equipment", label: f("facilities.equipment"), children: text(fa.equipment) },
            { key: "library", label: f("facilities.library"), children: text(fa.library) },
            { key: "practiceOriented", label: f("facilities.practiceOriented"), children: fa.practiceOriented ? t("common.yes") : t("common.no") },
          ]}
        />
        <Typography.Title level={4} style={{ fontSize: 14 }}>{f("facilities.practicalSites")}</Typography.Title>
        <Rows label={f("facilities.practicalSites")} rows={fa.practicalSites} fields={["name", "isPartner", "description"]} prefix="application.fields.site" />
      </Section>
      <Section title={t("application.sections.pastProjects")}>
        <Rows label={t("application.sections.pastProjects")} rows={form.pastProjects} fields={["year", "title", "participants"]} prefix="application.fields.project" />
      </Section>
      <Section title={t("application.sections.attachments")}>
        {form.attachments?.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {form.attachments.map((a) => (
              <li key={a.fileId}>
                <a href={fileApi.url(a.fileId)} target="_blank" rel="noreferrer">
                  {a.name}
                </a>{" "}
                <Tag>{t(`application.attachments.kinds.${a.kind ?? "other"}`, { defaultValue: a.kind ?? "" })}</Tag>
              </li>
            ))}
          </ul>
        ) : (
          "—"
        )}
      </Section>
    </>
  );
}
