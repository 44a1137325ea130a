// Data the filing pages share: one record loaded by id (404 → not found), the bases the user may act
// for, and the platform's business today (the test clock when one is set), from which plan years and
// deadlines count.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import { baseApi, clockApi } from "../../api/endpoints";
import type { BaseView } from "../../api/types";
import { useShowError } from "../../components/useShowError";
import { todayInShanghai } from "../../format";

export function useRecord<T>(get: (id: string) => Promise<T>, id: string | undefined) {
  const showError = useShowError();
  const [view, setView] = useState<T | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [tick, setTick] = useState(0);
  /** loads from the server (not views set after a step), so an editor can start afresh */
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    if (!id) return;
    let live = true;
    get(id)
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
  }, [get, id, tick, showError]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { view, setView, notFound, reload, loads };
}

/** The bases in the user's scope (a base's staff: their own), for choosing one in a form. */
export function useBases(): BaseView[] | null {
  const showError = useShowError();
  const [bases, setBases] = useState<BaseView[] | null>(null);
  useEffect(() => {
    let live = true;
    baseApi
      .list({ pageSize: 200 })
      .then((r) => live && setBases(r.items))
      .catch((err: unknown) => {
        if (!live) return;
        setBases([]);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [showError]);
  return bases;
}

/** Today of the platform's clock as YYYY-MM-DD; the browser's today until the server answers. */
export function useBusinessToday(): string {
  const [today, setToday] = useState(() => todayInShanghai());
  useEffect(() => {
    let live = true;
    clockApi
      .get()
      .then((c) => live && setToday(c.today))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return today;
}
