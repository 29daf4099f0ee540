import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { parseStorageEnv } from "~/utils/env.server";
import { localStorage, storageFromEnv, type FileStorage } from "~/utils/storage.server";
import { createSubmissionFor, createSummaryOfficials, createTopic, CSRF_COOKIE_PAIR, CSRF_TOKEN } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { startLocalS3, type LocalS3 } from "./helpers/s3";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * Files in drafts and in edits through the private link (issue 17, items 1–3; ADR 040), as a
 * browser without JavaScript sends them (multipart): a draft keeps its files — checked as a sent
 * form's are — lists them when resumed, and hands them to the submission when sent; a refused file
 * loses nothing typed; an expired draft's files are removed; the private link removes and adds
 * files with an email naming the change; the links email lists the drafts. Run on the local
 * folder and on an S3-compatible store.
 */

let t: TestDatabase;
let mail: MailCatcher;
let s3: LocalS3;
let topic: { id: number; slug: string };
let moderatorCookie: string;
let n = 0;
const filesDir = mkdtempSync(join(tmpdir(), "puente-draft-files-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  topic = await createTopic(t.db, { party: "CL" });
  moderatorCookie = (await createSummaryOfficials(t.db)).cookies.modCL;
  mail = await startMailCatcher();
  s3 = await startLocalS3();
}, 60_000);
afterAll(async () => {
  await mail?.stop();
  await s3?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

const unescape = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const submitPath = (locale = "en") => `/${locale}/consultations/${topic.slug}/submit`;
const tokenOf = (location: string) => new URL(location, "http://x").searchParams.get("draft")!;
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text("%PDF-1.4\n% a tiny test document\n%%EOF\n");

/** A multipart POST as a browser without JavaScript sends the form. */
function postMultipart(base: string, path: string, fields: Record<string, string | string[]>, files: Array<{ name: string; data: Uint8Array }> = []) {
  const form = new FormData();
  form.append("csrf", CSRF_TOKEN);
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  for (const f of files) form.append("attachments", new Blob([f.data as BlobPart]), f.name);
  return fetch(base + path, { method: "POST", body: form, redirect: "manual", headers: { Cookie: CSRF_COOKIE_PAIR } });
}

function complete(email: string): Record<string, string> {
  return {
    kind: "proposal",
    onBehalf: "self",
    stakeholderType: "individual",
    country: "CL",
    contactName: "Persona Con Anexos",
    contactEmail: email,
    title: "Propuesta con anexos",
    body: `Texto con documentos adjuntos, parte ${++n}.`,
    language: "es",
    publication: "anonymous",
    privacy: "on",
  };
}

const draftFiles = (email: string) =>
  t.db
    .selectFrom("submission_draft_attachments as a")
    .innerJoin("submission_drafts as d", "d.id", "a.draft_id")
    .select(["a.id", "a.file_key", "a.file_name", "a.sha256"])
    .where("d.contact_email", "=", email)
    .orderBy("a.id")
    .execute();

describe.each(["local folder", "S3"] as const)("files kept with drafts and edits (%s)", (store) => {
  let server: RunningServer;
  let files: FileStorage;
  let env: Record<string, string> = {};

  beforeAll(async () => {
    env = store === "S3" ? s3.env(`drafts-${randomBytes(4).toString("hex")}`) : {};
    files = store === "S3" ? storageFromEnv(parseStorageEnv(env)) : localStorage(filesDir);
    server = await startServer({ ...t.env, ...env, FILES_DIR: filesDir, SMTP_URL: mail.url, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("a draft saved with a file is resumed with it (with a box to remove it) and sent with it", async () => {
    const email = `anexo${++n}@example.cl`;
    const typed = { contactEmail: email, body: "Borrador con un anexo.", title: "A medias" };
    const saved = await postMultipart(server.url, submitPath("es"), { ...typed, intent: "draft" }, [{ name: "estudio.pdf", data: PDF }]);
    expect(saved.status).toBe(302);
    const location = saved.headers.get("location")!;
    expect(location).toContain("notice=draftSaved");
    const [kept] = await draftFiles(email);
    expect(kept!.file_name).toBe("estudio.pdf");
    expect(await files.exists(kept!.file_key)).toBe(true);

    // Resumed: the file is listed, with a box to remove it; what was typed is there too.
    const html = unescape(await (await get(server.url, location)).text());
    expect(html).toContain("Archivos ya adjuntos");
    expect(html).toContain("Quitar estudio.pdf");
    expect(html).toContain(`name="removeAttachment" value="${kept!.id}"`);
    expect(html).toContain("Borrador con un anexo.");

    // Sent from the draft with nothing attached again: the submission has the draft's file, the same stored object.
    const sent = await postMultipart(server.url, submitPath("es"), { ...complete(email), draft: tokenOf(location) });
    expect(sent.status).toBe(302);
    const reference = /\/submissions\/([\w-]+)\?/.exec(sent.headers.get("location")!)![1]!;
    const attachments = await t.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select(["a.file_key", "a.file_name", "a.sha256"])
      .where("s.reference", "=", reference)
      .execute();
    expect(attachments).toEqual([{ file_key: kept!.file_key, file_name: "estudio.pdf", sha256: kept!.sha256 }]);
    expect(await draftFiles(email)).toEqual([]);
    expect(await files.exists(kept!.file_key)).toBe(true);
    // The receipt email lists it.
    expect((await mail.nthTo(email, 2)).body).toContain("estudio.pdf");
  });

  it("a resumed draft takes files off and adds others; sending leaves out those ticked; the limit counts the kept ones", async () => {
    const email = `cambios${++n}@example.cl`;
    const first = await postMultipart(server.url, submitPath(), { contactEmail: email, intent: "draft" }, [
      { name: "uno.txt", data: text("Uno.\n") },
      { name: "dos.txt", data: text("Dos.\n") },
    ]);
    const token = tokenOf(first.headers.get("location")!);
    const [uno, dos] = await draftFiles(email);
    // Saved again: "uno" taken off (removed from the store), "tres" added.
    const again = await postMultipart(server.url, submitPath(), { contactEmail: email, intent: "draft", draft: token, removeAttachment: String(uno!.id) }, [
      { name: "tres.txt", data: text("Tres.\n") },
    ]);
    expect(again.status).toBe(302);
    expect((await draftFiles(email)).map((f) => f.file_name)).toEqual(["dos.txt", "tres.txt"]);
    expect(await files.exists(uno!.file_key)).toBe(false);

    // Four more would make six: refused, translated, with what was typed given back; nothing changes.
    const four = ["a", "b", "c", "d"].map((x) => ({ name: `${x}.txt`, data: text(`${x}\n`) }));
    const tooMany = await postMultipart(server.url, submitPath("fr"), { contactEmail: email, intent: "draft", draft: token, body: "Texte gardé." }, four);
    expect(tooMany.status).toBe(400);
    const html = unescape(await tooMany.text());
    expect(html).toContain("Au plus 5 fichiers en tout, en comptant ceux déjà joints\u202f: retirez-en ou joignez-en moins.");
    expect(html).toContain("Texte gardé.");
    expect((await draftFiles(email)).map((f) => f.file_name)).toEqual(["dos.txt", "tres.txt"]);

    // Sent with "dos" ticked: the submission has "tres" only, and "dos" is removed from the store.
    const sent = await postMultipart(server.url, submitPath(), { ...complete(email), draft: token, removeAttachment: String(dos!.id) });
    expect(sent.status).toBe(302);
    const reference = /\/submissions\/([\w-]+)\?/.exec(sent.headers.get("location")!)![1]!;
    const names = await t.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select("a.file_name")
      .where("s.reference", "=", reference)
      .execute();
    expect(names.map((r) => r.file_name)).toEqual(["tres.txt"]);
    expect(await files.exists(dos!.file_key)).toBe(false);
  });

  it("a send from a draft that repeats an earlier submission leaves the draft, and its files, as they were", async () => {
    const email = `repite${++n}@example.cl`;
    const fields = complete(email);
    expect((await postMultipart(server.url, submitPath(), fields)).status).toBe(302);
    const draft = await postMultipart(server.url, submitPath(), { contactEmail: email, intent: "draft", body: fields.body! }, [
      { name: "guardado.pdf", data: PDF },
    ]);
    const token = tokenOf(draft.headers.get("location")!);
    const [kept] = await draftFiles(email);
    const again = await postMultipart(server.url, submitPath(), { ...fields, draft: token });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toContain("notice=duplicate");
    expect(await draftFiles(email)).toEqual([kept]);
    expect(await files.exists(kept!.file_key)).toBe(true);
    expect((await get(server.url, draft.headers.get("location")!)).status).toBe(200);
  });

  it("a bad file in a draft is refused with a translated 4xx and loses nothing typed (nor the draft's files)", async () => {
    const email = `malo${++n}@example.cl`;
    const first = await postMultipart(server.url, submitPath(), { contactEmail: email, intent: "draft" }, [{ name: "bueno.txt", data: text("Bueno.\n") }]);
    const token = tokenOf(first.headers.get("location")!);
    const before = await draftFiles(email);
    const body = "Un texto largo que no se debe perder por un archivo malo.";
    const binary = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    for (const [locale, message] of [
      ["es", "Un archivo no es un documento PDF, DOCX, ODT o de texto plano"],
      ["fr", "Un fichier n’est pas un document PDF, DOCX, ODT ou texte brut"],
    ] as const) {
      const res = await postMultipart(server.url, submitPath(locale), { contactEmail: email, intent: "draft", draft: token, body, title: "Título" }, [
        { name: "programa.exe", data: binary },
      ]);
      expect(res.status).toBe(400);
      const html = unescape(await res.text());
      expect(html).toContain(message);
      expect(html).toContain(body);
      expect(html).toContain(`name="draft" value="${token}"`);
    }
    // A new draft with a bad file is not created at all; the existing one keeps its file.
    const fresh = await postMultipart(server.url, submitPath(), { contactEmail: `nuevo${++n}@example.cl`, intent: "draft", body }, [
      { name: "programa.exe", data: binary },
    ]);
    expect(fresh.status).toBe(400);
    expect(await t.db.selectFrom("submission_drafts").select("id").where("contact_email", "=", `nuevo${n}@example.cl`).execute()).toEqual([]);
    expect(await draftFiles(email)).toEqual(before);
  });

  it("an expired draft's files are removed with it by the clean-up; a live draft's stay", async () => {
    const email = `vence${++n}@example.cl`;
    const live = `vive${n}@example.cl`;
    for (const address of [email, live])
      expect((await postMultipart(server.url, submitPath(), { contactEmail: address, intent: "draft" }, [{ name: "anexo.pdf", data: PDF }])).status).toBe(302);
    const [expiring] = await draftFiles(email);
    const [staying] = await draftFiles(live);
    await t.db
      .updateTable("submission_drafts")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("contact_email", "=", email)
      .execute();
    // The clean-up runs in the server's processes: here, in this one, on the same store.
    const saved = { ...process.env };
    Object.assign(process.env, env, { FILES_DIR: filesDir });
    try {
      const { deleteExpiredDrafts } = await import("~/models/submission-drafts.server");
      expect(await deleteExpiredDrafts(t.db)).toBeGreaterThanOrEqual(1);
    } finally {
      process.env = saved;
    }
    expect(await draftFiles(email)).toEqual([]);
    expect(await files.exists(expiring!.file_key)).toBe(false);
    expect(await files.exists(staying!.file_key)).toBe(true);
  });

  it("the private link shows the attachments, removes and replaces them, names the change in the email and the history", async () => {
    const own = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CL", contactEmail: `edita${++n}@example.cl` } });
    const email = (await t.db.selectFrom("submissions").select("contact_email").where("id", "=", own.id).executeTakeFirstOrThrow()).contact_email;
    const editPath = `/es/submissions/${own.reference}/edit?${new URLSearchParams({ token: own.token! })}`;
    const values = (version: number) => ({ ...complete(email), body: "El texto, sin cambios de fondo.", version: String(version) });
    // First, files added through the link (the receipt did not have any).
    const added = await postMultipart(server.url, editPath, values(1), [
      { name: "viejo.pdf", data: PDF },
      { name: "notas.txt", data: text("Notas.\n") },
    ]);
    expect(added.status).toBe(302);
    const rows = () =>
      t.db.selectFrom("submission_attachments").select(["id", "file_key", "file_name"]).where("submission_id", "=", own.id).orderBy("id").execute();
    const [old, notes] = await rows();
    expect([old!.file_name, notes!.file_name]).toEqual(["viejo.pdf", "notas.txt"]);

    // The edit page lists them, each with a box to remove it, and takes new files (multipart).
    const page = unescape(await (await get(server.url, editPath)).text());
    expect(page).toMatch(/enctype="multipart\/form-data"/i);
    expect(page).toContain(`name="removeAttachment" value="${old!.id}"`);
    expect(page).toContain("Quitar viejo.pdf");
    expect(page).toContain("Quitar notas.txt");

    // Replace: "viejo.pdf" ticked and "nuevo.pdf" attached.
    const replaced = await postMultipart(server.url, editPath, { ...values(2), removeAttachment: String(old!.id) }, [{ name: "nuevo.pdf", data: PDF }]);
    expect(replaced.status).toBe(302);
    expect((await rows()).map((r) => r.file_name)).toEqual(["notas.txt", "nuevo.pdf"]);
    expect(await files.exists(old!.file_key)).toBe(false);
    expect(await files.exists(notes!.file_key)).toBe(true);
    // The email (in the language the person sent in) names the change; the first edit's was the first
    // (the receipt, made in this process, went to no mail server).
    const message = await mail.nthTo(email, 2);
    expect(message.body).toContain("Files removed: viejo.pdf.");
    expect(message.body).toContain("Files added: nuevo.pdf.");
    // The officials' history records it (names, and the removed file's SHA-256).
    const event = await t.db
      .selectFrom("moderation_events")
      .select(["before", "after"])
      .where("submission_id", "=", own.id)
      .where("action", "=", "submitter_edit")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before!)).toMatchObject({ attachments: "viejo.pdf, notas.txt", removedFiles: [{ name: "viejo.pdf" }] });
    expect(JSON.parse(event.after!)).toMatchObject({ attachments: "notas.txt, nuevo.pdf" });
    const history = unescape(await (await get(server.url, `/en/admin/submissions/${own.reference}`, moderatorCookie)).text());
    expect(history).toContain("<del>viejo.pdf, notas.txt</del> → <ins>notas.txt, nuevo.pdf</ins>");

    // A bad file: translated 400, the text given back, nothing changed.
    const bad = await postMultipart(server.url, editPath, { ...values(3), body: "Texto nuevo que no se pierde." }, [
      { name: "mal.bin", data: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) },
    ]);
    expect(bad.status).toBe(400);
    const badHtml = unescape(await bad.text());
    expect(badHtml).toContain("Un archivo no es un documento PDF, DOCX, ODT o de texto plano");
    expect(badHtml).toContain("Texto nuevo que no se pierde.");
    expect((await rows()).map((r) => r.file_name)).toEqual(["notas.txt", "nuevo.pdf"]);
    // More than five with those kept: refused, translated.
    const six = ["a", "b", "c", "d"].map((x) => ({ name: `${x}.txt`, data: text(`${x}\n`) }));
    const tooMany = await postMultipart(server.url, editPath, values(3), six);
    expect(tooMany.status).toBe(400);
    expect(unescape(await tooMany.text())).toContain("Como máximo 5 archivos en total, contando los ya adjuntos");
    expect((await rows()).map((r) => r.file_name)).toEqual(["notas.txt", "nuevo.pdf"]);
  });
});

describe("send me my links again lists the drafts", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ ...t.env, FILES_DIR: filesDir, SMTP_URL: mail.url, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("emails a new link to every unexpired draft (the old one stops working), with the same answer for an address with drafts only", async () => {
    const email = `solo.borradores${++n}@example.cl`;
    const saved = await postForm(server.url, submitPath("es"), {
      intent: "draft",
      contactEmail: email,
      contactName: "Ana Borrador",
      body: "Un borrador vivo.",
    });
    const oldLocation = saved.headers.get("location")!;
    const expired = await postForm(server.url, submitPath("es"), { intent: "draft", contactEmail: email, body: "Un borrador vencido." });
    await t.db
      .updateTable("submission_drafts")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("token_hash", "=", (await import("~/utils/tokens.server")).hashToken(tokenOf(expired.headers.get("location")!)))
      .execute();
    await mail.nthTo(email, 2);

    const a = await postForm(server.url, "/es/submissions/links", { email });
    const b = await postForm(server.url, "/es/submissions/links", { email: `nadie${n}@example.org` });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
    expect(main(await a.text())).toBe(main(await b.text()));

    const message = await mail.nthTo(email, 3);
    expect(message.body).toContain("Hola, Ana Borrador:");
    expect(message.body).toContain("Sus borradores guardados");
    const links = [...message.body.matchAll(new RegExp(`/es/consultations/${topic.slug}/submit\\?draft=([\\w.-]+)`, "g"))].map((m) => m[1]!);
    expect(new Set(links).size).toBe(1); // the live draft only, not the expired one
    const link = `${submitPath("es")}?draft=${links[0]}`;
    const opened = await get(server.url, link);
    expect(opened.status).toBe(200);
    expect(unescape(await opened.text())).toContain("Un borrador vivo.");
    // The earlier link of that draft stops working, as with submissions.
    expect((await get(server.url, oldLocation)).status).toBe(404);
    // The outbox keeps the link masked.
    const outbox = await t.db
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .where("kind", "=", "submission_links")
      .executeTakeFirstOrThrow();
    expect(outbox.text_body).not.toContain(links[0]!.split(".")[0]);
    expect(outbox.text_body).toContain("draft=••••••••.");
  });
});
