// The Smartcar accounts linked to a connection, with Unlink, and the form that starts Connect.
import type { AccountLinkRecord } from "@/lib/vendors/store";
import { utcSeconds } from "@/lib/format/time";
import { SimpleTable } from "./simple-table";
import { TextField } from "./text-field";

type FormAction = (form: FormData) => Promise<void>;

export function SmartcarAccountLinks({
  links,
  linkAction,
  unlinkAction,
}: {
  links: AccountLinkRecord[];
  linkAction: FormAction;
  unlinkAction: (linkId: string) => FormAction;
}) {
  return (
    <div className="space-y-4">
      {links.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No account linked yet. Checks on a Smartcar incident use the account its Account ref
          names.
        </p>
      ) : (
        <SimpleTable
          caption="Linked Smartcar accounts"
          columns={[
            "Label",
            "Smartcar user",
            "Access token until",
            "Refresh token until",
            "Last error",
            "",
          ]}
          rows={links.map((link) => [
            link.label,
            <span key="user" className="font-mono text-xs">
              {link.smartcarUserId}
            </span>,
            utcSeconds(link.accessExpiresAt),
            utcSeconds(link.refreshExpiresAt),
            link.lastError ?? "—",
            <form key="unlink" action={unlinkAction(link.id)}>
              <button
                type="submit"
                aria-label={`Unlink ${link.label}`}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Unlink
              </button>
            </form>,
          ])}
        />
      )}
      <form action={linkAction} className="flex max-w-xl flex-wrap items-end gap-3">
        <div className="grow">
          <TextField
            label="Account to link"
            name="label"
            required
            hint="The customer's email or account ref, as incidents name it; the owner then signs in with Smartcar Connect"
          />
        </div>
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          Link an account
        </button>
      </form>
    </div>
  );
}
