import { mkdtempSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Updateable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import type { SubmissionsTable } from "../db/schema";
import en from "~/locales/en";
import es from "~/locales/es";
import fr from "~/locales/fr";
import { advancePublication } from "~/models/publication.server";
import { excerptOf, getPublishedSubmission, listPublishedSubmissions } from "~/models/published-submissions.server";
import { parsePublishedSubmissionSearch } from "~/schemas/published-submission-search";
import { createSubmissionFor, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * The public reading of submissions: what is public (approved, published with or without names,
 * topic public), what of it is shown (published copies, bylines without names for anonymous
 * ones), and — the leak test at the end — that nothing else ever reaches a public response.
 * Every secret below contains "SECRET", which no public response may contain.
 */

let t: TestDatabase;
let server: RunningServer;
const filesDir = mkdtempSync(join(tmpdir(), "puente-public-submissions-"));
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

type Created = Awaited<ReturnType<typeof createSubmissionFor>>;
const refs: Record<string, Created> = {};
let topicA: { id: number; slug: string };
let topicB: { id: number; slug: string };
let topicDraft: { id: number; slug: string };
let topicArchived: { id: number; slug: string };
let topicMany: { id: number; slug: string };
let topicClosed: { id: number; slug: string };
let draftToken: string;
let questionId: number;
let themeId: number;
const attachments: Record<string, number> = {};
let clock = Date.now() - 3_600_000;

async function publish(id: number, extra: Updateable<SubmissionsTable> = {}) {
  clock += 1000;
  await t.db
    .updateTable("submissions")
    .set({ status: "approved", decided_at: new Date(clock).toISOString(), ...extra })
    .where("id", "=", id)
    .execute();
  // What an approval records (docs/decisions/015): the public reads only this.
  await t.db
    .updateTable("submissions")
    .set((eb) => ({
      approved_version: eb.ref("version"),
      approved_title: eb.fn.coalesce("published_title", "title"),
      approved_body: eb.fn.coalesce("published_body", "body"),
    }))
    .where("id", "=", id)
    .execute();
}

async function attach(submissionId: number, name: string, content: Buffer = PDF) {
  const key = randomBytes(18).toString("base64url");
  writeFileSync(join(filesDir, key), content);
  const { id } = await t.db
    .insertInto("submission_attachments")
    .values({
      submission_id: submissionId,
      file_key: key,
      file_name: name,
      size: content.length,
      sha256: "0".repeat(64),
      kind: "pdf",
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

const page = (path: string) => `/en/consultations/${topicA.slug}${path}`;
const submissionPath = (ref: string, locale = "en", slug = topicA.slug) => `/${locale}/consultations/${slug}/submissions/${ref}`;
/** The page's text without tags and React's text separators. */
const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

async function html(path: string, status = 200) {
  const res = await get(server.url, path);
  expect(res.status, path).toBe(status);
  return res.text();
}
async function api(path: string) {
  const res = await get(server.url, path);
  expect(res.status, path).toBe(200);
  return { res, body: (await res.json()) as any };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  topicA = await createTopic(t.db, {
    party: "CL",
    translations: { en: { title: "Care in mining" }, fr: { title: "Soins dans les mines" }, es: { title: "Cuidados en la minería" } },
    questions: [{ en: "What is missing?", fr: "Qu’est-ce qui manque?", es: "¿Qué falta?" }],
  });
  topicB = await createTopic(t.db, { party: "CL" });
  topicDraft = await createTopic(t.db, { party: "CA" });
  topicArchived = await createTopic(t.db, { party: "CA" });
  topicMany = await createTopic(t.db, { party: "CA" });
  questionId = (await t.db.selectFrom("topic_questions").select("id").where("topic_id", "=", topicA.id).executeTakeFirstOrThrow()).id;
  themeId = (
    await t.db
      .insertInto("themes")
      .values({ party_code: "CL", label_en: "Care work", label_fr: "Travail de soins", label_es: "Trabajo de cuidados", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

  const make = async (name: string, values: Record<string, string>, slug = topicA.slug) => {
    // Unique names, so that "withheld" ones can be looked for in every response.
    const unique = randomBytes(4).toString("hex");
    refs[name] = await createSubmissionFor(t.db, {
      topicSlug: slug,
      values: { gender: "woman", contactName: `Person ${unique}`, organisationName: `Org ${unique}`, ...values },
    });
    return refs[name]!;
  };

  // Published with names, with an answer, an attachment, a theme and an official translation.
  const named = await make("named", {
    stakeholderType: "union",
    organisationName: "Sindicato Norte Visible",
    contactName: "Ana Visible",
    country: "CL",
    region: "CL-BI",
    title: "Salas cuna en faenas",
    body: "Proponemos salas cuna.\n\nSegundo párrafo, línea uno\nlínea dos",
    language: "es",
    publication: "named",
    [`answer_${questionId}`]: "Faltan datos por sexo.",
  });
  await publish(named.id);
  attachments.named = await attach(named.id, "informe.pdf");
  await t.db.insertInto("submission_themes").values({ submission_id: named.id, theme_id: themeId }).execute();
  await t.db
    .insertInto("submission_translations")
    .values({
      submission_id: named.id,
      locale: "fr",
      title: "Crèches sur les chantiers",
      body: "Nous proposons des crèches.",
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .execute();

  // Published without names: organisation and person must never show.
  const anonymous = await make("anonymous", {
    stakeholderType: "ngo",
    organisationName: "SECRET-ANON-ORG",
    contactName: "SECRET-ANON-NAME",
    country: "CL",
    region: "CL-BI",
    title: "Brecha salarial",
    body: "Medir la brecha salarial en la minería.",
    language: "es",
    publication: "anonymous",
  });
  await publish(anonymous.id);

  // Redacted by officials: the original passage, title and answer never leave the database.
  const redacted = await make("redacted", {
    stakeholderType: "academic",
    organisationName: "Universidad Pública",
    country: "CL",
    title: "Datos SECRET-TITLE-xyz",
    body: "Primera parte. SECRET-PASSAGE-xyz segunda parte.",
    language: "es",
    publication: "anonymous",
    [`answer_${questionId}`]: "Respuesta con SECRET-ANSWER-xyz dentro.",
  });
  await publish(redacted.id, { published_title: "Datos [[redacted]]", published_body: "Primera parte. [[redacted]] segunda parte.", attachments_public: 0 });
  await t.db.updateTable("submission_answers").set({ published_text: "Respuesta con [[redacted]] dentro." }).where("submission_id", "=", redacted.id).execute();
  attachments.withheld = await attach(redacted.id, "SECRET-withheld.pdf");

  // Not public, each for its own reason.
  const officials = await make("officials", { body: "SECRET-OFFICIALS-xyz body", title: "SECRET-OFFICIALS title", publication: "officials" });
  await publish(officials.id);
  attachments.officials = await attach(officials.id, "officials.pdf");
  await make("pending", { body: "SECRET-PENDING-xyz body", title: "SECRET-PENDING title", publication: "named" });
  attachments.pending = await attach(refs.pending!.id, "pending.pdf");
  const rejected = await make("rejected", { body: "SECRET-REJECTED-xyz body", title: "SECRET-REJECTED title", publication: "named" });
  await t.db
    .updateTable("submissions")
    .set({ status: "rejected", rejection_reason: "off_topic", rejection_note: "SECRET-NOTE-xyz", decided_at: new Date().toISOString() })
    .where("id", "=", rejected.id)
    .execute();
  const withdrawn = await make("withdrawn", { body: "SECRET-WITHDRAWN-xyz body", title: "SECRET-WITHDRAWN title", publication: "named" });
  await t.db.updateTable("submissions").set({ status: "withdrawn" }).where("id", "=", withdrawn.id).execute();

  // A comment answering the public proposal, and one whose proposal is no longer public.
  const reply = await make("reply", {
    kind: "comment",
    inReplyTo: named.reference,
    title: "",
    body: "Apoyo esta propuesta.",
    language: "es",
    publication: "anonymous",
    stakeholderType: "individual",
    onBehalf: "self",
    organisationName: "",
  });
  await publish(reply.id);
  const lapsed = await make("lapsedProposal", { title: "SECRET-LAPSED title", body: "SECRET-LAPSED body", publication: "anonymous" });
  await publish(lapsed.id);
  const orphan = await make("orphanReply", { kind: "comment", inReplyTo: lapsed.reference, title: "", body: "Comentario huérfano.", publication: "anonymous" });
  await publish(orphan.id);
  await t.db.updateTable("submissions").set({ status: "rejected" }).where("id", "=", lapsed.id).execute();

  // Comments under the public proposal that are not public: none may show under it (issue 17).
  await make("pendingComment", { kind: "comment", inReplyTo: named.reference, title: "", body: "SECRET-PENDING-COMMENT-xyz", publication: "named" });
  const officialsComment = await make("officialsComment", {
    kind: "comment",
    inReplyTo: named.reference,
    title: "",
    body: "SECRET-OFFICIALS-COMMENT-xyz",
    publication: "officials",
  });
  await publish(officialsComment.id);
  const rejectedComment = await make("rejectedComment", { kind: "comment", inReplyTo: named.reference, title: "", body: "SECRET-REJECTED-COMMENT-xyz" });
  await t.db.updateTable("submissions").set({ status: "rejected", decided_at: new Date().toISOString() }).where("id", "=", rejectedComment.id).execute();

  // A closed consultation whose response is a draft, and topic A's own draft response: never public.
  topicClosed = await createTopic(t.db, { party: "CL", opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() - 3_600_000) });
  const stamp = new Date().toISOString();
  for (const topic of [topicClosed, topicA]) {
    const { id: outcomeId } = await t.db
      .insertInto("topic_outcomes")
      .values({ topic_id: topic.id, state: "draft", created_at: stamp, updated_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("topic_outcome_texts")
      .values({
        outcome_id: outcomeId,
        stage: "draft",
        locale: "en",
        heard: "SECRET-DRAFT-OUTCOME-heard",
        actions: "SECRET-DRAFT-OUTCOME-actions",
        next_steps: "",
      })
      .execute();
  }

  // A saved draft of the form (ADR 036): nothing of it is public, ever.
  const { saveDraft } = await import("~/models/submission-drafts.server");
  const draft = await saveDraft(t.db, {
    topicSlug: topicA.slug,
    values: { kind: "proposal", title: "SECRET-DRAFT-TITLE-xyz", body: "SECRET-DRAFT-BODY-xyz parte", contactName: "SECRET-DRAFT-NAME" },
    contactEmail: "drafter-secret-xyz@example.org",
    locale: "en",
  });
  draftToken = draft.token;
  // With a file kept with it (ADR 040): its name is never shown either.
  const { id: draftId } = await t.db
    .selectFrom("submission_drafts")
    .select("id")
    .where("contact_email", "=", "drafter-secret-xyz@example.org")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("submission_draft_attachments")
    .values({
      draft_id: draftId,
      file_key: "SECRETdraftFileKey000000",
      file_name: "SECRET-DRAFT-FILE-xyz.pdf",
      size: 10,
      sha256: "0".repeat(64),
      kind: "pdf",
      created_at: new Date().toISOString(),
    })
    .execute();

  // Officials' internal notes on public submissions (ADR 042): never public, in any form.
  for (const name of ["named", "anonymous"]) {
    await t.db
      .insertInto("submission_notes")
      .values({ submission_id: refs[name]!.id, author_user_id: null, body: `SECRET-INTERNAL-NOTE about ${name}`, created_at: new Date().toISOString() })
      .execute();
  }

  // Subscribers (ADR 039): their addresses and links are never on a public surface.
  const subscribedAt = new Date().toISOString();
  for (const [kind, topicId] of [
    ["digest", topicA.id],
    ["reminders", topicA.id],
    ["new_consultations", null],
  ] as const) {
    await t.db
      .insertInto("subscriptions")
      .values({
        email: "subscriber-secret-xyz@example.org",
        locale: "en",
        kind,
        topic_id: topicId,
        party_code: null,
        area_id: null,
        submission_id: null,
        status: "active",
        confirm_token_hash: null,
        confirm_expires_at: null,
        token_salt: `salt-${kind}`,
        watermark: subscribedAt,
        last_sent_at: null,
        created_at: subscribedAt,
        confirmed_at: subscribedAt,
        unsubscribed_at: null,
      })
      .execute();
  }
  await t.db
    .insertInto("subscriptions")
    .values({
      email: "pending-subscriber-xyz@example.org",
      locale: "es",
      kind: "digest",
      topic_id: topicA.id,
      party_code: null,
      area_id: null,
      submission_id: null,
      status: "pending",
      confirm_token_hash: "c".repeat(64),
      confirm_expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      token_salt: "salt-pending",
      watermark: null,
      last_sent_at: null,
      created_at: subscribedAt,
      confirmed_at: null,
      unsubscribed_at: null,
    })
    .execute();

  // A campaign: three public letters and a pending one; listed once, "sent by 3".
  const { id: campaignId } = await t.db
    .insertInto("campaigns")
    .values({ topic_id: topicA.id, similarity_key: "same-letter", created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const n of [1, 2, 3, 4]) {
    const c = await make(`campaign${n}`, {
      title: "Carta común",
      body: `Carta común firmada, copia ${n}.`,
      publication: "anonymous",
      stakeholderType: "individual",
      onBehalf: "self",
      organisationName: "",
    });
    if (n < 4) await publish(c.id, { campaign_id: campaignId });
    else await t.db.updateTable("submissions").set({ campaign_id: campaignId }).where("id", "=", c.id).execute();
  }

  // Markup in the text stays text.
  const xss = await make("xss", {
    title: `<script>alert("xss-title")</script>`,
    body: `<img src=x onerror=alert(1)> and <script>alert("xss-body")</script>`,
    publication: "anonymous",
    country: "other",
  });
  await publish(xss.id);

  // Another public topic's submission (its reference is a 404 under topic A), a draft topic's, an archived one's.
  await publish((await make("otherTopic", { body: "Del otro tema." }, topicB.slug)).id);
  await publish((await make("draftTopic", { body: "SECRET-DRAFT-TOPIC body", title: "SECRET-DRAFT title" }, topicDraft.slug)).id);
  await t.db.updateTable("topics").set({ state: "draft" }).where("id", "=", topicDraft.id).execute();
  await publish((await make("archivedTopic", { body: "Archived but public." }, topicArchived.slug)).id);
  await t.db.updateTable("topics").set({ state: "archived" }).where("id", "=", topicArchived.id).execute();

  // 23 public submissions for filters and pages: 12 union/CL, 6 ngo/CA, 5 academic/other.
  for (let i = 0; i < 23; i++) {
    const [stakeholderType, country] = i < 12 ? ["union", "CL"] : i < 18 ? ["ngo", "CA"] : ["academic", "other"];
    const s = await make(
      `many${i}`,
      {
        stakeholderType,
        country,
        organisationName: i === 5 ? "Cooperativa Arcoiris" : `Org ${i}`,
        title: `Many ${i}`,
        body: `Texto número ${i}.`,
        publication: "named",
      },
      topicMany.slug,
    );
    await publish(s.id);
  }
  // Anonymous: its organisation's name is not searchable.
  await publish(
    (await make("manyAnon", { organisationName: "Hidden Arcoiris Coop", publication: "anonymous", stakeholderType: "union", country: "CL" }, topicMany.slug))
      .id,
  );

  server = await startServer({ ...t.env, FILES_DIR: filesDir, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});

afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("what is public", () => {
  it("lists approved submissions published with or without names, never officials-only, pending, rejected or withdrawn ones", async () => {
    const list = await listPublishedSubmissions(t.db, topicA.slug, "en", {});
    const listed = list.submissions.map((s) => s.reference);
    for (const name of ["named", "anonymous", "redacted", "reply", "orphanReply", "campaign1", "xss"]) expect(listed, name).toContain(refs[name]!.reference);
    for (const name of ["officials", "pending", "rejected", "withdrawn", "lapsedProposal", "campaign2", "campaign3", "campaign4", "otherTopic"])
      expect(listed, name).not.toContain(refs[name]!.reference);
    expect(list.total).toBe(7);
  });

  it("hides everything of a draft topic, keeps an archived topic's", async () => {
    expect(await getPublishedSubmission(t.db, topicDraft.slug, refs.draftTopic!.reference, "en")).toBeNull();
    expect((await listPublishedSubmissions(t.db, topicDraft.slug, "en", {})).total).toBe(0);
    expect(await getPublishedSubmission(t.db, topicArchived.slug, refs.archivedTopic!.reference, "en")).not.toBeNull();
    await html(submissionPath(refs.archivedTopic!.reference, "en", topicArchived.slug));
  });

  it("answers 404, translated, for anything not public or of another topic", async () => {
    for (const name of ["officials", "pending", "rejected", "withdrawn", "lapsedProposal", "campaign4"]) {
      const body = await html(submissionPath(refs[name]!.reference), 404);
      expect(body, name).toContain(en.errors.notFoundTitle);
    }
    expect(await html(submissionPath(refs.pending!.reference, "fr"), 404)).toContain(fr.errors.notFoundTitle);
    expect(await html(submissionPath(refs.rejected!.reference, "es"), 404)).toContain(es.errors.notFoundTitle);
    await html(submissionPath(refs.otherTopic!.reference), 404);
    await html(submissionPath(refs.named!.reference, "en", topicB.slug), 404);
    await html(submissionPath(refs.draftTopic!.reference, "en", topicDraft.slug), 404);
    await html(submissionPath("CL-1999-99999"), 404);
    await html(submissionPath(refs.named!.reference, "de"), 404);
  });

  it("stops publishing at once when a submission is no longer approved", async () => {
    const { reference, id } = refs.anonymous!;
    await html(submissionPath(reference));
    // Written directly, as a decision would: the publication version moves with it (ADR 027).
    await t.db.updateTable("submissions").set({ status: "rejected" }).where("id", "=", id).execute();
    await advancePublication(t.db);
    await html(submissionPath(reference), 404);
    await t.db.updateTable("submissions").set({ publication: "officials", status: "approved" }).where("id", "=", id).execute();
    await advancePublication(t.db);
    await html(submissionPath(reference), 404);
    await t.db.updateTable("submissions").set({ publication: "anonymous" }).where("id", "=", id).execute();
    await advancePublication(t.db);
    await html(submissionPath(reference));
  });
});

describe("the topic page's list", () => {
  it("shows title, byline, date, themes, an excerpt with redactions, and links to each page", async () => {
    const body = await html(page(""));
    const text = textOf(body);
    expect(text).toContain("Published submissions");
    expect(body).toContain(`href="${submissionPath(refs.named!.reference)}"`);
    expect(text).toContain("Salas cuna en faenas");
    expect(text).toContain("Ana Visible, Sindicato Norte Visible · Trade union or workers’ organisation · Biobío, Chile");
    expect(text).toContain("Non-governmental or civil society organisation · Biobío, Chile");
    expect(text).toContain("Care work");
    expect(text).toMatch(/Published (\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})/);
    expect(body).toContain(`Datos <span class="redacted" lang="en">[redacted]</span>`);
    expect(body).toContain(`Primera parte. <span class="redacted" lang="en">[redacted]</span> segunda parte.`);
    expect(text).toContain("Another country");
    expect(text).toContain("Sent by 3 people");
    expect(text.match(/Sent by 3 people/g)).toHaveLength(1);
    expect(body).not.toContain(refs.campaign2!.reference);
    // The comment's card links to the proposal it answers.
    expect(body.replace(/<!-- -->/g, "")).toMatch(
      new RegExp(`In reply to <a [^>]*href="${submissionPath(refs.named!.reference)}"[^>]*>${refs.named!.reference}</a>`),
    );
  });

  it("translates the page's words, marks and bylines in French and Spanish", async () => {
    const frPage = await html(`/fr/consultations/${topicA.slug}`);
    expect(frPage).toContain(`<span class="redacted" lang="fr">[caviardé]</span>`);
    expect(textOf(frPage)).toContain("Contributions publiées");
    expect(textOf(frPage)).toContain("Travail de soins");
    expect(textOf(frPage)).toContain("Un autre pays");
    expect(textOf(frPage)).toContain("Envoyée par 3 personnes");
    const esPage = await html(`/es/consultations/${topicA.slug}`);
    expect(esPage).toContain(`<span class="redacted" lang="es">[omitido]</span>`);
    expect(textOf(esPage)).toContain(`${es.submission.choices.stakeholderType.ngo} · Biobío, Chile`);
    expect(textOf(esPage)).toContain("Trabajo de cuidados");
  });

  it("keeps markup as text", async () => {
    const body = await html(page(""));
    expect(body).not.toContain(`<script>alert("xss`);
    expect(body).not.toContain("<img src=x");
    expect(body).toContain("&lt;script&gt;");
  });

  it("filters by stakeholder type and country, searches the published text, paginates keeping the filters", async () => {
    const many = `/en/consultations/${topicMany.slug}`;
    const first = await html(many);
    expect(textOf(first)).toContain("24 published submissions");
    expect(first).toMatch(/<nav aria-label="Pages of published submissions"/);
    expect(first).toContain(`href="${many}?page=2#published-submissions"`);
    const ngo = await html(`${many}?stakeholderType=ngo&country=CA`);
    expect(textOf(ngo)).toContain("6 published submissions");
    const filteredPages = await html(`${many}?stakeholderType=union`);
    expect(textOf(filteredPages)).toContain("13 published submissions");
    expect(filteredPages).toContain(`href="${many}?stakeholderType=union&amp;page=2#published-submissions"`);
    const none = await html(`${many}?stakeholderType=union&country=CA`);
    expect(textOf(none)).toContain("No published submission matches");
    expect(textOf(await html(`/en/consultations/${topicB.slug}?q=zzz`))).toContain("No published submission matches");
    const empty = await createTopic(t.db, { party: "CA" });
    expect(textOf(await html(`/en/consultations/${empty.slug}`))).toContain("No submission has been published for this consultation yet.");
    // Without JavaScript: a GET form with the three filters and a button.
    expect(first).toMatch(/<form[^>]*method="get"[^>]*role="search"/);
    for (const name of ["stakeholderType", "country", "q"]) expect(first).toContain(`name="${name}"`);
  });
});

describe("a submission's page", () => {
  it("shows the published text in paragraphs, answers, attachments, translations, themes and byline", async () => {
    const body = await html(submissionPath(refs.named!.reference));
    const text = textOf(body);
    expect(body).toMatch(/<h1 lang="es">Salas cuna en faenas<\/h1>/);
    expect(text).toContain("Ana Visible, Sindicato Norte Visible · Trade union or workers’ organisation · Biobío, Chile");
    expect(text).toContain("Proposal");
    expect(body).toMatch(/<div class="published-text" lang="es"><p>Proponemos salas cuna\.<\/p><p>Segundo párrafo, línea uno<br\/>línea dos<\/p><\/div>/);
    expect(text).toContain("What is missing?");
    expect(text).toContain("Faltan datos por sexo.");
    expect(body).toContain(`href="${submissionPath(refs.named!.reference)}/attachments/${attachments.named}"`);
    expect(text).toContain("Official translation (French)");
    expect(body).toMatch(/<div class="published-text" lang="fr"><p>Nous proposons des crèches\.<\/p><\/div>/);
    expect(body).toContain(`lang="fr"><strong>Crèches sur les chantiers</strong>`);
    expect(text).toContain("Care work");
    const frBody = textOf(await html(submissionPath(refs.named!.reference, "fr")));
    expect(frBody).toContain("Qu’est-ce qui manque?");
    expect(frBody).toContain("Traduction officielle (français)");
    expect(frBody).toContain("Travail de soins");
  });

  it("shows the redacted copy, never the original", async () => {
    const body = await html(submissionPath(refs.redacted!.reference));
    expect(body).toContain(`Datos <span class="redacted" lang="en">[redacted]</span>`);
    expect(body).toContain(`Primera parte. <span class="redacted" lang="en">[redacted]</span> segunda parte.`);
    expect(body).toContain(`Respuesta con <span class="redacted" lang="en">[redacted]</span> dentro.`);
    expect(body).not.toContain("SECRET");
    expect(body).not.toContain("/attachments/");
    expect(textOf(body)).toContain("Academic or research institution · Chile");
    expect(textOf(body)).not.toContain("Universidad Pública");
  });

  it("links a comment to the public proposal it answers, and not to one no longer public", async () => {
    const reply = await html(submissionPath(refs.reply!.reference));
    expect(textOf(reply)).toContain(`Comment · In reply to ${refs.named!.reference}`);
    expect(reply).toContain(`href="${submissionPath(refs.named!.reference)}"`);
    expect(textOf(reply)).toContain(`Submission ${refs.reply!.reference}`);
    const orphan = await html(submissionPath(refs.orphanReply!.reference));
    expect(textOf(orphan)).not.toContain("In reply to");
    expect(orphan).not.toContain(refs.lapsedProposal!.reference);
  });

  it("counts a campaign's public senders", async () => {
    expect(textOf(await html(submissionPath(refs.campaign2!.reference)))).toContain("Sent by 3 people");
  });

  it("keeps markup as text", async () => {
    const body = await html(submissionPath(refs.xss!.reference));
    expect(body).not.toContain(`<script>alert("xss`);
    expect(body).not.toContain("<img src=x");
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("attachments", () => {
  it("downloads a public submission's attachment", async () => {
    const res = await get(server.url, `${submissionPath(refs.named!.reference)}/attachments/${attachments.named}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it("refuses withheld, non-public, mismatched and malformed ones", async () => {
    for (const [ref, id] of [
      [refs.redacted!.reference, attachments.withheld],
      [refs.officials!.reference, attachments.officials],
      [refs.pending!.reference, attachments.pending],
      [refs.anonymous!.reference, attachments.named],
      [refs.named!.reference, attachments.pending],
      [refs.named!.reference, "abc"],
      [refs.named!.reference, "0"],
    ] as const) {
      const res = await get(server.url, `${submissionPath(ref)}/attachments/${id}`);
      expect(res.status, `${ref}/${id}`).toBe(404);
    }
    expect((await get(server.url, `${submissionPath(refs.named!.reference, "en", topicB.slug)}/attachments/${attachments.named}`)).status).toBe(404);
  });
});

describe("GET /api/v1/topics/:slug/submissions", () => {
  it("gives the published data with bylines, themes, translations, answers, attachments and campaign counts", async () => {
    const { res, body } = await api(`/api/v1/topics/${topicA.slug}/submissions`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+/);
    expect(body).toMatchObject({ topic: topicA.slug, total: 7, page: 1, pageSize: 10 });
    const named = body.submissions.find((s: any) => s.reference === refs.named!.reference);
    expect(named).toMatchObject({
      kind: "proposal",
      title: "Salas cuna en faenas",
      text: "Proponemos salas cuna.\n\nSegundo párrafo, línea uno\nlínea dos",
      language: "es",
      stakeholderType: "union",
      country: "CL",
      region: "CL-BI",
      organisation: "Sindicato Norte Visible",
      author: "Ana Visible",
      themes: [{ id: themeId, labels: { en: "Care work", fr: "Travail de soins", es: "Trabajo de cuidados" } }],
      translations: [{ locale: "fr", title: "Crèches sur les chantiers", text: "Nous proposons des crèches." }],
      answers: [{ questionId, question: { en: "What is missing?", fr: "Qu’est-ce qui manque?", es: "¿Qué falta?" }, text: "Faltan datos por sexo." }],
      attachments: [{ name: "informe.pdf", size: PDF.length, kind: "pdf" }],
      campaignSenders: null,
      inReplyTo: null,
    });
    expect(named.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(new URL(named.attachments[0].url).pathname).toBe(
      `/es/consultations/${topicA.slug}/submissions/${refs.named!.reference}/attachments/${attachments.named}`,
    );

    const anonymous = body.submissions.find((s: any) => s.reference === refs.anonymous!.reference);
    expect(anonymous).toMatchObject({ stakeholderType: "ngo", country: "CL", region: "CL-BI" });
    expect(anonymous).not.toHaveProperty("author");
    expect(anonymous).not.toHaveProperty("organisation");

    const redacted = body.submissions.find((s: any) => s.reference === refs.redacted!.reference);
    expect(redacted).toMatchObject({ title: "Datos [redacted]", text: "Primera parte. [redacted] segunda parte.", attachments: [] });
    expect(redacted.answers[0].text).toBe("Respuesta con [redacted] dentro.");

    expect(body.submissions.find((s: any) => s.reference === refs.reply!.reference)).toMatchObject({
      kind: "comment",
      inReplyTo: refs.named!.reference,
      title: null,
    });
    expect(body.submissions.find((s: any) => s.reference === refs.campaign1!.reference)).toMatchObject({ campaignSenders: 3 });
    expect(JSON.stringify(body)).not.toMatch(/gender|\bwoman\b|contact|email|SECRET|\[\[redacted\]\]/i);
  });

  it("filters and pages like the topic page, ignoring bad values", async () => {
    const base = `/api/v1/topics/${topicMany.slug}/submissions`;
    const all = (await api(base)).body;
    expect(all).toMatchObject({ total: 24, page: 1, pageSize: 10, pages: 3 });
    expect(all.submissions).toHaveLength(10);
    expect(all.submissions[0].title).toMatch(/^Proposal \d+$/); // newest first: the anonymous one, published last
    const third = (await api(`${base}?page=3`)).body;
    expect(third.submissions).toHaveLength(4);
    expect(third.submissions.at(-1).title).toBe("Many 0");
    expect((await api(`${base}?page=4`)).body.submissions).toEqual([]);
    expect((await api(`${base}?stakeholderType=ngo`)).body.total).toBe(6);
    expect((await api(`${base}?country=other`)).body.total).toBe(5);
    expect((await api(`${base}?country=CA&stakeholderType=ngo`)).body.total).toBe(6);
    expect((await api(`${base}?country=CL&stakeholderType=ngo`)).body.total).toBe(0);
    expect((await api(`${base}?stakeholderType=nope&country=XX&page=abc&q=`)).body).toMatchObject({ total: 24, page: 1 });
    // The organisation's name is searched only where names are published.
    const coop = (await api(`${base}?q=ARCOIRIS`)).body;
    expect(coop.submissions.map((s: any) => s.title)).toEqual(["Many 5"]);
    expect((await api(`${base}?q=n%C3%BAmero%2017`)).body.submissions.map((s: any) => s.title)).toEqual(["Many 17"]);
  });

  it("searches only what is published", async () => {
    const base = `/api/v1/topics/${topicA.slug}/submissions`;
    expect((await api(`${base}?q=salas%20CUNA`)).body.total).toBe(1);
    expect((await api(`${base}?q=sindicato%20norte`)).body.total).toBe(1);
    for (const q of ["SECRET-PASSAGE", "SECRET-TITLE", "SECRET-OFFICIALS", "SECRET-PENDING", "SECRET-ANON-ORG", "SECRET-ANON-NAME", "%", "_"]) {
      expect((await api(`${base}?q=${encodeURIComponent(q)}`)).body.total, q).toBe(0);
    }
  });

  it("answers 404 JSON for unknown and draft topics", async () => {
    for (const slug of ["no-such-topic", topicDraft.slug]) {
      const res = await get(server.url, `/api/v1/topics/${slug}/submissions`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(await res.json()).toEqual({ error: "not_found" });
    }
    expect((await api(`/api/v1/topics/${topicArchived.slug}/submissions`)).body.total).toBe(1);
  });
});

describe("excerpts", () => {
  it("cut near 300 characters on a word, never inside a redaction mark", () => {
    const long = `${"word ".repeat(58)}abc [[redacted]] ${"more ".repeat(30)}`;
    const excerpt = excerptOf(long);
    expect(excerpt.length).toBeLessThan(320);
    expect(excerpt.endsWith(" …")).toBe(true);
    expect(excerpt.replace("[[redacted]]", "")).not.toMatch(/\[|\]/);
    expect(excerptOf("Short.\n\nTwo paragraphs.")).toBe("Short. Two paragraphs.");
  });

  it("ignores malformed filters", () => {
    expect(parsePublishedSubmissionSearch(new URL("http://x/?stakeholderType=x&country=FR&page=-1&q=%20%20"))).toEqual({});
    expect(parsePublishedSubmissionSearch(new URL("http://x/?stakeholderType=ngo&country=other&page=2&q=%20a%20"))).toEqual({
      stakeholderType: "ngo",
      country: "other",
      page: 2,
      q: "a",
    });
  });
});

describe("nothing private reaches a public response", () => {
  it("no public page, file, feed or API response holds a contact email, token, hash, name withheld, or any unpublished text", async () => {
    const rows = await t.db
      .selectFrom("submissions as s")
      .innerJoin("topics as t", "t.id", "s.topic_id")
      .select(["s.contact_email", "s.contact_name", "s.publication", "s.status", "t.state", "s.edit_token_hash", "s.content_hash", "s.organisation_name"])
      .execute();
    const secrets = new Set<string>(["SECRET"]);
    for (const r of rows) {
      secrets.add(r.contact_email);
      secrets.add(r.edit_token_hash);
      secrets.add(r.content_hash);
      // Names only where the person chose to publish them, and only once published.
      if (r.publication !== "named" || r.status !== "approved" || r.state === "draft") {
        secrets.add(r.contact_name);
        if (r.organisation_name) secrets.add(r.organisation_name);
      }
    }
    for (const created of Object.values(refs)) if (created.token) secrets.add(created.token);
    for (const d of await t.db.selectFrom("submission_drafts").select(["token_hash", "contact_email"]).execute()) {
      secrets.add(d.token_hash);
      secrets.add(d.contact_email);
    }
    secrets.add(draftToken);
    const { subscriptionToken } = await import("~/models/subscriptions.server");
    for (const sub of await t.db.selectFrom("subscriptions").select(["id", "email", "token_salt", "confirm_token_hash"]).execute()) {
      secrets.add(sub.email);
      secrets.add(subscriptionToken(sub));
      if (sub.confirm_token_hash) secrets.add(sub.confirm_token_hash);
    }

    const paths = new Set<string>();
    for (const locale of ["en", "fr", "es"]) {
      paths.add(`/${locale}`);
      paths.add(`/${locale}/consultations`);
      for (const slug of [topicA.slug, topicMany.slug, topicArchived.slug, topicClosed.slug]) {
        paths.add(`/${locale}/consultations/${slug}`);
        paths.add(`/${locale}/consultations/${slug}?stakeholderType=ngo&country=CL`);
        paths.add(`/${locale}/consultations/${slug}?q=parte`);
        paths.add(`/${locale}/consultations/${slug}?page=2`);
        paths.add(`/${locale}/consultations/${slug}?stakeholderType=union&page=2`);
      }
      paths.add(`/${locale}/consultations.atom`);
      // The subscribe form, plain and for a consultation (ADR 039).
      paths.add(`/${locale}/subscriptions`);
      paths.add(`/${locale}/subscriptions?topic=${topicA.slug}`);
      // The site search reads published text only (ADR 032): words of the secrets find nothing of them.
      for (const q of ["xyz", "parte", "body", "title", "anon org", "name", "datos", "respuesta"]) paths.add(`/${locale}/search?${new URLSearchParams({ q })}`);
    }
    paths.add("/api/v1/topics");
    for (const slug of [topicA.slug, topicMany.slug, topicArchived.slug, topicB.slug, topicClosed.slug, topicDraft.slug]) paths.add(`/api/v1/topics/${slug}`);
    // The proposal's conversation, every page of it.
    for (const query of ["", "?commentsPage=2", "?commentsPage=abc"]) paths.add(`${submissionPath(refs.named!.reference)}${query}`);
    for (const slug of [topicA.slug, topicMany.slug, topicArchived.slug, topicB.slug]) {
      for (let p = 1; p <= 3; p++) {
        const path = `/api/v1/topics/${slug}/submissions?page=${p}`;
        paths.add(path);
        const { body } = await api(path);
        for (const s of body.submissions) {
          for (const locale of ["en", "fr", "es"]) paths.add(new URL(s.url).pathname.replace(/^\/\w\w\//, `/${locale}/`));
          for (const f of s.attachments) paths.add(new URL(f.url).pathname);
        }
      }
    }
    for (const name of ["campaign2", "campaign3"]) paths.add(submissionPath(refs[name]!.reference));
    // Receipts without the private link, and the 404s of what is not public.
    for (const created of Object.values(refs)) {
      paths.add(`/en/submissions/${created.reference}`);
      paths.add(submissionPath(created.reference));
    }
    expect(paths.size).toBeGreaterThan(100);
    expect([...paths].some((p) => p.includes("/attachments/"))).toBe(true);

    const checked: string[] = [];
    for (const path of paths) {
      const res = await get(server.url, path);
      expect([200, 404], path).toContain(res.status);
      const body = await res.text();
      for (const secret of secrets) expect(body.includes(secret), `${path} holds ${secret}`).toBe(false);
      checked.push(path);
    }
    // The public pages of the named, anonymous and redacted submissions were among them.
    for (const name of ["named", "anonymous", "redacted"]) expect(checked).toContain(submissionPath(refs[name]!.reference));
  });
});
