import { data } from "@remix-run/node";
import { submissionFormSchema } from "~/schemas/submission";
import { fieldErrors } from "~/schemas/accounts";
import { SubmissionRefused } from "~/models/submissions.server";

/** Everything typed, minus what must never be echoed back (the CSRF token, the honeypot). */
export function typedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && key !== "csrf" && key !== "website" && key !== "stamp") out[key] = value;
  return out;
}

export function parseSubmissionForm(form: FormData) {
  return submissionFormSchema.safeParse(typedValues(form));
}

export function invalid(errors: Record<string, string>, values: Record<string, string>, status = 400) {
  return data({ errors, values }, { status });
}

export function validationErrors(error: Parameters<typeof fieldErrors>[0]) {
  return fieldErrors(error);
}

/** A refusal from the domain module as a message for the form. */
export function refusalErrors(error: SubmissionRefused): { errors: Record<string, string>; status: number } {
  switch (error.reason) {
    case "bad_region":
      return { errors: { region: "validation.regionCountry" }, status: 400 };
    case "bad_reply":
      return { errors: { inReplyTo: "submission.errors.badReply" }, status: 400 };
    case "not_pending":
      return { errors: { form: "submission.errors.notPending" }, status: 409 };
    case "not_open":
      return { errors: { form: "submission.errors.notOpen" }, status: 409 };
    default:
      return { errors: { form: "submission.errors.notFound" }, status: 404 };
  }
}
