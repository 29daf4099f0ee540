import { MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { fileFieldHandler, removeStored, UploadRejected, type FileKind, type StoredFile } from "~/utils/files.server";

/**
 * A multipart form that carries one file (a consultation's document, a work-plan deliverable).
 * `file` is only ever what this request's upload handler stored — never a key read from the form —
 * and any extra file is removed at once. A refusal leaves nothing stored; its answer should close
 * the connection, since the rest of the body may still be on its way.
 */
export type SingleUpload = { ok: true; form: FormData; file: StoredFile | undefined } | { ok: false; errorKey: string; status: 400 | 413 };

export const closeConnection = { Connection: "close" };

export async function readSingleUpload(request: Request, field: string, options: { maxBytes: number; accept: FileKind[] }): Promise<SingleUpload> {
  const uploaded: StoredFile[] = [];
  const store = fileFieldHandler(field, { ...options, signal: request.signal });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        async (part) => {
          const stored = await store(part);
          if (stored === undefined) return undefined;
          uploaded.push(JSON.parse(String(stored)) as StoredFile);
          return "";
        },
        unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
      ),
    );
  } catch (error) {
    await Promise.all(uploaded.map((f) => removeStored(f.key)));
    // BodyTooLarge: past the route's body limit (server/app.ts, app/utils/body-limits.ts).
    if (error instanceof MaxPartSizeExceededError || (error as Error)?.name === "BodyTooLarge") {
      return { ok: false, errorKey: "validation.fileTooLarge", status: 413 };
    }
    if (error instanceof UploadRejected) {
      const errorKey = error.reason === "too_large" ? "validation.fileTooLarge" : error.reason === "empty" ? "validation.fileEmpty" : "validation.fileType";
      return { ok: false, errorKey, status: error.reason === "too_large" ? 413 : 400 };
    }
    throw error;
  }
  const [file, ...extra] = uploaded;
  await Promise.all(extra.map((f) => removeStored(f.key)));
  return { ok: true, form, file };
}
