// The redaction mark, without zod: the public pages that show redacted text import it and ship no
// schema code.

/** In officials' redacted copies, this marks a removed passage; the public sees it as a translated "[redacted]". */
export const REDACTED = "[[redacted]]";
