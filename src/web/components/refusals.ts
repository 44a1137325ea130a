// What to say when a step is refused: the server's own message (already in the UI language) and,
// when a submit broke several rules at once (422 with details.violations), the message of each one.
import type { TFunction } from "i18next";
import { ApiError } from "../api/client";

export interface Refusal {
  message: string;
  /** one message per broken rule, when the server listed more than one */
  violations: string[];
  code: string;
}

export const isVersionConflict = (err: unknown) => err instanceof ApiError && err.code === "VERSION_CONFLICT";

export function refusalOf(t: TFunction, err: unknown): Refusal {
  if (!(err instanceof ApiError)) return { message: t("errors.unexpected"), violations: [], code: "" };
  if (isVersionConflict(err)) return { message: t("filing.versionConflict"), violations: [], code: err.code };
  const list = err.details.violations;
  const violations = Array.isArray(list)
    ? list.map((v) => (v && typeof v === "object" && typeof (v as { message?: unknown }).message === "string" ? (v as { message: string }).message : "")).filter(Boolean)
    : [];
  return { message: err.message, violations: violations.length > 1 ? violations : [], code: err.code };
}

/** Row-by-row errors of a refused Excel import (422 IMPORT_ROWS_INVALID, details.rows). */
export interface ImportRowProblem {
  row: number;
  column: string;
  message: string;
}

export function importRowsOf(err: unknown): ImportRowProblem[] | null {
  if (!(err instanceof ApiError) || err.code !== "IMPORT_ROWS_INVALID") return null;
  const rows = err.details.rows;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((r): r is Record<string, unknown> => !!r && typeof r === "object")
    .map((r) => ({ row: Number(r.row), column: String(r.column ?? ""), message: String(r.message ?? "") }));
}
