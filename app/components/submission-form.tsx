import { Form, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { BODY_MAX, genderChoices, organisationSizes, publicationChoices, womenLedChoices } from "~/schemas/submission-choices";
import { formatNumber, formatSize } from "~/utils/format";
import type { Locale } from "~/i18n";
import { lazySchemaResolver, useCheckedForm } from "./checked-form";
import { CsrfInput, ErrorSummary, Honeypot } from "./forms";
import { ContactSection, PlaceFields, PrivacyField, StakeholderFields, type RegionsByCountry } from "./person-fields";

export interface SubmissionFormProps {
  locale: Locale;
  values: Record<string, unknown>;
  serverErrors?: Record<string, string>;
  regions: RegionsByCountry;
  questions: Array<{ id: number; text: string; locale: string }>;
  /** Published proposals a comment may answer (reference and title). */
  proposals: Array<{ reference: string; title: string }>;
  stamp?: string;
  submitLabel: string;
  /** Editing through the secret link: the privacy acknowledgement was given already. */
  editing?: boolean;
  /** The form may carry files (it is then sent as multipart). */
  allowAttachments?: boolean;
  /** Files already kept (a draft's, or the submission's being edited), each with a box to remove it. */
  attached?: Array<{ id: number; name: string; size: number }>;
  /** Editing: the version the page shows, so a change made meanwhile by officials is not overwritten. */
  version?: number;
  /** "Save and continue later": the second button's label; without it there is no such button. */
  draftLabel?: string;
  /** The private link of the draft being continued: sending the form deletes that draft. */
  draftToken?: string;
  /**
   * With JavaScript, what is typed is also kept in this browser under this key (the topic's slug)
   * and given back when the form is opened again — after a change of language, say — until sent.
   * `restore` is false when the page already holds newer values (a form the server gave back).
   */
  autosave?: { key: string; restore: boolean };
}

interface LocalCopy {
  draft: string | null;
  values: Record<string, unknown>;
}

const localKey = (key: string) => `puente:submission:${key}`;
function readLocalCopy(key: string): LocalCopy | null {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(localKey(key)) ?? "null") as LocalCopy | null;
    return parsed && typeof parsed.values === "object" ? parsed : null;
  } catch {
    return null; // storage off or full, or a copy that is not ours: the form works without it
  }
}
function writeLocalCopy(key: string, copy: LocalCopy | null) {
  try {
    if (copy) window.localStorage.setItem(localKey(key), JSON.stringify(copy));
    else window.localStorage.removeItem(localKey(key));
  } catch {
    // As above: keeping a copy in the browser is a convenience only.
  }
}

/** The fields in the order the form shows them: the error summary lists problems in this order. */
const fieldOrder = [
  "kind",
  "inReplyTo",
  "title",
  "body",
  "language",
  "attachments",
  "onBehalf",
  "stakeholderType",
  "stakeholderOther",
  "organisationName",
  "organisationSize",
  "womenLed",
  "country",
  "region",
  "contactName",
  "contactEmail",
  "publication",
  "gender",
  "privacy",
];

// The shared zod schema and its resolver (about 27 KB compressed) are loaded when the form is first
// used, not with the page (ADR 028). Should they fail to load, the server's check still applies.
const schema = lazySchemaResolver(() =>
  Promise.all([import("@hookform/resolvers/zod"), import("~/schemas/submission")]).then(
    ([{ zodResolver }, { submissionFormSchema }]) => zodResolver(submissionFormSchema) as unknown as Resolver<FieldValues>,
  ),
);

/**
 * The submission form. It works as a plain HTML form; with JavaScript, react-hook-form checks it
 * with the same zod schema before sending, and a counter shows the length of the text.
 */
