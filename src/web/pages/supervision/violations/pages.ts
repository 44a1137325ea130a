// The pages of this area of supervision, for the route table (../routes.ts).
import type { SupervisionPages } from "../types";

export const pages: SupervisionPages = { signedIn: [], public: [] };
