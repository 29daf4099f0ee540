import { Form } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors } from "~/schemas/field-errors";
import { THEME_LABEL_MAX, THEME_LOCALES, themeSchema } from "~/schemas/theme";
import { CsrfInput, ErrorSummary, TextField } from "./forms";

/** The three label fields' names and their translated labels, for the error summary. */
export function useThemeFieldLabels(): Record<string, string> {
  const { t } = useTranslation();
  return { label_en: t("themes.label.en"), label_fr: t("themes.label.fr"), label_es: t("themes.label.es") };
}

export interface ThemeFormProps {
  /** Where the form posts (the page's own address). */
  action: string;
  intent: "create" | "update";
  /** For a new theme: the party whose list it joins (checked again on the server). */
  partyCode?: string;
  values?: Partial<Record<string, string>>;
  serverErrors?: Record<string, string>;
  submitLabel: string;
}

/**
 * A theme's three labels. With JavaScript, the shared zod schema checks them before sending;
 * without, the server checks them with the same schema. Either way the error summary lists each
 * problem, the message stands beside its field, and what was typed is kept.
 */
export function ThemeForm({ action, intent, partyCode, values = {}, serverErrors, submitLabel }: ThemeFormProps) {
  const labels = useThemeFieldLabels();
  const [clientErrors, setClientErrors] = useState<Record<string, string> | undefined>();
  const errors = clientErrors ?? serverErrors;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const parsed = themeSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setClientErrors(undefined);
      return; // Remix's <Form> sends it
    }
    event.preventDefault();
    setClientErrors(fieldErrors(parsed.error));
  };

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" action={action} noValidate className="form" onSubmit={onSubmit}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {partyCode && <input type="hidden" name="partyCode" value={partyCode} />}
        {THEME_LOCALES.map((l) => {
          const name = `label_${l}`;
          return (
            <TextField
              key={l}
              name={name}
              label={labels[name]!}
              lang={l}
              maxLength={THEME_LABEL_MAX}
              required
              defaultValue={values[name] ?? ""}
              error={errors?.[name]}
            />
          );
        })}
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
