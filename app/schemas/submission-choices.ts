// The submission form's choices as plain values, without zod: pages that only display them (the
// topic page's filters, the form itself until it checks what was typed) import this module and
// ship no schema code (ADR 028).
export const BODY_MAX = 20_000;
export const stakeholderTypes = ["union", "company", "business_association", "academic", "ngo", "indigenous", "public_body", "individual", "other"] as const;
export const organisationSizes = ["micro", "small", "medium", "large"] as const;
export const womenLedChoices = ["yes", "no", "prefer_not"] as const;
export const publicationChoices = ["named", "anonymous", "officials"] as const;
export const genderChoices = ["woman", "man", "another", "prefer_not"] as const;
