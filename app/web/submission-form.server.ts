import { data } from "@remix-run/node";
import { ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS, SUBMISSION_FIELD_MAX_BYTES, SUBMISSION_MAX_BODY, SUBMISSION_TEXT_MAX_BYTES } from "~/utils/body-limits";
import { MalformedForm, multipartBoundary, readMultipart } from "~/utils/multipart.server";
import { removeStored, storeUpload, UploadRejected, type StoredFile } from "~/utils/files.server";
import { BODY_MAX, draftEmailSchema, submissionFormSchema } from "~/schemas/submission";
import { fieldErrors } from "~/schemas/field-errors";
import { SubmissionRefused } from "~/models/submissions.server";

// The form's controls that are not typed values: the CSRF token, the honeypot, the stamp, which
// button was pressed, the link of the draft being continued, and the files ticked for removal.
const notEchoed = new Set(["csrf", "website", "stamp", "intent", "draft", "removeAttachment"]);

/** The ids of the files already attached (to a draft or a submission) that the person ticked to remove. */
export function removedAttachments(form: FormData): number[] {
  return form
    .getAll("removeAttachment")
    .map((v) => Number(v))
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

/** Everything typed, minus what must never be echoed back (the CSRF token, the honeypot). */
export function typedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && !notEchoed.has(key)) out[key] = value;
  return out;
}

export function parseSubmissionForm(form: FormData) {
  return submissionFormSchema.safeParse(typedValues(form));
}

/** The fields a draft keeps, and how long each may be: the form's own limits (ADR 036). */
function draftFieldMax(name: string): number | undefined {
  if (name === "body") return BODY_MAX;
  if (/^answer_\d{1,9}$/.test(name)) return 5000;
  if (name === "contactEmail") return 254;
  const short = ["kind", "inReplyTo", "title", "language", "onBehalf", "stakeholderType", "stakeholderOther", "organisationName"];
  const choices = ["organisationSize", "womenLed", "country", "region", "contactName", "publication", "gender", "privacy"];
  return short.includes(name) || choices.includes(name) ? 200 : undefined;
}

/**
 * "Save and continue later": what was typed, as typed (only the form's fields, within its limits),
 * and the address to email the link to — the only thing that must be valid. The errors are the
 * form's messages, so a refused draft comes back like a refused form, with nothing lost.
 */
export function parseDraftForm(
  form: FormData,
): { ok: true; values: Record<string, string>; contactEmail: string } | { ok: false; errors: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const [name, value] of Object.entries(typedValues(form))) {
    const max = draftFieldMax(name);
    if (max === undefined) continue;
    if (value.length > max) errors[name] = "validation.tooLong";
    else values[name] = value;
  }
  const email = draftEmailSchema.safeParse(values.contactEmail ?? "");
  if (!email.success) errors.contactEmail = "submission.errors.draftEmail";
  return Object.keys(errors).length || !email.success ? { ok: false, errors } : { ok: true, values, contactEmail: email.data };
}

export function invalid(errors: Record<string, string>, values: Record<string, string>, status = 400, headers?: HeadersInit) {
  return data({ errors, values }, { status, headers });
}

export function validationErrors(error: Parameters<typeof fieldErrors>[0]) {
  return fieldErrors(error);
}

/** A refusal from the domain module as a message for the form. */
export function refusalErrors(error: SubmissionRefused): { errors: Record<string, string>; status: number } {
  switch (error.reason) {
    case "bad_region":
      return { errors: { region: "validation.regionCountry" }, status: 400 };
    case "bad_reply":
      return { errors: { inReplyTo: "submission.errors.badReply" }, status: 400 };
    case "not_pending":
      return { errors: { form: "submission.errors.notPending" }, status: 409 };
    case "changed":
      return { errors: { form: "submission.errors.changed" }, status: 409 };
    case "not_open":
      return { errors: { form: "submission.errors.notOpen" }, status: 409 };
    case "stamp_used":
      return { errors: { form: "submission.errors.stampUsed" }, status: 409 };
    case "too_many_files":
      return { errors: { attachments: "submission.errors.tooManyFilesKept" }, status: 400 };
    default:
      return { errors: { form: "submission.errors.notFound" }, status: 404 };
  }
}

export { ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS, SUBMISSION_MAX_BODY } from "~/utils/body-limits";

const tooLarge = () => new Response("Payload Too Large", { status: 413, statusText: "TooLarge", headers: { Connection: "close" } });
const badRequest = () => new Response("Bad Request", { status: 400, statusText: "BadRequest", headers: { Connection: "close" } });

/**
 * Reads a submission POST, plain or multipart, within the limits of app/utils/body-limits.ts. The
 * declared size is checked before reading (a 2 GB body is refused at once with 413); each file is
 * streamed to disk and cut off past 10 MB, checked by content (PDF, DOCX, ODT, TXT), at most five;
 * text fields are capped each and in total (413 past either, however the body is framed). A file
 * problem removes every file this request stored and becomes a message for the attachments field;
 * a body that is not a readable form is a 400.
 */
export async function readSubmissionRequest(request: Request): Promise<{ form: FormData; files: StoredFile[]; fileError?: string }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > SUBMISSION_MAX_BODY) throw tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\//i.test(contentType)) {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) throw badRequest();
    return { form: await request.formData(), files: [] };
  }
  const boundary = multipartBoundary(contentType);
  if (!boundary || !request.body) throw badRequest();

  const files: StoredFile[] = [];
  const budget = { bytes: SUBMISSION_MAX_BODY };
  let textBytes = 0;
  let count = 0;
  let fileError: string | undefined;
  const drain = async (data: AsyncIterable<Uint8Array>) => {
    for await (const chunk of data) {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) throw new UploadRejected("too_large", true);
    }
  };
  const readText = async (data: AsyncIterable<Uint8Array>) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      textBytes += chunk.length;
      if (size > SUBMISSION_FIELD_MAX_BYTES || textBytes > SUBMISSION_TEXT_MAX_BYTES) throw new UploadRejected("too_large", true);
      chunks.push(chunk);
    }
    // Invalid UTF-8 becomes U+FFFD, which the form's schema refuses with a message.
    return Buffer.concat(chunks).toString("utf8");
  };
  const storeFile = async (filename: string, data: AsyncIterable<Uint8Array>) => {
    if (!filename) return void (await drain(data)); // an empty file input
    if (++count > MAX_ATTACHMENTS) {
      fileError = "submission.errors.tooManyFiles";
      return void (await drain(data));
    }
    try {
      const stored = await storeUpload(data, filename, {
        maxBytes: ATTACHMENT_MAX_BYTES,
        accept: ["pdf", "docx", "odt", "txt"],
        signal: request.signal,
        drain: { budget },
      });
      files.push(stored);
      return JSON.stringify({ key: stored.key });
    } catch (error) {
      if (!(error instanceof UploadRejected) || error.fatal) throw error;
      fileError ??= `submission.errors.${({ too_large: "fileTooLarge", type: "fileType", empty: "fileEmpty", too_many: "tooManyFiles" } as const)[error.reason]}`;
      return undefined;
    }
  };
  try {
    const form = new FormData();
    for await (const part of readMultipart(request.body, boundary)) {
      if (part.filename === undefined) form.append(part.name, await readText(part.data));
      else if (part.name !== "attachments")
        await drain(part.data); // a file where none is asked for
      else {
        const value = await storeFile(part.filename, part.data);
        if (value) form.append(part.name, value);
      }
    }
    if (fileError) await discardFiles(files.splice(0));
    return { form, files, fileError };
  } catch (error) {
    await discardFiles(files);
    // Past the limit of a whole submission, of its text, or of the route (server/app.ts): stop reading.
    if ((error instanceof UploadRejected && error.fatal) || (error as Error)?.name === "BodyTooLarge") throw tooLarge();
    if (error instanceof MalformedForm) throw badRequest();
    throw error;
  }
}

export async function discardFiles(files: StoredFile[]) {
  await Promise.all(files.map((f) => removeStored(f.key)));
}
