import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, SelectField, TextAreaField } from "~/components/forms";
import { rejectionReasons } from "~/schemas/moderation";

export interface RejectTemplate {
  id: number;
  kind: "rejection" | "note";
  name: string;
  reason: string | null;
  body: string;
}

/**
 * The rejection form: says which language the email to the person will be in, proposes the
 * country's templates in that language (each a link that fills the form in, so it works without
 * JavaScript), and keeps what the official typed after a refused attempt.
 */
export function RejectForm({
  locale,
  version,
  emailLocale,
  templates,
  chosen,
  errors,
  typed,
  children,
}: {
  locale: string;
  version: number;
  /** The person's language: the email's. */
  emailLocale: "en" | "fr" | "es";
  /** The templates in `emailLocale`. */
  templates: RejectTemplate[];
  /** The template asked for with ?template=, if any. */
  chosen: RejectTemplate | null;
  errors?: Record<string, string>;
  /** What the official typed in a refused attempt (wins over a template). */
  typed: { reason?: string; note?: string };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const language = t(`languages.${emailLocale}`);
  const linkTo = (id: number) => {
    const params = new URLSearchParams(location.search);
    params.set("template", String(id));
    params.delete("saved");
    return `?${params}#reject-title`;
  };
  return (
    <Form method="post" className="card card--danger" aria-labelledby="reject-title">
      <h3 id="reject-title">{t("moderation.reject")}</h3>
      <p>
        <strong>{t("moderation.templates.emailLanguage", { language })}</strong>
      </p>
      <CsrfInput />
      <input type="hidden" name="intent" value="reject" />
      <input type="hidden" name="version" value={version} />
      <div className="field">
        <p className="field__hint">{t("moderation.templates.proposed", { language })}</p>
        {templates.length === 0 ? (
          <p className="muted">{t("moderation.templates.noneInLanguage", { language })}</p>
        ) : (
          <ul className="row-actions">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <Link to={linkTo(tpl.id)} preventScrollReset aria-current={chosen?.id === tpl.id ? "true" : undefined}>
                  {t("moderation.templates.useTemplate", { name: tpl.name })}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/${locale}/admin/templates`}>{t("moderation.templates.manage")}</Link>
        </p>
      </div>
      {chosen && <p role="status">{t("moderation.templates.inUse", { name: chosen.name })}</p>}
      <SelectField
        key={`reason-${chosen?.id ?? 0}`}
        name="reason"
        label={t("moderation.reason")}
        error={errors?.reason}
        defaultValue={typed.reason ?? chosen?.reason ?? ""}
        options={[{ value: "", label: "" }, ...rejectionReasons.map((r) => ({ value: r, label: t(`moderation.reasons.${r}`) }))]}
      />
      <TextAreaField
        key={`note-${chosen?.id ?? 0}`}
        name="note"
        label={t("moderation.note")}
        rows={chosen ? 6 : 3}
        lang={emailLocale}
        error={errors?.note}
        defaultValue={typed.note ?? chosen?.body ?? ""}
      />
      {children}
      <button type="submit" className="button button--danger">
        {t("moderation.reject")}
      </button>
    </Form>
  );
}
