import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import type { FormEvent, InputHTMLAttributes } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { clientFieldErrors } from "~/schemas/field-errors";
import {
  EVENT_AGENDA_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_FORMATS,
  EVENT_LOCALES,
  EVENT_PLACE_MAX,
  EVENT_TITLE_MAX,
  EVENT_URL_MAX,
  eventFormSchema,
  type EventFormInput,
} from "~/schemas/event";
import { CheckboxGroupField, CsrfInput, ErrorSummary, SelectField, TextAreaField, TextField } from "./forms";

export interface EventFormProps {
  values: Record<string, unknown>;
  serverErrors?: Record<string, string>;
  parties: Array<{ code: string; name: string; timeZoneLabel: string }>;
  /** Moderators cannot choose (their own country); nor can anyone once the event exists. */
  fixedParty: string | null;
  activities: Array<{ id: number; areaNumber: number; text: string }>;
  /** Offers "save and publish" (a draft, or a new event). */
  canPublish: boolean;
  /** The version the edit form was opened at; none for a new event. */
  version?: number;
  /** A cancelled or held event: shown, not editable. */
  readOnly?: boolean;
}

const short = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * The event form. With JavaScript, react-hook-form checks it with the shared zod schema before
 * sending; without, the server checks it with the same schema. Either way the error summary lists
 * each problem and the message stands beside its field, and nothing typed is lost.
 */
