import { beforeAll, describe, expect, it } from "vitest";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, keepScreenshot, useE2E, waitForHydration, signedIn as signInAs } from "./browser";

/*
 * Issue 18, item 4: the redaction editor suggests personal data. A Canadian moderator, in French
 * and in Spanish, on a desktop and on a 360 px phone, reads the suggestions, accepts two with one
 * click each (the text and the public preview follow), saves; without JavaScript the same is done
 * by ticking. Axe-clean throughout (ADR 041).
 */

const e2e = useE2E();
const signedIn = (...args: Parameters<typeof signInAs> extends [unknown, ...infer R] ? R : never) => signInAs(e2e, ...args);

const BODY = [
  "Nous proposons un fonds pour les exportatrices.",
  "Écrivez à helene.cote@example.ca ou appelez le 613-555-0123. Mon NAS est 046 454 286.",
  "Hélène Côté, 45, rue Sainte-Catherine Ouest, Montréal H2X 1Y4.",
].join("\n\n");

const labels = {
  fr: { save: "Enregistrer la version publiée", saved: "La version publiée a été enregistrée.", redacted: "[caviardé]", remove: "Retirer" },
  es: { save: "Guardar la versión publicada", saved: "Se guardó la versión publicada.", redacted: "[omitido]", remove: "Quitar" },
} as const;

let moderator: { id: number; email: string };
let topicSlug = "";

beforeAll(async () => {
  moderator = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale: "fr" });
  topicSlug = (await createTopic(e2e.t.db, { party: "CA" })).slug;
});

const make = () => createSubmissionFor(e2e.t.db, { topicSlug, values: { contactName: "Hélène Côté", language: "fr", title: "Proposition", body: BODY } });
const publishedBody = async (id: number) =>
  (await e2e.t.db.selectFrom("submissions").select("published_body").where("id", "=", id).executeTakeFirstOrThrow()).published_body;

describe.each(["fr", "es"] as const)("redaction suggestions in %s", (locale) => {
  it("are listed, two are accepted with one click each, the preview follows, and the save keeps exactly those; on a desktop and a phone", async () => {
    for (const phone of [false, true]) {
      const size = phone ? "phone" : "desktop";
      const s = await make();
      const { context, page, errors } = await signedIn(locale, moderator, { phone });
      await page.goto(`${e2e.server.url}/${locale}/admin/submissions/${s.reference}`);
      await waitForHydration(page);
      const list = page.locator(".pii-suggestions li");
      await expect(list.count()).resolves.toBe(6);
      await expect(page.locator(".redaction-marked mark").count()).resolves.toBe(6);
      await expectAxeClean(page, `redaction-suggestions-${locale}-${size}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll ${size}`).toBe(true);

      for (const text of ["helene.cote@example.ca", "613-555-0123"]) {
        await page.getByRole("button", { name: new RegExp(text.replace(/\./g, "\\.")) }).click();
      }
      await expect(list.count()).resolves.toBe(4);
      const body = await page.locator("#field-body").inputValue();
      expect(body).toContain("[[helene.cote@example.ca]]");
      expect(body).toContain("[[613-555-0123]]");
      const preview = (await page.locator(".redaction-preview").textContent()) ?? "";
      expect(preview).not.toContain("helene.cote@example.ca");
      expect(preview.split(labels[locale].redacted)).toHaveLength(3);
      // Focus stays in the list, on the next suggestion.
      await expect(page.evaluate(() => document.activeElement?.closest(".pii-suggestions") !== null)).resolves.toBe(true);
      await page.locator(".redaction-editor").scrollIntoViewIfNeeded();
      await expectAxeClean(page, `redaction-accepted-${locale}-${size}`);

      await page.getByRole("button", { name: labels[locale].save }).click();
      await page.waitForURL(/\?saved=redact$/);
      await page.getByText(labels[locale].saved).waitFor();
      expect(await publishedBody(s.id)).toBe(BODY.replace("helene.cote@example.ca", "[[redacted]]").replace("613-555-0123", "[[redacted]]"));
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe("without JavaScript", () => {
  it("the suggestions are checkboxes: the ticked ones, and only they, are removed", async () => {
    const s = await make();
    const { context, page } = await signedIn("fr", moderator, { javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/fr/admin/submissions/${s.reference}`);
    const boxes = page.locator('.pii-suggestions input[name="accept"]');
    await expect(boxes.count()).resolves.toBe(6);
    await page.getByLabel(/046 454 286/).check();
    await page.getByLabel(/H2X 1Y4/).check();
    await keepScreenshot(page, "redaction-suggestions-nojs-fr-desktop");
    await page.getByRole("button", { name: labels.fr.save }).click();
    await page.waitForURL(/\?saved=redact$/);
    expect(await publishedBody(s.id)).toBe(BODY.replace("046 454 286", "[[redacted]]").replace("H2X 1Y4", "[[redacted]]"));
    await context.close();
  });
});
