import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextField } from "~/components/forms";
import { ConfirmBox } from "~/components/moderation-actions";
import { listQueue, moderateMany } from "~/models/moderation.server";
import { liveClaims } from "~/models/submission-claims.server";
import { listRegions } from "~/models/parties.server";
import { fieldErrors } from "~/schemas/field-errors";
import { bulkActionSchema, moderationFormObject, queueFiltersSchema, queueSearch, rejectionReasons, submissionStatuses } from "~/schemas/moderation";
import { stakeholderTypes } from "~/schemas/submission";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { pageMeta } from "~/utils/meta";
import { withDomainErrors } from "~/web/domain-errors.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "submissions.moderate");
  const clock = await backOfficeClock(db, user.actor, locale);
  const url = new URL(request.url);
  const filters = queueFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const queue = await listQueue(db, user.actor, filters, locale);
  const parties = user.actor.role === "admin" ? ["CA", "CL"] : [user.actor.partyCode ?? ""];
  const regions = (await Promise.all(parties.map((p) => listRegions(db, p, locale)))).flat();
  const claims = await liveClaims(
    db,
    user.actor,
    queue.items.map((item) => item.id),
  );
  const decided = url.searchParams.get("decided");
  const saved = url.searchParams.get("saved");
  return {
    locale,
    title: t("moderation.queueTitle"),
    filters,
    isAdmin: user.actor.role === "admin",
    regions: regions.map((r) => ({ code: r.code, name: r.name })),
    bulk: {
      done: url.searchParams.get("done"),
      conflicts: url.searchParams.get("conflicts"),
      refused: url.searchParams.get("refused"),
    },
    ...queue,
    items: queue.items.map((item) => ({ ...item, received: clock(item.created_at), reviewer: claims.get(item.id)?.holder ?? null })),
    /** Each submission opens with the list's filters, for "next" and "back to the list" (ADR 042). */
    search: queueSearch(filters),
    /** The last submission of the list was just decided on its page. */
    decided: decided && saved && ["approve", "reject", "unpublish"].includes(saved) ? { reference: decided, intent: saved as "approve" } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "submissions.moderate");
  const form = await request.formData();
  requireCsrf(request, form);
  const parsed = bulkActionSchema.safeParse(moderationFormObject(form));
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const { intent, selected, reason } = parsed.data;
  const outcome = await moderateMany(db, user.actor, selected, { intent: intent === "bulk-approve" ? "approve" : "reject", reason });
  // Back to the same view of the queue, with what happened.
  const back = new URL(request.url);
  back.searchParams.delete("done");
  back.searchParams.delete("conflicts");
  back.searchParams.delete("refused");
  back.searchParams.set("done", String(outcome.done));
  if (outcome.conflicts.length) back.searchParams.set("conflicts", outcome.conflicts.join(","));
  if (outcome.refused.length) back.searchParams.set("refused", outcome.refused.join(","));
  return redirect(`/${locale}/admin/submissions${back.search}`);
}

