import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { ThemeForm, useThemeFieldLabels } from "~/components/theme-form";
import { deleteTheme, DuplicateThemeLabelError, getThemeForActor, ThemeInUseError, themeLabel, updateTheme } from "~/models/themes.server";
import { fieldErrors } from "~/schemas/field-errors";
import { THEME_LOCALES, themeSchema } from "~/schemas/theme";
import { requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";

function themeId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!/^\d+$/.test(params.id ?? "") || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "themes.manage");
  const theme = await getThemeForActor(db, user.actor, themeId(params));
  const confirmDelete = new URL(request.url).searchParams.get("confirm") === "delete";
  return {
    locale,
    title: confirmDelete ? t("themes.deleteTitle") : t("themes.editTitle"),
    confirmDelete,
    theme: {
      id: theme.id,
      partyCode: theme.party_code === "CL" ? ("CL" as const) : ("CA" as const),
      label: themeLabel(theme, locale),
      submissionCount: theme.submissionCount,
    },
    values: { label_en: theme.label_en, label_fr: theme.label_fr, label_es: theme.label_es } as Record<string, string>,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionResult = { errors?: Record<string, string>; values?: Record<string, string>; inUse?: number };

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "themes.manage");
  const id = themeId(params);
  const form = await request.formData();
  requireCsrf(request, form);
  // 404 or 403 (another party's theme) before looking at the form; the party comes from the database.
  const theme = await getThemeForActor(db, user.actor, id);
  const list = `/${locale}/admin/themes?party=${theme.party_code}`;

  switch (form.get("intent")) {
    case "update": {
      const raw = Object.fromEntries([...form].filter(([k, v]) => k !== "csrf" && typeof v === "string")) as Record<string, string>;
      const parsed = themeSchema.safeParse(raw);
      if (!parsed.success) return data<ActionResult>({ errors: fieldErrors(parsed.error), values: raw }, { status: 400 });
      try {
        await updateTheme(db, user.actor, id, parsed.data);
      } catch (error) {
        if (error instanceof DuplicateThemeLabelError) {
          const errors = Object.fromEntries(error.locales.map((l) => [`label_${l}`, "themes.duplicateLabel"]));
          return data<ActionResult>({ errors, values: raw }, { status: 409 });
        }
        throw error;
      }
      return redirect(`${list}&done=updated`);
    }
    case "delete": {
      try {
        await deleteTheme(db, user.actor, id);
      } catch (error) {
        if (error instanceof ThemeInUseError) return data<ActionResult>({ inUse: error.count }, { status: 409 });
        throw error;
      }
      return redirect(`${list}&done=deleted`);
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

export default function EditTheme() {
  const { locale, theme, values, confirmDelete } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  const labels = useThemeFieldLabels();
  const partyName = t(`admin.parties.${theme.partyCode}`);
  const here = `/${locale}/admin/themes/${theme.id}`;
  const inUse = result?.inUse ?? theme.submissionCount;
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/themes?party=${theme.partyCode}`}>{t("themes.back")}</Link>
      </p>
      {confirmDelete ? (
        <>
          <h1>{t("themes.deleteTitle")}</h1>
          <dl className="facts">
            {THEME_LOCALES.map((l) => (
              <div key={l}>
                <dt>{labels[`label_${l}`]}</dt>
                <dd lang={l}>{values[`label_${l}`]}</dd>
              </div>
            ))}
          </dl>
          {inUse > 0 ? (
            <Notice tone="error">{t("themes.inUse", { count: inUse })}</Notice>
          ) : (
            <>
              <p>{t("themes.deleteText", { party: partyName })}</p>
              <Form method="post" action={`${here}?confirm=delete`} className="form-actions">
                <CsrfInput />
                <input type="hidden" name="intent" value="delete" />
                <button type="submit" className="button button--danger">
                  {t("themes.deleteConfirm")}
                </button>
                <Link to={here} className="button button--secondary">
                  {t("themes.cancel")}
                </Link>
              </Form>
            </>
          )}
        </>
      ) : (
        <>
          <h1>{t("themes.editTitle")}</h1>
          <ThemeForm
            key={JSON.stringify(result?.errors ?? {})}
            action={here}
            intent="update"
            values={result?.values ?? values}
            serverErrors={result?.errors}
            submitLabel={t("themes.save")}
          />
          <section aria-labelledby="delete-title" className="panel">
            <h2 id="delete-title">{t("themes.deleteSection")}</h2>
            {inUse > 0 ? (
              <p>{t("themes.inUse", { count: inUse })}</p>
            ) : (
              <p>
                <Link to={`${here}?confirm=delete`} className="button button--secondary button--danger">
                  {t("themes.deleteLink")}
                </Link>
              </p>
            )}
          </section>
        </>
      )}
    </>
  );
}
