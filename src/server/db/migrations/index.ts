// The ordered migration set, shared by SQLite and PostgreSQL. Imported statically so the compiled
// server needs no file scanning.
import type { Migration } from "kysely";
import * as m001 from "./001_foundation.js";
import * as m002 from "./002_accreditation.js";
import * as m003 from "./003_filing.js";
import * as m004 from "./004_delivery.js";
import * as m005 from "./005_supervision.js";
import * as m006 from "./006_password_policy.js";
import * as m010 from "./010_limits_and_keys.js";

export const migrations: Record<string, Migration> = {
  "001_foundation": m001,
  "002_accreditation": m002,
  "003_filing": m003,
  "004_delivery": m004,
  "005_supervision": m005,
  "006_password_policy": m006,
  "010_limits_and_keys": m010,
};
