import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, SelectField, TextAreaField } from "~/components/forms";
import { rejectionReasons } from "~/schemas/moderation";

/**
 * The box a destructive action (reject, unpublish, bulk reject) needs ticked: `required`, so the
 * browser asks for it, and checked again by the action (confirmationSchema) without JavaScript.
 * One per page (its id is "field-confirm", where the error summary links).
 */
export function ConfirmBox({ label, error }: { label: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`field field--checkbox${error ? " field--error" : ""}`}>
      {error && (
        <p className="field__error" id="field-confirm-error">
          <span className="visually-hidden">{t("forms.errorPrefix")} </span>
          {t(error as never)}
        </p>
      )}
      <div className="field__checkbox">
        <input
          type="checkbox"
          id="field-confirm"
          name="confirm"
          value="on"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-confirm-error" : undefined}
        />
        <label htmlFor="field-confirm">{label}</label>
      </div>
    </div>
  );
}

interface FormState {
  errors?: Record<string, string>;
  values: (name: string, fallback: string) => string;
}

/** An approved submission: take it off the public pages, with the reason the person is told. */
export function UnpublishForm({ version, errors, values }: { version: number } & FormState) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card card--danger" aria-labelledby="unpublish-title">
      <h3 id="unpublish-title">{t("moderation.unpublishTitle")}</h3>
      <p className="field__hint">{t("moderation.unpublishHint")}</p>
      <CsrfInput />
      <input type="hidden" name="intent" value="unpublish" />
      <input type="hidden" name="version" value={version} />
      <SelectField
        name="reason"
        idBase="unpublish-reason"
        label={t("moderation.reason")}
        error={errors?.reason}
        defaultValue={values("reason", "")}
        required
        options={[{ value: "", label: "" }, ...rejectionReasons.map((r) => ({ value: r, label: t(`moderation.reasons.${r}`) }))]}
      />
      <TextAreaField name="note" idBase="unpublish-note" label={t("moderation.note")} rows={3} error={errors?.note} defaultValue={values("note", "")} />
      <ConfirmBox label={t("moderation.confirmUnpublish")} error={errors?.confirm} />
      <button type="submit" className="button button--danger">
        {t("moderation.unpublish")}
      </button>
    </Form>
  );
}

/** A rejected submission: back to pending, to be decided again. */
export function ReconsiderForm({ version }: { version: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card" aria-labelledby="reconsider-title">
      <h3 id="reconsider-title">{t("moderation.reconsiderTitle")}</h3>
      <p className="field__hint">{t("moderation.reconsiderHint")}</p>
      <CsrfInput />
      <input type="hidden" name="intent" value="reconsider" />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="button">
        {t("moderation.reconsider")}
      </button>
    </Form>
  );
}
