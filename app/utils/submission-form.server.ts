import {
  data,
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { removeStored, storeUpload, UploadRejected, type StoredFile } from "./files.server";
import { submissionFormSchema } from "~/schemas/submission";
import { fieldErrors } from "~/schemas/accounts";
import { SubmissionRefused } from "~/models/submissions.server";

/** Everything typed, minus what must never be echoed back (the CSRF token, the honeypot). */
export function typedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && key !== "csrf" && key !== "website" && key !== "stamp") out[key] = value;
  return out;
}

export function parseSubmissionForm(form: FormData) {
  return submissionFormSchema.safeParse(typedValues(form));
}

export function invalid(errors: Record<string, string>, values: Record<string, string>, status = 400) {
  return data({ errors, values }, { status });
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
    default:
      return { errors: { form: "submission.errors.notFound" }, status: 404 };
  }
}

export const MAX_ATTACHMENTS = 5;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** The largest body a submission can legitimately have: five files and the text fields. */
export const SUBMISSION_MAX_BODY = MAX_ATTACHMENTS * ATTACHMENT_MAX_BYTES + 2 * 1024 * 1024;

/**
 * Reads a submission POST, plain or multipart. The declared size is checked before reading
 * (a 2 GB body is refused at once with 413); each file is streamed to disk and cut off past
 * 10 MB, checked by content (PDF, DOCX, ODT, TXT), at most five. Any problem removes every file
 * this request stored and becomes a message for the attachments field.
 */
export async function readSubmissionRequest(request: Request): Promise<{ form: FormData; files: StoredFile[]; fileError?: string }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > SUBMISSION_MAX_BODY) {
    throw new Response("Payload Too Large", { status: 413, statusText: "TooLarge", headers: { Connection: "close" } });
  }
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return { form: await request.formData(), files: [] };

  const files: StoredFile[] = [];
  const budget = { bytes: SUBMISSION_MAX_BODY };
  let count = 0;
  let fileError: string | undefined;
  const drain = async (data: AsyncIterable<Uint8Array>) => {
    for await (const chunk of data) {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) throw new UploadRejected("too_large", true);
    }
  };
  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== "attachments") return undefined;
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
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: 200_000 })),
    );
    if (fileError) await discardFiles(files.splice(0));
    return { form, files, fileError };
  } catch (error) {
    await discardFiles(files);
    // Past the limit of a whole submission (or a text field far too long): stop reading.
    if ((error instanceof UploadRejected && error.fatal) || error instanceof MaxPartSizeExceededError) {
      throw new Response("Payload Too Large", { status: 413, statusText: "TooLarge", headers: { Connection: "close" } });
    }
    throw error;
  }
}

export async function discardFiles(files: StoredFile[]) {
  await Promise.all(files.map((f) => removeStored(f.key)));
}
