// Reply templates (issue 18, item 5; ADR 043): each country's officials keep their own, every
// change is audited, the reject form proposes those in the person's language and says which
// language the email will be in, and the approval email says when parts were redacted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { ForbiddenError, NotFoundError } from "~/models/errors";
import { moderate } from "~/models/moderation.server";
import { createReplyTemplate, deleteReplyTemplate, listReplyTemplates, templatesFor, updateReplyTemplate } from "~/models/reply-templates.server";
import { replyTemplateSchema } from "~/schemas/reply-template";
import type { Actor } from "~/utils/permissions";
import { createOfficial, createSubmissionFor, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { lastQueuedEmailTo } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let modCA: Actor;
let modCL: Actor;
let admin: Actor;
let cookieCA = "";
let cookieCL = "";
let topicCA = { id: 0, slug: "" };

const input = (values: Record<string, string>) => replyTemplateSchema.parse(values);
const audits = (action: string) => t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
const lastEmailTo = (address: string) => lastQueuedEmailTo(t.db, address);

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const officials = await Promise.all([
    createOfficial(t.db, { role: "moderator", party: "CA" }),
    createOfficial(t.db, { role: "moderator", party: "CL" }),
    createOfficial(t.db, { role: "admin" }),
  ]);
  [modCA, modCL, admin] = officials.map((o) => o.actor) as [Actor, Actor, Actor];
  cookieCA = officials[0]!.cookie;
  cookieCL = officials[1]!.cookie;
  topicCA = await createTopic(t.db, { party: "CA" });
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("the templates module", () => {
  it("creates, changes and deletes a country's template, each step audited with its wording", async () => {
    const id = await createReplyTemplate(
      t.db,
      modCA,
      "CA",
      input({ kind: "rejection", locale: "fr", reason: "off_topic", name: "Hors sujet", body: "Merci, mais…" }),
    );
    expect((await listReplyTemplates(t.db, modCA, "CA")).map((x) => x.name)).toContain("Hors sujet");
    await updateReplyTemplate(
      t.db,
      modCA,
      id,
      input({ kind: "rejection", locale: "fr", reason: "off_topic", name: "Hors sujet", body: "Merci beaucoup, mais…" }),
    );
    expect((await listReplyTemplates(t.db, modCA, "CA")).find((x) => x.id === id)?.body).toBe("Merci beaucoup, mais…");
    await deleteReplyTemplate(t.db, modCA, id);
    expect((await listReplyTemplates(t.db, modCA, "CA")).some((x) => x.id === id)).toBe(false);

    const [created] = (await audits("template.created")).filter((a) => a.subject_id === String(id));
    const [updated] = (await audits("template.updated")).filter((a) => a.subject_id === String(id));
    const [deleted] = (await audits("template.deleted")).filter((a) => a.subject_id === String(id));
    expect(created?.actor_user_id).toBe(modCA.id);
    expect(JSON.parse(updated!.details!)).toMatchObject({ before: { body: "Merci, mais…" }, after: { body: "Merci beaucoup, mais…" } });
    expect(JSON.parse(deleted!.details!)).toMatchObject({ party: "CA", body: "Merci beaucoup, mais…" });
  });

  it("refuses another country's templates to a moderator, and lets an admin manage both", async () => {
    const id = await createReplyTemplate(t.db, modCL, "CL", input({ kind: "note", locale: "es", name: "Gracias", body: "Gracias por su aporte." }));
    await expect(listReplyTemplates(t.db, modCA, "CL")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createReplyTemplate(t.db, modCA, "CL", input({ kind: "note", locale: "es", name: "X", body: "X" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateReplyTemplate(t.db, modCA, id, input({ kind: "note", locale: "es", name: "X", body: "X" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteReplyTemplate(t.db, modCA, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteReplyTemplate(t.db, modCA, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listReplyTemplates(t.db, modCL, "CL")).find((x) => x.id === id)?.body).toBe("Gracias por su aporte.");
    await updateReplyTemplate(t.db, admin, id, input({ kind: "note", locale: "es", name: "Gracias", body: "Muchas gracias." }));
    expect((await listReplyTemplates(t.db, admin, "CL")).find((x) => x.id === id)?.body).toBe("Muchas gracias.");
  });

  it("asks a rejection template for its reason and gives a note template none", () => {
    expect(replyTemplateSchema.safeParse({ kind: "rejection", locale: "en", name: "N", body: "B" }).success).toBe(false);
    expect(input({ kind: "note", locale: "en", reason: "spam", name: "N", body: "B" }).reason).toBeNull();
  });
});

describe("the templates page", () => {
  it("adds, edits and deletes a template over HTTP, in the official's own country", async () => {
    const created = await postForm(
      server.url,
      "/fr/admin/templates",
      { intent: "create", partyCode: "CA", kind: "note", locale: "en", name: "Thanks HTTP", body: "Thank you." },
      { cookie: cookieCA },
    );
    expect(created.status).toBe(302);
    const row = await t.db.selectFrom("reply_templates").selectAll().where("name", "=", "Thanks HTTP").executeTakeFirstOrThrow();
    expect(row.party_code).toBe("CA");
    const page = await (await get(server.url, "/fr/admin/templates?done=created", cookieCA)).text();
    expect(page).toContain("Thanks HTTP");
    expect(page).toContain("Modèles de réponse");
    const invalid = await postForm(
      server.url,
      "/en/admin/templates",
      { intent: "update", id: String(row.id), kind: "note", locale: "en", name: "", body: "x" },
      { cookie: cookieCA },
    );
    expect(invalid.status).toBe(400);
    expect(
      (
        await postForm(
          server.url,
          "/en/admin/templates",
          { intent: "update", id: String(row.id), kind: "note", locale: "en", name: "Thanks", body: "Thanks!" },
          { cookie: cookieCA },
        )
      ).status,
    ).toBe(302);
    expect((await t.db.selectFrom("reply_templates").select("body").where("id", "=", row.id).executeTakeFirstOrThrow()).body).toBe("Thanks!");
    // Chile's moderator can neither change nor delete it: the translated 403, the row unchanged.
    const refused = await postForm(server.url, "/es/admin/templates", { intent: "delete", id: String(row.id) }, { cookie: cookieCL });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Acceso denegado");
    expect(await t.db.selectFrom("reply_templates").select("id").where("id", "=", row.id).executeTakeFirst()).toBeDefined();
    expect((await postForm(server.url, "/en/admin/templates", { intent: "delete", id: String(row.id) }, { cookie: cookieCA })).status).toBe(302);
    expect(await t.db.selectFrom("reply_templates").select("id").where("id", "=", row.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("the reject form", () => {
  it("proposes the templates in the person's language and says which language the email will be in", async () => {
    await createReplyTemplate(
      t.db,
      modCA,
      "CA",
      input({ kind: "rejection", locale: "es", reason: "duplicate", name: "Duplicado ES", body: "Su aporte repite otro." }),
    );
    await createReplyTemplate(
      t.db,
      modCA,
      "CA",
      input({ kind: "rejection", locale: "en", reason: "duplicate", name: "Duplicate EN", body: "Your submission repeats another." }),
    );
    // Written in English from the Spanish page: the person reads emails in Spanish.
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, locale: "es", values: { language: "en" } });
    const es = await templatesFor(t.db, modCA, "CA", "es");
    expect(es.map((x) => x.name)).toEqual(["Duplicado ES"]);

    const page = await (await get(server.url, `/en/admin/submissions/${s.reference}`, cookieCA)).text();
    expect(page).toContain("The email to the person will be in Spanish");
    expect(page).toContain("Use “Duplicado ES”");
    expect(page).not.toContain("Duplicate EN");

    const chosen = await (await get(server.url, `/fr/admin/submissions/${s.reference}?template=${es[0]!.id}`, cookieCA)).text();
    expect(chosen).toContain("Le courriel à la personne sera en espagnol");
    expect(chosen).toMatch(/<textarea[^>]*name="note"[^>]*>Su aporte repite otro\.<\/textarea>/);
    expect(chosen).toMatch(/<option value="duplicate" selected="">/);

    await moderate(t.db, modCA, s.reference, { intent: "reject", version: 1, reason: "duplicate", note: es[0]!.body, applyToCampaign: false });
    const { contact_email } = await t.db.selectFrom("submissions").select("contact_email").where("id", "=", s.id).executeTakeFirstOrThrow();
    const email = await lastEmailTo(contact_email);
    expect(email.locale).toBe("es");
    expect(email.text_body).toContain("Su aporte repite otro.");
  });
});

describe("the approval email", () => {
  const emailOf = async (id: number) => {
    const { contact_email } = await t.db.selectFrom("submissions").select("contact_email").where("id", "=", id).executeTakeFirstOrThrow();
    return lastEmailTo(contact_email);
  };

  it("says that parts were redacted when officials removed passages", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { body: "Call me on 613-555-0199 about trade data for women." } });
    await moderate(t.db, modCA, s.reference, {
      intent: "redact",
      version: 1,
      title: "",
      body: "Call me on [[613-555-0199]] about trade data for women.",
      attachmentsPublic: true,
      answers: {},
    });
    await moderate(t.db, modCA, s.reference, { intent: "approve", version: 2, applyToCampaign: false });
    expect((await emailOf(s.id)).text_body).toContain("officials removed some passages");
  });

  it("says nothing of redaction when the text is published as sent", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    await moderate(t.db, modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    expect((await emailOf(s.id)).text_body).not.toContain("removed some passages");
  });
});
