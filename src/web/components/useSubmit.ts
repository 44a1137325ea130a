// A form's submit: `submitting` while it runs, and a refusal shown to the user (the form stays as it is,
// to correct and send again).
import { useCallback, useState } from "react";
import { useShowError } from "./useShowError";

export function useSubmit() {
  const showError = useShowError();
  const [submitting, setSubmitting] = useState(false);

  const submit = useCallback(
    async (send: () => Promise<void>) => {
      setSubmitting(true);
      try {
        await send();
      } catch (err) {
        showError(err);
      } finally {
        setSubmitting(false);
      }
    },
    [showError],
  );

  return { submitting, submit };
}
