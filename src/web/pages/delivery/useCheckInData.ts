// The live data of a session's check-in page: the rotating code (fetched again at its `refreshAt`, every
// 30 s, and not while the tab is hidden), and the attendance list (polled every few seconds and after
// each new code). A session not held today answers CHECK_IN_NOT_OPEN: kept as a message, not an error.
import { useCallback, useEffect, useRef, useState } from "react";
import type { CheckInCodeView, SessionAttendanceView } from "../../../shared/delivery.js";
import { ApiError } from "../../api/client";
import { checkInApi } from "../../api/endpoints";
import { useShowError } from "../../components/useShowError";
import { delayUntil, usePageVisible, usePolling, useServerClockOffset } from "./useLive";

const RETRY_MS = 10_000;
const POLL_MS = 4_000;

export interface CodeState {
  code: CheckInCodeView | null;
  /** why there is no code: the session is not held today (the server's message) */
  closed: string | null;
  /** the last fetch failed (the server's message); retried every 10 s */
  failed: string | null;
}

export function useCheckInCode(projectId: string, sessionId: string, enabled: boolean): CodeState {
  const visible = usePageVisible();
  const offset = useServerClockOffset();
  const offsetRef = useRef(offset);
  offsetRef.current = offset;
  const [state, setState] = useState<CodeState>({ code: null, closed: null, failed: null });

  useEffect(() => {
    if (!enabled || !visible || !sessionId) return;
    let live = true;
    let timer: number | undefined;
    const fetchCode = () => {
      checkInApi
        .code(projectId, sessionId)
        .then((code) => {
          if (!live) return;
          setState({ code, closed: null, failed: null });
          timer = window.setTimeout(fetchCode, delayUntil(code.refreshAt, offsetRef.current, 1_000, 30_000));
        })
        .catch((err: unknown) => {
          if (!live) return;
          if (err instanceof ApiError && err.code === "CHECK_IN_NOT_OPEN") {
            setState({ code: null, closed: err.message, failed: null });
            return;
          }
          if (err instanceof ApiError && err.handled) return;
          setState((s) => ({ ...s, failed: err instanceof ApiError ? err.message : String(err) }));
          timer = window.setTimeout(fetchCode, RETRY_MS);
        });
    };
    fetchCode();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [projectId, sessionId, enabled, visible]);

  return state;
}

export function useAttendance(projectId: string, sessionId: string, refreshKey: string | undefined) {
  const showError = useShowError();
  const visible = usePageVisible();
  const [view, setView] = useState<SessionAttendanceView | null>(null);
  const [notFound, setNotFound] = useState(false);
  const failedOnce = useRef(false);

  const reload = useCallback(() => {
    if (!sessionId) return;
    checkInApi
      .attendance(projectId, sessionId)
      .then((v) => {
        failedOnce.current = false;
        setView(v);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) setNotFound(true);
        // a poll that fails says so once, not every few seconds
        else if (!failedOnce.current) showError(err);
        failedOnce.current = true;
      });
  }, [projectId, sessionId, showError]);

  useEffect(() => setView(null), [sessionId]);
  usePolling(reload, POLL_MS, visible && !notFound);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);

  return { view, notFound, reload };
}
