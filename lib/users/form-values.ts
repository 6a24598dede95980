// What the Users screen's forms send, read into the shape the user schemas parse.

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The add-user form: a blank password means "invite with a link". */
export function newUserFieldsFromForm(form: FormData) {
  const password = text(form, "password");
  return {
    name: text(form, "name"),
    email: text(form, "email"),
    role: text(form, "role"),
    password: password ? password : undefined,
  };
}

/** A change form sends only what it changes: a role, a "disabled" switch or a password. */
export function userUpdateFieldsFromForm(form: FormData) {
  const disabled = text(form, "disabled");
  return Object.fromEntries(
    Object.entries({
      role: text(form, "role"),
      disabled: disabled === undefined ? undefined : disabled === "true",
      password: text(form, "password"),
    }).filter(([, value]) => value !== undefined),
  );
}
