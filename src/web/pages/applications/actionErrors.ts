// What to say when a workflow step is refused: the server's own message, made more precise for the
// codes whose details name something (the conflicting expert, the notice's last day).
import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { formatDate } from "../../format";
import { isVersionConflict } from "./useApplication";

export function actionErrorText(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t("errors.unexpected");
  if (isVersionConflict(err)) return t("application.versionConflict");
  const d = err.details;
  if (err.code === "EXPERT_CONFLICT" && typeof d.expertName === "string") return t("application.errors.expertConflict", { name: d.expertName });
  if (err.code === "NOTICE_RUNNING" && typeof d.endsOn === "string") return t("application.errors.noticeRunning", { date: formatDate(d.endsOn) });
  return err.message;
}
