// A wide table's horizontal scroll area that keyboard users can reach (focusable, named region), for
// tables without links or buttons of their own (WCAG 2.1.1; axe scrollable-region-focusable).
import type { ReactNode } from "react";

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%" }}>
      {children}
    </div>
  );
}