export function EventForm({ values, serverErrors, parties, fixedParty, activities, canPublish, version, readOnly }: EventFormProps) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const form = useForm<EventFormInput>({ resolver: zodResolver(eventFormSchema), defaultValues: values as EventFormInput });
  const clientErrors = clientFieldErrors(form.formState.errors as Record<string, { message?: unknown } | undefined>);
  const errors = Object.keys(clientErrors).length ? clientErrors : serverErrors;
  const watchedParty = useWatch({ control: form.control, name: "partyCode" }) as string | undefined;
  const chosenParty = fixedParty ?? watchedParty ?? (values.partyCode as string | undefined);
  const party = parties.find((p) => p.code === chosenParty) ?? parties[0];

  const labels: Record<string, string> = {
    partyCode: t("eventsAdmin.form.party"),
    activityId: t("eventsAdmin.form.activity"),
    format: t("eventsAdmin.form.format"),
    place: t("eventsAdmin.form.place"),
    onlineUrl: t("eventsAdmin.form.onlineUrl"),
    startsAt: t("eventsAdmin.form.startsAt"),
    endsAt: t("eventsAdmin.form.endsAt"),
    languages: t("eventsAdmin.form.languages"),
    interpretation: t("eventsAdmin.form.interpretation"),
    capacity: t("eventsAdmin.form.capacity"),
    registrationOpensAt: t("eventsAdmin.form.registrationOpensAt"),
    registrationClosesAt: t("eventsAdmin.form.registrationClosesAt"),
    requiresApproval: t("eventsAdmin.form.requiresApproval"),
  };
  for (const l of EVENT_LOCALES) {
    labels[`${l}_title`] = `${t("eventsAdmin.form.title")} (${t(`languages.${l}`)})`;
    labels[`${l}_description`] = `${t("eventsAdmin.form.description")} (${t(`languages.${l}`)})`;
    labels[`${l}_agenda`] = `${t("eventsAdmin.form.agenda")} (${t(`languages.${l}`)})`;
  }
  const order = Object.keys(labels);

  const field = (name: string) => ({
    ...form.register(name as keyof EventFormInput),
    error: errors?.[name],
    defaultValue: (values[name] as string | undefined) ?? "",
  });
  const text = (name: string, hint: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <TextField type="text" {...field(name)} label={labels[name]!} hint={hint} {...props} />
  );
  const zoneHint = t("eventsAdmin.form.dateTimeHint", { zone: party?.timeZoneLabel ?? "UTC" });
  const dateTime = (name: string) => text(name, zoneHint, { type: "datetime-local", step: 60 });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? event.currentTarget))(event);
  };

  /** A group of language boxes: the event's languages, or interpretation. */
  const localeBoxes = (name: "languages" | "interpretation", hint: string) => (
    <CheckboxGroupField
      {...form.register(name)}
      label={labels[name]!}
      hint={hint}
      error={errors?.[name]}
      options={EVENT_LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
      chosen={Array.isArray(values[name]) ? (values[name] as string[]) : []}
    />
  );

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} order={order} />
      <Form method="post" noValidate className="form event-form" onSubmit={onSubmit}>
        <CsrfInput />
        {version !== undefined && <input type="hidden" name="version" value={version} />}
        <fieldset disabled={readOnly} className="event-form__body">
          <fieldset>
            <legend>{t("eventsAdmin.form.settings")}</legend>
            {fixedParty ? (
              <>
                <input type="hidden" name="partyCode" value={fixedParty} />
                <p>
                  <strong>{labels.partyCode}</strong>
                  {t("forms.labelSeparator")}
                  {party?.name}
                </p>
              </>
            ) : (
              <SelectField
                {...field("partyCode")}
                label={labels.partyCode!}
                hint={t("eventsAdmin.form.partyHint")}
                options={parties.map((p) => ({ value: p.code, label: p.name }))}
              />
            )}
            <SelectField
              {...field("activityId")}
              label={labels.activityId!}
              hint={t("eventsAdmin.form.activityHint")}
              defaultValue={String(values.activityId ?? "")}
              options={[
                { value: "", label: t("eventsAdmin.form.chooseActivity") },
                ...activities.map((a) => ({ value: String(a.id), label: t("eventsAdmin.form.activityOption", { number: a.areaNumber, text: short(a.text) }) })),
              ]}
            />
            <SelectField {...field("format")} label={labels.format!} options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`eventsAdmin.formats.${f}`) }))} />
            {text("place", t("eventsAdmin.form.placeHint"), { maxLength: EVENT_PLACE_MAX })}
            {text("onlineUrl", t("eventsAdmin.form.onlineUrlHint"), {
              type: "url",
              inputMode: "url",
              maxLength: EVENT_URL_MAX,
              autoCapitalize: "none",
              spellCheck: false,
            })}
          </fieldset>

          <fieldset>
            <legend>{t("eventsAdmin.form.when")}</legend>
            <div className="field-row">
              {dateTime("startsAt")}
              {dateTime("endsAt")}
            </div>
          </fieldset>
          {localeBoxes("languages", t("eventsAdmin.form.languagesHint"))}
          {localeBoxes("interpretation", t("eventsAdmin.form.interpretationHint"))}

          <fieldset>
            <legend>{t("eventsAdmin.form.registration")}</legend>
            {text("capacity", t("eventsAdmin.form.capacityHint"), { type: "number", min: 1, max: 100_000, step: 1, inputMode: "numeric" })}
            <div className="field-row">
              {dateTime("registrationOpensAt")}
              {dateTime("registrationClosesAt")}
            </div>
            <div className="field field--checkbox">
              <input
                type="checkbox"
                id="field-requiresApproval"
                {...form.register("requiresApproval")}
                defaultChecked={values.requiresApproval === true}
                value="on"
              />
              <label htmlFor="field-requiresApproval">{labels.requiresApproval}</label>
            </div>
          </fieldset>

          <p className="field__hint">{t("eventsAdmin.form.textsHint")}</p>
          {EVENT_LOCALES.map((l) => (
            <fieldset key={l}>
              <legend>{t("eventsAdmin.form.textIn", { language: t(`languages.${l}`) })}</legend>
              {text(`${l}_title`, t("eventsAdmin.form.titleHint", { count: EVENT_TITLE_MAX }), { maxLength: EVENT_TITLE_MAX, lang: l })}
              <TextAreaField
                {...field(`${l}_description`)}
                label={labels[`${l}_description`]!}
                hint={t("eventsAdmin.form.descriptionHint")}
                rows={8}
                maxLength={EVENT_DESCRIPTION_MAX}
                lang={l}
              />
              <TextAreaField
                {...field(`${l}_agenda`)}
                label={labels[`${l}_agenda`]!}
                hint={t("eventsAdmin.form.agendaHint")}
                rows={5}
                maxLength={EVENT_AGENDA_MAX}
                lang={l}
              />
            </fieldset>
          ))}
        </fieldset>

        {!readOnly && (
          <div className="form-actions">
            <button type="submit" name="intent" value="save" className="button button--primary">
              {t("eventsAdmin.form.save")}
            </button>
            {canPublish && (
              <button type="submit" name="intent" value="publish" className="button button--secondary">
                {t("eventsAdmin.form.saveAndPublish")}
              </button>
            )}
          </div>
        )}
      </Form>
    </>
  );
}
