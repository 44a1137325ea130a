// 第十条: the Chinese names of the project categories, for Excel exports and the plan import (the web
// shows the same words from src/web/i18n/filing/categories.zh-CN.json).
import { PROJECT_CATEGORIES, type ProjectCategory } from "../../../shared/filing.js";

export const CATEGORY_NAMES: Record<ProjectCategory, string> = {
  national_program: "国家级继续教育工程项目",
  provincial_program: "省级继续教育工程项目",
  municipal_program: "市级继续教育工程项目",
  advanced_seminar: "高级研修项目",
  commissioned: "政府部门或行业委托培训",
  professional_subject: "专业科目培训",
  academic_exchange: "继续教育学术交流",
  hrss_commissioned: "人社部门委托项目",
  other: "其他",
};

/** Short forms a person types into a sheet, besides the full names and the codes. */
const ALIASES: Record<string, ProjectCategory> = {
  国家级: "national_program",
  国家级项目: "national_program",
  省级: "provincial_program",
  省级项目: "provincial_program",
  市级: "municipal_program",
  市级项目: "municipal_program",
  高级研修: "advanced_seminar",
  委托培训: "commissioned",
  专业科目: "professional_subject",
  学术交流: "academic_exchange",
  人社委托: "hrss_commissioned",
};

/** A category from a sheet cell: the Chinese name, a short form or the code; undefined when unknown. */
export function categoryFromText(text: string): ProjectCategory | undefined {
  const t = text.trim().replace(/\s+/g, "");
  if ((PROJECT_CATEGORIES as readonly string[]).includes(t)) return t as ProjectCategory;
  const byName = (Object.entries(CATEGORY_NAMES) as [ProjectCategory, string][]).find(([, name]) => name === t);
  return byName?.[0] ?? (Object.hasOwn(ALIASES, t) ? ALIASES[t] : undefined);
}
