import type { Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { wordDiff, type DiffPart } from "~/utils/word-diff";

// The history of a submission in words (issue 18, item 6): what each entry changed, named and
// valued in the reader's language — theme names rather than ids, language and status names rather
// than codes — with text changes as a word-level diff. The history rows keep codes and ids (they
// are the record); this only reads them.

export interface HistoryEvent {
  id: number;
  action: string;
  reason: string | null;
  note: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
  actor: string | null;
}

export type HistoryChange =
  | { field: string; label: string; kind: "value"; before: string; after: string }
  /** `lang`: the text's language when it is not the submission's (a translation). */
  | { field: string; label: string; kind: "text"; parts: DiffPart[]; coarse: boolean; lang?: Locale };

export interface HistoryEntry {
  id: number;
  at: string;
  who: string;
  what: string;
  reason: string | null;
  note: string | null;
  changes: HistoryChange[];
  /** What the person's edit made void, in words (one sentence each). */
  invalidated: string[];
}

const TEXT_FIELDS = new Set(["title", "body"]);

/**
 * `themes`: the labels of the party's themes in the reader's language (a theme deleted since
 * reads as such); `original`: the text as the person sent it now, which a redaction's "null"
 * (publish the original) stands for while no later edit of theirs changed it.
 */
export function historyInWords(
  events: HistoryEvent[],
  input: { locale: Locale; themes: Array<{ id: number; label: string }>; original: { title: string | null; body: string } },
): HistoryEntry[] {
  const t = getT(input.locale);
  const themeName = new Map(input.themes.map((th) => [th.id, th.label]));
  const nothing = t("moderation.historyWords.nothing");
  const lastEdit = events.reduce((last, e) => (e.action === "submitter_edit" ? e.id : last), 0);

  const valueInWords = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return nothing;
    switch (field) {
      case "status":
        return t(`receipt.statuses.${value as "pending"}`, { defaultValue: String(value) });
      case "locale":
        return t(`languages.${value as "en"}`, { defaultValue: String(value) });
      case "themes": {
        const ids = Array.isArray(value) ? value : [];
        if (ids.length === 0) return nothing;
        return ids.map((id) => themeName.get(Number(id)) ?? t("moderation.historyWords.deletedTheme", { id })).join(", ");
      }
      case "attachmentsPublic":
        return value ? t("moderation.historyWords.yes") : t("moderation.historyWords.no");
      case "campaign":
        return t("moderation.historyWords.campaign", { id: value });
      case "size":
        return t("moderation.historyWords.copies", { count: Number(value) });
      case "removedFiles": {
        // ADR 040: the files the person took off, kept by name and fingerprint once deleted.
        const files = Array.isArray(value) ? (value as Array<{ name?: string; sha256?: string }>) : [];
        if (files.length === 0) return nothing;
        return files.map((f) => t("moderation.historyWords.removedFile", { name: f.name ?? "", sha256: f.sha256 ?? "" })).join("; ");
      }
    }
    if (Array.isArray(value)) return value.map((v) => valueInWords("", v)).join(", ");
    if (typeof value === "boolean") return value ? t("moderation.historyWords.yes") : t("moderation.historyWords.no");
    if (typeof value === "object") return nothing;
    return String(value);
  };

  return events.map((e) => {
    const fields = [...new Set([...Object.keys(e.after ?? {}), ...Object.keys(e.before ?? {})])].filter((f) => f !== "invalidated");
    const changes: HistoryChange[] = [];
    for (const field of fields) {
      const label = t(`moderation.fields.${field}` as never, { defaultValue: field });
      let before = e.before?.[field];
      let after = e.after?.[field];
      if (TEXT_FIELDS.has(field) && (typeof before === "string" || typeof after === "string" || e.action === "redact")) {
        if (e.action === "redact" && e.id > lastEdit) {
          // null: "publish the original", which is still the person's text as it stands.
          before ??= input.original[field as "title" | "body"];
          after ??= input.original[field as "title" | "body"];
        }
        const a = typeof before === "string" ? before : "";
        const b = typeof after === "string" ? after : "";
        if (a === b) continue;
        const { parts, coarse } = wordDiff(a, b);
        const lang = e.action === "translate" && typeof e.after?.locale === "string" ? (e.after.locale as Locale) : undefined;
        changes.push({ field, label, kind: "text", parts, coarse, ...(lang ? { lang } : {}) });
        continue;
      }
      const inWords = { before: valueInWords(field, before), after: valueInWords(field, after) };
      if (inWords.before === inWords.after) continue;
      changes.push({ field, label, kind: "value", ...inWords });
    }
    const invalidated = e.after?.invalidated as { redaction?: boolean; translations?: string[]; campaign?: number | null } | undefined;
    return {
      id: e.id,
      at: e.at,
      who: e.actor ?? t("moderation.submitter"),
      what: t(`moderation.events.${e.action as "approve"}`, { defaultValue: e.action }),
      reason: e.reason ? t(`moderation.reasons.${e.reason as "other"}`, { defaultValue: e.reason }) : null,
      note: e.note,
      changes,
      invalidated: invalidated
        ? [
            t("moderation.editInvalidated"),
            ...(invalidated.redaction ? [t("moderation.editInvalidatedRedaction")] : []),
            ...(invalidated.translations?.length
              ? [t("moderation.editInvalidatedTranslations", { locales: invalidated.translations.map((l) => valueInWords("locale", l)).join(", ") })]
              : []),
            ...(invalidated.campaign != null ? [t("moderation.editInvalidatedCampaign")] : []),
          ]
        : [],
    };
  });
}
