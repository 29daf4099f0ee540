import * as z from "zod";
import { cleanText } from "./submission";

// The attendance page's small forms (ADR 045): mark present or undo, close the register, the
// recording's link. The walk-in form is app/schemas/event-walk-in.ts.

export const checkInSchema = z.object({
  intent: z.enum(["present", "absent"]),
  registrationId: z.coerce.number().int().positive(),
});

export const closeRegisterSchema = z.object({
  intent: z.literal("close"),
  confirm: z.literal("on", { error: "eventAttendance.errors.confirmClose" }),
});

/** A recording's public link: https only (never another scheme a browser would run); empty removes it. */
export const recordingSchema = z.object({
  intent: z.literal("recording"),
  recordingUrl: z.preprocess(
    (v) => cleanText(v ?? ""),
    z.union([
      z.literal(""),
      z
        .string()
        .max(500, { error: "validation.tooLong" })
        .refine(
          (v) => {
            try {
              const url = new URL(v);
              return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
            } catch {
              return false;
            }
          },
          { error: "eventAttendance.errors.recordingUrl" },
        ),
    ]),
  ),
});

export const registerFormats = ["pdf", "xlsx", "csv"] as const;
export type RegisterFormat = (typeof registerFormats)[number];
