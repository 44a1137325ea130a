// Keeps unsaved input from being lost by leaving the editor: the browser asks before closing or
// reloading the tab, and leaving for another page of the app asks for confirmation first.
import { useCallback, useEffect, useRef } from "react";
import { useBlocker } from "react-router-dom";
import { App } from "antd";
import { useTranslation } from "react-i18next";

export function useUnsavedGuard(dirty: boolean): { allowLeave(): void } {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== "blocked") return;
    modal.confirm({
      title: t("application.editor.leaveTitle"),
      content: t("application.editor.leaveContent"),
      okText: t("application.editor.leave"),
      cancelText: t("application.editor.stay"),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  /** Call before navigating away on purpose (after a successful submit). */
  const allowLeave = useCallback(() => {
    dirtyRef.current = false;
  }, []);
  return { allowLeave };
}
