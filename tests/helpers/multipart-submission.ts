import { CSRF_TOKEN } from "../factories";

/**
 * A submission with files as a browser sends it (multipart, with the CSRF token): a Chilean
 * person's anonymous proposal in Spanish; `fields` sets the name, email, title and body, and may
 * override any other field.
 */
export function multipartSubmission(
  fields: { contactName: string; contactEmail: string; title: string; body: string } & Record<string, string>,
  files: Array<[name: string, content: string | Buffer]>,
): FormData {
  const { contactName, contactEmail, title, body, ...others } = fields;
  const form = new FormData();
  const all: Record<string, string> = {
    csrf: CSRF_TOKEN,
    kind: "proposal",
    onBehalf: "self",
    stakeholderType: "individual",
    country: "CL",
    contactName,
    contactEmail,
    title,
    body,
    language: "es",
    publication: "anonymous",
    privacy: "on",
    ...others,
  };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  for (const [name, content] of files) form.append("attachments", new Blob([typeof content === "string" ? content : new Uint8Array(content)]), name);
  return form;
}
