import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextField } from "~/components/forms";
import { changeUserDisabled, changeUserRole, DuplicateEmailError, inviteUser, listUsers, SelfChangeError } from "~/models/users.server";
import { changeRoleSchema, disableSchema, inviteSchema, locales, partyCodes, roles } from "~/schemas/accounts";
import { fieldErrors } from "~/schemas/field-errors";
import { localeNames } from "~/i18n";
import { requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { user, t } = await requireBackOffice(request, params, "users.manage");
  const users = await listUsers(db);
  return {
    title: t("admin.users.title"),
    me: user.id,
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      role: u.role,
      partyCode: u.party_code,
      locale: u.locale,
      disabled: !!u.disabled_at,
      invited: !u.password_hash,
      lastLoginAt: u.last_login_at,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ActionResult = { ok?: string; errors?: Record<string, string>; values?: Record<string, string>; userId?: number };

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { user } = await requireBackOffice(request, params, "users.manage");
  const form = await request.formData();
  requireCsrf(request, form);
  const by = { id: user.id, email: user.email, actor: user.actor };
  const raw = Object.fromEntries(form) as Record<string, string>;
  const fail = (errors: Record<string, string>, status = 400) =>
    data<ActionResult>({ errors, values: { ...raw, csrf: "" }, userId: Number(raw.userId) || undefined }, { status });

  try {
    switch (raw.intent) {
      case "invite": {
        const parsed = inviteSchema.safeParse(raw);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        const v = parsed.data;
        await inviteUser(
          db,
          by,
          { email: v.email, displayName: v.displayName, role: v.role, partyCode: v.partyCode ?? null, locale: v.locale },
          env().INVITATION_HOURS,
        );
        return data<ActionResult>({ ok: "admin.users.invited" });
      }
      case "change-role": {
        const parsed = changeRoleSchema.safeParse(raw);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await changeUserRole(db, by, parsed.data.userId, parsed.data.role, parsed.data.partyCode ?? null);
        return data<ActionResult>({ ok: "admin.users.roleChanged" });
      }
      case "disable":
      case "enable": {
        const parsed = disableSchema.safeParse(raw);
        if (!parsed.success) return fail({ form: "validation.invalid" });
        await changeUserDisabled(db, by, parsed.data.userId, parsed.data.intent === "disable");
        return data<ActionResult>({ ok: parsed.data.intent === "disable" ? "admin.users.disabled" : "admin.users.enabled" });
      }
      default:
        return fail({ form: "validation.invalid" });
    }
  } catch (error) {
    if (error instanceof DuplicateEmailError) return fail({ email: "admin.users.duplicateEmail" }, 409);
    if (error instanceof SelfChangeError) return fail({ form: "admin.users.notYourself" }, 409);
    throw error;
  }
}

export default function Users() {
  const { users, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t, i18n } = useTranslation();
  const inviteErrors = result?.values?.intent === "invite" ? result.errors : undefined;
  const values = result?.values?.intent === "invite" ? result.values : undefined;
  const roleOptions = roles.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }));
  const partyOptions = [{ value: "", label: t("admin.users.noParty") }, ...partyCodes.map((p) => ({ value: p, label: t(`admin.parties.${p}`) }))];
  const labels = {
    email: t("auth.email"),
    displayName: t("admin.users.displayName"),
    role: t("admin.users.role"),
    partyCode: t("admin.users.party"),
    locale: t("admin.users.language"),
  };
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {result?.ok && <Notice>{t(result.ok as never)}</Notice>}
      {result?.errors && result.values?.intent !== "invite" && <ErrorSummary errors={result.errors} labels={labels} />}

      <DataTable
        id="users"
        caption={t("admin.users.listCaption", { count: users.length })}
        columns={[labels.displayName, labels.role, t("admin.users.status"), t("admin.users.actions")]}
      >
        {users.map((u) => (
          <tr key={u.id}>
            <td>
              <strong>{u.displayName}</strong>
              <br />
              <span className="muted">{u.email}</span>
            </td>
            <td>
              {t(`admin.roles.${u.role}`)}
              {u.partyCode && ` · ${t(`admin.parties.${u.partyCode === "CL" ? "CL" : "CA"}`)}`}
            </td>
            <td>{u.disabled ? t("admin.users.statusDisabled") : u.invited ? t("admin.users.statusInvited") : t("admin.users.statusActive")}</td>
            <td>
              {u.id === me ? (
                <span className="muted">{t("admin.users.you")}</span>
              ) : (
                <div className="row-actions">
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                      {t("admin.users.roleFor", { name: u.displayName })}
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                      {roleOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <label className="visually-hidden" htmlFor={`party-${u.id}`}>
                      {t("admin.users.partyFor", { name: u.displayName })}
                    </label>
                    <select id={`party-${u.id}`} name="partyCode" defaultValue={u.partyCode ?? ""}>
                      {partyOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button--small">
                      {t("admin.users.changeRole")}
                    </button>
                  </Form>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value={u.disabled ? "enable" : "disable"} />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className={`button button--small${u.disabled ? "" : " button--danger"}`}>
                      {u.disabled ? t("admin.users.enable", { name: u.displayName }) : t("admin.users.disable", { name: u.displayName })}
                    </button>
                  </Form>
                </div>
              )}
            </td>
          </tr>
        ))}
      </DataTable>

      <section aria-labelledby="invite-title" className="panel">
        <h2 id="invite-title">{t("admin.users.inviteTitle")}</h2>
        <p>{t("admin.users.inviteIntro")}</p>
        <ErrorSummary errors={inviteErrors} labels={labels} />
        <Form method="post" noValidate className="form" key={result?.ok ?? "invite"}>
          <CsrfInput />
          <input type="hidden" name="intent" value="invite" />
          <TextField name="email" type="email" label={labels.email} defaultValue={values?.email} error={inviteErrors?.email} required />
          <TextField name="displayName" label={labels.displayName} defaultValue={values?.displayName} error={inviteErrors?.displayName} required />
          <SelectField name="role" label={labels.role} options={roleOptions} defaultValue={values?.role ?? "moderator"} error={inviteErrors?.role} />
          <SelectField
            name="partyCode"
            label={labels.partyCode}
            hint={t("admin.users.partyHint")}
            options={partyOptions}
            defaultValue={values?.partyCode ?? ""}
            error={inviteErrors?.partyCode}
          />
          <SelectField
            name="locale"
            label={labels.locale}
            options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
            defaultValue={values?.locale ?? i18n.language}
            error={inviteErrors?.locale}
          />
          <button type="submit" className="button button--primary">
            {t("admin.users.sendInvitation")}
          </button>
        </Form>
      </section>
    </>
  );
}
