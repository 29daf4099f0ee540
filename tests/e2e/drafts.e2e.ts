import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { expectAxeClean, tookTime, useE2E, viewports, waitForHydration } from "./browser";

const e2e = useE2E();
const SUBMIT = "/consultations/women-in-mining-chile/submit";

describe("drafts (ADR 036, 040)", () => {
  it("with JavaScript on a phone: what is typed survives a change of language, saves as a draft (with a file) without the form's checks, resumes from the email with the file and is cleared once sent", async () => {
    const context = await e2e.browser.newContext({ locale: "es-CL", viewport: viewports.phone });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${e2e.server.url}/es${SUBMIT}`);
    await waitForHydration(page);
    await page.locator("#field-title").fill("Salas cuna en faenas");
    await page.locator("#field-body").fill("Texto escrito en el teléfono, todavía sin terminar.");
    // Switching language reloads the page: the copy kept in the browser gives the text back.
    await page.locator('a[hreflang="fr"]').first().click();
    await page.waitForURL(`**/fr${SUBMIT}`);
    await waitForHydration(page);
    await expect(page.locator("#field-body").inputValue()).resolves.toBe("Texto escrito en el teléfono, todavía sin terminar.");
    await expect(page.locator("#field-title").inputValue()).resolves.toBe("Salas cuna en faenas");

    // Saving a draft asks only for an email address: the rest stays as typed, unchecked. A file
    // attached now is kept with the draft (ADR 040).
    await page.locator("#field-contactEmail").fill("borrador-e2e@example.cl");
    await page
      .locator("#field-attachments")
      .setInputFiles({ name: "anexo-borrador.txt", mimeType: "text/plain", buffer: Buffer.from("Un anexo del borrador.\n") });
    await tookTime(page, 3.1);
    await page.getByRole("button", { name: "Enregistrer et continuer plus tard" }).click();
    await page.waitForURL(/\?draft=[\w-]+&notice=draftSaved/);
    // The address changes a moment before the page with the notice is drawn.
    await expect.poll(() => page.locator("body").textContent()).toContain("Votre brouillon est enregistré");
    await expectAxeClean(page, "draft-saved-fr");

    // The emailed link, opened on another device (no copy in that browser), gives the draft back.
    const link = /http:\/\/\S+\/submit\?draft=[\w-]+/
      .exec((await e2e.mail.nthTo("borrador-e2e@example.cl", 1)).body)![0]
      .replace(/^http:\/\/localhost:\d+/, e2e.server.url);
    const other = await e2e.browser.newContext({ locale: "fr-CA", viewport: viewports.phone });
    const resumed = await other.newPage();
    await resumed.goto(link);
    await waitForHydration(resumed);
    await expect(resumed.locator("#field-body").inputValue()).resolves.toBe("Texto escrito en el teléfono, todavía sin terminar.");
    // The draft's file is listed, with a box to remove it.
    await expect(resumed.getByLabel("Retirer anexo-borrador.txt", { exact: false }).count()).resolves.toBe(1);
    await expectAxeClean(resumed, "draft-resumed-with-file-fr");
    await resumed.locator("#field-onBehalf-self").check();
    await resumed.locator("#field-stakeholderType").selectOption("individual");
    await resumed.locator("#field-country").selectOption("CL");
    await resumed.locator("#field-contactName").fill("Persona Borrador");
    await resumed.locator("#field-publication-anonymous").check();
    await resumed.locator("#field-privacy").check();
    await tookTime(resumed, 3.1);
    await resumed.getByRole("button", { name: "Envoyer ma contribution" }).click();
    await resumed.waitForURL(/\/fr\/submissions\/CL-\d{4}-\d{5}\?token=/);
    expect(await e2e.t.db.selectFrom("submission_drafts").selectAll().where("contact_email", "=", "borrador-e2e@example.cl").execute()).toEqual([]);
    // Sent with the draft's file.
    const reference = /\/submissions\/([\w-]+)\?/.exec(resumed.url())![1]!;
    const files = await e2e.t.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select("a.file_name")
      .where("s.reference", "=", reference)
      .execute();
    expect(files.map((f) => f.file_name)).toEqual(["anexo-borrador.txt"]);
    // The complete receipt names the file, and offers the person a PDF copy of what they sent.
    await expect.poll(() => resumed.locator("main").textContent()).toContain("anexo-borrador.txt");
    await expectAxeClean(resumed, "receipt-after-draft-fr");
    const [download] = await Promise.all([resumed.waitForEvent("download"), resumed.locator('a[href*="/receipt.pdf?token="]').click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    // Sent: the copy in that browser is cleared (the first device still has its own).
    const copies = (p: typeof page) => p.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("puente:submission:")));
    // The form clears its copy as it unmounts, which may come a moment after the URL changed.
    await expect.poll(() => copies(resumed)).toEqual([]);
    await expect(copies(page)).resolves.toEqual(["puente:submission:women-in-mining-chile"]);
    expect(errors).toEqual([]);
    await other.close();
    await context.close();
  });
});
