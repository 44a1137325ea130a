// Roles and organization types of DESIGN.md "Who uses it"; shared by server and web.

export const ROLES = ["bureau", "supervisor", "base_staff", "expert", "professional"] as const;
export type Role = (typeof ROLES)[number];

// 第三条, 第十四条: the kinds of organization that host or supervise bases.
export const ORG_TYPES = [
  "bureau",
  "district_hr",
  "municipal_department",
  "university",
  "research_institute",
  "training_institution",
  "association",
  "enterprise",
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_STATUSES = ["active", "disabled"] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
