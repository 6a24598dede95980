import { ConsoleFrame } from "@/components/console-frame";
import { navExtras } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { signOutAction } from "./actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <ConsoleFrame
      userLabel={user.label}
      roleLabel={ROLE_LABELS[user.role]}
      nav={await navExtras(user)}
      signOut={signOutAction}
    >
      {children}
    </ConsoleFrame>
  );
}
