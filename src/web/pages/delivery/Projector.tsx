// 全屏投影: the check-in code as a classroom projector shows it — a large QR code, the course and the
// session, the live count 已签到 x/y and the session's check-in time, readable from the back of the room. Uses the Fullscreen API
// when the browser allows it; otherwise (or until it does) it covers the window. Esc or 退出投影 ends it.
import { useEffect, useRef } from "react";
import { Button } from "antd";
import { FullscreenExitOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CheckInCodeView } from "../../../shared/delivery.js";

interface Props {
  courseTitle: string;
  sessionText: string;
  code: CheckInCodeView | null;
  /** why there is no code (not held today, or the last fetch failed) */
  problem: string | null;
  checkedIn: number;
  enrolled: number;
  onExit(): void;
}

export function Projector({ courseTitle, sessionText, code, problem, checkedIn, enrolled, onExit }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    let entered = false;
    if (el?.requestFullscreen) {
      el.requestFullscreen()
        .then(() => (entered = true))
        .catch(() => undefined);
    }
    // Leaving full screen (Esc in the browser's full screen) ends the projection too.
    const onChange = () => {
      if (entered && !document.fullscreenElement) onExit();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onExit();
    };
    document.addEventListener("fullscreenchange", onChange);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("fullscreenchange", onChange);
      document.removeEventListener("keydown", onKey);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [onExit]);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-label={t("delivery.checkIn.projector")}
      data-testid="check-in-projector"
      style={{
        position: "fixed",
        inset: 0,
        zIndex: 2000,
        background: "#fff",
        color: "#000",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        gap: "2vh",
        padding: "3vh 3vw",
        textAlign: "center",
      }}
    >
      <div style={{ position: "absolute", top: 16, right: 16 }}>
        <Button icon={<FullscreenExitOutlined />} onClick={onExit}>
          {t("delivery.checkIn.exitProjector")}
        </Button>
      </div>
      <div style={{ fontSize: "clamp(24px, 4.5vh, 56px)", fontWeight: 700, lineHeight: 1.2 }}>{courseTitle}</div>
      <div style={{ fontSize: "clamp(18px, 3vh, 36px)" }}>{sessionText}</div>
      {code ? (
        <img src={code.qr} alt={t("delivery.checkIn.qrAlt")} style={{ width: "min(62vh, 80vw)", height: "min(62vh, 80vw)", imageRendering: "pixelated" }} />
      ) : (
        <div style={{ fontSize: "clamp(20px, 3.5vh, 40px)", maxWidth: "80vw" }}>{problem ?? t("delivery.checkIn.loadingCode")}</div>
      )}
      <div style={{ fontSize: "clamp(28px, 6vh, 72px)", fontWeight: 700 }} aria-live="polite">
        {t("delivery.checkIn.count", { checkedIn, enrolled })}
      </div>
      <div style={{ fontSize: "clamp(16px, 2.4vh, 28px)" }}>
        {t("delivery.checkIn.scanHint")}
        {code && ` · ${t("delivery.checkIn.window", { opensAt: code.opensAt, closesAt: code.closesAt })}`}
      </div>
    </div>
  );
}
