import { readPublicationState } from "~/models/publication.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { ForbiddenError, NotFoundError } from "~/models/errors";
import { getOutcomeForm, getPublicOutcome, OutcomeRefused, publishOutcome, saveOutcome } from "~/models/outcomes.server";
import type { Actor } from "~/utils/permissions";
import { createTopic, createUser, sessionCookieFor, type TopicOptions } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 17, item 6: "what we heard". Officials of the topic's country write the response per
// language, link a frozen public edition, publish it once the consultation is closed; every save
// and publication is audited; the public reads only the published copy.

let t: TestDatabase;
let server: RunningServer;
type Who = "modCA" | "modCL" | "admin" | "committee";
const actors = {} as Record<Who, Actor>;
const cookies = {} as Record<Who, string>;
const HOUR = 3_600_000;

const audit = (action: string, topicId: number) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("subject_id", "=", String(topicId)).orderBy("id").execute();

const texts = (heard: string, actions = "We will act.", nextSteps = "") => ({ heard, actions, nextSteps });

async function edition(
  topicId: number,
  options: { edition?: "public" | "committee"; status?: "compiled" | "exchanged" | "compiling"; scopeTopic?: number } = {},
) {
  const scopeTopic = options.scopeTopic ?? topicId;
  const { id } = await t.db
    .insertInto("summary_editions")
    .values({
      scope_key: `topic:${scopeTopic}`,
      number: Math.floor(Math.random() * 1000) + 1,
      scope: JSON.stringify({ kind: "topic", topicId: scopeTopic }),
      edition: options.edition ?? "public",
      status: options.status ?? "exchanged",
      progress: 100,
      data_hash: "ab".repeat(32),
      created_by_user_id: actors.admin.id,
      created_at: new Date(Date.now() - HOUR).toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

const closedTopic = (party: "CA" | "CL" = "CL", translations?: TopicOptions["translations"]) =>
  createTopic(t.db, { party, opensAt: new Date(Date.now() - 48 * HOUR), closesAt: new Date(Date.now() - HOUR), translations });

const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  for (const [name, options] of [
    ["modCA", { role: "moderator", party: "CA" }],
    ["modCL", { role: "moderator", party: "CL" }],
    ["admin", { role: "admin" }],
    ["committee", { role: "committee", party: "CL" }],
  ] as const) {
    const user = await createUser(t.db, options);
    actors[name] = { id: user.id, role: user.role, partyCode: user.party_code };
    cookies[name] = await sessionCookieFor(t.db, user.id);
  }
  server = await startServer(t.env);
});

afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("writing the response (model)", () => {
  it("is for the officials of the topic's country and admins: another country's official and the committee are refused", async () => {
    const topic = await closedTopic("CL");
    const input = { version: 0, editionId: null, texts: { es: texts("Escuchamos.") } };
    await expect(saveOutcome(t.db, actors.modCA, topic.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveOutcome(t.db, actors.committee, topic.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getOutcomeForm(t.db, actors.modCA, topic.id, "en")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getOutcomeForm(t.db, actors.committee, topic.id, "en")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveOutcome(t.db, actors.modCL, 999_999, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await audit("outcome.updated", topic.id)).toHaveLength(0);
    expect(await saveOutcome(t.db, actors.modCL, topic.id, input)).toBe(1);
    const v2 = await saveOutcome(t.db, actors.admin, topic.id, { ...input, version: 1, texts: { es: texts("Escuchamos más.") } });
    expect(v2).toBe(2);
    await expect(publishOutcome(t.db, actors.modCA, topic.id, v2)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(publishOutcome(t.db, actors.committee, topic.id, v2)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await audit("outcome.published", topic.id)).toHaveLength(0);
  });

  it("audits every edit with who, before and after; a save that changes nothing is not an edit", async () => {
    const topic = await closedTopic("CL");
    await saveOutcome(t.db, actors.modCL, topic.id, { version: 0, editionId: null, texts: { en: texts("First") } });
    await saveOutcome(t.db, actors.modCL, topic.id, { version: 1, editionId: null, texts: { en: texts("Second"), fr: texts("Deuxième") } });
    expect(await saveOutcome(t.db, actors.modCL, topic.id, { version: 2, editionId: null, texts: { en: texts("Second"), fr: texts("Deuxième") } })).toBe(2);
    const entries = await audit("outcome.updated", topic.id);
    expect(entries).toHaveLength(2);
    expect(entries[1]!.actor_user_id).toBe(actors.modCL.id);
    const details = JSON.parse(entries[1]!.details!);
    expect(details.before.texts.en.heard).toBe("First");
    expect(details.after.texts).toMatchObject({ en: { heard: "Second" }, fr: { heard: "Deuxième" } });
  });

  it("refuses a form opened at an older version rather than overwrite another official's text", async () => {
    const topic = await closedTopic("CL");
    await saveOutcome(t.db, actors.modCL, topic.id, { version: 0, editionId: null, texts: { en: texts("Mine") } });
    const stale = saveOutcome(t.db, actors.admin, topic.id, { version: 0, editionId: null, texts: { en: texts("Theirs") } });
    await expect(stale).rejects.toBeInstanceOf(OutcomeRefused);
    await expect(stale).rejects.toMatchObject({ reason: "changed" });
    const form = await getOutcomeForm(t.db, actors.modCL, topic.id, "en");
    expect(form.values.en_heard).toBe("Mine");
  });

  it("publishes only once the consultation is closed, audited, and the public reads only what was published", async () => {
    const open = await createTopic(t.db, { party: "CL" });
    const v = await saveOutcome(t.db, actors.modCL, open.id, { version: 0, editionId: null, texts: { en: texts("Too early") } });
    await expect(publishOutcome(t.db, actors.modCL, open.id, v)).rejects.toMatchObject({ reason: "not_closed" });
    expect(await getPublicOutcome(t.db, open.slug, "en")).toBeNull();

    const topic = await closedTopic("CL");
    const v1 = await saveOutcome(t.db, actors.modCL, topic.id, { version: 0, editionId: null, texts: { en: texts("Heard A", "Do A", "Next A") } });
    expect(await getPublicOutcome(t.db, topic.slug, "en")).toBeNull(); // a draft is never public
    const version = async () => (await readPublicationState(t.db)).version;
    const beforePublishing = await version();
    const v2 = await publishOutcome(t.db, actors.modCL, topic.id, v1);
    // Cached public pages and ETags move on (ADR 027); saving a draft did not.
    expect(await version()).toBe(beforePublishing + 1);
    expect(await getPublicOutcome(t.db, topic.slug, "en")).toMatchObject({ locale: "en", heard: "Heard A", actions: "Do A", nextSteps: "Next A" });
    const [published] = await audit("outcome.published", topic.id);
    expect(published!.actor_user_id).toBe(actors.modCL.id);
    expect(JSON.parse(published!.details!)).toMatchObject({ before: null, after: { texts: { en: { heard: "Heard A" } } } });

    // An edit after publication stays a draft until published again.
    const v3 = await saveOutcome(t.db, actors.modCL, topic.id, { version: v2, editionId: null, texts: { en: texts("Heard B", "Do B") } });
    expect((await getPublicOutcome(t.db, topic.slug, "en"))!.heard).toBe("Heard A");
    expect((await getOutcomeForm(t.db, actors.modCL, topic.id, "en")).outcome!.unpublishedChanges).toBe(true);
    await publishOutcome(t.db, actors.modCL, topic.id, v3);
    expect((await getPublicOutcome(t.db, topic.slug, "en"))!.heard).toBe("Heard B");
    const again = await audit("outcome.published", topic.id);
    expect(again).toHaveLength(2);
    expect(JSON.parse(again[1]!.details!).before.texts.en.heard).toBe("Heard A");
  });

  it("links only a frozen public edition of this consultation's summary", async () => {
    const topic = await closedTopic("CL");
    const other = await closedTopic("CL");
    const good = await edition(topic.id);
    const committee = await edition(topic.id, { edition: "committee" });
    const compiling = await edition(topic.id, { status: "compiling" });
    const otherTopic = await edition(other.id);
    const form = await getOutcomeForm(t.db, actors.modCL, topic.id, "en");
    expect(form.editions.map((e) => e.id)).toEqual([good]);
    for (const editionId of [committee, compiling, otherTopic, 999_999]) {
      await expect(saveOutcome(t.db, actors.modCL, topic.id, { version: 0, editionId, texts: { en: texts("x") } }), String(editionId)).rejects.toMatchObject({
        reason: "bad_edition",
      });
    }
    const v = await saveOutcome(t.db, actors.modCL, topic.id, { version: 0, editionId: good, texts: { en: texts("With edition") } });
    await publishOutcome(t.db, actors.modCL, topic.id, v);
    expect((await getPublicOutcome(t.db, topic.slug, "en"))!.edition).toMatchObject({ fingerprint: "ab".repeat(32) });
  });

  it("shows the reader's language, else another one", async () => {
    const topic = await closedTopic("CL");
    const v = await saveOutcome(t.db, actors.modCL, topic.id, { version: 0, editionId: null, texts: { es: texts("Escuchamos"), fr: texts("Entendu") } });
    await publishOutcome(t.db, actors.modCL, topic.id, v);
    expect(await getPublicOutcome(t.db, topic.slug, "fr")).toMatchObject({ locale: "fr", heard: "Entendu", availableLocales: ["fr", "es"] });
    expect(await getPublicOutcome(t.db, topic.slug, "en")).toMatchObject({ locale: "fr" });
  });
});

describe("the response on the public site", () => {
  let topic: { id: number; slug: string };
  let pending: { id: number; slug: string };

  beforeAll(async () => {
    topic = await closedTopic("CL", { en: { title: "Care in mining" }, fr: { title: "Soins" }, es: { title: "Cuidados" } });
    pending = await closedTopic("CL");
    // A draft nobody published: never public.
    await saveOutcome(t.db, actors.modCL, pending.id, { version: 0, editionId: null, texts: { en: texts("SECRET-UNPUBLISHED heard") } });
    const e = await edition(topic.id);
    const v = await saveOutcome(t.db, actors.modCL, topic.id, {
      version: 0,
      editionId: e,
      texts: {
        en: texts("We heard about childcare.", "We will fund crèches.", "A report in June."),
        es: texts("Escuchamos sobre cuidados.", "Financiaremos salas cuna."),
      },
    });
    await publishOutcome(t.db, actors.modCL, topic.id, v);
    await saveOutcome(t.db, actors.modCL, topic.id, { version: v + 1, editionId: e, texts: { en: texts("SECRET-LATER-DRAFT heard", "x") } });
  });

  it("says the response is being prepared on a closed consultation without one, in each language", async () => {
    for (const [locale, words] of [
      ["en", "The response is being prepared."],
      ["fr", "La réponse est en préparation."],
      ["es", "La respuesta se está preparando."],
    ] as const) {
      const html = await (await get(server.url, `/${locale}/consultations/${pending.slug}`)).text();
      expect(textOf(html), locale).toContain(words);
      expect(html).not.toContain("SECRET");
    }
  });

  it("leads the consultation's page with the published response, in the reader's language or another with a note", async () => {
    const en = await (await get(server.url, `/en/consultations/${topic.slug}`)).text();
    const text = textOf(en);
    expect(text).toContain("What we heard and what will be done");
    expect(text).toContain("We heard about childcare.");
    expect(text).toContain("A report in June.");
    expect(text).not.toContain("The response is being prepared.");
    expect(en).not.toContain("SECRET");
    expect(en.indexOf('id="outcome"')).toBeLessThan(en.indexOf('class="facts"'));
    expect(en).toContain("ab".repeat(32));
    const es = textOf(await (await get(server.url, `/es/consultations/${topic.slug}`)).text());
    expect(es).toContain("Lo que escuchamos");
    expect(es).toContain("Escuchamos sobre cuidados.");
    const fr = await (await get(server.url, `/fr/consultations/${topic.slug}`)).text();
    expect(textOf(fr)).toContain("Cette réponse n’est pas disponible en français.");
    expect(fr).toMatch(/<div class="rich-text" lang="en"><p>We heard about childcare\.<\/p>/);
  });

  it("is in /api/v1/topics/:slug and /api/v1/topics, published copy only", async () => {
    const res = await get(server.url, `/api/v1/topics/${topic.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as any;
    expect(body.topic).toMatchObject({
      slug: topic.slug,
      status: "closed",
      outcome: {
        translations: {
          en: { heard: "We heard about childcare.", actions: "We will fund crèches.", nextSteps: "A report in June." },
          es: { heard: "Escuchamos sobre cuidados." },
        },
        edition: { sha256: "ab".repeat(32) },
      },
    });
    const none = (await (await get(server.url, `/api/v1/topics/${pending.slug}`)).json()) as any;
    expect(none.topic.outcome).toBeNull();
    const list = await (await get(server.url, "/api/v1/topics")).text();
    expect(list).toContain("We heard about childcare.");
    expect(list).not.toContain("SECRET");
    for (const slug of ["no-such-topic"]) {
      const missing = await get(server.url, `/api/v1/topics/${slug}`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: "not_found" });
    }
  });
});

describe("the officials' page (without JavaScript)", () => {
  const path = (id: number, locale = "en") => `/${locale}/admin/topics/${id}/outcome`;

  it("opens for the topic's country's officials and admins; another country's official and the committee get a 403", async () => {
    const topic = await closedTopic("CL");
    for (const who of ["modCL", "admin"] as const) expect((await get(server.url, path(topic.id), cookies[who])).status, who).toBe(200);
    for (const who of ["modCA", "committee"] as const) {
      const res = await get(server.url, path(topic.id), cookies[who]);
      expect(res.status, who).toBe(403);
      expect(await res.text()).toContain("Access denied");
    }
    expect((await get(server.url, path(999_999), cookies.admin)).status).toBe(404);
    expect((await get(server.url, path(topic.id))).status).toBe(302);
  });

  it("answers a bad form with translated messages beside the fields, keeping what was typed", async () => {
    const topic = await closedTopic("CL");
    const res = await postForm(
      server.url,
      path(topic.id, "fr"),
      { intent: "save", version: "0", fr_heard: "Gardé", fr_actions: "" },
      { cookie: cookies.modCL },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Indiquez ce qui sera fait.");
    expect(html).toContain("Gardé");
    const long = await postForm(
      server.url,
      path(topic.id, "es"),
      { intent: "save", version: "0", es_heard: "x".repeat(10_001), es_actions: "y" },
      { cookie: cookies.modCL },
    );
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("Lo que se escuchó es demasiado largo: 10.000 caracteres como máximo.");
    const empty = await postForm(server.url, path(topic.id), { intent: "save", version: "0" }, { cookie: cookies.modCL });
    expect(await empty.text()).toContain("Write the response in at least one language.");
    expect(await audit("outcome.updated", topic.id)).toHaveLength(0);
  });

  it("saves and publishes, and refuses another country's official with nothing written", async () => {
    const topic = await closedTopic("CL");
    const refused = await postForm(server.url, path(topic.id), { intent: "publish", version: "0", en_heard: "H", en_actions: "A" }, { cookie: cookies.modCA });
    expect(refused.status).toBe(403);
    const committee = await postForm(
      server.url,
      path(topic.id),
      { intent: "save", version: "0", en_heard: "H", en_actions: "A" },
      { cookie: cookies.committee },
    );
    expect(committee.status).toBe(403);
    expect(await audit("outcome.updated", topic.id)).toHaveLength(0);
    const ok = await postForm(
      server.url,
      path(topic.id),
      { intent: "publish", version: "0", en_heard: "Heard here", en_actions: "Acting", editionId: "" },
      { cookie: cookies.modCL },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${path(topic.id)}?saved=publish`);
    expect(await audit("outcome.updated", topic.id)).toHaveLength(1);
    expect(await audit("outcome.published", topic.id)).toHaveLength(1);
    expect(textOf(await (await get(server.url, `/en/consultations/${topic.slug}`)).text())).toContain("Heard here");
    // A second official's form, opened before: refused, their text kept.
    const stale = await postForm(server.url, path(topic.id), { intent: "save", version: "0", en_heard: "Stale", en_actions: "x" }, { cookie: cookies.admin });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Another official changed this response since you opened it.");
  });

  it("does not publish while the consultation is open", async () => {
    const open = await createTopic(t.db, { party: "CL" });
    const res = await postForm(server.url, path(open.id), { intent: "publish", version: "0", en_heard: "H", en_actions: "A" }, { cookie: cookies.modCL });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The response can be published only once the consultation is closed.");
  });
});
