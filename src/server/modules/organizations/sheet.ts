// Columns of the organizations Excel export.
import type { OrganizationView } from "../../../shared/api.js";
import type { SheetColumn } from "../../platform/excel.js";

export const ORG_TYPE_LABELS: Record<string, string> = {
  bureau: "市人社局",
  district_hr: "区市人社部门",
  municipal_department: "市直部门",
  university: "高等院校",
  research_institute: "科研院所",
  training_institution: "培训机构",
  association: "专业协会（学会）",
  enterprise: "企业",
};

export const orgSheetColumns: SheetColumn<OrganizationView>[] = [
  { header: "单位名称", width: 36, value: (o) => o.name },
  { header: "类型", value: (o) => ORG_TYPE_LABELS[o.type] ?? o.type },
  { header: "上级单位", width: 30, value: (o) => o.parentName },
  { header: "区域", value: (o) => o.region },
  { header: "统一社会信用代码", width: 24, value: (o) => o.creditCode },
  { header: "联系人", value: (o) => o.contactName },
  { header: "联系电话", value: (o) => o.contactPhone },
  { header: "地址", width: 36, value: (o) => o.address },
  { header: "状态", value: (o) => (o.status === "active" ? "正常" : "停用") },
];
