import { describe, expect, it } from "vitest";
import { useE2E, waitForHydration } from "./browser";

const e2e = useE2E();

describe("without JavaScript", () => {
  it("every page renders, navigation and the language switcher work", async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, locale: "fr-CA" });
    const page = await context.newPage();
    await page.goto(e2e.server.url + "/");
    expect(new URL(page.url()).pathname).toBe("/fr");
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Plan de travail" }).click();
    expect(new URL(page.url()).pathname).toBe("/fr/workplan");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Plan de travail Canada-Chili");
    await page.getByRole("link", { name: "Español" }).click();
    expect(new URL(page.url()).pathname).toBe("/es/workplan");
    expect(await page.getAttribute("html", "lang")).toBe("es");
    await page.getByRole("link", { name: "Inicio" }).first().click();
    await page
      .getByRole("link", { name: /Mujeres en la minería/ })
      .first()
      .click();
    expect(new URL(page.url()).pathname).toMatch(/^\/es\/consultations\//);
    await context.close();
  });
});

describe("with JavaScript", () => {
  it("hydrates, navigates client-side, and the language switcher keeps the page", async () => {
    const context = await e2e.browser.newContext({ locale: "en-CA" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(e2e.server.url + "/en");
    await waitForHydration(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Privacy" }).click();
    await page.waitForURL("**/en/privacy");
    await page.locator("h1", { hasText: "Privacy" }).waitFor();
    await expect(page.title()).resolves.toBe("Privacy · Puente");
    await page.getByRole("link", { name: "Français" }).click();
    await page.waitForURL("**/fr/privacy");
    await waitForHydration(page);
    await expect(page.title()).resolves.toBe("Confidentialité · Puente");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Passer au contenu principal");
    expect(errors).toEqual([]);
    await context.close();
  });
});
