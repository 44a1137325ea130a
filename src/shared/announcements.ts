// 通知公告 (issue 12 item 6; 第十三条 the bureau manages, 第十四条 the supervising units supervise): the
// bureau and the supervising units publish announcements with attachments to all bases, to their own
// bases or to the public; base staff confirm reading and the sender sees who has read.
import { Type, type Static } from "typebox";
import { Nullable } from "./api.js";

/** all_bases: the bureau's, to every base · my_bases: a supervising unit's, to the bases it supervises · public: anyone. */
export const ANNOUNCEMENT_AUDIENCES = ["all_bases", "my_bases", "public"] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];
export const AnnouncementAudienceSchema = Type.Enum(ANNOUNCEMENT_AUDIENCES, { description: "all_bases (bureau) | my_bases (a supervising unit's own bases) | public" });

export const ANNOUNCEMENT_STATUSES = ["published", "withdrawn"] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const FileId = Type.String({ pattern: "^[0-9a-f]{64}$" });

export const AnnouncementInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
    audience: AnnouncementAudienceSchema,
    /** Files the sender uploaded through POST /api/v1/files. */
    attachments: Type.Optional(Type.Array(FileId, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type AnnouncementInput = Static<typeof AnnouncementInput>;

export const AnnouncementAttachmentView = Type.Object({ fileId: Type.String(), name: Type.String(), size: Type.Integer(), mime: Type.String() });
export type AnnouncementAttachmentView = Static<typeof AnnouncementAttachmentView>;

export const AnnouncementListItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  audience: AnnouncementAudienceSchema,
  status: Type.Enum(ANNOUNCEMENT_STATUSES),
  senderOrgName: Type.String(),
  publishedAt: Type.String(),
  /** When the reader confirmed reading (null: not yet). */
  readAt: Nullable(Type.String()),
  /** Sent by the reader's own organization (its read receipts are theirs to see). */
  isOwn: Type.Boolean(),
  attachmentCount: Type.Integer(),
});
export type AnnouncementListItem = Static<typeof AnnouncementListItem>;

export const AnnouncementView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  audience: AnnouncementAudienceSchema,
  status: Type.Enum(ANNOUNCEMENT_STATUSES),
  senderOrgId: Type.String(),
  senderOrgName: Type.String(),
  publishedAt: Type.String(),
  withdrawnAt: Nullable(Type.String()),
  withdrawReason: Nullable(Type.String()),
  attachments: Type.Array(AnnouncementAttachmentView),
  readAt: Nullable(Type.String()),
  isOwn: Type.Boolean(),
  /** What the reader may do: read (confirm reading), withdraw, receipts. */
  availableActions: Type.Array(Type.String()),
  version: Type.Integer(),
});
export type AnnouncementView = Static<typeof AnnouncementView>;

export const PublicAnnouncementView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  senderOrgName: Type.String(),
  publishedAt: Type.String(),
  attachments: Type.Array(AnnouncementAttachmentView),
});
export type PublicAnnouncementView = Static<typeof PublicAnnouncementView>;

/** One base of the audience and whether its staff have confirmed reading. */
export const AnnouncementReceipt = Type.Object({
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  district: Type.String(),
  /** The first confirmation by any of its staff (null: nobody yet). */
  readAt: Nullable(Type.String()),
  /** Who confirmed first. */
  readerName: Nullable(Type.String()),
});
export type AnnouncementReceipt = Static<typeof AnnouncementReceipt>;

export const AnnouncementReceipts = Type.Object({
  items: Type.Array(AnnouncementReceipt),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Bases of the audience, and of them those that have read. */
  bases: Type.Integer(),
  read: Type.Integer(),
});
export type AnnouncementReceipts = Static<typeof AnnouncementReceipts>;
