import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublicTopic, listOpenTopics, pickTranslation, topicStatus } from "~/models/topics.server";
import { createParties, createTopic, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
});
afterAll(async () => t.destroy());

describe("topic status", () => {
  const base = { state: "published" as const, opens_at: "2026-03-01T12:00:00.000Z", closes_at: "2026-03-31T12:00:00.000Z", closed_early_at: null };
  it("follows the dates", () => {
    expect(topicStatus(base, new Date("2026-02-01T00:00:00Z"))).toBe("scheduled");
    expect(topicStatus(base, new Date("2026-03-01T12:00:00Z"))).toBe("open");
    expect(topicStatus(base, new Date("2026-03-31T11:59:59Z"))).toBe("open");
    expect(topicStatus(base, new Date("2026-03-31T12:00:00Z"))).toBe("closed");
  });
  it("closes early when an official says so, and drafts stay drafts", () => {
    expect(topicStatus({ ...base, closed_early_at: "2026-03-10T00:00:00.000Z" }, new Date("2026-03-15T00:00:00Z"))).toBe("closed");
    expect(topicStatus({ ...base, state: "draft" }, new Date("2026-03-15T00:00:00Z"))).toBe("draft");
    expect(topicStatus({ ...base, state: "archived" }, new Date("2026-03-15T00:00:00Z"))).toBe("archived");
  });
});

describe("translations", () => {
  it("prefers the page language, then any other", () => {
    const rows = [
      { locale: "es", v: 1 },
      { locale: "fr", v: 2 },
    ];
    expect(pickTranslation(rows, "fr")!.v).toBe(2);
    expect(pickTranslation(rows, "en")!.v).toBe(2);
    expect(pickTranslation([{ locale: "es" }], "en")!.locale).toBe("es");
  });
});

describe("public topics", () => {
  it("lists only published topics open now, and shows another language when the page's is missing", async () => {
    const open = await createTopic(t.db, { party: "CL", translations: { es: { title: "Mujeres en la minería" } } });
    await createTopic(t.db, { state: "draft" });
    await createTopic(t.db, { opensAt: days(3), closesAt: days(30) });
    await createTopic(t.db, { opensAt: days(-30), closesAt: days(-1) });
    await createTopic(t.db, { closedEarlyAt: days(-1) });

    const list = await listOpenTopics(t.db, "en");
    expect(list.map((c) => c.slug)).toEqual([open.slug]);
    expect(list[0]).toMatchObject({ title: "Mujeres en la minería", contentLocale: "es", availableLocales: ["es"], status: "open" });
  });

  it("hides drafts and unknown slugs, shows guiding questions in the page language", async () => {
    const draft = await createTopic(t.db, { state: "draft" });
    expect(await getPublicTopic(t.db, draft.slug, "en")).toBeNull();
    expect(await getPublicTopic(t.db, "no-such-topic", "en")).toBeNull();

    const topic = await createTopic(t.db, {
      translations: { en: { title: "Clean tech", body: "One\n\n- a\n- b" }, fr: { title: "Technologies propres" } },
      questions: [{ en: "What works?", fr: "Qu’est-ce qui fonctionne?" }, { en: "Only English" }],
    });
    const fr = (await getPublicTopic(t.db, topic.slug, "fr"))!;
    expect(fr.title).toBe("Technologies propres");
    expect(fr.questions.map(({ text, locale }) => ({ text, locale }))).toEqual([
      { text: "Qu’est-ce qui fonctionne?", locale: "fr" },
      { text: "Only English", locale: "en" },
    ]);
    expect(fr.closesAtText).toMatch(/\d{4}/);
    expect((await getPublicTopic(t.db, topic.slug, "en"))!.body).toBe("One\n\n- a\n- b");
  });
});
