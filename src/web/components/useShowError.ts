// Shows an API error as a message in the server's own words (already in the UI language); errors the
// client has handled by redirecting (401, forced password change) stay silent.
import { useCallback } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

export function useShowError(): (err: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        if (!err.handled) void message.error(err.message);
      } else if ((err as Error | null)?.name !== "AbortError") {
        void message.error(t("errors.unexpected"));
      }
    },
    [message, t],
  );
}