export default function SubmissionQueue() {
  const { locale, filters, counts, items, topics, regions, nextCursor, isAdmin, bulk, search, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string> }>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const key of ["done", "conflicts", "refused", "cursor", "decided", "saved"]) next.delete(key);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    return `/${locale}/admin/submissions${query ? `?${query}` : ""}`;
  };
  const any = { value: "", label: t("moderation.any") };
  const statusLabel = t(`moderation.statuses.${filters.status}`);
  return (
    <>
      <h1>{t("moderation.queueTitle")}</h1>
      <p>{t("moderation.queueIntro")}</p>
      <p>
        <Link to={`/${locale}/admin/submissions/campaigns`}>{t("moderation.campaignsTitle")}</Link>
      </p>
      {decided && <Notice>{t("moderation.queueNav.decidedLast", { reference: decided.reference, decision: t(`moderation.events.${decided.intent}`) })}</Notice>}
      {bulk.done !== null && <Notice>{t("moderation.bulkDone", { count: Number(bulk.done) })}</Notice>}
      {bulk.conflicts && <Notice tone="error">{t("moderation.bulkConflicts", { references: bulk.conflicts.split(",").join(", ") })}</Notice>}
      {bulk.refused && <Notice tone="error">{t("moderation.bulkRefused", { references: bulk.refused.split(",").join(", ") })}</Notice>}

      <nav aria-label={t("moderation.statusTabs")} className="tabs">
        <ul>
          {[...submissionStatuses, "all" as const].map((status) => (
            <li key={status}>
              <Link to={withParams({ status })} aria-current={filters.status === status ? "page" : undefined}>
                {t("moderation.statusCount", { status: t(`moderation.statuses.${status}`), count: counts[status] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <details className="filter-panel" open={Object.entries(filters).some(([k, v]) => !["status", "sort", "cursor"].includes(k) && v !== undefined)}>
        <summary>{t("moderation.filters")}</summary>
        <Form method="get" className="filters">
          <input type="hidden" name="status" value={filters.status} />
          <TextField name="q" type="search" label={t("moderation.search")} defaultValue={filters.q ?? ""} />
          <SelectField
            name="topic"
            label={t("moderation.topic")}
            defaultValue={filters.topic ? String(filters.topic) : ""}
            options={[{ value: "", label: t("moderation.anyTopic") }, ...topics.map((topic) => ({ value: String(topic.id), label: topic.title }))]}
          />
          {isAdmin && (
            <SelectField
              name="party"
              label={t("moderation.party")}
              defaultValue={filters.party ?? ""}
              options={[any, { value: "CA", label: t("admin.parties.CA") }, { value: "CL", label: t("admin.parties.CL") }]}
            />
          )}
          <SelectField
            name="stakeholderType"
            label={t("moderation.stakeholder")}
            defaultValue={filters.stakeholderType ?? ""}
            options={[any, ...stakeholderTypes.map((type) => ({ value: type, label: t(`submission.choices.stakeholderType.${type}`) }))]}
          />
          <SelectField
            name="language"
            label={t("moderation.language")}
            defaultValue={filters.language ?? ""}
            options={[any, ...(["en", "fr", "es"] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))]}
          />
          <SelectField
            name="country"
            label={t("submission.fields.country")}
            defaultValue={filters.country ?? ""}
            options={[
              any,
              { value: "CA", label: t("admin.parties.CA") },
              { value: "CL", label: t("admin.parties.CL") },
              { value: "other", label: t("submission.otherCountry") },
            ]}
          />
          <SelectField
            name="region"
            label={t("moderation.region")}
            defaultValue={filters.region ?? ""}
            options={[any, ...regions.map((r) => ({ value: r.code, label: r.name }))]}
          />
          <TextField name="from" type="date" label={t("moderation.from")} defaultValue={filters.from ?? ""} />
          <TextField name="to" type="date" label={t("moderation.to")} defaultValue={filters.to ?? ""} />
          <SelectField
            name="sort"
            label={t("moderation.sort")}
            defaultValue={filters.sort}
            options={[
              { value: "oldest", label: t("moderation.sortOldest") },
              { value: "newest", label: t("moderation.sortNewest") },
            ]}
          />
          <div className="filter-panel__actions">
            <button type="submit" className="button button--primary">
              {t("moderation.applyFilters")}
            </button>
            <Link to={`/${locale}/admin/submissions`}>{t("moderation.clearFilters")}</Link>
          </div>
        </Form>
      </details>

      <Form method="post">
        <CsrfInput />
        <ErrorSummary
          errors={actionData?.errors}
          labels={{ selected: t("moderation.columns.select"), reason: t("moderation.bulkReason"), confirm: t("moderation.confirmBulkReject") }}
        />
        <DataTable
          id="queue"
          caption={t("moderation.caption", { status: statusLabel, count: filters.status === "all" ? counts.all : counts[filters.status] })}
          columns={[
            t("moderation.columns.select"),
            t("moderation.columns.reference"),
            t("moderation.columns.submission"),
            t("moderation.columns.from"),
            t("moderation.columns.language"),
            t("moderation.columns.received"),
            t("moderation.columns.status"),
          ]}
          empty={items.length === 0 && t("moderation.none")}
        >
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                {(item.status === "pending" || item.status === "approved" || item.status === "rejected") && (
                  <input
                    type="checkbox"
                    name="selected"
                    value={`${item.id}:${item.version}`}
                    aria-label={t("moderation.selectOne", { reference: item.reference })}
                    id={`select-${item.id}`}
                  />
                )}
              </td>
              <td>
                <Link to={`/${locale}/admin/submissions/${item.reference}${search ? `?${search}` : ""}`}>{item.reference}</Link>
              </td>
              <td>
                <span className="muted">{item.topicTitle}</span>
                <br />
                <span lang={item.language}>{item.title ?? item.excerpt}</span>
              </td>
              <td>
                {t(`submission.choices.stakeholderType.${item.stakeholder_type}` as never)}
                {item.organisation_name && (
                  <>
                    <br />
                    <span className="muted">{item.organisation_name}</span>
                  </>
                )}
              </td>
              <td>{item.language.toUpperCase()}</td>
              <td>{item.received}</td>
              <td>
                {t(`receipt.statuses.${item.status}`)}
                {item.campaign_id && (
                  <>
                    <br />
                    <span className="badge">{t("moderation.inCampaign")}</span>
                  </>
                )}
                {item.reviewer && (
                  <>
                    <br />
                    <span className="badge">{t("moderation.claim.queueBadge", { name: item.reviewer })}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {items.length > 0 && (
          <fieldset className="bulk">
            <legend>{t("moderation.bulkTitle")}</legend>
            <button type="submit" name="intent" value="bulk-approve" className="button" formNoValidate>
              {t("moderation.bulkApprove")}
            </button>
            <SelectField
              name="reason"
              label={t("moderation.bulkReason")}
              error={actionData?.errors?.reason}
              defaultValue=""
              options={[{ value: "", label: "" }, ...rejectionReasons.map((r) => ({ value: r, label: t(`moderation.reasons.${r}`) }))]}
            />
            <ConfirmBox label={t("moderation.confirmBulkReject")} error={actionData?.errors?.confirm} />
            <button type="submit" name="intent" value="bulk-reject" className="button button--danger">
              {t("moderation.bulkReject")}
            </button>
          </fieldset>
        )}
      </Form>
      <p className="pager">
        {filters.cursor && <Link to={withParams({ cursor: null })}>{t("moderation.firstPage")}</Link>}{" "}
        {nextCursor && <Link to={withParams({ cursor: nextCursor })}>{t("moderation.nextPage")}</Link>}
      </p>
    </>
  );
}
