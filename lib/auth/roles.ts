// The role at every boundary that names one (API JSON, forms, CLI).
import { z } from "zod";
import { ROLES } from "./role-labels";

export { ROLE_LABELS, ROLES, type Role } from "./role-labels";

export const roleSchema = z.enum(ROLES, {
  error: "role must be one of sre, support_lead, manager, admin",
});
