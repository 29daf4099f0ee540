import { fromZonedTime } from "date-fns-tz";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let modCA: string;
let modCL: string;
let admin: string;
let areaId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  modCA = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CA" })).id);
  modCL = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CL", locale: "es" })).id);
  admin = await sessionCookieFor(t.db, (await createUser(t.db, { role: "admin" })).id);
  areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const spanishTopic = (slug: string, extra: Record<string, string> = {}) => ({
  partyCode: "CL",
  areaId: String(areaId),
  slug,
  opensDate: inDays(-1),
  opensTime: "09:00",
  closesDate: inDays(30),
  closesTime: "23:59",
  allowComments: "on",
  es_title: "Mujeres en la minería del litio",
  es_summary: "Propuestas sobre la participación de mujeres en la minería del litio.",
  es_body: "Primer párrafo.\n\n- uno\n- dos\n\nMás en [el sitio](https://www.subrei.gob.cl).",
  q0_es: "¿Qué barreras enfrentan las mujeres?",
  ...extra,
});

async function topicBySlug(slug: string) {
  return t.db.selectFrom("topics").selectAll().where("slug", "=", slug).executeTakeFirst();
}

describe("a Chilean official publishes a topic in Spanish only", () => {
  it("is listed under Chile for an English reader, with a language notice; Canada cannot touch it", async () => {
    const res = await postForm(server.url, "/es/admin/topics/new", { ...spanishTopic("litio-mujeres"), intent: "publish" }, { cookie: modCL });
    expect(res.status).toBe(302);
    const topic = (await topicBySlug("litio-mujeres"))!;
    expect(res.headers.get("location")).toBe(`/es/admin/topics/${topic.id}?saved=publish`);
    expect(topic).toMatchObject({ party_code: "CL", state: "published", allow_comments: 1 });
    // 09:00 and 23:59 in Santiago, stored in UTC.
    expect(topic.opens_at).toBe(fromZonedTime(`${inDays(-1)}T09:00:00`, "America/Santiago").toISOString());
    expect(topic.closes_at).toBe(fromZonedTime(`${inDays(30)}T23:59:00`, "America/Santiago").toISOString());

    const list = await (await get(server.url, "/en/consultations?country=CL")).text();
    expect(list).toContain("Mujeres en la minería del litio");
    expect(list).toContain("This consultation is not available in English. It is shown in: Spanish.");
    const page = await (await get(server.url, "/en/consultations/litio-mujeres")).text();
    expect(page).toContain('<h1 lang="es">Mujeres en la minería del litio</h1>');
    expect(page).toContain('href="https://www.subrei.gob.cl"');
    expect(page).toContain("¿Qué barreras enfrentan las mujeres?");

    // Canada's moderator: no reading, no editing, no state change, whatever the form says.
    expect((await get(server.url, `/en/admin/topics/${topic.id}`, modCA)).status).toBe(403);
    expect((await get(server.url, `/en/admin/topics/${topic.id}/preview`, modCA)).status).toBe(403);
    for (const fields of [
      { ...spanishTopic("litio-mujeres", { es_title: "Hacked" }), intent: "save" },
      { ...spanishTopic("litio-mujeres", { es_title: "Hacked", partyCode: "CA" }), intent: "save" },
      { intent: "close" },
      { intent: "archive" },
    ]) {
      const tamper = await postForm(server.url, `/en/admin/topics/${topic.id}`, fields, { cookie: modCA });
      expect(tamper.status).toBe(403);
    }
    const after = (await topicBySlug("litio-mujeres"))!;
    expect(after).toEqual(topic);
    const title = await t.db.selectFrom("topic_translations").select("title").where("topic_id", "=", topic.id).executeTakeFirstOrThrow();
    expect(title.title).toBe("Mujeres en la minería del litio");
    // And the list of topics shows only Canada's to Canada's moderator.
    expect(await (await get(server.url, "/en/admin/topics", modCA)).text()).not.toContain("litio-mujeres");
  });

  it("a moderator's new topic is of their own party, whatever the form says", async () => {
    const res = await postForm(server.url, "/en/admin/topics/new", { ...spanishTopic("forced-party", { partyCode: "CL" }), intent: "save" }, { cookie: modCA });
    expect(res.status).toBe(302);
    expect((await topicBySlug("forced-party"))!.party_code).toBe("CA");
    expect((await topicBySlug("forced-party"))!.state).toBe("draft");
    // Drafts are nowhere public.
    expect((await get(server.url, "/en/consultations/forced-party")).status).toBe(404);
    expect(await (await get(server.url, "/api/v1/topics")).text()).not.toContain("forced-party");
  });
});

