import { Form } from "@remix-run/react";
import { Fragment, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, TextAreaField, TextField } from "~/components/forms";
import { Redactable } from "~/components/published-submission";
import { encodeAccepted, markPassages, type RedactionField } from "~/pii/accept";
import { detectPii, type PiiSuggestion } from "~/pii/detector";
import { applyRedactions } from "~/schemas/moderation";
import { REDACTED } from "~/schemas/redaction";

export interface RedactionEditorProps {
  version: number;
  /** The language the person wrote in (the texts' `lang`). */
  language: string;
  title: string | null;
  publishedTitle: string | null;
  body: string;
  publishedBody: string | null;
  attachmentsPublic: boolean;
  attachmentCount: number;
  answers: { questionId: number; question: string; text: string; publishedText: string | null }[];
  /** The submission's contact names: their parts are suggested wherever the text repeats them. */
  contactNames: string[];
  errors?: Record<string, string>;
  /** What the official sent, when the page comes back with an error. */
  values?: Record<string, unknown>;
}

interface EditedField {
  name: RedactionField;
  label: string;
  rows: number;
}

/**
 * The redaction form: the texts to publish, the passages marked for removal and the suggested
 * personal data highlighted, and what the public will see. Suggestions are never applied by
 * themselves: with JavaScript each is one click to mark; without, the official ticks them and the
 * server marks the ticked ones (app/pii/accept.ts) when the form is saved.
 */
