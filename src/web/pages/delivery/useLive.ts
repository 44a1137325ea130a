// Timing for the live check-in page: whether the tab is visible (a hidden tab stops refreshing the code
// and polling the list), and the offset of the server's business clock from the browser's, so a code's
// `refreshAt` (server time; the test clock may be set) is turned into a browser delay correctly.
import { useEffect, useState } from "react";
import { clockApi } from "../../api/endpoints";

export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== "hidden");
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", onChange);
    return () => document.removeEventListener("visibilitychange", onChange);
  }, []);
  return visible;
}

/** server now − browser now, in ms (0 until the server answers). */
export function useServerClockOffset(): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let live = true;
    const sent = Date.now();
    clockApi
      .get()
      .then((c) => {
        if (!live) return;
        const received = Date.now();
        setOffset(new Date(c.now).getTime() - (sent + received) / 2);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return offset;
}

/** Milliseconds from now until the server instant `at`, kept within [min, max]. */
export function delayUntil(at: string, offset: number, min = 1_000, max = 60_000): number {
  const ms = new Date(at).getTime() - (Date.now() + offset);
  return Math.min(max, Math.max(min, Number.isFinite(ms) ? ms : max));
}

/** Runs `tick` every `ms` while `active`, and once at once when it becomes active. */
export function usePolling(tick: () => void, ms: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    tick();
    const timer = window.setInterval(tick, ms);
    return () => window.clearInterval(timer);
  }, [tick, ms, active]);
}
