// The ordered migration set, shared by SQLite and PostgreSQL. Imported statically so the compiled
// server needs no file scanning.
import type { Migration } from "kysely";
import * as m001 from "./001_foundation.js";
import * as m002 from "./002_accreditation.js";
import * as m003 from "./003_filing.js";
import * as m004 from "./004_delivery.js";
import * as m005 from "./005_supervision.js";
import * as m006 from "./006_password_policy.js";
import * as m007 from "./007_audit_seal.js";
import * as m008 from "./008_duties_two_factor.js";
import * as m009 from "./009_claim_codes.js";
import * as m010 from "./010_limits_and_keys.js";
import * as m011 from "./011_contact_phones.js";
import * as m012 from "./012_auditor_and_objections.js";
import * as m013 from "./013_hours_statements_by_person.js";
import * as m014 from "./014_people_lists.js";
import * as m015 from "./015_project_categories.js";
import * as m016 from "./016_announcements.js";
import * as m017 from "./017_statistics.js";
import * as m018 from "./018_risk_flags.js";
import * as m019 from "./019_list_indexes.js";

export const migrations: Record<string, Migration> = {
  "001_foundation": m001,
  "002_accreditation": m002,
  "003_filing": m003,
  "004_delivery": m004,
  "005_supervision": m005,
  "006_password_policy": m006,
  "007_audit_seal": m007,
  "008_duties_two_factor": m008,
  "009_claim_codes": m009,
  "010_limits_and_keys": m010,
  "011_contact_phones": m011,
  "012_auditor_and_objections": m012,
  "013_hours_statements_by_person": m013,
  "014_people_lists": m014,
  "015_project_categories": m015,
  "016_announcements": m016,
  "017_statistics": m017,
  "018_risk_flags": m018,
  "019_list_indexes": m019,
};
