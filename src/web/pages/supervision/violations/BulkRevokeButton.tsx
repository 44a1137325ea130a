// 批量撤销证书 (第二十条 乱发证): every valid certificate of a project revoked with one reason, confirmed
// in a dialog that says the hours leave the holders' records and that it cannot be undone.
import { useState } from "react";
import { App, Button } from "antd";
import { useTranslation } from "react-i18next";
import { bulkRevokeApi } from "../../../api/supervision/violations";
import { StepModal } from "../../../components/StepModal";

export function BulkRevokeButton({ projectId, onDone }: { projectId: string; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger size="small" onClick={() => setOpen(true)}>
        {t("supervision.violations.bulk.button")}
      </Button>
      <StepModal
        step={open ? { label: t("supervision.violations.bulk.title"), explain: t("supervision.violations.bulk.explain"), comment: "required", commentLabel: t("supervision.violations.bulk.reason"), danger: true } : null}
        onClose={() => setOpen(false)}
        run={async (reason) => {
          if (!reason) return;
          const done = await bulkRevokeApi.revokeAll(projectId, reason);
          setOpen(false);
          void message.success(t("supervision.violations.bulk.done", { count: done.revoked }));
          onDone();
        }}
      />
    </>
  );
}
