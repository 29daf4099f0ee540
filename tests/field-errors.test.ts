import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import en from "~/locales/en";
import { clientFieldErrors, errorKey, fieldErrors } from "~/schemas/field-errors";
import { bulkActionSchema, moderationActionSchema, moderationFormObject } from "~/schemas/moderation";
import { synthesisSchema } from "~/schemas/summary";

const failure = (result: { success: boolean; error?: z.ZodError }) => {
  if (result.success || !result.error) throw new Error("expected the form to be refused");
  return result.error;
};

describe("fieldErrors: one message per form field, always a translation key", () => {
  it("keeps the schema's own keys, in any section, and the first message of each field", () => {
    const schema = z.object({
      a: z.string({ error: "validation.required" }),
      b: z.string().min(3, { error: "moderation.errors.reasonRequired" }).max(1, { error: "validation.tooLong" }),
    });
    expect(fieldErrors(failure(schema.safeParse({ b: "xx" })))).toEqual({ a: "validation.required", b: "moderation.errors.reasonRequired" });
  });

  it("turns zod's built-in English messages into validation.invalid, so the page shows a translated one", () => {
    const error = failure(z.object({ n: z.number() }).safeParse({ n: "x" }));
    expect(error.issues[0]!.message).toMatch(/ /);
    expect(fieldErrors(error)).toEqual({ n: "validation.invalid" });
    expect(errorKey("Invalid input: expected number, received string")).toBe("validation.invalid");
    expect(errorKey("summaries.errors.partyPeriod")).toBe("summaries.errors.partyPeriod");
  });

  it("keys a nested problem by its form field, and one of the whole form as `form`", () => {
    const form = new FormData();
    form.append("intent", "bulk-reject");
    form.append("selected", "not-an-id");
    expect(fieldErrors(failure(bulkActionSchema.safeParse(moderationFormObject(form))))).toEqual({
      selected: "validation.invalid",
      reason: "moderation.errors.reasonRequired",
      confirm: "moderation.errors.confirmRequired",
    });
    expect(fieldErrors(failure(z.string({ error: "validation.required" }).safeParse(1)))).toEqual({ form: "validation.required" });
  });

  it("prefixes the field names for pages with one form per item, not the whole form's message", () => {
    const error = failure(synthesisSchema.safeParse({ party: "CA", area: "3", en: "x".repeat(30_000) }));
    const errors = fieldErrors(error, "3-");
    expect(Object.keys(errors).every((key) => key.startsWith("3-"))).toBe(true);
    expect(errors["3-en"]).toBe("validation.tooLong");
    expect(fieldErrors(failure(z.string({ error: "validation.required" }).safeParse(1)), "3-")).toEqual({ form: "validation.required" });
  });

  it("reads a moderation form's refusal as the moderation page shows it", () => {
    const errors = fieldErrors(failure(moderationActionSchema.safeParse({ intent: "reject", version: "1" })));
    expect(errors).toEqual({ reason: "moderation.errors.reasonRequired" });
  });

  it("does the same for react-hook-form's errors in the browser", () => {
    expect(
      clientFieldErrors({ a: { message: "validation.required" }, b: { message: "Too big: expected string to have <=3 characters" }, c: undefined }),
    ).toEqual({
      a: "validation.required",
      b: "validation.invalid",
    });
  });

  it("has an English text for every message our schemas write (the other languages have the same keys)", () => {
    const lookup = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
    const keys = new Set<string>();
    for (const file of readdirSync("app/schemas").filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(`app/schemas/${file}`, "utf8");
      for (const m of source.matchAll(/\b(?:error|message): "([^"]+)"/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) {
      expect(errorKey(key), key).toBe(key);
      expect(typeof lookup(key), key).toBe("string");
    }
  });
});
