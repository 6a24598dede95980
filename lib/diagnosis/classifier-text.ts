// How the classifier reads an error: the text its rules and its learned features see (long
// pastes cut to head and tail, codes and class names split into words) and the HTTP status
// named in it. Shared so the rules and the learned model read exactly the same text.

// Evidence sits near the start (the message) and the end (a stack trace's root cause) of a
// long paste; scanning only those keeps a multi-megabyte line from stalling a whole batch.
const SCANNED_HEAD_CHARS = 8_192;
const SCANNED_TAIL_CHARS = 8_192;

/** The text the patterns read: error string and notes, codes and class names split into words. */
export function evidenceText(errorString: string, notes: string | undefined): string {
  let text = notes ? `${errorString}\n${notes}` : errorString;
  if (text.length > SCANNED_HEAD_CHARS + SCANNED_TAIL_CHARS) {
    text = `${text.slice(0, SCANNED_HEAD_CHARS)}\n${text.slice(-SCANNED_TAIL_CHARS)}`;
  }
  return text
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z][a-z])/g, "$1 $2")
    .replace(/([A-Z]{2,})([A-Z][a-z]{2,})/g, "$1 $2");
}

// A status named as one ("HTTP 429", "HTTP/1.1 503", "status code: 401", "(403)"), given with
// its reason phrase ("404 Not Found") or standing first ("401: ..."); a number elsewhere is too
// often a count or a duration.
const NAMED_STATUS =
  /^\s*([1-5]\d\d)\s*(?:$|[:\-–])|\b(?:https?(?:\/\d(?:\.\d)?)?(?: error)?|status(?: ?code)?|response(?: ?code)?|error(?: ?code)?|code)"?\s*[:=#]?\s*"?\s*([1-5]\d\d)\b|[([]([1-5]\d\d)[)\]]|\b([1-5]\d\d)[ -]+\(?(?:unauthori[sz]ed|forbidden|not found|method not allowed|conflict|gone|payment required|proxy authentication required|request time-?out|upgrade required|too many requests|internal server error|not implemented|bad gateway|service unavailable|gateway time-?out|unavailable for legal reasons|network authentication required)\b/i;

export function statusNamedIn(text: string): number | null {
  const found = NAMED_STATUS.exec(text);
  if (!found) return null;
  return Number(found[1] ?? found[2] ?? found[3] ?? found[4]);
}
