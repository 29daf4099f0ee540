import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { approveAsSent, createSubmissionFor, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";
import { searchPublishedSubmissions, SITE_SEARCH_LIMIT } from "~/models/published-submissions.server";

/*
 * The home page and the one search of the public site (issue 17, item 7): the reader's likely
 * country first, and a search over consultations and published submissions together that reads
 * only what was published (ADR 015, ADR 032), within its bounds.
 */

let t: TestDatabase;
let server: RunningServer;
let topic: { id: number; slug: string };
let draft: { id: number; slug: string };
const refs: Record<string, string> = {};
let clock = Date.now() - 3_600_000;

/** What an approval records: the public reads only these columns. */
async function approve(id: number, set: { published_body?: string } = {}) {
  clock += 1000;
  await t.db
    .updateTable("submissions")
    .set((eb) => ({
      ...set,
      status: "approved",
      decided_at: new Date(clock).toISOString(),
      approved_version: eb.ref("version"),
      approved_title: eb.ref("title"),
      approved_body: set.published_body ?? eb.ref("body"),
    }))
    .where("id", "=", id)
    .execute();
}

async function make(name: string, values: Record<string, string>, slug = topic.slug) {
  const created = await createSubmissionFor(t.db, { topicSlug: slug, values });
  refs[name] = created.reference;
  return created.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  topic = await createTopic(t.db, {
    party: "CL",
    translations: { es: { title: "Cuidados en Quillotana", summary: "Trabajo de cuidados y género" } },
  });
  draft = await createTopic(t.db, { party: "CL", translations: { en: { title: "Quillotana draft" } } });

  await approve(
    await make("anonymous", { body: "Salas cuna para la minería quillotana y el GÉNERO.", publication: "anonymous", organisationName: "Sindicato Hiddenorg" }),
  );
  await approve(await make("named", { body: "Another text about childcare.", publication: "named", organisationName: "Cooperativa Quillotana" }));
  await make("pending", { body: "Quillotana pending text." });
  const rejected = await make("rejected", { body: "Quillotana rejected text." });
  await t.db.updateTable("submissions").set({ status: "rejected" }).where("id", "=", rejected).execute();
  await approve(await make("officials", { body: "Quillotana officials only.", publication: "officials" }));
  await approve(await make("draftTopic", { body: "Quillotana in a draft topic." }, draft.slug));
  await t.db.updateTable("topics").set({ state: "draft" }).where("id", "=", draft.id).execute();
  await approve(await make("redacted", { body: "Public words and a secretvillage passage." }), { published_body: "Public words and a [[redacted]] passage." });
  // Approved, then changed in the live columns (as by a person's edit): the public text is the approved one.
  const edited = await make("edited", { body: "Approved wording only." });
  await approve(edited);
  await t.db.updateTable("submissions").set({ body: "Approved wording only, plus liveonlyword." }).where("id", "=", edited).execute();

  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const search = async (q: string, locale = "en", extra = "") => {
  const res = await get(server.url, `/${locale}/search?${new URLSearchParams({ q })}${extra}`);
  return { status: res.status, html: await res.text() };
};
const foundRefs = (html: string) => [...html.matchAll(/\/submissions\/((?:CA|CL)-\d{4}-\d{5})"/g)].map((m) => m[1]);

describe("the site search", () => {
  it("finds consultations, then published submissions, in two groups", async () => {
    const { status, html } = await search("quillotana");
    expect(status).toBe(200);
    const consultations = html.indexOf('id="found-consultations"');
    const submissions = html.indexOf('id="found-submissions"');
    expect(consultations).toBeGreaterThan(0);
    expect(submissions).toBeGreaterThan(consultations);
    expect(html.slice(consultations, submissions)).toContain(`/en/consultations/${topic.slug}"`);
    expect(html.slice(consultations, submissions)).not.toContain(draft.slug);
    expect(foundRefs(html.slice(submissions)).sort()).toEqual([refs.anonymous, refs.named].sort());
  });

  it("reads only published text: approved, in that version, names only where published", async () => {
    expect(foundRefs((await search("quillotana")).html)).not.toContain(refs.pending);
    for (const word of ["pending", "rejected", "officials", "draft", "secretvillage", "liveonlyword", "hiddenorg"]) {
      expect(foundRefs((await search(word)).html), word).toEqual([]);
    }
    expect(foundRefs((await search("approved wording")).html)).toEqual([refs.edited]);
    // The redaction mark is not a word of the text.
    expect(foundRefs((await search("public words")).html)).toEqual([refs.redacted]);
  });

  it("ignores case and accents, and matches the start of words", async () => {
    expect(foundRefs((await search("genero")).html)).toEqual([refs.anonymous]);
    expect(foundRefs((await search("Mineri")).html)).toEqual([refs.anonymous]);
    expect(foundRefs((await search("inera")).html)).toEqual([]);
    const { html } = await search("GÉNERO cuidados", "es");
    expect(html).toContain(`/es/consultations/${topic.slug}"`);
  });

  it("refuses a query over 200 characters with a translated 400, never a 500", async () => {
    const long = "a".repeat(201);
    for (const [locale, message] of [
      ["en", "Your search is too long: use at most 200 characters."],
      ["fr", "Votre recherche est trop longue\u202f: utilisez au plus 200 caractères."],
      ["es", "Su búsqueda es demasiado larga: use como máximo 200 caracteres."],
    ] as const) {
      const { status, html } = await search(long, locale);
      expect(status, locale).toBe(400);
      expect(html).toContain(message);
      expect(html).not.toContain(`value="${long}"`);
    }
    expect((await search("a".repeat(200))).status).toBe(200);
    for (const extra of ["&page=abc", "&page=-1", "&page=99999999999", "&q=second"]) expect((await search("quillotana", "en", extra)).status, extra).toBe(200);
    expect((await search("%_\\'\"*()")).status).toBe(200);
    expect((await search("")).status).toBe(200);
  });

  it(`finds at most ${SITE_SEARCH_LIMIT} submissions, 10 a page`, async () => {
    const many = await createTopic(t.db, { party: "CA" });
    const ids: number[] = [];
    for (let i = 0; i <= SITE_SEARCH_LIMIT; i++)
      ids.push((await createSubmissionFor(t.db, { topicSlug: many.slug, values: { body: `Zyxwords number ${i}.` } })).id);
    await approveAsSent(t.db, ids);
    const first = await searchPublishedSubmissions(t.db, "en", ["zyxwords"], 1);
    expect(first).toMatchObject({ total: SITE_SEARCH_LIMIT, limited: true, pages: SITE_SEARCH_LIMIT / 10 });
    expect(first.submissions).toHaveLength(10);
    const last = await searchPublishedSubmissions(t.db, "en", ["zyxwords"], 1000);
    expect(last.page).toBe(SITE_SEARCH_LIMIT / 10);
    const { html } = await search("zyxwords", "en", "&page=2");
    expect(foundRefs(html)).toHaveLength(10);
    expect(html).toContain("Only the 200 most recent are shown");
  });

  it("is in every public page's header, as a GET form", async () => {
    for (const path of ["/en", "/fr/consultations", `/es/consultations/${topic.slug}`]) {
      const html = await (await get(server.url, path)).text();
      expect(html, path).toMatch(new RegExp(`<form method="get" action="/${path.slice(1, 3)}/search" role="search"`));
    }
  });
});

describe("the home page", () => {
  const order = (html: string) => [...html.matchAll(/<section id="party-(CA|CL)"/g)].map((m) => m[1]);

  it("leads with the reader's likely country: Chile on /es, Canada on /en and /fr, both always", async () => {
    expect(order(await (await get(server.url, "/es")).text())).toEqual(["CL", "CA"]);
    expect(order(await (await get(server.url, "/en")).text())).toEqual(["CA", "CL"]);
    expect(order(await (await get(server.url, "/fr")).text())).toEqual(["CA", "CL"]);
  });

  it("offers 'Take part', and the kinds of participants are plain text, not look-alike links", async () => {
    const html = await (await get(server.url, "/en")).text();
    expect(html).toMatch(/<a class="button button--primary" href="#open-now">Take part<\/a>/);
    expect(html).toContain(`href="/en/consultations/${topic.slug}/submit"`);
    expect(html).not.toContain("pill-list");
    const who = /<ul class="who-list">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
    expect(who).toContain("Trade unions");
    expect(who).not.toContain("<a ");
  });
});
