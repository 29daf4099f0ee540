import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { Notice } from "~/components/forms";
import { ThemeForm } from "~/components/theme-form";
import { DuplicateThemeLabelError, createTheme, listThemesForActor, themeLabel, themePartyFor } from "~/models/themes.server";
import { fieldErrors } from "~/schemas/field-errors";
import { isThemePartyCode, themePartyCodes, themeSchema } from "~/schemas/theme";
import { requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { requirePermission } from "~/utils/permissions";
import { withDomainErrors } from "~/web/domain-errors.server";

const DONE = ["created", "updated", "deleted"] as const;

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "themes.manage");
  const search = new URL(request.url).searchParams;
  const party = themePartyFor(user.actor, search.get("party"));
  const themes = await listThemesForActor(db, user.actor, party, locale);
  const done = DONE.find((d) => d === search.get("done")) ?? null;
  return {
    locale,
    title: t("themes.title"),
    party,
    // Admins manage both lists and switch between them; a moderator sees their own only.
    parties: user.role === "admin" ? [...themePartyCodes] : [],
    done,
    themes: themes.map((theme) => ({
      id: theme.id,
      label: themeLabel(theme, locale),
      labels: { en: theme.label_en, fr: theme.label_fr, es: theme.label_es },
      submissionCount: theme.submissionCount,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionResult = { errors: Record<string, string>; values: Record<string, string> };

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "themes.manage");
  const form = await request.formData();
  requireCsrf(request, form);
  if (form.get("intent") !== "create") throw new Response("Bad request", { status: 400 });
  // The party comes from the form here (a new theme has no row yet): check it before anything else.
  const partyCode = form.get("partyCode");
  if (!isThemePartyCode(partyCode)) throw new Response("Bad request", { status: 400 });
  requirePermission(user.actor, "themes.manage", { partyCode });

  const raw = Object.fromEntries([...form].filter(([k, v]) => k !== "csrf" && typeof v === "string")) as Record<string, string>;
  const parsed = themeSchema.safeParse(raw);
  if (!parsed.success) return data<ActionResult>({ errors: fieldErrors(parsed.error), values: raw }, { status: 400 });
  try {
    await createTheme(db, user.actor, partyCode, parsed.data);
  } catch (error) {
    if (error instanceof DuplicateThemeLabelError) {
      const errors = Object.fromEntries(error.locales.map((l) => [`label_${l}`, "themes.duplicateLabel"]));
      return data<ActionResult>({ errors, values: raw }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/${locale}/admin/themes?party=${partyCode}&done=created`);
}

export default function AdminThemes() {
  const { locale, party, parties, themes, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  const partyName = t(`admin.parties.${party}`);
  return (
    <>
      <h1>{t("themes.title")}</h1>
      <p>{t("themes.intro")}</p>
      {parties.length > 0 && (
        <nav aria-label={t("themes.partyNav")} className="pagination">
          <ul>
            {parties.map((p) => (
              <li key={p}>
                {p === party ? (
                  <span aria-current="page">{t(`admin.parties.${p}`)}</span>
                ) : (
                  <Link to={`/${locale}/admin/themes?party=${p}`}>{t(`admin.parties.${p}`)}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      {done && <Notice>{t(`themes.done.${done}`)}</Notice>}

      <section aria-labelledby="create-title" className="panel">
        <h2 id="create-title">{t("themes.createTitle", { party: partyName })}</h2>
        <p>{t("themes.createHint")}</p>
        <ThemeForm
          key={done ?? "create"}
          action={`/${locale}/admin/themes?party=${party}`}
          intent="create"
          partyCode={party}
          values={result?.values}
          serverErrors={result?.errors}
          submitLabel={t("themes.create")}
        />
      </section>

      <DataTable
        id="themes"
        caption={t("themes.caption", { party: partyName, count: themes.length })}
        columns={[t("themes.label.en"), t("themes.label.fr"), t("themes.label.es"), t("themes.submissions"), t("admin.users.actions")]}
        empty={themes.length === 0 && t("themes.none")}
      >
        {themes.map((theme) => (
          <tr key={theme.id}>
            <td lang="en">{theme.labels.en}</td>
            <td lang="fr">{theme.labels.fr}</td>
            <td lang="es">{theme.labels.es}</td>
            <td>{theme.submissionCount}</td>
            <td>
              <div className="row-actions">
                <Link to={`/${locale}/admin/themes/${theme.id}`} aria-label={t("themes.editNamed", { label: theme.label })}>
                  {t("themes.edit")}
                </Link>
                {theme.submissionCount === 0 ? (
                  <Link to={`/${locale}/admin/themes/${theme.id}?confirm=delete`} aria-label={t("themes.deleteNamed", { label: theme.label })}>
                    {t("themes.delete")}
                  </Link>
                ) : (
                  <span className="muted">{t("themes.inUseShort")}</span>
                )}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
