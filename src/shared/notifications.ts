// The kinds of notification a person filters by in the notification centre: the first part of a
// notification's kind (`plan.submitted` → `plan`). Server and web read the same list.
export const NOTIFICATION_GROUPS = ["accreditation", "plan", "project", "feeStandard", "certificate", "declaration", "supervision", "announcement", "forecast", "security"] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];
