// Roles and organization types of DESIGN.md "Who uses it"; shared by server and web.

export const ROLES = ["bureau", "supervisor", "base_staff", "expert", "professional", "sysadmin", "secadmin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/**
 * issue 10 item 9 (等保 2.0 三员分立): the system administrator (accounts, organizations, calendar), the
 * security administrator (locks, 2FA resets, sessions) and the audit administrator (the audit trail,
 * read only). They belong to the bureau's organization; no account holds two of them, nor one of them
 * with any business role.
 */
export const ADMIN_ROLES = ["sysadmin", "secadmin", "auditor"] as const satisfies readonly Role[];
export const isAdminRole = (role: string): boolean => (ADMIN_ROLES as readonly string[]).includes(role);

/** issue 10 item 9: the roles are apart; null when the set is allowed, else the two that clash. */
export function conflictingDuties(roles: readonly string[]): [string, string] | null {
  const admin = roles.filter(isAdminRole);
  if (admin.length === 0) return null;
  const other = roles.find((r) => r !== admin[0]);
  return other === undefined ? null : [admin[0], other];
}

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

/** issue 10 item 8: bureau, supervisor and administrator accounts sign in with a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["bureau", "supervisor", ...ADMIN_ROLES];
export const needsSecondFactor = (roles: readonly string[]): boolean => roles.some((r) => (SECOND_FACTOR_ROLES as readonly string[]).includes(r));
