// Error codes of announcements (通知公告, issue 12 item 6), merged into ERROR_CODES.
import type { ErrorSpec } from "./errors.js";

export const ANNOUNCEMENT_ERROR_CODES = {
  ANNOUNCEMENT_AUDIENCE_REFUSED: {
    status: 422,
    zh: "您的单位只能向{allowedZh}发布通知公告",
    en: "Your organization may only publish to {allowedEn}",
  },
  ANNOUNCEMENT_WITHDRAWN: { status: 409, zh: "该通知公告已撤回", en: "This announcement has been withdrawn" },
  ANNOUNCEMENT_NOT_ADDRESSED: { status: 422, zh: "只有收到该通知公告的基地才能确认阅读", en: "Only the bases it was sent to confirm reading an announcement" },
} as const satisfies Record<string, ErrorSpec>;
