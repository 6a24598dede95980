import Link from "next/link";

type Props = { label: string; active: boolean; dir: "asc" | "desc"; href: string };

export function SortHeader({ label, active, dir, href }: Props) {
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
      className="px-3 py-2 text-left font-medium"
    >
      <Link href={href} className="hover:underline">
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
