import { describe, expect, it } from "vitest";
import { axeViolations, keepScreenshot, useE2E, viewports, waitForHydration } from "./browser";

const e2e = useE2E();

const pages = [
  { name: "home", path: "" },
  { name: "consultations", path: "/consultations" },
  { name: "consultations-filtered", path: "/consultations?country=CL&status=open&q=a" },
  { name: "workplan", path: "/workplan" },
  { name: "privacy", path: "/privacy" },
  { name: "stats", path: "/stats" },
  { name: "stats-area3", path: "/stats?area=3" },
  { name: "topic", path: "/consultations/women-in-mining-chile" },
  { name: "topic-es-only", path: "/consultations/dialogo-intersectorial-chile" },
  { name: "not-found", path: "/consultations/no-such-topic" },
];

describe.each(["en", "fr", "es"] as const)("pages in %s", (locale) => {
  for (const { name, path } of pages) {
    it(`${name}: axe finds no WCAG 2.1 AA violation, on desktop and phone`, async () => {
      for (const [size, viewport] of Object.entries(viewports)) {
        const context = await e2e.browser.newContext({ viewport, locale });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("console", (m) => m.type() === "error" && !/404/.test(m.text()) && errors.push(m.text()));
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${e2e.server.url}/${locale}${path}`);
        await waitForHydration(page);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        expect(await axeViolations(page)).toEqual([]);
        await keepScreenshot(page, `${name}-${locale}-${size}`);
        // No horizontal scrolling on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  }
});

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
    await page.getByRole("link", { name: /Mujeres en la minería/ }).first().click();
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