describe("validation", () => {
  it.each([
    ["closing before opening", { closesDate: inDays(-5) }, "closesDate", "The closing date must come after the opening date."],
    ["a duplicate slug", { slug: "women-in-mining-chile" }, "slug", "Another consultation already uses this address."],
    ["a title over the limit", { es_title: "x".repeat(151) }, "es_title", "This is too long."],
    ["a body with script content", { es_body: 'Hola <script>alert("x")</script>' }, "es_body", "Remove the script or HTML code"],
    ["an event handler", { es_summary: '<img src=x onerror="alert(1)">' }, "es_summary", "Remove the script or HTML code"],
    ["no language at all", { es_title: "", es_summary: "", es_body: "", q0_es: "" }, "en_title", "Write the title and summary in at least one language."],
  ])("refuses %s with a message beside the field, keeping what was typed", async (_name, change, field, message) => {
    const fields = { ...spanishTopic(`valid-${Math.random().toString(36).slice(2, 8)}`, change as Record<string, string>), intent: "save" };
    const res = await postForm(server.url, "/en/admin/topics/new", fields, { cookie: modCL });
    expect([400, 409]).toContain(res.status);
    const html = await res.text();
    expect(html).toContain(`id="field-${field}-error"`);
    expect(html).toContain(message);
    expect(html).toContain(`href="#field-${field}"`);
    if (fields.es_summary) expect(html).toContain(fields.es_summary.replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    if (fields.q0_es) expect(html).toContain("¿Qué barreras enfrentan las mujeres?");
    const stored = await t.db.selectFrom("topics").select("id").where("slug", "=", fields.slug).execute();
    expect(stored.length).toBe(fields.slug === "women-in-mining-chile" ? 1 : 0);
  });

  it("ties each field to its label, hint and message for assistive technology", async () => {
    const fields = { ...spanishTopic("accessible-form", { es_title: "x".repeat(151) }), intent: "save" };
    const html = await (await postForm(server.url, "/en/admin/topics/new", fields, { cookie: admin })).text();
    /** The opening tag of the control with this id, and its attributes. */
    const control = (id: string) => {
      const tag = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? "";
      return { tag, attr: (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] };
    };
    for (const name of ["es_title", "partyCode", "areaId", "slug", "opensDate", "es_summary", "es_body"]) {
      expect(html).toContain(`<label for="field-${name}">`);
      expect(html).toContain(`id="field-${name}-hint"`);
      expect(control(`field-${name}`).attr("name")).toBe(name);
    }
    const title = control("field-es_title");
    expect(title.attr("aria-invalid")).toBe("true");
    expect(title.attr("aria-describedby")).toBe("field-es_title-hint field-es_title-error");
    expect(html).toContain('<p class="field__error" id="field-es_title-error">');
    const slug = control("field-slug");
    expect(slug.attr("aria-invalid")).toBeUndefined();
    expect(slug.attr("aria-describedby")).toBe("field-slug-hint");
    expect(control("field-areaId").attr("aria-describedby")).toBe("field-areaId-hint");
    expect(control("field-es_body").tag).toMatch(/^<textarea/);
    // What was typed comes back.
    expect(html).toContain(`value="${fields.slug}"`);
  });
});

describe("state changes and the audit trail", () => {
  it("closes early and archives, each recorded", async () => {
    await postForm(server.url, "/en/admin/topics/new", { ...spanishTopic("to-close"), intent: "publish" }, { cookie: admin });
    const topic = (await topicBySlug("to-close"))!;
    expect((await postForm(server.url, `/en/admin/topics/${topic.id}`, { intent: "close" }, { cookie: modCL })).status).toBe(302);
    expect((await topicBySlug("to-close"))!.closed_early_at).not.toBeNull();
    expect(await (await get(server.url, "/en/consultations?status=closed")).text()).toContain("Mujeres en la minería del litio");
    expect((await postForm(server.url, `/en/admin/topics/${topic.id}`, { intent: "archive" }, { cookie: modCL })).status).toBe(302);
    expect(await (await get(server.url, "/en/consultations?q=litio&status=closed")).text()).not.toContain("to-close");
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "topic")
      .where("subject_id", "=", String(topic.id))
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["topic.created", "topic.published", "topic.closed", "topic.archived"]);
  });
});

