import { useId } from "react";
import { FieldMessage, inputClass } from "./text-field";

/** A choice: its value, shown as is, or a value with the text to show for it. */
export type SelectOption = string | { value: string; label: string };

type Props = {
  label: string;
  name: string;
  options: readonly SelectOption[];
  defaultValue?: string;
  error?: string;
  /** A first, empty choice ("Choose a cause") for a field with no default. */
  placeholder?: string;
  onChange?: (value: string) => void;
};

const optionOf = (option: SelectOption) =>
  typeof option === "string" ? { value: option, label: option } : option;

/** A labelled select whose error is announced with it, like TextField. */
export function SelectField({
  label,
  name,
  options,
  defaultValue,
  error,
  placeholder,
  onChange,
}: Props) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-message`}
        className={inputClass}
      >
        {placeholder === undefined ? null : <option value="">{placeholder}</option>}
        {options.map(optionOf).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-message`} error={error} />
    </div>
  );
}
