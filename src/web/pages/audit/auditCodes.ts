// The audit trail stores codes (`auth.login`, `annualPlan.submit`); people read them in words. The
// words live in i18n/audit/codes.<lang>.json, and a test keeps every code the server writes covered.
import type { TFunction } from "i18next";
import codes from "../../i18n/audit/codes.zh-CN.json";

const actions = codes.auditCodes.action as Record<string, Record<string, string>>;

/** Every action code that has words, for the filter. */
export const AUDIT_ACTIONS: readonly string[] = Object.entries(actions).flatMap(([resource, verbs]) => Object.keys(verbs).map((v) => `${resource}.${v}`));
/** Every resource type that has words. */
export const AUDIT_RESOURCES: readonly string[] = Object.keys(codes.auditCodes.resource);

export const auditActionLabel = (t: TFunction, code: string): string => t(`auditCodes.action.${code}`, { defaultValue: code });
export const auditResourceLabel = (t: TFunction, type: string): string => t(`auditCodes.resource.${type}`, { defaultValue: type });
