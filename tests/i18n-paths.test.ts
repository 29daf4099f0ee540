import { describe, expect, it } from "vitest";
import { isLocale, localeFromPath, pathInLocale } from "~/i18n";

describe("locale paths", () => {
  it("reads the locale from the first segment only", () => {
    expect(localeFromPath("/fr/workplan")).toBe("fr");
    expect(localeFromPath("/es")).toBe("es");
    expect(localeFromPath("/de/workplan")).toBeNull();
    expect(localeFromPath("/workplan/fr")).toBeNull();
    expect(isLocale("EN")).toBe(false);
  });

  it("switches language on the same page, keeping the query string", () => {
    expect(pathInLocale("/fr/workplan", "?a=1", "es")).toBe("/es/workplan?a=1");
    expect(pathInLocale("/en", "", "fr")).toBe("/fr");
    expect(pathInLocale("/en/", "", "fr")).toBe("/fr");
    expect(pathInLocale("/", "", "es")).toBe("/es");
    expect(pathInLocale("/de/x", "", "fr")).toBe("/fr/de/x");
  });
});
