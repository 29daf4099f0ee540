// Redaction suggestions on the back-office submission page (ADR 041), as an official without
// JavaScript meets them: the page lists the personal data it found as checkboxes; saving the
// published version with some ticked removes exactly those (as if the official had typed the
// brackets), bumps the version and records the redaction in the submission's history; an official
// of the other country can neither see nor accept them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let cookieCA = "";
let cookieCL = "";
let topicSlug = "";

const BODY = [
  "Nous proposons un fonds pour les exportatrices.",
  "Écrivez à helene.cote@example.ca ou appelez le 613-555-0123. Mon NAS est 046 454 286.",
  "Hélène Côté, 45, rue Sainte-Catherine Ouest, Montréal H2X 1Y4.",
].join("\n\n");

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const ca = await createUser(t.db, { role: "moderator", party: "CA" });
  const cl = await createUser(t.db, { role: "moderator", party: "CL" });
  cookieCA = await sessionCookieFor(t.db, ca.id);
  cookieCL = await sessionCookieFor(t.db, cl.id);
  topicSlug = (await createTopic(t.db, { party: "CA" })).slug;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const unescape = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The values of the page's suggestion checkboxes ("field:start:end:text"). */
const suggestionValues = (html: string) => [...html.matchAll(/name="accept" value="([^"]*)"/g)].map((m) => unescape(m[1]!));

async function newSubmission() {
  return createSubmissionFor(t.db, {
    topicSlug,
    values: { contactName: "Hélène Côté", language: "fr", title: "Proposition d’Hélène", body: BODY },
  });
}

describe("redaction suggestions without JavaScript", () => {
  it("lists the personal data found in the title and text as checkboxes, with the preview of the public text", async () => {
    const s = await newSubmission();
    const res = await get(server.url, `/fr/admin/submissions/${s.reference}`, cookieCA);
    expect(res.status).toBe(200);
    const html = await res.text();
    const values = suggestionValues(html);
    expect(values.map((v) => v.replace(/^(\w+):\d+:\d+:/, "$1:"))).toEqual([
      "title:Hélène",
      "body:helene.cote@example.ca",
      "body:613-555-0123",
      "body:046 454 286",
      "body:Hélène Côté",
      "body:45, rue Sainte-Catherine Ouest",
      "body:H2X 1Y4",
    ]);
    for (const label of [
      "Adresse courriel",
      "Numéro de téléphone",
      "Numéro d’assurance sociale",
      "Adresse postale",
      "Code postal",
      "Nom de la personne-ressource",
    ])
      expect(html).toContain(label);
    expect(html).toContain("Ce que le public verra");
    expect(html).toContain('class="redaction-mark--suggested"');
  });

  it("removes exactly the ticked suggestions, bumps the version and records the redaction", async () => {
    const s = await newSubmission();
    const html = await (await get(server.url, `/fr/admin/submissions/${s.reference}`, cookieCA)).text();
    const values = suggestionValues(html);
    const ticked = values.filter((v) => /:(helene\.cote@example\.ca|613-555-0123|Hélène)$/.test(v));
    expect(ticked).toHaveLength(3);
    const before = await t.db.selectFrom("submissions").selectAll().where("id", "=", s.id).executeTakeFirstOrThrow();

    const res = await postForm(
      server.url,
      `/fr/admin/submissions/${s.reference}`,
      { intent: "redact", version: String(before.version), title: "Proposition d’Hélène", body: BODY, attachmentsPublic: "on", accept: ticked },
      { cookie: cookieCA },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/fr/admin/submissions/${s.reference}?saved=redact`);

    const after = await t.db.selectFrom("submissions").selectAll().where("id", "=", s.id).executeTakeFirstOrThrow();
    expect(after.published_title).toBe("Proposition d’[[redacted]]");
    expect(after.published_body).toBe(BODY.replace("helene.cote@example.ca", "[[redacted]]").replace("613-555-0123", "[[redacted]]"));
    // What was not ticked stays, and the original is kept for officials.
    expect(after.published_body).toContain("046 454 286");
    expect(after.published_body).toContain("Hélène Côté, 45, rue Sainte-Catherine Ouest");
    expect(after.body).toBe(BODY);
    expect(after.version).toBe(before.version + 1);

    const events = await t.db.selectFrom("moderation_events").selectAll().where("submission_id", "=", s.id).where("action", "=", "redact").execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.after!)).toEqual({ title: after.published_title, body: after.published_body, attachmentsPublic: true });
    expect(JSON.parse(events[0]!.before!)).toEqual({ title: null, body: null, attachmentsPublic: true });

    // The saved page suggests only what is left.
    const again = suggestionValues(await (await get(server.url, `/fr/admin/submissions/${s.reference}`, cookieCA)).text());
    expect(again.some((v) => v.endsWith(":helene.cote@example.ca"))).toBe(false);
    expect(again.some((v) => v.endsWith(":046 454 286"))).toBe(true);
  });

  it("marks a ticked suggestion where it moved to when the official also edited the text, and refuses one that is gone", async () => {
    const s = await newSubmission();
    const values = suggestionValues(await (await get(server.url, `/es/admin/submissions/${s.reference}`, cookieCA)).text());
    const phone = values.find((v) => v.endsWith(":613-555-0123"))!;
    const edited = `Introducción añadida.\n\n${BODY}`;
    const moved = await postForm(
      server.url,
      `/es/admin/submissions/${s.reference}`,
      { intent: "redact", version: "1", title: "Proposition d’Hélène", body: edited, attachmentsPublic: "on", accept: [phone] },
      { cookie: cookieCA },
    );
    expect(moved.status).toBe(302);
    const after = await t.db.selectFrom("submissions").select(["published_body", "version"]).where("id", "=", s.id).executeTakeFirstOrThrow();
    expect(after.published_body).toBe(edited.replace("613-555-0123", "[[redacted]]"));

    const gone = await postForm(
      server.url,
      `/es/admin/submissions/${s.reference}`,
      { intent: "redact", version: String(after.version), title: "", body: "Sin datos.", attachmentsPublic: "on", accept: [phone] },
      { cookie: cookieCA },
    );
    expect(gone.status).toBe(409);
    expect(await gone.text()).toContain("Una sugerencia que marcó ya no está en el texto");
    const unchanged = await t.db.selectFrom("submissions").select(["published_body", "version"]).where("id", "=", s.id).executeTakeFirstOrThrow();
    expect(unchanged).toEqual(after);
  });

  it("refuses an official of the other country: no page, no redaction, nothing recorded", async () => {
    const s = await newSubmission();
    const page = await get(server.url, `/en/admin/submissions/${s.reference}`, cookieCL);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain("helene.cote@example.ca");
    const values = suggestionValues(await (await get(server.url, `/en/admin/submissions/${s.reference}`, cookieCA)).text());
    const res = await postForm(
      server.url,
      `/en/admin/submissions/${s.reference}`,
      { intent: "redact", version: "1", title: "Proposition d’Hélène", body: BODY, attachmentsPublic: "on", accept: values },
      { cookie: cookieCL },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Access denied");
    const after = await t.db.selectFrom("submissions").select(["published_body", "version"]).where("id", "=", s.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ published_body: null, version: 1 });
    const events = await t.db.selectFrom("moderation_events").select("id").where("submission_id", "=", s.id).execute();
    expect(events).toHaveLength(0);
  });
});
