// A coloured tag with dark text on a light ground: antd's preset tag colours fall short of WCAG AA
// contrast (4.5:1) for small text.
import type { CSSProperties, ReactNode } from "react";
import { Tag } from "antd";

/** tone → [text, background, border] */
const TONES = {
  green: ["#135200", "#f6ffed", "#95de64"],
  red: ["#a8071a", "#fff1f0", "#ffa39e"],
  orange: ["#873800", "#fff7e6", "#ffc069"],
  gold: ["#614700", "#fffbe6", "#ffd666"],
  blue: ["#003eb3", "#e6f4ff", "#91caff"],
  cyan: ["#00474f", "#e6fffb", "#87e8de"],
  geekblue: ["#10239e", "#f0f5ff", "#adc6ff"],
  purple: ["#391085", "#f9f0ff", "#d3adf7"],
  volcano: ["#871400", "#fff2e8", "#ffbb96"],
} as const;
export type Tone = keyof typeof TONES | "default";

export function ToneTag({ tone, children, style, icon }: { tone: Tone; children: ReactNode; style?: CSSProperties; icon?: ReactNode }) {
  const colors = tone === "default" ? null : TONES[tone];
  return (
    <Tag icon={icon} style={colors ? { color: colors[0], background: colors[1], borderColor: colors[2], ...style } : style}>
      {children}
    </Tag>
  );
}
