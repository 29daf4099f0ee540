import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ColumnChart } from "~/components/bar-chart";
import { DataTable } from "~/components/data-table";
import { getDashboard } from "~/models/dashboard.server";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { db } from "~/utils/db.server";
import { formatDay, formatNumber, formatShortMonth } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { can } from "~/utils/permissions";

// The dashboard (ADR 044): each figure links to the list behind it, filtered the same way.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "backoffice.enter");
  const [dashboard, clock] = await Promise.all([getDashboard(db, user.actor, locale), backOfficeClock(db, user.actor, locale)]);
  const daily = dashboard.daily;
  return {
    locale,
    title: t("admin.overviewTitle"),
    role: user.role,
    managesTopics: can(user.actor, "topics.manage"),
    ...dashboard,
    queue: dashboard.queue && {
      ...dashboard.queue,
      topics: dashboard.queue.topics.map((q) => ({
        ...q,
        oldestText: q.oldestDays === 0 ? t("admin.dashboard.lessThanDay") : t("admin.dashboard.days", { count: q.oldestDays }),
        oldestAtText: clock(q.oldestAt),
      })),
    },
    daily: daily && {
      days: daily.map((d) => ({
        ...d,
        label: formatDay(d.day, locale),
        dayOfMonth: String(Number(d.day.slice(8, 10))),
        month: formatShortMonth(d.day, locale),
      })),
      total: daily.reduce((n, d) => n + Object.values(d.counts).reduce((a, b) => a + b, 0), 0),
      from: formatDay(daily[0]!.day, locale),
      to: formatDay(daily.at(-1)!.day, locale),
    },
    dates: dashboard.dates?.map((d) => ({ ...d, atText: clock(d.at) })) ?? null,
    signoffs: dashboard.signoffs.map((s) => ({ ...s, completedText: formatDay(s.completedAt, locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function AdminHome() {
  const { locale, role, parties, queue, daily, dates, signoffs, failedJobs, overdue, managesTopics } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fmt = (n: number) => formatNumber(n, locale);
  const party = (code: string) => t(`admin.parties.${code}` as never);
  const multi = parties.length > 1;
  const submissionsLink = (query: Record<string, string>) => `/${locale}/admin/submissions?${new URLSearchParams(query)}`;
  return (
    <>
      <h1>{t("admin.overviewTitle")}</h1>
      <p>{t(`admin.overviewText.${role}`)}</p>
      <p>{t("admin.dashboard.intro")}</p>

      <div className="dashboard">
        {queue && (
          <section className="panel dashboard__wide" aria-labelledby="dash-queue">
            <h2 id="dash-queue">{t("admin.dashboard.queueTitle")}</h2>
            <ul className="dashboard__figures">
              {queue.totals.map((q) => (
                <li key={q.party}>
                  <Link to={submissionsLink({ ...(multi ? { party: q.party } : {}), status: "pending" })}>
                    {t("admin.dashboard.totalPending", { country: party(q.party), count: fmt(q.pending) as never })}
                  </Link>
                </li>
              ))}
            </ul>
            <DataTable
              id="dash-queue-table"
              caption={t("admin.dashboard.queueCaption")}
              columns={[
                t("admin.dashboard.consultation"),
                ...(multi ? [t("admin.dashboard.country")] : []),
                t("admin.dashboard.pending"),
                t("admin.dashboard.oldest"),
              ]}
              empty={queue.topics.length === 0 && t("admin.dashboard.noPending")}
            >
              {queue.topics.map((q) => (
                <tr key={q.topicId}>
                  <th scope="row">
                    <Link to={submissionsLink({ topic: String(q.topicId), status: "pending" })}>{q.title}</Link>
                  </th>
                  {multi && <td>{party(q.party)}</td>}
                  <td>
                    <Link
                      to={submissionsLink({ topic: String(q.topicId), status: "pending" })}
                      aria-label={`${t("admin.dashboard.pending")}: ${fmt(q.pending)} — ${q.title}`}
                    >
                      {fmt(q.pending)}
                    </Link>
                  </td>
                  <td>
                    <Link
                      to={submissionsLink({ topic: String(q.topicId), status: "pending", sort: "oldest" })}
                      title={q.oldestAtText}
                      aria-label={`${q.oldestText} — ${q.title}`}
                    >
                      {q.oldestText}
                    </Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}

        {daily && (
          <section className="panel dashboard__wide" aria-labelledby="dash-daily">
            <h2 id="dash-daily">{t("admin.dashboard.dailyTitle")}</h2>
            <div className="chart-block">
              <ColumnChart
                id="dash-daily-chart"
                title={t("admin.dashboard.dailyTitle")}
                description={t("admin.dashboard.dailyDescription", { total: fmt(daily.total) as never, from: daily.from, to: daily.to })}
                series={parties.map((p) => ({ key: p, label: party(p) }))}
                // One column group per day: the day of the month on the axis, the month's name under
                // the first day and under each month's 1st (where the chart writes a month's year).
                months={daily.days.map((d) => ({ key: d.day, shortLabel: d.dayOfMonth, year: d.month, values: d.counts }))}
                formatNumber={fmt}
              />
              {/* Thirty rows: folded under the chart, open without JavaScript too. */}
              <details className="dashboard__details">
                <summary>{t("admin.dashboard.dailyTable")}</summary>
                <DataTable
                  id="dash-daily-table"
                  caption={t("admin.dashboard.dailyCaption")}
                  columns={[t("admin.dashboard.day"), ...(multi ? parties.map(party) : [t("admin.dashboard.received")])]}
                >
                  {[...daily.days].reverse().map((d) => (
                    <tr key={d.day}>
                      <th scope="row">
                        <time dateTime={d.day}>{d.label}</time>
                      </th>
                      {parties.map((p) => (
                        <td key={p}>
                          <Link to={submissionsLink({ ...(multi ? { party: p } : {}), status: "all", from: d.day, to: d.day })}>{fmt(d.counts[p] ?? 0)}</Link>
                        </td>
                      ))}
                    </tr>
                  ))}
                </DataTable>
              </details>
            </div>
          </section>
        )}

        {dates && (
          <section className="panel" aria-labelledby="dash-dates">
            <h2 id="dash-dates">{t("admin.dashboard.datesTitle")}</h2>
            <DataTable
              id="dash-dates-table"
              caption={t("admin.dashboard.datesCaption")}
              columns={[t("admin.dashboard.consultation"), t("admin.dashboard.event"), t("admin.dashboard.when")]}
              empty={dates.length === 0 && t("admin.dashboard.noDates")}
            >
              {dates.map((d) => (
                <tr key={`${d.topicId}-${d.event}`}>
                  <th scope="row">
                    <Link to={managesTopics ? `/${locale}/admin/topics/${d.topicId}` : `/${locale}/consultations/${d.slug}`}>{d.title}</Link>
                    {multi && <span className="muted"> ({party(d.party)})</span>}
                  </th>
                  <td>{t(`admin.dashboard.${d.event}`)}</td>
                  <td>{d.atText}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}

        {signoffs.length > 0 && (
          <section className="panel" aria-labelledby="dash-signoff">
            <h2 id="dash-signoff">{t("admin.dashboard.signoffTitle")}</h2>
            <ul>
              {signoffs.map((s) => (
                <li key={s.id}>
                  <Link to={`/${locale}/admin/summaries#editions`}>{t("admin.dashboard.signoffItem", { number: s.number, date: s.completedText })}</Link>
                </li>
              ))}
            </ul>
          </section>
        )}

        {overdue && (
          <section className="panel" aria-labelledby="dash-workplan">
            <h2 id="dash-workplan">{t("admin.dashboard.workplanTitle")}</h2>
            <ul className="dashboard__figures">
              {Object.entries(overdue).map(([code, count]) => (
                <li key={code}>
                  {count > 0 ? (
                    <Link to={`/${locale}/admin/workplan?${new URLSearchParams({ ...(multi ? { party: code } : {}), overdue: "1" })}`}>
                      {t("admin.dashboard.workplan", { count, country: party(code) })}
                    </Link>
                  ) : (
                    t("admin.dashboard.workplan", { count, country: party(code) })
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}

        {failedJobs !== null && (
          <section className="panel" aria-labelledby="dash-jobs">
            <h2 id="dash-jobs">{t("admin.dashboard.jobsTitle")}</h2>
            <p>
              {failedJobs > 0 ? (
                <Link to={`/${locale}/admin/jobs?state=failed`}>{t("admin.dashboard.jobs", { count: failedJobs })}</Link>
              ) : (
                t("admin.dashboard.jobsNone")
              )}
            </p>
          </section>
        )}
      </div>
    </>
  );
}
