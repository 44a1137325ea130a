// The policy's completion attendance (completionAttendance) in force on a date, for the project form
// and detail page: a project may set a lower share of its own, never a higher one (第十七条).
import { useEffect, useState } from "react";
import { policyApi } from "../../api/endpoints";

/** The share at `date` ("" = today); null while loading, when unknown, or when `date` is null (not needed). */
export function usePolicyAttendance(date: string | null): number | null {
  const [ratio, setRatio] = useState<number | null>(null);
  useEffect(() => {
    setRatio(null);
    if (date === null) return;
    let live = true;
    policyApi
      .current(date || undefined)
      .then((p) => live && setRatio(p.params.completionAttendance))
      .catch(() => live && setRatio(null));
    return () => {
      live = false;
    };
  }, [date]);
  return ratio;
}
