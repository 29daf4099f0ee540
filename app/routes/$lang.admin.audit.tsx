import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { SelectField, TextField } from "~/components/forms";
import { listAudit } from "~/models/audit.server";
import { auditActions, auditFiltersSchema } from "~/schemas/audit";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "audit.read");
  const clock = await backOfficeClock(db, user.actor, locale);
  const filters = auditFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { entries, nextBefore } = await listAudit(db, { ...filters, actor: filters.actor || undefined });
  return {
    title: t("admin.audit.title"),
    filters,
    nextBefore,
    entries: entries.map((e) => ({
      id: e.id,
      at: clock(e.at),
      actor: e.actor_label ?? "—",
      action: e.action,
      subject: e.subject_type ? `${e.subject_type} ${e.subject_id}` : "",
      // One line per detail ("role: moderator") rather than one long JSON string, so it wraps on a phone.
      details: Object.entries(e.details ?? {}).map(([key, value]) => ({ key, value: typeof value === "string" ? value : JSON.stringify(value) })),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function Audit() {
  const { entries, filters, nextBefore } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  // On a phone each entry is a card, each field under its heading (DataTable's `stack`).
  const columns = [t("admin.audit.when"), t("admin.audit.actor"), t("admin.audit.action"), t("admin.audit.subject"), t("admin.audit.details")];
  const nextParams = new URLSearchParams(location.search);
  if (nextBefore) nextParams.set("before", String(nextBefore));
  return (
    <>
      <h1>{t("admin.audit.title")}</h1>
      <p>{t("admin.audit.intro")}</p>
      <Form method="get" className="filters">
        <SelectField
          name="action"
          label={t("admin.audit.action")}
          defaultValue={filters.action ?? ""}
          options={[
            { value: "", label: t("admin.audit.anyAction") },
            ...auditActions.map((a) => ({ value: a, label: t(`admin.audit.actions.${a}` as never) })),
          ]}
        />
        <TextField name="actor" type="email" label={t("admin.audit.actor")} defaultValue={filters.actor ?? ""} />
        <TextField name="from" type="date" label={t("admin.audit.from")} defaultValue={filters.from ?? ""} />
        <TextField name="to" type="date" label={t("admin.audit.to")} defaultValue={filters.to ?? ""} />
        <button type="submit" className="button button--secondary">
          {t("admin.filter")}
        </button>
      </Form>
      <DataTable id="audit" caption={t("admin.audit.caption")} columns={columns} empty={entries.length === 0 && t("admin.audit.none")} stack>
        {entries.map((e) => (
          <tr key={e.id} role="row">
            <td role="cell" data-label={columns[0]}>
              {e.at}
            </td>
            <td role="cell" data-label={columns[1]} className="break-anywhere">
              {e.actor}
            </td>
            <td role="cell" data-label={columns[2]}>
              {t(`admin.audit.actions.${e.action}` as never, { defaultValue: e.action })}
            </td>
            <td role="cell" data-label={columns[3]}>
              {e.subject}
            </td>
            {/* Without details, no empty "Details" heading on a phone. */}
            <td role="cell" data-label={e.details.length > 0 ? columns[4] : undefined}>
              {e.details.length > 0 && (
                <dl className="details">
                  {e.details.map((d) => (
                    <div key={d.key}>
                      <dt>{d.key}</dt>
                      <dd>
                        <code>{d.value}</code>
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {nextBefore && (
        <p>
          <Link to={`?${nextParams}`}>{t("admin.olderEntries")}</Link>
        </p>
      )}
    </>
  );
}
