// A refused step or save, shown where it happened: the server's message and, when a submit broke several
// rules, each rule's message as a list.
import { Alert } from "antd";
import type { Refusal } from "./refusals";

export function RefusalAlert({ refusal, onClose }: { refusal: Refusal | null; onClose?: () => void }) {
  if (!refusal) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={refusal.message}
      closable={onClose ? { onClose } : undefined}
      description={
        refusal.violations.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {refusal.violations.map((v, i) => (
              <li key={i}>{v}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
