// The public pages, each checked by axe on a desktop and a phone in one language. One file per
// language (pages-axe-*.e2e.ts), so that the browser suite's two workers share the work evenly.
import { describe, expect, it } from "vitest";
import { axeViolations, keepScreenshot, useE2E, viewports, waitForHydration } from "./browser";

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

export function pagesAreAxeClean(locale: "en" | "fr" | "es") {
  const e2e = useE2E();
  describe(`pages in ${locale}`, () => {
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
}
