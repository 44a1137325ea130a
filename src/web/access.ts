// The web app's abilities (as Ant Design Pro's access.ts): each role grants a set of abilities, and
// menus and routes name the ability they need. Only what to show is decided here; the server's
// policy module stays the authority on what may be done (DESIGN.md "Who uses it").
import type { ComponentType } from "react";
import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  HomeOutlined,
  KeyOutlined,
  SettingOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { Role } from "./api/types";

export type Ability =
  | "home.view"
  | "password.change"
  | "policy.view"
  | "policy.manage"
  | "calendar.view"
  | "calendar.manage"
  | "organization.manage"
  | "user.manage"
  | "audit.view";

const EVERYONE: readonly Ability[] = ["home.view", "policy.view", "calendar.view", "password.change"];

/** role → abilities. 第十三条: the bureau is the comprehensive manager of the city. */
export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  bureau: [...EVERYONE, "policy.manage", "calendar.manage", "organization.manage", "user.manage", "audit.view"],
  supervisor: EVERYONE,
  base_staff: EVERYONE,
  expert: EVERYONE,
  professional: EVERYONE,
};

export function abilitiesOf(roles: readonly Role[]): ReadonlySet<Ability> {
  const set = new Set<Ability>();
  for (const role of roles) for (const a of ROLE_ABILITIES[role] ?? []) set.add(a);
  return set;
}

export interface MenuEntry {
  path: string;
  /** i18n key of the label */
  labelKey: string;
  ability: Ability;
  icon: ComponentType;
}

export const MENU: readonly MenuEntry[] = [
  { path: "/", labelKey: "menu.home", ability: "home.view", icon: HomeOutlined },
  { path: "/organizations", labelKey: "menu.organizations", ability: "organization.manage", icon: BankOutlined },
  { path: "/users", labelKey: "menu.users", ability: "user.manage", icon: TeamOutlined },
  { path: "/audit", labelKey: "menu.audit", ability: "audit.view", icon: AuditOutlined },
  { path: "/policy", labelKey: "menu.policy", ability: "policy.view", icon: SettingOutlined },
  { path: "/calendar", labelKey: "menu.calendar", ability: "calendar.view", icon: CalendarOutlined },
  { path: "/password", labelKey: "menu.password", ability: "password.change", icon: KeyOutlined },
];

export function menuFor(abilities: ReadonlySet<Ability>): MenuEntry[] {
  return MENU.filter((m) => abilities.has(m.ability));
}
