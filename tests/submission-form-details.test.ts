import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { approveAsSent, createSubmissionFor, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * The public submission form as a browser without JavaScript gets it (issue 17, item 8): the error
 * summary in the order of the fields, "Error:" before the page title, messages that say what to
 * fill in, regions grouped by country, "in reply to" explained and ignored for a proposal.
 */

let t: TestDatabase;
let server: RunningServer;
let topic: { id: number; slug: string };
let proposalRef: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  topic = await createTopic(t.db, { party: "CL", translations: { en: { title: "Care in mining" }, fr: { title: "Soins" }, es: { title: "Cuidados" } } });
  const proposal = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { title: "Public proposal" } });
  await approveAsSent(t.db, proposal.id);
  proposalRef = proposal.reference;
  server = await startServer({ ...t.env, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const path = (locale = "en") => `/${locale}/consultations/${topic.slug}/submit`;
const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    // Spaces gathered, the no-break ones of French typography kept.
    .replace(/[ \t\r\n]+/g, " ");
const summaryLinks = (html: string) =>
  [...(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "").matchAll(/href="#field-([\w]+)"/g)].map((m) => m[1]);
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe("the submission form without JavaScript", () => {
  it("lists the problems in the order of the fields, titles the page 'Error:' and says what to fill in", async () => {
    // Organisation name and title are checked by rules across fields, which zod runs last.
    const res = await postForm(server.url, path(), { kind: "proposal", onBehalf: "organisation", language: "en" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(summaryLinks(html)).toEqual([
      "title",
      "body",
      "stakeholderType",
      "organisationName",
      "country",
      "contactName",
      "contactEmail",
      "publication",
      "privacy",
    ]);
    expect(titleOf(html)).toBe("Error: Take part: Care in mining · Puente");
    const text = textOf(html);
    expect(text).toContain("Enter your organisation’s name.");
    expect(text).toContain("Enter a title for your proposal.");
    expect(text).toContain("Enter your email address.");
    expect(text).not.toContain("This field is required.");
  });

  it("titles the page 'Erreur :' in French, with the narrow no-break space", async () => {
    const html = await (await postForm(server.url, path("fr"), { kind: "comment", onBehalf: "organisation" })).text();
    expect(titleOf(html)).toBe("Erreur\u202f: Participer\u202f: Soins · Puente");
    expect(textOf(html)).toContain("Entrez le nom de votre organisation.");
  });

  it("has a plain title when nothing is wrong", async () => {
    expect(titleOf(await (await get(server.url, path())).text())).toBe("Take part: Care in mining · Puente");
  });

  it("groups the regions by country and explains that 'in reply to' is only for comments", async () => {
    const html = await (await get(server.url, path())).text();
    const regionSelect = /<select[^>]*name="region"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    expect([...regionSelect.matchAll(/<optgroup label="([^"]+)"/g)].map((m) => m[1])).toEqual(["Canada", "Chile"]);
    expect(textOf(html)).toContain("In answer to a published proposal (only for comments; optional)");
    expect(html).toContain(`value="${proposalRef}"`);
  });

  it("writes 20,000 the way each language does in the hint", async () => {
    expect(textOf(await (await get(server.url, path("en"))).text())).toContain("Up to 20,000 characters");
    expect(textOf(await (await get(server.url, path("fr"))).text())).toContain("Jusqu’à 20\u202f000 caractères");
    expect(textOf(await (await get(server.url, path("es"))).text())).toContain("Hasta 20.000 caracteres");
  });

  it("titles the edit page 'Error:' too when the change is refused", async () => {
    const own = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    const editPath = `/en/submissions/${own.reference}/edit?token=${own.token}`;
    const page = await (await get(server.url, editPath)).text();
    const version = /name="version" value="(\d+)"/.exec(page)?.[1] ?? "";
    const res = await postForm(server.url, editPath, { kind: "proposal", onBehalf: "self", version, privacy: "on" });
    expect(res.status).toBe(400);
    expect(titleOf(await res.text())).toMatch(/^Error: /);
    expect(titleOf(page)).not.toMatch(/^Error/);
  });

  it("ignores 'in reply to' for a proposal", async () => {
    const res = await postForm(server.url, path(), {
      kind: "proposal",
      inReplyTo: proposalRef,
      onBehalf: "self",
      stakeholderType: "individual",
      country: "CL",
      contactName: "Ana",
      contactEmail: "ana-reply@example.cl",
      title: "A proposal of my own",
      body: "Not an answer to anything.",
      language: "en",
      publication: "anonymous",
      privacy: "on",
    });
    expect(res.status).toBe(302);
    const reference = new URL(res.headers.get("location")!, server.url).pathname.split("/").pop()!;
    const row = await t.db.selectFrom("submissions").select(["kind", "in_reply_to"]).where("reference", "=", reference).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: "proposal", in_reply_to: null });
  });
});
