// History in words (issue 18, item 6): theme, language, status and people's names as words in the
// reader's language, text changes as a word-level diff; never `[4,6]` or `— → fr`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderate } from "~/models/moderation.server";
import { historyInWords, type HistoryEvent } from "~/models/submission-history.server";
import { wordDiff, tokenize } from "~/utils/word-diff";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import type { TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startSeededServer, stopSeededServer } from "./helpers/seeded-server";
import type { RunningServer } from "./helpers/server";

const join = (parts: Array<{ op: string; text: string }>, side: "before" | "after") =>
  parts
    .filter((p) => p.op === "same" || p.op === (side === "before" ? "del" : "ins"))
    .map((p) => p.text)
    .join("");

describe("wordDiff", () => {
  it("marks the words that changed and keeps the rest", () => {
    const { parts, coarse } = wordDiff("Call me on 613-555-0199 about trade.", "Call me on [[613-555-0199]] about trade.");
    expect(coarse).toBe(false);
    expect(parts).toEqual([
      { op: "same", text: "Call me on " },
      { op: "del", text: "613-555-0199" },
      { op: "ins", text: "[[613-555-0199]]" },
      { op: "same", text: " about trade." },
    ]);
  });

  it("gives back both texts exactly, whatever they are (random texts)", () => {
    let seedValue = 7;
    const random = () => (seedValue = (seedValue * 16807) % 2147483647) / 2147483647;
    const words = ["a", "b", "c", "trade", "données", " ", "\n\n"];
    for (let i = 0; i < 500; i++) {
      const text = () => Array.from({ length: Math.floor(random() * 40) }, () => words[Math.floor(random() * words.length)]).join(" ");
      const a = text();
      const b = text();
      const { parts } = wordDiff(a, b);
      expect(join(parts, "before")).toBe(a);
      expect(join(parts, "after")).toBe(b);
    }
  });

  it("is bounded: texts that differ everywhere are shown removed then added, quickly", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(" ");
    const started = performance.now();
    const { parts, coarse } = wordDiff(`Same start. ${a} Same end.`, `Same start. ${b} Same end.`, 200);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(coarse).toBe(true);
    expect(parts.map((p) => p.op)).toEqual(["same", "del", "ins", "same"]);
    expect(tokenize("a  b\nc")).toEqual(["a", "  ", "b", "\n", "c"]);
  });
});

describe("historyInWords", () => {
  const event = (over: Partial<HistoryEvent>): HistoryEvent => ({
    id: 1,
    action: "tag",
    reason: null,
    note: null,
    before: null,
    after: null,
    at: "",
    actor: "Ana",
    ...over,
  });
  const themes = [
    { id: 4, label: "Données" },
    { id: 6, label: "Ports" },
  ];
  const original = { title: "Titre", body: "Appelez-moi au 613-555-0199 pour parler commerce." };

  it("names themes, languages, statuses and people in the reader's language", () => {
    const [tag, translate, approve, edit] = historyInWords(
      [
        event({ id: 1, action: "tag", before: { themes: [] }, after: { themes: [4, 6] } }),
        event({ id: 2, action: "translate", before: null, after: { locale: "fr", title: null, body: "Bonjour" } }),
        event({ id: 3, action: "approve", before: { status: "pending" }, after: { status: "approved" } }),
        event({ id: 4, action: "tag", actor: null, before: { themes: [6, 9] }, after: { themes: [] } }),
      ],
      { locale: "fr", themes, original },
    );
    expect(tag!.what).toBe("Thèmes modifiés");
    expect(tag!.changes).toEqual([{ field: "themes", label: "thèmes", kind: "value", before: "(rien)", after: "Données, Ports" }]);
    const locale = translate!.changes.find((c) => c.field === "locale");
    expect(locale).toMatchObject({ kind: "value", before: "(rien)", after: "français" });
    expect(translate!.changes.find((c) => c.field === "body")).toMatchObject({ kind: "text", parts: [{ op: "ins", text: "Bonjour" }] });
    expect(approve!.changes).toEqual([{ field: "status", label: "statut", kind: "value", before: "En attente d’examen", after: "Approuvée" }]);
    expect(approve!.who).toBe("Ana");
    expect(edit!.who).toBe("La personne qui l’a envoyée");
    expect(edit!.changes[0]).toMatchObject({ before: "Ports, un thème supprimé depuis (no\u202f9)", after: "(rien)" });
    const shown = [tag, translate, approve].flatMap((e) => e!.changes.flatMap((c) => (c.kind === "value" ? [c.before, c.after] : [])));
    expect(shown.join(" | ")).not.toMatch(/\[4,6\]|\bfr\b|—|pending|approved/);
  });

  it("shows a redaction as a word diff against the text as sent", () => {
    const [redact] = historyInWords(
      [
        event({
          action: "redact",
          before: { title: null, body: null, attachmentsPublic: true },
          after: { title: null, body: "Appelez-moi au [[613-555-0199]] pour parler commerce.", attachmentsPublic: false },
        }),
      ],
      { locale: "es", themes, original },
    );
    expect(redact!.changes.map((c) => c.field)).toEqual(["body", "attachmentsPublic"]);
    expect(redact!.changes[0]).toMatchObject({
      kind: "text",
      parts: [
        { op: "same", text: "Appelez-moi au " },
        { op: "del", text: "613-555-0199" },
        { op: "ins", text: "[[613-555-0199]]" },
        { op: "same", text: " pour parler commerce." },
      ],
    });
    expect(redact!.changes[1]).toMatchObject({ before: "sí", after: "no" });
  });
});

describe("the submission page's history", () => {
  let t: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    ({ t, server } = await startSeededServer());
  });
  afterAll(() => stopSeededServer(t, server));

  it("reads in words over HTTP", async () => {
    const user = await createUser(t.db, { role: "moderator", party: "CA" });
    const mod: Actor = { id: user.id, role: "moderator", partyCode: "CA" };
    const cookie = await sessionCookieFor(t.db, user.id);
    const topic = await createTopic(t.db, { party: "CA" });
    const stamp = new Date().toISOString();
    const theme = await t.db
      .insertInto("themes")
      .values({ party_code: "CA", label_en: "Trade data", label_fr: "Données commerciales", label_es: "Datos comerciales", created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { body: "Write to me at ana@example.org about ports." } });
    await moderate(t.db, mod, s.reference, { intent: "tag", version: 1, themes: [theme.id] });
    await moderate(t.db, mod, s.reference, { intent: "translate", version: 2, translationLocale: "fr", translationTitle: "", translationBody: "Écrivez-moi." });
    await moderate(t.db, mod, s.reference, {
      intent: "redact",
      version: 3,
      title: "",
      body: "Write to me at [[ana@example.org]] about ports.",
      attachmentsPublic: true,
      answers: {},
    });
    const page = await (await get(server.url, `/es/admin/submissions/${s.reference}`, cookie)).text();
    expect(page).toContain("Datos comerciales");
    expect(page).toMatch(/<ins>francés<\/ins>/);
    expect(page).toMatch(/<del><span class="visually-hidden">\[quitado: <\/span>ana@example\.org/);
    expect(page).toMatch(/<ins><span class="visually-hidden">\[agregado: <\/span><span class="redacted" lang="es">\[omitido\]<\/span>/);
    expect(page).not.toContain(`[${theme.id}]`);
    expect(page).not.toMatch(/<ins>fr<\/ins>/);
  });
});
