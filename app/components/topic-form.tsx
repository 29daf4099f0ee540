import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import { useState, type FormEvent, type InputHTMLAttributes } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { clientFieldErrors } from "~/schemas/field-errors";
import { BODY_MAX, MAX_QUESTIONS, SUMMARY_MAX, TITLE_MAX, TOPIC_LOCALES, topicFormSchema, type TopicFormInput } from "~/schemas/topic";
import { CsrfInput, ErrorSummary, SelectField, TextAreaField, TextField } from "./forms";

export interface TopicFormProps {
  values: Partial<TopicFormInput> & Record<string, unknown>;
  serverErrors?: Record<string, string>;
  parties: Array<{ code: string; name: string; timeZoneLabel: string }>;
  /** Moderators cannot choose: their own party. */
  fixedParty: string | null;
  areas: Array<{ id: number; number: number; article: string; title: string }>;
  /** Whether the topic is still a draft (offers "save and publish"). */
  canPublish: boolean;
}

/**
 * The topic form. With JavaScript, react-hook-form checks it with the shared zod schema before
 * sending; without, the server checks it with the same schema. Either way the error summary
 * lists each problem and the message stands beside its field, and nothing typed is lost.
 */
export function TopicForm({ values, serverErrors, parties, fixedParty, areas, canPublish }: TopicFormProps) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const form = useForm<TopicFormInput>({ resolver: zodResolver(topicFormSchema), defaultValues: values as TopicFormInput });
  const clientErrors = clientFieldErrors(form.formState.errors);
  const errors = Object.keys(clientErrors).length ? clientErrors : serverErrors;
  const filledQuestions = Array.from({ length: MAX_QUESTIONS }, (_, i) => TOPIC_LOCALES.some((l) => values[`q${i}_${l}`])).lastIndexOf(true) + 1;
  const [questionCount, setQuestionCount] = useState(Math.min(MAX_QUESTIONS, Math.max(3, filledQuestions + 2)));
  const party = parties.find((p) => p.code === (fixedParty ?? values.partyCode)) ?? parties[0];

  const labels: Record<string, string> & Record<"partyCode" | "areaId" | "slug" | "opensDate" | "opensTime" | "closesDate" | "closesTime", string> = {
    partyCode: t("topicForm.party"),
    areaId: t("topicForm.area"),
    slug: t("topicForm.slug"),
    opensDate: t("topicForm.opensDate"),
    opensTime: t("topicForm.opensTime"),
    closesDate: t("topicForm.closesDate"),
    closesTime: t("topicForm.closesTime"),
  };
  for (const l of TOPIC_LOCALES) {
    labels[`${l}_title`] = `${t("topicForm.title")} (${t(`languages.${l}`)})`;
    labels[`${l}_summary`] = `${t("topicForm.summary")} (${t(`languages.${l}`)})`;
    labels[`${l}_body`] = `${t("topicForm.body")} (${t(`languages.${l}`)})`;
  }
  for (let i = 0; i < MAX_QUESTIONS; i++)
    for (const l of TOPIC_LOCALES) labels[`q${i}_${l}`] = `${t("topicForm.question", { number: i + 1 })} (${t(`languages.${l}`)})`;

  /** What every field of the form carries: react-hook-form's registration, its message, what was typed. */
  const field = (name: string) => ({
    ...form.register(name as keyof TopicFormInput),
    error: errors?.[name],
    defaultValue: (values[name] as string | undefined) ?? "",
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? event.currentTarget))(event);
  };

  const text = (name: string, label: string, hint: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <TextField type="text" {...field(name)} label={label} hint={hint} {...props} />
  );
  const area = (name: string, label: string, hint: string, rows: number, max: number, lang: string) => (
    <TextAreaField {...field(name)} label={label} hint={hint} rows={rows} maxLength={max} lang={lang} />
  );

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate className="form topic-form" onSubmit={onSubmit}>
        <CsrfInput />
        <fieldset>
          <legend>{t("topicForm.settings")}</legend>
          {fixedParty ? (
            <>
              <input type="hidden" name="partyCode" value={fixedParty} />
              <p>
                <strong>{labels.partyCode}:</strong> {party?.name}
              </p>
            </>
          ) : (
            <SelectField
              {...field("partyCode")}
              label={labels.partyCode}
              hint={t("topicForm.partyHint")}
              options={parties.map((p) => ({ value: p.code, label: p.name }))}
            />
          )}
          <SelectField
            {...field("areaId")}
            label={labels.areaId}
            hint={t("topicForm.areaHint")}
            defaultValue={String(values.areaId ?? "")}
            options={[
              { value: "", label: t("topicForm.chooseArea") },
              ...areas.map((a) => ({ value: String(a.id), label: `${t("topics.areaShort", { number: a.number })} · ${a.article} — ${a.title}` })),
            ]}
          />
          {text("slug", labels.slug, t("topicForm.slugHint"), { autoCapitalize: "none", spellCheck: false })}
          <div className="field-row">
            {text("opensDate", labels.opensDate, t("topicForm.dateHint"), { type: "date" })}
            {text("opensTime", labels.opensTime, t("topicForm.timeHint", { zone: party?.timeZoneLabel }), { type: "time" })}
          </div>
          <div className="field-row">
            {text("closesDate", labels.closesDate, t("topicForm.dateHint"), { type: "date" })}
            {text("closesTime", labels.closesTime, t("topicForm.timeHint", { zone: party?.timeZoneLabel }), { type: "time" })}
          </div>
          <div className="field field--checkbox">
            <input type="checkbox" id="field-allowComments" {...form.register("allowComments")} defaultChecked={values.allowComments === true} value="on" />
            <label htmlFor="field-allowComments">{t("topicForm.allowComments")}</label>
          </div>
        </fieldset>

        <p className="field__hint">{t("topicForm.languagesHint")}</p>
        {TOPIC_LOCALES.map((l) => (
          <fieldset key={l}>
            <legend>{t("topicForm.textIn", { language: t(`languages.${l}`) })}</legend>
            {text(`${l}_title`, labels[`${l}_title`]!, t("topicForm.titleHint", { count: TITLE_MAX }), { maxLength: TITLE_MAX, lang: l })}
            {area(`${l}_summary`, labels[`${l}_summary`]!, t("topicForm.summaryHint", { count: SUMMARY_MAX }), 3, SUMMARY_MAX, l)}
            {area(`${l}_body`, labels[`${l}_body`]!, t("topicForm.bodyHint"), 10, BODY_MAX, l)}
          </fieldset>
        ))}

        <fieldset>
          <legend>{t("topicForm.questions")}</legend>
          <p className="field__hint">{t("topicForm.questionsHint", { count: MAX_QUESTIONS })}</p>
          <p className="field__hint">{t("topicForm.questionsRetireHint")}</p>
          {Array.from({ length: questionCount }, (_, i) => (
            <div key={i} className="question-group">
              {/* Which question this is: an edit keeps its identity, and the answers to it (ADR 014). */}
              {values[`q${i}_id`] ? <input type="hidden" name={`q${i}_id`} value={String(values[`q${i}_id`])} /> : null}
              {TOPIC_LOCALES.map((l) => (
                <div key={l}>{text(`q${i}_${l}`, labels[`q${i}_${l}`]!, "", { maxLength: 500, lang: l })}</div>
              ))}
            </div>
          ))}
          {questionCount < MAX_QUESTIONS && (
            <button type="button" className="button button--small js-only" onClick={() => setQuestionCount((n) => Math.min(MAX_QUESTIONS, n + 1))}>
              {t("topicForm.addQuestion")}
            </button>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button--primary">
            {t("topicForm.save")}
          </button>
          {canPublish && (
            <button type="submit" name="intent" value="publish" className="button button--secondary">
              {t("topicForm.saveAndPublish")}
            </button>
          )}
        </div>
      </Form>
    </>
  );
}
