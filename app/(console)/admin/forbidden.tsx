import { Refusal } from "@/components/refusal";
import { viewerRoleLabel } from "@/lib/auth/session";

export default async function Forbidden() {
  const role = await viewerRoleLabel();
  return <Refusal what="manage users, API tokens, webhooks or vendor connections" role={role} />;
}