export function RedactionEditor(props: RedactionEditorProps) {
  const { t } = useTranslation();
  const typed = (name: string, fallback: string) => {
    const value = props.values?.[name];
    return typeof value === "string" ? value : fallback;
  };
  const fields: EditedField[] = [
    ...(props.title ? [{ name: "title" as const, label: t("moderation.redactTitleField"), rows: 1 }] : []),
    { name: "body", label: t("moderation.redactBody"), rows: 12 },
    ...props.answers.map((a) => ({
      name: `answer_${a.questionId}` as const,
      label: t("moderation.redactAnswer", { question: a.question }),
      rows: 4,
    })),
  ];
  const [texts, setTexts] = useState<Record<string, string>>(() => ({
    title: typed("title", props.publishedTitle ?? props.title ?? ""),
    body: typed("body", props.publishedBody ?? props.body),
    ...Object.fromEntries(props.answers.map((a) => [`answer_${a.questionId}`, typed(`answer_${a.questionId}`, a.publishedText ?? a.text)])),
  }));
  // Buttons that change the text need JavaScript: until it runs, the suggestions are checkboxes.
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [announcement, setAnnouncement] = useState("");
  // After a suggestion is marked its button goes away: focus moves to the next one (or the list's legend).
  const focusAfter = useRef<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const names = props.contactNames;
  const found = useMemo(
    () => fields.map((field) => ({ field, suggestions: detectPii(texts[field.name] ?? "", { names }) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fields are derived from props that do not change on this page
    [texts, names],
  );
  const all = found.flatMap(({ field, suggestions }) => suggestions.map((s) => ({ field, s })));

  useEffect(() => {
    if (focusAfter.current === null) return;
    const buttons = listRef.current?.querySelectorAll("button");
    const next = buttons?.length ? buttons[Math.min(focusAfter.current, buttons.length - 1)] : null;
    (next ?? document.getElementById("pii-suggestions-legend"))?.focus();
    focusAfter.current = null;
  }, [texts]);

  const accept = (field: RedactionField, s: PiiSuggestion, index: number) => {
    const marked = markPassages(texts[field] ?? "", [s]);
    if (marked === null) return;
    setTexts((current) => ({ ...current, [field]: marked }));
    setAnnouncement(t("moderation.pii.accepted", { text: s.text }));
    focusAfter.current = index;
  };
  const kindLabel = (s: PiiSuggestion) => t(`moderation.pii.kinds.${s.kind}`);

  return (
    <Form method="post" className="card redaction-editor">
      <h3>{t("moderation.redactTitle")}</h3>
      <p className="field__hint">{t("moderation.redactHint")}</p>
      <CsrfInput />
      <input type="hidden" name="intent" value="redact" />
      <input type="hidden" name="version" value={props.version} />
      <div className="redaction-editor__columns">
        <div>
          {fields.map((field) =>
            field.name === "title" ? (
              <TextField
                key={field.name}
                name="title"
                label={field.label}
                lang={props.language}
                error={props.errors?.title}
                value={texts.title}
                onChange={(e) => setTexts({ ...texts, title: e.target.value })}
              />
            ) : (
              <TextAreaField
                key={field.name}
                name={field.name}
                label={field.label}
                rows={field.rows}
                lang={props.language}
                error={props.errors?.[field.name]}
                value={texts[field.name]}
                onChange={(e) => setTexts({ ...texts, [field.name]: e.target.value })}
              />
            ),
          )}
        </div>
        <div>
          <h4 id="redaction-marked-title">{t("moderation.pii.markedTitle")}</h4>
          <p className="field__hint">
            {t("moderation.pii.legendBefore")} <del className="redaction-mark--remove">{t("moderation.pii.legendRemove")}</del>{" "}
            <mark className="redaction-mark--suggested">{t("moderation.pii.legendSuggested")}</mark>
          </p>
          <div className="redaction-marked" lang={props.language} aria-labelledby="redaction-marked-title" role="region">
            {found.map(({ field, suggestions }) => (
              <Fragment key={field.name}>
                {fields.length > 1 && <p className="redaction-marked__field">{field.label}</p>}
                <MarkedText text={texts[field.name] ?? ""} suggestions={suggestions} kindLabel={kindLabel} />
              </Fragment>
            ))}
          </div>
          <h4 id="redaction-preview-title">{t("moderation.pii.previewTitle")}</h4>
          <div className="published-copy redaction-preview" lang={props.language} aria-labelledby="redaction-preview-title" role="region">
            {fields.map((field) => (
              <Fragment key={field.name}>
                {field.name.startsWith("answer_") && <p className="redaction-marked__field">{field.label}</p>}
                {field.name === "title" ? (
                  <p>
                    <strong>
                      <Redactable text={applyRedactions(texts.title ?? "")} />
                    </strong>
                  </p>
                ) : (
                  (texts[field.name] ?? "").split(/\n{2,}/).map((paragraph, i) => (
                    <p key={i} className="pre-line">
                      <Redactable text={applyRedactions(paragraph)} />
                    </p>
                  ))
                )}
              </Fragment>
            ))}
          </div>
        </div>
      </div>

      <fieldset className="pii-suggestions">
        <legend id="pii-suggestions-legend" tabIndex={-1}>
          {t("moderation.pii.title", { count: all.length })}
        </legend>
        <p className="field__hint">{scripted ? t("moderation.pii.hintScript") : t("moderation.pii.hint")}</p>
        {all.length === 0 ? (
          <p>{t("moderation.pii.none")}</p>
        ) : (
          <ul ref={listRef}>
            {all.map(({ field, s }, index) => {
              const id = `pii-${field.name}-${s.start}`;
              const where = field.name === "body" ? null : field.label;
              return (
                <li key={id} className={scripted ? undefined : "choice"}>
                  {scripted ? (
                    <>
                      <span className="pii-kind">{kindLabel(s)}</span>
                      <span className="pii-text" lang={props.language}>
                        {s.text}
                      </span>
                      {where && <span className="muted">({where})</span>}
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t("moderation.pii.acceptLabel", { text: s.text, kind: kindLabel(s) })}
                        onClick={() => accept(field.name, s, index)}
                      >
                        {t("moderation.pii.accept")}
                      </button>
                    </>
                  ) : (
                    <>
                      <input type="checkbox" id={id} name="accept" value={encodeAccepted({ field: field.name, start: s.start, end: s.end, text: s.text })} />
                      <label htmlFor={id}>
                        <span className="pii-kind">{kindLabel(s)}</span>{" "}
                        <span className="pii-text" lang={props.language}>
                          {s.text}
                        </span>
                        {where && <span className="muted"> ({where})</span>}
                      </label>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <p role="status" className="visually-hidden">
          {announcement}
        </p>
      </fieldset>

      {props.attachmentCount > 0 ? (
        <div className="choice">
          <input type="checkbox" id="field-attachmentsPublic" name="attachmentsPublic" defaultChecked={props.attachmentsPublic} />
          <label htmlFor="field-attachmentsPublic">{t("moderation.attachmentsPublic")}</label>
        </div>
      ) : (
        <input type="hidden" name="attachmentsPublic" value="on" />
      )}
      <button type="submit" className="button">
        {t("moderation.saveRedaction")}
      </button>
    </Form>
  );
}

const noSubscription = () => () => {};

const MARKED = /\[\[[\s\S]*?\]\]/g;

/** The text as written, with the passages marked for removal struck and the suggested ones highlighted. */
function MarkedText({ text, suggestions, kindLabel }: { text: string; suggestions: PiiSuggestion[]; kindLabel: (s: PiiSuggestion) => string }) {
  const { t, i18n } = useTranslation();
  const spans = [
    ...[...text.matchAll(MARKED)].map((m) => ({ start: m.index, end: m.index + m[0].length, suggestion: null })),
    ...suggestions.map((s) => ({ start: s.start, end: s.end, suggestion: s })),
  ].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(text.slice(at, span.start));
    const passage = text.slice(span.start, span.end);
    if (span.suggestion) {
      parts.push(
        <mark key={span.start} className="redaction-mark--suggested" title={kindLabel(span.suggestion)}>
          {passage}
        </mark>,
      );
    } else if (passage === REDACTED) {
      parts.push(
        <span key={span.start} className="redacted" lang={i18n.language}>
          {t("publicSubmissions.redacted")}
        </span>,
      );
    } else {
      parts.push(
        <del key={span.start} className="redaction-mark--remove">
          {passage.slice(2, -2)}
        </del>,
      );
    }
    at = span.end;
  }
  parts.push(text.slice(at));
  return <p className="pre-line">{parts}</p>;
}
