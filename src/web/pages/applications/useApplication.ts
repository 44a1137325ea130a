// Loads one application (GET /base-applications/:id) and keeps the latest view the server answered.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import { applicationApi } from "../../api/endpoints";
import type { ApplicationView } from "../../api/types";
import { useShowError } from "../../components/useShowError";

export function useApplication(id: string) {
  const showError = useShowError();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [tick, setTick] = useState(0);
  /** counts the loads from the server (not the views set after an action), so an editor can start afresh */
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    applicationApi
      .get(id)
      .then((v) => {
        if (!live) return;
        setView(v);
        setLoads((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setNotFound(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [id, tick, showError]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { view, setView, notFound, reload, loads };
}

/** The applicant may edit while it may submit: the server's availableActions decide, not the status. */
export function isEditable(view: ApplicationView): boolean {
  return view.availableActions.includes("submit") || view.availableActions.includes("edit");
}

/** The paths a refused submit named (422 FORM_INCOMPLETE, details.missing). */
export function missingFromError(err: unknown): string[] | null {
  if (!(err instanceof ApiError) || err.code !== "FORM_INCOMPLETE") return null;
  const missing = err.details.missing;
  return Array.isArray(missing) ? missing.filter((m): m is string => typeof m === "string") : [];
}

export const isVersionConflict = (err: unknown) => err instanceof ApiError && (err.code === "VERSION_CONFLICT" || err.status === 409);
