import { useEffect, useSyncExternalStore, type ReactNode } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { clientFieldErrors } from "~/schemas/field-errors";

// What the public forms a person fills in (a submission, an event registration) have in common: a
// plain HTML form that works without JavaScript; with it, react-hook-form checks it with the same
// zod schema as the server before sending. Each field's markup (label, hint, error, the ids that
// aria-describedby names) is written once here.

/**
 * A resolver whose zod schema (and zodResolver) load when the form is first used, not with the page
 * (ADR 028); `preload` starts that early (on focus). Should they fail to load, the form goes unchecked
 * to the server, whose check still applies, and the next use tries again.
 */
export function lazySchemaResolver(load: () => Promise<Resolver<FieldValues>>) {
  let loading: Promise<Resolver<FieldValues>> | undefined;
  const preload = (): Promise<Resolver<FieldValues>> =>
    (loading ??= load().then(
      (resolver) => resolver,
      (): Resolver<FieldValues> => {
        loading = undefined;
        return (values) => ({ values, errors: {} });
      },
    ));
  const resolver: Resolver<FieldValues> = async (values, context, options) => (await preload())(values, context, options);
  return { resolver, preload };
}

const noSubscription = () => () => {};

export interface CheckedFormOptions {
  values: Record<string, unknown>;
  serverErrors?: Record<string, string>;
  resolver: Resolver<FieldValues>;
  /** Each field's label (a radio group's legend), as the error summary shows it too. */
  labels: Record<string, string>;
}

/** The form's state and the helpers that draw its fields. */
export function useCheckedForm({ values, serverErrors, resolver, labels }: CheckedFormOptions) {
  const { t } = useTranslation();
  const form = useForm<FieldValues>({ resolver, defaultValues: values });
  const clientErrors = clientFieldErrors(form.formState.errors as Record<string, { message?: unknown } | undefined>);
  const errors = Object.keys(clientErrors).length ? clientErrors : serverErrors;
  // Until the page is hydrated (and always without JavaScript) every field shows: the server's HTML
  // cannot know the choices, so it explains them instead ("only for comments", regions by country).
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // With JavaScript, a form with problems is titled so too ("Error: …"), as the server does without it.
  const errorKey = Object.keys(errors ?? {}).join();
  useEffect(() => {
    if (!errorKey) return;
    const prefix = `${t("forms.errorPrefix")} `;
    const plain = document.title;
    if (plain.startsWith(prefix)) return;
    document.title = prefix + plain;
    return () => {
      if (document.title === prefix + plain) document.title = plain;
    };
  }, [errorKey, t]);

  const describedBy = (name: string, hint?: boolean) =>
    [hint ? `field-${name}-hint` : "", errors?.[name] ? `field-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const hintLine = (name: string, hint?: string) =>
    hint ? (
      <p className="field__hint" id={`field-${name}-hint`}>
        {hint}
      </p>
    ) : null;
  const errorLine = (name: string) =>
    errors?.[name] ? (
      <p className="field__error" id={`field-${name}-error`}>
        <span className="visually-hidden">{t("forms.errorPrefix")} </span>
        {t(errors[name] as never)}
      </p>
    ) : null;
  const field = (name: string, control: ReactNode, hint?: string, hidden?: boolean) => (
    <div className={`field${errors?.[name] ? " field--error" : ""}`} hidden={hidden}>
      <label htmlFor={`field-${name}`}>{labels[name]}</label>
      {hintLine(name, hint)}
      {errorLine(name)}
      {control}
    </div>
  );
  /** The props of a text box, list or text area; `hint` when its field has one. */
  const input = (name: string, hint = false) => ({
    id: `field-${name}`,
    ...form.register(name),
    defaultValue: (values[name] as string | undefined) ?? "",
    "aria-invalid": errors?.[name] ? true : undefined,
    "aria-describedby": describedBy(name, hint),
  });
  const radios = (name: string, choices: readonly string[], legendHint?: string) => (
    <fieldset className={`field${errors?.[name] ? " field--error" : ""}`} id={`field-${name}`} aria-describedby={describedBy(name, !!legendHint)}>
      <legend>{labels[name]}</legend>
      {hintLine(name, legendHint)}
      {errorLine(name)}
      {choices.map((c) => (
        <div className="choice" key={c}>
          <input type="radio" id={`field-${name}-${c}`} value={c} {...form.register(name)} defaultChecked={values[name] === c} />
          <label htmlFor={`field-${name}-${c}`}>{t(`submission.choices.${name}.${c}` as never)}</label>
        </div>
      ))}
    </fieldset>
  );
  const checkbox = (name: string, label: ReactNode, hint?: string) => (
    <div className={`field${errors?.[name] ? " field--error" : ""}`}>
      {hintLine(name, hint)}
      {errorLine(name)}
      <div className="field__checkbox">
        <input
          type="checkbox"
          id={`field-${name}`}
          value="on"
          {...form.register(name)}
          defaultChecked={values[name] === "on"}
          aria-describedby={describedBy(name, !!hint)}
          aria-invalid={errors?.[name] ? true : undefined}
        />
        <label htmlFor={`field-${name}`}>{label}</label>
      </div>
    </div>
  );

  return { form, errors, hydrated, labels, describedBy, errorLine, field, input, radios, checkbox };
}

export type CheckedForm = ReturnType<typeof useCheckedForm>;
