import Link from "next/link";
import { inputClass } from "./text-field";

export type ChangeFilterValues = {
  environment?: string;
  kind?: string;
  source?: string;
  tenant?: string;
  from?: string;
  to?: string;
};

type Option = { value: string; label: string };

// A plain GET form: the filters live in the URL, work without JavaScript and can be shared.
export function ChangeFilters({
  values,
  kinds,
  sources,
  tenants,
}: {
  values: ChangeFilterValues;
  kinds: Option[];
  sources: Option[];
  tenants: string[];
}) {
  const label = "block text-xs font-medium text-slate-600 dark:text-slate-400";
  const select = (name: keyof ChangeFilterValues, title: string, options: Option[]) => (
    <label className={label}>
      {title}
      <select name={name} defaultValue={values[name] ?? ""} className={inputClass}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      // Uncontrolled inputs keep what they showed across client navigations (Clear, Back):
      // a new key per URL remounts the form so it always shows what the URL says.
      key={JSON.stringify(values)}
      role="search"
      aria-label="Filter changes"
      method="get"
      className="no-print mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7"
    >
      {select("environment", "Environment", [
        { value: "prod", label: "prod" },
        { value: "sandbox", label: "sandbox" },
      ])}
      {select("kind", "Kind", kinds)}
      {select("source", "Source", sources)}
      {select(
        "tenant",
        "Tenant",
        tenants.map((tenant) => ({ value: tenant, label: tenant })),
      )}
      <label className={label}>
        From
        <input name="from" type="date" defaultValue={values.from} className={inputClass} />
      </label>
      <label className={label}>
        To
        <input name="to" type="date" defaultValue={values.to} className={inputClass} />
      </label>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Apply filters
        </button>
        <Link href="/changes" className="py-2 text-sm underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
