import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { CSRF_COOKIE_PAIR, CSRF_TOKEN, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * "Save and continue later" on the public form (issue 17, item 1; ADR 036), as a browser without
 * JavaScript uses it: a draft is saved with only a valid email address, its private link is
 * emailed (and kept masked in the outbox), the link reopens the form with what was typed, and
 * sending the form deletes the draft. Expired and unknown links are refused, translated.
 */

let t: TestDatabase;
let mail: MailCatcher;
let server: RunningServer;
let topic: { id: number; slug: string; questionId: number };
let other: { id: number; slug: string };
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const created = await createTopic(t.db, { party: "CL", questions: [{ en: "What is missing?", fr: "Qu’est-ce qui manque ?", es: "¿Qué falta?" }] });
  const question = await t.db.selectFrom("topic_questions").select("id").where("topic_id", "=", created.id).executeTakeFirstOrThrow();
  topic = { ...created, questionId: question.id };
  other = await createTopic(t.db, { party: "CA" });
  mail = await startMailCatcher();
  server = await startServer({ ...t.env, SMTP_URL: mail.url, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

const path = (locale = "en", slug = topic.slug) => `/${locale}/consultations/${slug}/submit`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const drafts = () => t.db.selectFrom("submission_drafts").selectAll().execute();
const tokenOf = (location: string) => new URL(location, server.url).searchParams.get("draft")!;
const unescape = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

function complete(email: string): Record<string, string> {
  return {
    kind: "proposal",
    onBehalf: "self",
    stakeholderType: "individual",
    country: "CL",
    contactName: "Persona Borrador",
    contactEmail: email,
    title: "Propuesta desde un borrador",
    body: `Texto largo escrito en el teléfono, parte ${++n}.`,
    language: "es",
    publication: "anonymous",
    privacy: "on",
  };
}

async function saveDraft(fields: Record<string, string>, locale = "en") {
  const res = await postForm(server.url, path(locale), { ...fields, intent: "draft" });
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

describe("save and continue later", () => {
  it("saves what was typed, emails a private link that reopens it, and sending the form deletes the draft", async () => {
    const email = `borrador${++n}@example.cl`;
    const typed = {
      title: "Mi propuesta a medias",
      body: "Primer párrafo, sin terminar todavía.",
      [`answer_${topic.questionId}`]: "Falta la voz de las trabajadoras.",
      contactEmail: email,
      kind: "proposal",
    };
    const location = await saveDraft(typed, "es");
    expect(location).toMatch(new RegExp(`^/es/consultations/${topic.slug}/submit\\?draft=[\\w-]{40,}&notice=draftSaved$`));
    const token = tokenOf(location);
    // Stored as its hash only, with what was typed, until the consultation closes.
    const [row] = (await drafts()).filter((d) => d.contact_email === email);
    expect(row!.token_hash).toBe(sha256(token));
    expect(JSON.parse(row!.values_json)).toMatchObject(typed);
    const closes = await t.db.selectFrom("topics").select("closes_at").where("id", "=", topic.id).executeTakeFirstOrThrow();
    expect(row!.expires_at).toBe(closes.closes_at);
    expect(JSON.stringify(await drafts())).not.toContain(token);

    // The email carries the working link, in the page's language; the outbox keeps it masked.
    const message = await mail.nthTo(email, 1);
    expect(message.body).toContain(`${path("es")}?draft=${token}`);
    expect(message.body).toContain("Subject: Puente: su borrador guardado");
    const outbox = await t.db.selectFrom("outbox").selectAll().where("to_address", "=", email).executeTakeFirstOrThrow();
    expect(outbox.kind).toBe("submission_draft");
    expect(JSON.stringify(outbox)).not.toContain(token);
    expect(outbox.text_body).toContain("draft=••••••••");

    // The link reopens the form with every value typed.
    const opened = await get(server.url, location);
    expect(opened.status).toBe(200);
    const html = unescape(await opened.text());
    for (const value of Object.values(typed)) expect(html).toContain(value);
    expect(html).toContain("Su borrador está guardado");
    expect(html).toContain(`name="draft" value="${token}"`);
    const again = await get(server.url, `${path("en")}?draft=${token}`);
    expect(unescape(await again.text())).toContain("You are continuing your saved draft");

    // A refused send keeps the draft and its link in the form: nothing is lost before it is sent.
    const refused = await postForm(server.url, path("es"), { ...typed, draft: token });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`name="draft" value="${token}"`);
    expect((await drafts()).some((d) => d.token_hash === sha256(token))).toBe(true);

    // Sent from the draft: the submission exists and the draft is gone.
    const fields = { ...complete(email), body: typed.body, draft: token };
    const sent = await postForm(server.url, path("es"), fields);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toMatch(/\/es\/submissions\/CL-\d{4}-\d{5}\?token=/);
    const submission = await t.db.selectFrom("submissions").select("body").where("contact_email", "=", email).executeTakeFirstOrThrow();
    expect(submission.body).toBe(typed.body);
    expect((await drafts()).some((d) => d.token_hash === sha256(token))).toBe(false);
    expect((await get(server.url, location)).status).toBe(404);
  });

  it("saving an opened draft again updates it under the same link, without a second email", async () => {
    const email = `resave${++n}@example.cl`;
    const token = tokenOf(await saveDraft({ contactEmail: email, body: "Versión uno." }));
    await mail.nthTo(email, 1);
    const location = await saveDraft({ contactEmail: email, body: "Versión dos, más completa.", draft: token });
    expect(tokenOf(location)).toBe(token);
    const mine = (await drafts()).filter((d) => d.contact_email === email);
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]!.values_json).body).toBe("Versión dos, más completa.");
    expect(mail.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it("asks for a valid email address, translated, and gives back everything typed", async () => {
    const before = (await drafts()).length;
    const body = "Un texto que no se debe perder.";
    for (const [locale, message] of [
      ["en", "Enter a valid email address under “Your contact details”"],
      ["fr", "Saisissez une adresse courriel valide sous «\u202fVos coordonnées\u202f»"],
      ["es", "Escriba un correo electrónico válido en «Sus datos de contacto»"],
    ] as const) {
      for (const contactEmail of ["", "not-an-address"]) {
        const res = await postForm(server.url, path(locale), { intent: "draft", body, title: "Título", contactEmail });
        expect(res.status).toBe(400);
        const html = unescape(await res.text());
        expect(html).toContain(message);
        expect(html).toContain(body);
        expect(html).toContain("Título");
      }
    }
    expect((await drafts()).length).toBe(before);
  });

  it("refuses a draft longer than the form allows, with the form's message, keeping the text", async () => {
    const res = await postForm(server.url, path(), { intent: "draft", contactEmail: `long${++n}@example.cl`, title: "x".repeat(201) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("x".repeat(201));
  });

  it("keeps a draft's attached files with it and says it is saved (files in drafts: draft-attachments.test.ts)", async () => {
    const email = `files${++n}@example.cl`;
    const f = new FormData();
    for (const [k, v] of Object.entries({ csrf: CSRF_TOKEN, intent: "draft", contactEmail: email, body: "Con un anexo." })) f.append(k, v);
    f.append("attachments", new Blob([new TextEncoder().encode("Anexo en texto plano.\n")]), "anexo.txt");
    const res = await fetch(server.url + path("fr"), { method: "POST", body: f, redirect: "manual", headers: { Cookie: CSRF_COOKIE_PAIR } });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toContain("notice=draftSaved");
    const html = unescape(await (await get(server.url, location)).text());
    expect(html).toContain("Votre brouillon est enregistré.");
    expect(html).toContain("Retirer anexo.txt");
  });

  it("an expired draft is not opened (410, translated) and the sweep removes it", async () => {
    const email = `expired${++n}@example.cl`;
    const location = await saveDraft({ contactEmail: email, body: "Se venció." }, "fr");
    await t.db
      .updateTable("submission_drafts")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("contact_email", "=", email)
      .execute();
    const res = await get(server.url, location);
    expect(res.status).toBe(410);
    const html = unescape(await res.text());
    expect(html).toContain("Ce brouillon ne peut plus être ouvert\u202f: la consultation est close.");
    expect(html).not.toContain("Se venció.");
    // The periodic clean-up job removes it (and only expired drafts).
    const live = (await drafts()).filter((d) => d.expires_at > new Date().toISOString()).length;
    const { FILES_SWEEP_JOB, jobHandlers } = await import("../app/jobs/registry.server");
    await (jobHandlers[FILES_SWEEP_JOB]!(t.db) as unknown as (payload: object) => Promise<void>)({});
    expect((await drafts()).length).toBe(live);
    expect((await drafts()).some((d) => d.contact_email === email)).toBe(false);
  });

  it("answers 404 for an unknown link, or a draft opened under another consultation", async () => {
    const location = await saveDraft({ contactEmail: `wrong${++n}@example.cl`, body: "Para otra consulta no." });
    const token = tokenOf(location);
    for (const p of [`${path()}?draft=nope`, `${path()}?draft=`, `${path()}?draft=${"a".repeat(500)}`, `${path("en", other.slug)}?draft=${token}`]) {
      const res = await get(server.url, p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain("Para otra consulta no.");
    }
  });

  it("a draft that emails a link counts toward the address's limit; saving an opened draft again does not", async () => {
    const limited = await startServer({ ...t.env, SMTP_URL: mail.url, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "2" });
    try {
      const save = (fields: Record<string, string>) => postForm(limited.url, path("es"), { ...fields, intent: "draft" });
      const first = await save({ contactEmail: `limit${++n}@example.cl`, body: "Uno." });
      expect(first.status).toBe(302);
      const token = tokenOf(first.headers.get("location")!);
      for (let i = 0; i < 3; i++) expect((await save({ contactEmail: `limit${n}@example.cl`, body: `Uno, otra vez ${i}.`, draft: token })).status).toBe(302);
      expect((await save({ contactEmail: `limit${++n}@example.cl`, body: "Dos." })).status).toBe(302);
      const third = await save({ contactEmail: `limit${++n}@example.cl`, body: "Tres, que no se pierde." });
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toBeTruthy();
      expect(await third.text()).toContain("Tres, que no se pierde.");
    } finally {
      await limited.stop();
      await t.db.deleteFrom("submission_rate_limits").execute();
    }
  });

  it("refuses a draft without the CSRF token, and a bot's (the honeypot)", async () => {
    const before = (await drafts()).length;
    const noCsrf = await postForm(server.url, path(), { intent: "draft", contactEmail: `csrf${++n}@example.cl` }, { csrf: null });
    expect(noCsrf.status).toBe(403);
    const bot = await postForm(server.url, path(), { intent: "draft", contactEmail: `bot${++n}@example.cl`, website: "http://spam" });
    expect(bot.status).toBe(400);
    expect((await drafts()).length).toBe(before);
  });
});
