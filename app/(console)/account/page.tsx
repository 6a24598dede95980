import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/change-password-form";
import { DefinitionList } from "@/components/definition-list";
import { PageHeader } from "@/components/page-header";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <div className="max-w-lg space-y-6">
      <PageHeader title="Your account" />
      <DefinitionList
        items={[
          ["Name", user.label],
          ["Email", user.email],
          ["Role", ROLE_LABELS[user.role]],
        ]}
      />
      <section aria-labelledby="change-password" className="space-y-3">
        <h2 id="change-password" className="text-lg font-semibold">
          Change password
        </h2>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
    </div>
  );
}
