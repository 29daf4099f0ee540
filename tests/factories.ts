// Moved to support/ (shared with bench/, ADR 025): tests keep importing it from here.
export * from "../support/factories";
