// On a base's page (第十三、十九、二十条): the bureau orders rectification or revokes the base (the dialog
// lists what revoking withdraws); a supervising unit proposes rectification; everyone who sees orders
// finds the base's. `?revoke=1` (from an overdue order) opens the revocation dialog at once. A revoked
// base says when, under which decision and why.
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { Alert, App, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { BaseView } from "../../../api/types";
import { formatDate } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { NewOrderModal } from "./NewOrderModal";
import { RevokeBaseDialog } from "./RevokeBaseDialog";

export function BaseRectificationActions({ base, onChange }: { base: BaseView; onChange(b: BaseView): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session, can } = useSession();
  const [params, setParams] = useSearchParams();
  const roles = session?.roles ?? [];
  const isBureau = roles.includes("bureau");
  const mode = isBureau ? "create" : roles.includes("supervisor") ? "propose" : null;
  const [ordering, setOrdering] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const inForce = base.status !== "revoked";

  useEffect(() => {
    if (params.get("revoke") === "1" && isBureau && inForce) setRevoking(true);
  }, [params, isBureau, inForce]);
  const closeRevoke = () => {
    setRevoking(false);
    if (params.has("revoke")) setParams({}, { replace: true });
  };

  return (
    <>
      {can("rectification.view") && <Button onClick={() => navigate(`/rectification-orders?baseId=${base.id}`)}>{t("supervision.rectification.listTitle")}</Button>}
      {mode && base.status === "active" && (
        <Button onClick={() => setOrdering(true)}>{t(mode === "create" ? "supervision.rectification.create" : "supervision.rectification.propose")}</Button>
      )}
      {isBureau && inForce && (
        <Button danger onClick={() => setRevoking(true)}>
          {t("supervision.rectification.revoke.button")}
        </Button>
      )}
      {mode && (
        <NewOrderModal
          open={ordering}
          mode={mode}
          base={base}
          onClose={() => setOrdering(false)}
          onDone={(order) => {
            setOrdering(false);
            void message.success(t(order.status === "proposed" ? "supervision.rectification.proposed" : "supervision.rectification.created"));
            navigate(`/rectification-orders/${order.id}`);
          }}
        />
      )}
      {isBureau && (
        <RevokeBaseDialog
          base={base}
          open={revoking}
          onClose={closeRevoke}
          onDone={(result) => {
            closeRevoke();
            const { withdrawnProjectIds: _w, stoppedProjectIds: _s, notifiedCount: _n, ...view } = result;
            onChange(view);
            void message.success(t("supervision.rectification.revoke.done", { decisionNo: view.revocationDecisionNo }));
          }}
        />
      )}
    </>
  );
}

export function RevokedAlert({ base }: { base: BaseView }) {
  const { t } = useTranslation();
  if (base.status !== "revoked") return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("supervision.rectification.revoke.revokedAlert", {
        date: formatDate(base.revokedAt?.slice(0, 10)),
        decisionNo: base.revocationDecisionNo ?? "—",
        reason: base.revocationReason ?? "",
      })}
      description={base.revocationBasis ? t("supervision.rectification.revoke.basisShown", { basis: base.revocationBasis }) : undefined}
    />
  );
}
