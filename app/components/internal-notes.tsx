import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, TextAreaField } from "~/components/forms";

export interface NoteShown {
  id: number;
  body: string;
  author: string | null;
  /** Already written in the reader's time zone. */
  at: string;
}

/** Officials' internal notes on a submission and the form to add one (never public; ADR 042). */
export function InternalNotes({ notes, error, typed }: { notes: NoteShown[]; error?: string; typed?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="notes-title" className="internal-notes">
      <h2 id="notes-title">{t("moderation.notes.title")}</h2>
      <p className="field__hint">{t("moderation.notes.intro")}</p>
      {notes.length === 0 ? (
        <p>{t("moderation.notes.none")}</p>
      ) : (
        <ol className="note-list">
          {notes.map((note) => (
            <li key={note.id} className="card">
              <p className="muted">
                {note.author ?? "—"} · {note.at}
              </p>
              <p className="pre-line">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="note" />
        <TextAreaField name="noteBody" label={t("moderation.notes.field")} rows={3} maxLength={4000} required error={error} defaultValue={typed ?? ""} />
        <button type="submit" className="button">
          {t("moderation.notes.save")}
        </button>
      </Form>
    </section>
  );
}
