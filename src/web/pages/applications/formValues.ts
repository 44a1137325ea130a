// The editor's values ↔ the 申报表 (ApplicationForm). The editor takes the budget in 元 (the form
// carries fen) and may hold half-filled rows; saving fills a row's blanks so a draft always fits the
// server's schema. Missing paths ("basics.baseName", "teachers", "systems.evaluation") → sections and
// readable labels.
import type { TFunction } from "i18next";
import { FORM_SECTIONS } from "../../../shared/accreditation.js";
import type { ApplicationForm, FormSection } from "../../api/types";
import { fenToYuan, yuanToFen } from "../../format";

type Form = ApplicationForm;
type Row<T> = Partial<{ [K in keyof T]: T[K] | null }>;

export interface EditorValues {
  basics?: NonNullable<Form["basics"]>;
  teachers?: Row<NonNullable<Form["teachers"]>[number]>[];
  management?: { bodyName?: string; headName?: string; staff?: Row<NonNullable<NonNullable<Form["management"]>["staff"]>[number]>[] };
  systems?: NonNullable<Form["systems"]>;
  funding?: { annualBudgetYuan?: number | null; source?: string };
  facilities?: {
    venues?: Row<{ name: string; areaSqm: number; seats: number }>[];
    equipment?: string;
    library?: string;
    practiceOriented?: boolean;
    practicalSites?: Row<{ name: string; isPartner: boolean; description: string }>[];
  };
  pastProjects?: Row<{ year: number; title: string; participants: number }>[];
  attachments?: NonNullable<Form["attachments"]>;
}

/** Tabs of the editor: the sections of the 申报表, then the attachments. */
export const EDITOR_TABS = [...FORM_SECTIONS, "attachments"] as const;
export type EditorTab = (typeof EDITOR_TABS)[number];

export function toEditorValues(form: Form | null): EditorValues {
  const f = form ?? {};
  return {
    basics: f.basics ?? {},
    teachers: f.teachers ?? [],
    management: { ...f.management, staff: f.management?.staff ?? [] },
    systems: f.systems ?? {},
    funding: { annualBudgetYuan: fenToYuan(f.funding?.annualBudgetFen), source: f.funding?.source },
    facilities: { ...f.facilities, venues: f.facilities?.venues ?? [], practicalSites: f.facilities?.practicalSites ?? [] },
    pastProjects: f.pastProjects ?? [],
    attachments: f.attachments ?? [],
  };
}

const str = (v: string | null | undefined) => (v ?? "").trim();
const num = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const opt = (v: string | null | undefined) => (v === undefined || v === null ? undefined : v.trim());

function compact<T extends object>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length ? out : undefined;
}

export function fromEditorValues(v: EditorValues): Form {
  const b = v.basics ?? {};
  const basics = compact({
    baseName: opt(b.baseName),
    district: opt(b.district),
    address: opt(b.address),
    contactName: opt(b.contactName),
    contactPhone: opt(b.contactPhone),
    email: opt(b.email),
    specialtyFields: b.specialtyFields?.map((s) => s.trim()).filter(Boolean),
    introduction: b.introduction ?? undefined,
  });
  const teachers = (v.teachers ?? []).filter(Boolean).map((r) => ({ name: str(r.name), fullTime: !!r.fullTime, title: str(r.title), specialty: str(r.specialty) }));
  const m = v.management ?? {};
  const staff = (m.staff ?? []).filter(Boolean).map((r) => ({ name: str(r.name), duty: str(r.duty), fullTime: !!r.fullTime }));
  const systems = compact(Object.fromEntries(Object.entries(v.systems ?? {}).map(([k, s]) => [k, s ?? undefined])) as NonNullable<Form["systems"]>);
  const fa = v.facilities ?? {};
  return {
    basics,
    teachers,
    management: compact({ bodyName: opt(m.bodyName), headName: opt(m.headName), staff }),
    systems,
    funding: compact({ annualBudgetFen: yuanToFen(v.funding?.annualBudgetYuan), source: opt(v.funding?.source) }),
    facilities: compact({
      venues: (fa.venues ?? []).filter(Boolean).map((r) => ({ name: str(r.name), areaSqm: num(r.areaSqm), seats: num(r.seats) })),
      equipment: fa.equipment ?? undefined,
      library: fa.library ?? undefined,
      practiceOriented: fa.practiceOriented ?? undefined,
      practicalSites: (fa.practicalSites ?? []).filter(Boolean).map((r) => ({ name: str(r.name), isPartner: !!r.isPartner, description: str(r.description) })),
    }),
    pastProjects: (v.pastProjects ?? []).filter(Boolean).map((r) => ({ year: num(r.year), title: str(r.title), participants: num(r.participants) })),
    attachments: v.attachments ?? [],
  };
}

export function sectionOf(path: string): FormSection | undefined {
  const head = path.split(".")[0];
  return (FORM_SECTIONS as readonly string[]).includes(head) ? (head as FormSection) : undefined;
}

/** "basics.baseName" → "基本情况 · 基地名称" ("基地名称" with `withinSection`); "teachers" → "师资队伍". */
export function missingLabel(t: TFunction, path: string, withinSection = false): string {
  const section = sectionOf(path);
  if (!section) return path;
  const sectionLabel = t(`application.sections.${section}`);
  if (path === section) return sectionLabel;
  const field = t(`application.fields.${path}`, { defaultValue: path.slice(section.length + 1) });
  return withinSection ? field : `${sectionLabel} · ${field}`;
}
