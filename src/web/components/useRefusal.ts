// A dialog's step that the server may refuse: `busy` while it runs, and the refusal (the server's message
// and each broken rule) shown inside the dialog, which stays open to correct and send again.
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { refusalOf, type Refusal } from "./refusals";

export function useRefusal() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const attempt = useCallback(
    async (send: () => Promise<void>) => {
      setBusy(true);
      setRefusal(null);
      try {
        await send();
      } catch (err) {
        setRefusal(refusalOf(t, err));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  const clear = useCallback(() => setRefusal(null), []);

  return { busy, refusal, attempt, clear };
}