describe("public list", () => {
  it("filters by country, area and status and searches without JavaScript", async () => {
    const all = await (await get(server.url, "/en/consultations")).text();
    expect(all).toContain("Women in clean technology");
    const chile = await (await get(server.url, "/fr/consultations?country=CL&status=upcoming")).text();
    const cards = chile.match(/class="card topic-card"/g) ?? [];
    expect(cards).toHaveLength(1); // the scheduled Chilean topic
    const search = await (await get(server.url, "/es/consultations?q=MINER")).text();
    expect(search).toContain("minería");
    expect(search).not.toContain("tecnologías limpias");
    const area2 = await (await get(server.url, "/en/consultations?area=2")).text();
    expect(area2).toMatch(/Area 2/);
    expect(area2).not.toMatch(/Area 3 ·/);
    const nothing = await (await get(server.url, "/en/consultations?q=zzzznothing")).text();
    expect(nothing).toContain("No consultation matches");
    // Junk in the query string is ignored, not an error.
    expect((await get(server.url, "/en/consultations?country=XX&page=-4&status=<script>")).status).toBe(200);
  });
});

describe("control characters in topic texts (issue 14, item 16)", () => {
  /** XML 1.0 allows only these characters: anything else makes the whole feed unreadable. */
  const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

  it("are removed when an official saves a topic, with bidi overrides, as from submissions", async () => {
    const res = await postForm(
      server.url,
      "/es/admin/topics/new",
      {
        ...spanishTopic("control-chars", {
          es_title: "Mujeres\u0007 en la\u0000 minería \u202eazul\u202c",
          es_summary: "Resumen\u001b con \u2066control\u2069.",
          q0_es: "¿Qué\u0008 barreras?",
        }),
        intent: "publish",
      },
      { cookie: modCL },
    );
    expect(res.status).toBe(302);
    const topic = (await topicBySlug("control-chars"))!;
    const text = await t.db.selectFrom("topic_translations").select(["title", "summary"]).where("topic_id", "=", topic.id).executeTakeFirstOrThrow();
    expect(text).toEqual({ title: "Mujeres en la minería azul", summary: "Resumen con control." });
    const question = await t.db
      .selectFrom("topic_question_translations as qt")
      .innerJoin("topic_questions as q", "q.id", "qt.question_id")
      .select("qt.text")
      .where("q.topic_id", "=", topic.id)
      .executeTakeFirstOrThrow();
    expect(question.text).toBe("¿Qué barreras?");
  });

  it("are removed before the form is checked: a title of nothing else is missing, not a failure", async () => {
    const res = await postForm(
      server.url,
      "/es/admin/topics/new",
      { ...spanishTopic("only-control", { es_title: "\u0007\u202e\u0000" }), intent: "save" },
      { cookie: modCL },
    );
    expect(res.status).toBe(400);
    expect(await topicBySlug("only-control")).toBeUndefined();
  });

  it("never make the Atom feed invalid, even when already stored", async () => {
    const res = await postForm(server.url, "/es/admin/topics/new", { ...spanishTopic("old-control-chars"), intent: "publish" }, { cookie: modCL });
    expect(res.status).toBe(302);
    const topic = (await topicBySlug("old-control-chars"))!;
    // A text stored before texts were cleaned.
    await t.db
      .updateTable("topic_translations")
      .set({ title: "Antes\u0001\u000b del\ufffe cambio", summary: "Con \u001f control" })
      .where("topic_id", "=", topic.id)
      .execute();
    for (const locale of ["en", "es"]) {
      const xml = await (await get(server.url, `/${locale}/consultations.atom`)).text();
      expect(NOT_XML.exec(xml)).toBeNull();
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).toContain("Antes del cambio");
    }
  });
});

describe("open data", () => {
  it("serves every public topic as JSON, never a draft", async () => {
    await postForm(server.url, "/en/admin/topics/new", { ...spanishTopic("secret-draft"), intent: "save" }, { cookie: modCL });
    const res = await get(server.url, "/api/v1/topics");
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await res.json()) as { count: number; topics: Array<{ slug: string; status: string; translations: Record<string, { title: string }> }> };
    expect(body.count).toBe(body.topics.length);
    expect(body.topics.map((x) => x.slug)).not.toContain("secret-draft");
    expect(body.topics.find((x) => x.slug === "dialogo-intersectorial-chile")!.translations).toHaveProperty("es");
    expect(Object.keys(body.topics.find((x) => x.slug === "dialogo-intersectorial-chile")!.translations)).toEqual(["es"]);
    expect(body.topics.every((x) => x.status !== "draft")).toBe(true);
  });

  it("serves a well-formed Atom feed per language, without drafts", async () => {
    for (const locale of ["en", "fr", "es"]) {
      const res = await get(server.url, `/${locale}/consultations.atom`);
      expect(res.headers.get("content-type")).toMatch(/application\/atom\+xml/);
      const xml = await res.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
      expect(feed["@_xml:lang"]).toBe(locale);
      const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
      expect(entries.length).toBeGreaterThanOrEqual(8);
      expect(xml).not.toContain("secret-draft");
    }
  });
});