export function SubmissionForm(props: SubmissionFormProps) {
  const {
    locale,
    values,
    serverErrors,
    regions,
    questions,
    proposals,
    stamp,
    submitLabel,
    editing,
    allowAttachments,
    attached,
    version,
    draftLabel,
    draftToken,
    autosave,
  } = props;
  const { t } = useTranslation();
  const submit = useSubmit();
  const labels = Object.fromEntries(fieldOrder.map((n) => [n, t(`submission.fields.${n}` as never)]));
  const kit = useCheckedForm({ values, serverErrors, resolver: schema.resolver, labels });
  const { form, errors, hydrated, errorLine, describedBy, field, input, radios } = kit;
  const body = useWatch({ control: form.control, name: "body" }) as string | undefined;
  const kind = useWatch({ control: form.control, name: "kind" }) as string | undefined;
  // The copy kept in this browser (with JavaScript only): given back once, then kept up to date.
  const autosaveKey = autosave?.key;
  const restore = autosave?.restore ?? false;
  const sending = useRef(false);
  useEffect(() => {
    if (!autosaveKey) return;
    const copy = readLocalCopy(autosaveKey);
    // Only the copy of this same draft (or of no draft): another draft's link opens that draft.
    if (restore && copy && copy.draft === (draftToken ?? null)) {
      const fields = form.getValues();
      const typed = Object.fromEntries(Object.entries(copy.values).filter(([name, v]) => typeof v === "string" && name in fields));
      form.reset({ ...form.getValues(), ...typed });
    }
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values: current }) => writeLocalCopy(autosaveKey, { draft: draftToken ?? null, values: current }),
    });
    return () => {
      unsubscribe();
      // Sent and gone to the receipt: the copy has served.
      if (sending.current) writeLocalCopy(autosaveKey, null);
    };
  }, [autosaveKey, restore, draftToken, form]);
  // A form the server gave back (a problem) was not sent.
  useEffect(() => {
    sending.current = false;
  }, [serverErrors]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    // Saving a draft keeps the form as it is: no check in the browser (the server asks only for the email).
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter instanceof HTMLButtonElement && submitter.name === "intent" && submitter.value === "draft") {
      event.preventDefault();
      void submit(submitter);
      return;
    }
    void form.handleSubmit(() => {
      sending.current = true;
      void submit(target);
    })(event);
  };

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} order={fieldOrder} />
      <Form
        method="post"
        noValidate
        className="form submission-form"
        onSubmit={onSubmit}
        onFocus={() => void schema.preload()}
        encType={allowAttachments ? "multipart/form-data" : "application/x-www-form-urlencoded"}
      >
        <CsrfInput />
        {stamp && <input type="hidden" name="stamp" value={stamp} />}
        {version !== undefined && <input type="hidden" name="version" value={version} />}
        {draftToken && <input type="hidden" name="draft" value={draftToken} />}
        <Honeypot />

        <section aria-labelledby="s-what">
          <h2 id="s-what">{t("submission.sections.what")}</h2>
          {radios("kind", ["proposal", "comment"])}
          {proposals.length > 0 &&
            field(
              "inReplyTo",
              <select {...input("inReplyTo", true)}>
                <option value="">{t("submission.noReply")}</option>
                {proposals.map((p) => (
                  <option key={p.reference} value={p.reference}>
                    {p.reference} — {p.title}
                  </option>
                ))}
              </select>,
              t("submission.hints.inReplyTo"),
              // Only a comment answers a proposal (the server ignores it for a proposal).
              hydrated && kind !== "comment",
            )}
          {field("title", <input type="text" maxLength={200} {...input("title", true)} />, t("submission.hints.title"))}
          {field(
            "body",
            <>
              <textarea rows={14} maxLength={BODY_MAX} {...input("body", true)} />
              <p className="counter js-only" aria-live="polite">
                {t("submission.counter", { length: formatNumber((body ?? "").length, locale), max: formatNumber(BODY_MAX, locale) })}
              </p>
            </>,
            t("submission.hints.body", { max: formatNumber(BODY_MAX, locale) }),
          )}
          {field(
            "language",
            <select {...input("language")}>
              {(["en", "fr", "es"] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>,
          )}
          {allowAttachments && !!attached?.length && (
            <fieldset className="field" aria-describedby="attached-files-hint">
              <legend>{t("submission.attachedFiles.heading")}</legend>
              <p className="field__hint" id="attached-files-hint">
                {t("submission.attachedFiles.hint")}
              </p>
              {attached.map((file) => (
                <div className="choice" key={file.id}>
                  <input type="checkbox" id={`remove-attachment-${file.id}`} name="removeAttachment" value={file.id} />
                  <label htmlFor={`remove-attachment-${file.id}`}>
                    {t("submission.attachedFiles.remove", { name: file.name, size: formatSize(file.size, locale) })}
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          {allowAttachments && (
            <div className={`field${errors?.attachments ? " field--error" : ""}`}>
              <label htmlFor="field-attachments">{labels.attachments}</label>
              <p className="field__hint" id="field-attachments-hint">
                {t("submission.hints.attachments")}
              </p>
              {errorLine("attachments")}
              <input
                type="file"
                id="field-attachments"
                name="attachments"
                multiple
                accept=".pdf,.docx,.odt,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,text/plain"
                aria-describedby={describedBy("attachments", true)}
                aria-invalid={errors?.attachments ? true : undefined}
              />
            </div>
          )}
          {questions.length > 0 && (
            <fieldset className="field">
              <legend>{t("submission.sections.questions")}</legend>
              <p className="field__hint">{t("submission.hints.questions")}</p>
              {questions.map((q) => (
                <div className="field" key={q.id}>
                  <label htmlFor={`field-answer_${q.id}`} lang={q.locale === locale ? undefined : q.locale}>
                    {q.text}
                  </label>
                  <textarea rows={4} maxLength={5000} {...input(`answer_${q.id}`)} />
                </div>
              ))}
            </fieldset>
          )}
        </section>

        <section aria-labelledby="s-who">
          <h2 id="s-who">{t("submission.sections.who")}</h2>
          {radios("onBehalf", ["organisation", "self"])}
          <StakeholderFields kit={kit} />
          {field(
            "organisationName",
            <input type="text" maxLength={200} autoComplete="organization" {...input("organisationName", true)} />,
            t("submission.hints.organisationName"),
          )}
          {field(
            "organisationSize",
            <select {...input("organisationSize", true)}>
              <option value="">{t("submission.notApplicable")}</option>
              {organisationSizes.map((s) => (
                <option key={s} value={s}>
                  {t(`submission.choices.organisationSize.${s}`)}
                </option>
              ))}
            </select>,
            t("submission.hints.organisationSize"),
          )}
          {radios("womenLed", womenLedChoices)}
          <PlaceFields kit={kit} regions={regions} />
        </section>

        <ContactSection
          kit={kit}
          heading={t("submission.sections.contact")}
          hint={t("submission.hints.contact")}
          fields={{ name: "contactName", email: "contactEmail" }}
        />

        <section aria-labelledby="s-publication">
          <h2 id="s-publication">{t("submission.sections.publication")}</h2>
          {radios("publication", publicationChoices)}
          {radios("gender", genderChoices, t("submission.hints.gender"))}
          {!editing && <PrivacyField kit={kit} locale={locale} />}
          {editing && <input type="hidden" name="privacy" value="on" />}
        </section>

        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {draftLabel && (
          <div className="field">
            <p className="field__hint" id="save-draft-hint">
              {t("submission.draft.hint")}
            </p>
            <button type="submit" name="intent" value="draft" formNoValidate className="button" aria-describedby="save-draft-hint">
              {draftLabel}
            </button>
          </div>
        )}
      </Form>
    </>
  );
}
