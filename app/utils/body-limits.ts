// Every request body limit in one place: server/app.ts enforces them on every POST while the body
// streams (whatever its framing), and the submission form's own reader uses the same numbers to
// answer its documented limits field by field. Listed in the README's security section.

export const KB = 1024;
export const MB = 1024 * 1024;

/** Sign-in, sign-out, password, user and other back-office forms: short fields only. */
export const FORM_BODY_LIMIT = 64 * KB;
/**
 * Forms that carry long texts (topics in three languages, a consultation's outcome, moderation
 * edits, summaries): up to about 90 fields of 20,000 characters, percent-encoded.
 */
export const TEXT_FORM_BODY_LIMIT = 2 * MB;

/** The public submission form: at most five files of 10 MB each, and 2 MB of text fields in all. */
export const MAX_ATTACHMENTS = 5;
export const ATTACHMENT_MAX_BYTES = 10 * MB;
export const SUBMISSION_TEXT_MAX_BYTES = 2 * MB;
/** One text field of the submission form (the longest holds 20,000 characters). */
export const SUBMISSION_FIELD_MAX_BYTES = 200_000;
export const SUBMISSION_MAX_BODY = MAX_ATTACHMENTS * ATTACHMENT_MAX_BYTES + SUBMISSION_TEXT_MAX_BYTES;

/** A topic's PDF document, uploaded by an official, plus its form. */
export const TOPIC_DOCUMENT_MAX_BYTES = 20 * MB;
export const TOPIC_DOCUMENT_BODY_LIMIT = TOPIC_DOCUMENT_MAX_BYTES + 1 * MB;

/** A work-plan deliverable (PDF) an official attaches, plus its form (ADR 044). */
export const DELIVERABLE_MAX_BYTES = 20 * MB;
export const DELIVERABLE_BODY_LIMIT = DELIVERABLE_MAX_BYTES + 1 * MB;

/** An event's report (PDF) an official attaches on its attendance page, plus its form (ADR 045). */
export const EVENT_REPORT_MAX_BYTES = 20 * MB;
export const EVENT_REPORT_BODY_LIMIT = EVENT_REPORT_MAX_BYTES + 1 * MB;

const LANG = "(?:en|fr|es)";
const limits: Array<[RegExp, number]> = [
  // A person editing their submission through its private link may attach files too (ADR 040).
  [new RegExp(`^/${LANG}/(?:consultations/[^/]+/submit|submissions/[^/]+/edit)$`), SUBMISSION_MAX_BODY],
  [new RegExp(`^/${LANG}/admin/topics/\\d+$`), TOPIC_DOCUMENT_BODY_LIMIT],
  [
    new RegExp(`^/${LANG}/(?:admin/topics/new|admin/topics/\\d+/outcome|admin/submissions/[^/]+|admin/summaries(?:/syntheses)?|submissions/[^/]+)$`),
    TEXT_FORM_BODY_LIMIT,
  ],
];

/**
 * The largest body a request to this path may have (the path without its query; Remix's ".data"
 * allowed). Only multipart bodies may carry files: any other body gets its form's text limit.
 */
export function bodyLimit(path: string, contentType = ""): number {
  const page = path.replace(/\.data$/, "").replace(/\/_index$/, "");
  const multipart = /^multipart\//i.test(contentType);
  // The work-plan page: a deliverable's file (multipart), else its short status forms.
  if (new RegExp(`^/${LANG}/admin/workplan$`).test(page)) return multipart ? DELIVERABLE_BODY_LIMIT : FORM_BODY_LIMIT;
  // An event's attendance page: the report's file (multipart), else its short forms.
  if (new RegExp(`^/${LANG}/admin/events/\\d+/attendance$`).test(page)) return multipart ? EVENT_REPORT_BODY_LIMIT : FORM_BODY_LIMIT;
  for (const [pattern, limit] of limits) {
    if (!pattern.test(page)) continue;
    if (multipart) return limit;
    return limit === SUBMISSION_MAX_BODY ? SUBMISSION_TEXT_MAX_BYTES : limit === TOPIC_DOCUMENT_BODY_LIMIT ? TEXT_FORM_BODY_LIMIT : limit;
  }
  return FORM_BODY_LIMIT;
}
