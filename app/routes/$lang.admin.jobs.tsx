import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { db } from "~/utils/db.server";
import { jobQueue } from "~/utils/jobs.server";
import { pageMeta } from "~/utils/meta";

// Admins see the background jobs (ADR 029): name, state, attempts and the last error (addresses
// and one-time tokens masked) — never a job's payload, which may name a person. Reading is not
// audited.
const SHOWN = 100;

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "jobs.read");
  const clock = await backOfficeClock(db, user.actor, locale);
  const queue = jobQueue(db);
  // ?state=failed: the dashboard's "jobs that failed" figure links here.
  const failedOnly = new URL(request.url).searchParams.get("state") === "failed";
  const jobs = await queue.listJobs({ limit: SHOWN, ...(failedOnly ? { state: "failed" as const } : {}) });
  const when = (iso: string | null) => (iso ? clock(iso) : null);
  return {
    title: t("admin.jobs.title"),
    driver: queue.driver,
    jobs: jobs.map((j) => ({ ...j, createdAt: clock(j.createdAt), finishedAt: when(j.finishedAt), runAfter: when(j.runAfter), startedAt: when(j.startedAt) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

const KNOWN = ["email.deliver", "edition.compile", "files.sweep"] as const;

export default function Jobs() {
  const { jobs, driver } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin.jobs.title")}</h1>
      <p>{t("admin.jobs.intro")}</p>
      <p>{t("admin.jobs.driver", { driver: t(`admin.jobs.drivers.${driver}`) })}</p>
      <DataTable
        id="jobs"
        caption={t("admin.jobs.caption", { count: SHOWN })}
        columns={[
          t("admin.jobs.name"),
          t("admin.jobs.state"),
          t("admin.jobs.attempts"),
          t("admin.jobs.lastError"),
          t("admin.jobs.created"),
          t("admin.jobs.finished"),
        ]}
        empty={jobs.length === 0 && t("admin.jobs.none")}
      >
        {jobs.map((job) => {
          const known = KNOWN.find((k) => k === job.name);
          return (
            <tr key={job.id}>
              <td>
                {known ? t(`admin.jobs.names.${known}`) : null} <code>{job.name}</code>
              </td>
              <td>
                {t(`admin.jobs.states.${job.state}`)}
                {job.runAfter && (
                  <>
                    <br />
                    <small>{t("admin.jobs.nextRun", { date: job.runAfter })}</small>
                  </>
                )}
              </td>
              <td>{t("admin.jobs.attemptsOf", { count: job.attempts, max: job.maxAttempts })}</td>
              <td>{job.lastError}</td>
              <td>{job.createdAt}</td>
              <td>{job.finishedAt}</td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
