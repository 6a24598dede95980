import { ConsoleFrame } from "@/components/console-frame";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { signOutAction } from "./actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <ConsoleFrame userLabel={user.label} roleLabel={ROLE_LABELS[user.role]} signOut={signOutAction}>
      {children}
    </ConsoleFrame>
  );
}
