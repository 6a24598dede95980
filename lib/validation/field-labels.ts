// Forms show the schemas' messages under the labels people see: "correlationId is required"
// becomes "Correlation id is required". The API keeps naming the JSON field.

/** A form's labels, keyed by the field names (or schema paths) its messages use. */
export type FieldLabels = Readonly<Record<string, string>>;

const NAME = /[A-Za-z]\w*(?:\.\w+)*/g;

// A camelCase or dotted word can only be a code name, wherever it stands; a plain lowercase
// one ("tenant", "name") is a field only as the message's subject, its first word.
export function labelledMessage(message: string, labels: FieldLabels): string {
  return message.replace(NAME, (word, offset: number) =>
    Object.hasOwn(labels, word) && (offset === 0 || word !== word.toLowerCase())
      ? labels[word]!
      : word,
  );
}

export function labelledErrors(
  errors: Record<string, string>,
  labels: FieldLabels,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, labelledMessage(message, labels)]),
  );
}
