"use client";
import { useId } from "react";
import { inputClass } from "./text-field";

/** A secret (a token, an invite link) shown this once, in a field ready to select and copy. */
export function ShownOnce({ label, value, note }: { label: string; value: string; note: string }) {
  const id = useId();
  return (
    <div
      role="status"
      className="space-y-1 rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
    >
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        onFocus={(event) => event.currentTarget.select()}
        className={`${inputClass} font-mono`}
      />
      <p>{note}</p>
    </div>
  );
}
