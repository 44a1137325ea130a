// Tags of reviews and spot checks (第十九条): status, kind and each base's outcome.
import { useTranslation } from "react-i18next";
import type { Outcome, SpotCheckKind, SpotCheckStatus } from "../../../api/supervision/spot-checks";
import { ToneTag, type Tone } from "../../../components/ToneTag";

const STATUS_TONES: Record<SpotCheckStatus, Tone> = { drawn: "gold", published: "blue", concluded: "green" };
const OUTCOME_TONES: Record<Outcome, Tone> = { commend: "purple", pass: "green", rectify: "orange", revoke: "red" };

export function SpotCheckStatusTag({ status }: { status: SpotCheckStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATUS_TONES[status]}>{t(`supervision.spotChecks.statuses.${status}`)}</ToneTag>;
}

export function KindTag({ kind }: { kind: SpotCheckKind }) {
  const { t } = useTranslation();
  return <ToneTag tone={kind === "spot_check" ? "geekblue" : "cyan"}>{t(`supervision.spotChecks.kinds.${kind}`)}</ToneTag>;
}

export function OutcomeTag({ outcome }: { outcome: Outcome | null }) {
  const { t } = useTranslation();
  if (!outcome) return <ToneTag tone="default">{t("supervision.spotChecks.noOutcome")}</ToneTag>;
  return <ToneTag tone={OUTCOME_TONES[outcome]}>{t(`supervision.spotChecks.outcomes.${outcome}`)}</ToneTag>;
}
