// Supervision's pages (第十三–十五条, 第十八–二十条, 第二十七条), one list per area, joined for routes.tsx.
import { pages as inspections } from "./inspections/pages";
import { pages as spotChecks } from "./spot-checks/pages";
import { pages as rectification } from "./rectification/pages";
import { pages as violations } from "./violations/pages";
import { pages as changeReports } from "./change-reports/pages";
import { pages as riskFlags } from "./risk-flags/pages";
import type { SupervisionPage } from "./types";

const areas = [inspections, spotChecks, rectification, violations, changeReports, riskFlags];

export const SUPERVISION_PAGES: readonly SupervisionPage[] = areas.flatMap((a) => a.signedIn);
export const SUPERVISION_PUBLIC_PAGES: readonly SupervisionPage[] = areas.flatMap((a) => a.public);
