// Contact phones of organizations, bases, base applications and change reports (issue 10 item 7: phone
// numbers are sealed like ID numbers). A column keeps an AES-GCM sealed copy and a masked one for the
// public; inside JSON (the 申报表's basics, a change report's values) the field keeps only the masked
// form and the whole number is sealed in a column beside it, so whatever reads the JSON without the key
// (a list, a public page) can show nothing more than the mask.
import { maskPhone } from "../../shared/identifiers.js";
import type { LegacyColumn } from "./legacy-sealing.js";
import type { Secrets } from "./secrets.js";

export interface SealedContactPhone {
  contactPhoneEnc: string | null;
  contactPhoneMasked: string | null;
}

export function sealContactPhone(secrets: Secrets, phone: string | null | undefined): SealedContactPhone {
  const p = phone?.trim();
  return p ? { contactPhoneEnc: secrets.encrypt(p), contactPhoneMasked: maskPhone(p) } : { contactPhoneEnc: null, contactPhoneMasked: null };
}

/** The whole number, for those who may read the record it belongs to (its own staff, the bureau, its supervisor). */
export const revealContactPhone = (secrets: Secrets, enc: string | null | undefined): string | null => (enc ? secrets.decrypt(enc) : null);

type WithPhone = { contactPhone?: string | null };

/** A JSON object's `contactPhone`: masked in the object, the whole number sealed aside (an empty one is dropped). */
export function sealPhoneField<T extends WithPhone>(secrets: Secrets, obj: T): { value: T; enc: string | null } {
  if (typeof obj.contactPhone !== "string") return { value: obj, enc: null };
  const phone = obj.contactPhone.trim();
  if (!phone) {
    const { contactPhone: _empty, ...rest } = obj;
    return { value: rest as T, enc: null };
  }
  return { value: { ...obj, contactPhone: maskPhone(phone) }, enc: secrets.encrypt(phone) };
}

/** The object with its whole `contactPhone` again, where the reader may see it. */
export function revealPhoneField<T extends WithPhone>(secrets: Secrets, obj: T, enc: string | null | undefined): T {
  return enc && typeof obj.contactPhone === "string" ? { ...obj, contactPhone: secrets.decrypt(enc) } : obj;
}

/** A JSON text still holding a phone in clear: `"contactPhone":"…"` with no sealed copy beside it. */
const PHONE_IN_JSON = '%"contactPhone":"%';

/** Databases from before 011 (012 for objections) hold these phones in clear: start-up seals them (issue 10 item 7). */
export const LEGACY_CONTACT_PHONES: LegacyColumn[] = [
  {
    table: "organizations",
    read: ["contactPhone"],
    // 001 made the column NOT NULL: it is left "".
    isLegacy: (eb) => eb("contactPhone", "<>", ""),
    seal: (secrets, r) => ({ contactPhone: "", ...sealContactPhone(secrets, r.contactPhone) }),
  },
  {
    table: "bases",
    read: ["contactPhone"],
    isLegacy: (eb) => eb("contactPhone", "is not", null),
    seal: (secrets, r) => ({ contactPhone: null, ...sealContactPhone(secrets, r.contactPhone) }),
  },
  {
    table: "baseApplications",
    read: ["form"],
    isLegacy: (eb) => eb.and([eb("contactPhoneEnc", "is", null), eb("form", "like", PHONE_IN_JSON)]),
    seal: (secrets, r) => {
      const form = JSON.parse(r.form) as { basics?: WithPhone };
      if (!form.basics) return { form: r.form };
      const { value, enc } = sealPhoneField(secrets, form.basics);
      return { form: JSON.stringify({ ...form, basics: value }), contactPhoneEnc: enc };
    },
  },
  {
    table: "changeReports",
    read: ["changes", "previous", "contactPhoneEnc", "previousContactPhoneEnc"],
    isLegacy: (eb) =>
      eb.or([
        eb.and([eb("contactPhoneEnc", "is", null), eb("changes", "like", PHONE_IN_JSON)]),
        eb.and([eb("previousContactPhoneEnc", "is", null), eb("previous", "like", PHONE_IN_JSON)]),
      ]),
    seal: (secrets, r) => {
      const out: Record<string, unknown> = {};
      for (const [json, enc] of [["changes", "contactPhoneEnc"], ["previous", "previousContactPhoneEnc"]] as const) {
        if (r[enc]) continue;
        const sealed = sealPhoneField(secrets, JSON.parse(r[json]) as WithPhone);
        out[json] = JSON.stringify(sealed.value);
        out[enc] = sealed.enc;
      }
      return out;
    },
  },
  {
    // 012: an objector's contact, left on a public notice
    table: "objections",
    read: ["contact"],
    isLegacy: (eb) => eb.and([eb("contactEnc", "is", null), eb("contact", "<>", "")]),
    seal: (secrets, r) => ({ contact: maskPhone(r.contact), contactEnc: secrets.encrypt(r.contact) }),
  },
];
