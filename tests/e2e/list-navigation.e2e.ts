// The published submissions listed on a consultation's page are plain links (ADR 049): without
// JavaScript they are ordinary links; with it, one handler on the list navigates in the app, as a
// <Link> would, and a click with a modifier key is left to the browser.
import { describe, expect, it } from "vitest";
import { createApprovedSubmission, createOfficial, createTopic } from "../factories";
import { useE2E, viewports, waitForHydration } from "./browser";

const e2e = useE2E();

describe("the list of published submissions", () => {
  it("opens a submission in the app with JavaScript, and as a plain link without", async () => {
    const moderator = await createOfficial(e2e.t.db, { role: "moderator", party: "CA" });
    const topic = await createTopic(e2e.t.db, { party: "CA", translations: { es: { title: "Mujeres en el comercio" } } });
    const submission = await createApprovedSubmission(e2e.t.db, moderator.actor, {
      topicSlug: topic.slug,
      locale: "es",
      values: { kind: "proposal", title: "Ventanilla única para exportadoras" },
    });
    const topicUrl = `${e2e.server.url}/es/consultations/${topic.slug}`;
    const submissionPath = `/es/consultations/${topic.slug}/submissions/${submission.reference}`;

    for (const javaScriptEnabled of [true, false]) {
      const context = await e2e.browser.newContext({ locale: "es", viewport: viewports.phone, javaScriptEnabled });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const documents: string[] = [];
      page.on("request", (r) => r.resourceType() === "document" && documents.push(new URL(r.url()).pathname));
      await page.goto(topicUrl);
      if (javaScriptEnabled) {
        await waitForHydration(page);
        await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
      }
      await page.getByRole("link", { name: "Ventanilla única para exportadoras" }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(submissionPath);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Ventanilla única para exportadoras");
      if (javaScriptEnabled) {
        // Navigated in the app: the same document, no new one asked for.
        expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
        expect(documents).toEqual([`/es/consultations/${topic.slug}`]);
      } else {
        expect(documents).toEqual([`/es/consultations/${topic.slug}`, submissionPath]);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("leaves a click with a modifier key to the browser (a new tab, here)", async () => {
    const moderator = await createOfficial(e2e.t.db, { role: "moderator", party: "CA" });
    const topic = await createTopic(e2e.t.db, { party: "CA", translations: { en: { title: "Women in trade" } } });
    await createApprovedSubmission(e2e.t.db, moderator.actor, { topicSlug: topic.slug, locale: "en", values: { kind: "proposal", title: "A one-stop shop" } });
    const context = await e2e.browser.newContext({ locale: "en", viewport: viewports.desktop });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/en/consultations/${topic.slug}`);
    await waitForHydration(page);
    const [opened] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: "A one-stop shop" }).click({ modifiers: ["Control"] })]);
    await opened.waitForLoadState();
    expect(new URL(opened.url()).pathname).toMatch(/\/submissions\//);
    expect(new URL(page.url()).pathname).toBe(`/en/consultations/${topic.slug}`);
    await context.close();
  });
});
