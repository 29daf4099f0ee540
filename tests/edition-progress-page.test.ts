// An edition's own page (issue 18, item 7): number, scope, status and progress, each country's
// sign-off and every file's fingerprint in one place. It refreshes itself while the edition
// compiles (the way to follow it without JavaScript); the summaries page, which has forms, never
// does and links to it instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createSummaryOfficials, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let officials: Awaited<ReturnType<typeof createSummaryOfficials>>;
let editionId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  officials = await createSummaryOfficials(t.db);
  // After the server's start-up recovery, and held by a live lease (another process compiling it).
  server = await startServer(t.env);
  const topic = await createTopic(t.db, { party: "CA", translations: { en: { title: "Ports and women" }, fr: { title: "Les ports et les femmes" } } });
  editionId = (
    await t.db
      .insertInto("summary_editions")
      .values({
        scope_key: `topic:${topic.id}`,
        number: 3,
        scope: JSON.stringify({ kind: "topic", topicId: topic.id }),
        edition: "committee",
        status: "compiling",
        progress: 40,
        submission_ids: "[]",
        syntheses: "[]",
        created_by_user_id: officials.actors.modCA.id,
        created_at: new Date().toISOString(),
        lease_owner: "elsewhere:1:test",
        heartbeat_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("following a compilation", () => {
  it("the summaries page shows the progress in place, without refreshing itself, and links to the edition's page", async () => {
    const page = await (await get(server.url, "/fr/admin/summaries", officials.cookies.modCA)).text();
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain('aria-live="polite"');
    expect(page).toContain(`href="/fr/admin/summaries/progress/${editionId}"`);
    expect(page).toContain("Suivre la compilation de l’édition 3");
  });

  it("the edition's page refreshes itself while compiling and announces its progress politely", async () => {
    const page = await (await get(server.url, `/fr/admin/summaries/progress/${editionId}`, officials.cookies.committee)).text();
    expect(page).toContain('http-equiv="refresh"');
    expect(page).toMatch(/role="status" aria-live="polite">Édition 3\u202f: [^<]+, 40\u202f%/);
    expect(page).toContain("Les ports et les femmes");
  });

  it("once compiled: no refresh; each file's SHA-256, the edition's fingerprint and each country's sign-off in one place", async () => {
    const fileHash = "a".repeat(64);
    const dataHash = "b".repeat(64);
    await t.db
      .updateTable("summary_editions")
      .set({ status: "compiled", progress: 100, data_hash: dataHash, completed_at: new Date().toISOString() })
      .where("id", "=", editionId)
      .execute();
    await t.db
      .insertInto("summary_edition_files")
      .values({ edition_id: editionId, format: "pdf", locale: "fr", file_key: "k".repeat(24), file_name: "e.pdf", size: 1234, sha256: fileHash })
      .execute();
    await t.db
      .insertInto("summary_signoffs")
      .values({ edition_id: editionId, party_code: "CA", user_id: officials.actors.modCA.id, signed_at: new Date().toISOString() })
      .execute();
    const page = await (await get(server.url, `/es/admin/summaries/progress/${editionId}`, officials.cookies.modCL)).text();
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain("Edición 3");
    expect(page).toContain(fileHash);
    expect(page).toContain(dataHash);
    expect(page).toContain(`visto bueno de ${officials.actors.modCA.name}`);
  });
});
