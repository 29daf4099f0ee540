import { describe, expect, it } from "vitest";
import { eventRegistrationSchema } from "~/schemas/event-registration";
import { walkInSchema } from "~/schemas/event-walk-in";
import { submissionFormSchema } from "~/schemas/submission";

// The three public forms about a person (a submission, an event registration, a walk-in typed at
// the door) share the same cross-field rules, with the same messages.
const forms = {
  submission: submissionFormSchema,
  registration: eventRegistrationSchema,
  "walk-in": walkInSchema,
};

const issuesOf = (schema: (typeof forms)[keyof typeof forms], values: Record<string, unknown>) => {
  const result = schema.safeParse(values);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe.each(Object.entries(forms))("the %s form", (_, schema) => {
  it("asks which stakeholder type when the person chose “other”", () => {
    expect(issuesOf(schema, { stakeholderType: "other", stakeholderOther: "" })).toContain("stakeholderOther: submission.errors.missing.stakeholderOther");
    expect(issuesOf(schema, { stakeholderType: "other", stakeholderOther: "Cooperative" })).not.toContain(
      "stakeholderOther: submission.errors.missing.stakeholderOther",
    );
  });

  it("refuses a region of another country, even when other fields are wrong too", () => {
    expect(issuesOf(schema, { country: "CA", region: "CL-RM" })).toContain("region: validation.regionCountry");
    expect(issuesOf(schema, { country: "CL", region: "CL-RM" })).not.toContain("region: validation.regionCountry");
    expect(issuesOf(schema, { country: "other", region: "CL-RM" })).not.toContain("region: validation.regionCountry");
  });
});
