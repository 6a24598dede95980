// The API token form's fields, read into the shape apiTokenInputSchema parses. The expiry is a
// whole number of days, or "never".

export function apiTokenFieldsFromForm(form: FormData) {
  const value = (name: string) => {
    const field = form.get(name);
    return typeof field === "string" ? field : undefined;
  };
  const days = value("expiresInDays");
  return {
    name: value("name"),
    role: value("role"),
    expiresInDays: days === undefined || days === "never" ? null : Number(days),
  };
}
