import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParties, createSubmissionFor, createTopic } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { textOf, mainTextOf as main } from "./helpers/page-text";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * "Send me my links again" (issue 17, item 3): one email with new private links to every
 * submission (not withdrawn) from an address; the same answer whether or not there are any;
 * rate-limited per email address and per client address, with a translated 429.
 */

let t: TestDatabase;
let server: RunningServer;
let mail: MailCatcher;
const known = "links.person@example.cl";
let first: { reference: string; token: string | null };
let second: { reference: string; token: string | null };
let withdrawn: { reference: string; id: number };

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  const topic = await createTopic(t.db, { party: "CL", translations: { en: { title: "Women in ports" }, es: { title: "Mujeres en los puertos" } } });
  first = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { contactEmail: known, body: "First text, links-marker-one." } });
  second = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { contactEmail: "Links.Person@example.cl", body: "Second text." } });
  withdrawn = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { contactEmail: known, body: "Withdrawn text." } });
  await t.db.updateTable("submissions").set({ status: "withdrawn" }).where("id", "=", withdrawn.id).execute();
  mail = await startMailCatcher();
  server = await startServer({ ...t.env, SMTP_URL: mail.url });
});
afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

describe("send me my links again", () => {
  it("is linked from the footer and works without JavaScript", async () => {
    const home = await (await get(server.url, "/es")).text();
    expect(home).toContain('href="/es/submissions/links"');
    const res = await get(server.url, "/es/submissions/links");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Enviarme de nuevo mis enlaces");
    expect(html).toMatch(/<form method="post"/);
    expect(html).toContain('name="csrf"');
  });

  it("refuses a post without the CSRF token", async () => {
    const res = await postForm(server.url, "/en/submissions/links", { email: known }, { csrf: null });
    expect(res.status).toBe(403);
  });

  it("answers the same for a known and an unknown address, and emails new links only to the known one", async () => {
    const a = await postForm(server.url, "/en/submissions/links", { email: known });
    const b = await postForm(server.url, "/en/submissions/links", { email: "nobody-here@example.org" });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const [ha, hb] = [main(await a.text()), main(await b.text())];
    expect(ha).toContain("If submissions were sent from this address");
    expect(ha).toBe(hb);

    const email = await mail.nthTo(known, 1);
    expect(email.body).toContain(first.reference);
    expect(email.body).toContain(second.reference);
    expect(email.body).not.toContain(withdrawn.reference);
    expect(email.body).toContain("Women in ports");
    const token = new RegExp(`/en/submissions/${first.reference}\\?token=([\\w-]+)`).exec(email.body)?.[1];
    expect(token).toBeTruthy();

    // The new link opens the whole receipt; the earlier one no longer does.
    const receipt = textOf(await (await get(server.url, `/en/submissions/${first.reference}?token=${token}`)).text());
    expect(receipt).toContain("links-marker-one");
    const old = textOf(await (await get(server.url, `/en/submissions/${first.reference}?token=${first.token}`)).text());
    expect(old).not.toContain("links-marker-one");
    // The outbox keeps it with the token masked.
    const stored = await t.db.selectFrom("outbox").select("text_body").where("kind", "=", "submission_links").executeTakeFirstOrThrow();
    expect(stored.text_body).not.toContain(token!);
    // Nothing went to the unknown address.
    await new Promise((r) => setTimeout(r, 200));
    expect(mail.lastTo("nobody-here@example.org")).toBeUndefined();
  });

  it("limits requests per email address, then per client address, with a translated 429", async () => {
    // The known address has had 1 request: 2 more are allowed, the 4th is refused.
    for (let i = 0; i < 2; i++) expect((await postForm(server.url, "/en/submissions/links", { email: known })).status).toBe(200);
    const limited = await postForm(server.url, "/fr/submissions/links", { email: known });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(textOf(await limited.text())).toContain("Trop de demandes de liens");
    // This client has now made 5 requests: another address is refused too.
    const byClient = await postForm(server.url, "/es/submissions/links", { email: "someone-else@example.org" });
    expect(byClient.status).toBe(429);
    expect(textOf(await byClient.text())).toContain("Demasiadas solicitudes de enlaces");
  });
});
