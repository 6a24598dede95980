import Link from "next/link";
import { SEVERITIES } from "@/lib/incidents/schema";
import { inputClass } from "./text-field";

const STATUS_CHOICES = [
  ["unresolved", "Unresolved"],
  ["open", "open"],
  ["triaging", "triaging"],
  ["mitigated", "mitigated"],
  ["resolved", "resolved"],
] as const;

export type IncidentFilterValues = {
  view: string;
  q?: string;
  status?: string;
  severity?: readonly string[];
  owner?: string;
  environment?: string;
  tenant?: string;
  signature?: string;
  from?: string;
  to?: string;
  pageSize: number;
};

// A plain GET form: filters live in the URL, work without JavaScript and can be shared.
export function IncidentFilters({
  values,
  tenants,
}: {
  values: IncidentFilterValues;
  tenants: string[];
}) {
  const label = "block text-xs font-medium text-slate-600 dark:text-slate-400";
  return (
    <form
      // Uncontrolled inputs keep what they showed across client navigations (Clear, Back):
      // a new key per URL remounts the form so it always shows what the URL says.
      key={JSON.stringify(values)}
      role="search"
      aria-label="Filter incidents"
      className="no-print mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-10"
      method="get"
    >
      <input type="hidden" name="view" value={values.view} />
      <input type="hidden" name="pageSize" value={values.pageSize} />
      <label className={`${label} col-span-2`}>
        Search
        <input
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder="error text, title, correlation id, VIN"
          className={inputClass}
        />
      </label>
      <label className={label}>
        Status
        <select name="status" defaultValue={values.status ?? ""} className={inputClass}>
          <option value="">Any</option>
          {STATUS_CHOICES.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <fieldset className={label}>
        <legend>Severity</legend>
        <div className="mt-2 flex flex-wrap gap-x-3 gap-y-1">
          {SEVERITIES.map((severity) => (
            <label key={severity} className="flex items-center gap-1 text-sm font-normal">
              <input
                type="checkbox"
                name="severity"
                value={severity}
                defaultChecked={values.severity?.includes(severity)}
              />
              {severity}
            </label>
          ))}
        </div>
      </fieldset>
      <label className={label}>
        Owner
        <select name="owner" defaultValue={values.owner ?? ""} className={inputClass}>
          <option value="">Anyone</option>
          <option value="me">Mine</option>
          <option value="none">Unowned</option>
          {values.owner && values.owner !== "me" && values.owner !== "none" ? (
            <option value={values.owner}>User {values.owner}</option>
          ) : null}
        </select>
      </label>
      <label className={label}>
        Environment
        <select name="environment" defaultValue={values.environment ?? ""} className={inputClass}>
          <option value="">Any</option>
          <option>prod</option>
          <option>sandbox</option>
        </select>
      </label>
      <label className={label}>
        Tenant
        <select name="tenant" defaultValue={values.tenant ?? ""} className={inputClass}>
          <option value="">Any</option>
          {tenants.map((tenant) => (
            <option key={tenant}>{tenant}</option>
          ))}
        </select>
      </label>
      <label className={label}>
        From
        <input name="from" type="date" defaultValue={values.from} className={inputClass} />
      </label>
      <label className={label}>
        To
        <input name="to" type="date" defaultValue={values.to} className={inputClass} />
      </label>
      <div className="flex items-end gap-2">
        {values.signature ? (
          <input type="hidden" name="signature" value={values.signature} />
        ) : null}
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Apply filters
        </button>
        <Link href={`/incidents?view=${values.view}`} className="py-2 text-sm underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
