// The summary as JSON, described by docs/summary.schema.json (schemaVersion 1). Streamed: the
// meta, parties and totals first, then the `submissions` array one item per line, so memory does
// not grow with the number of submissions. Every object is built field by field (never the
// Summary's objects as they are), so the output holds exactly what the schema documents, in the
// same order every time: the same Summary always gives the same bytes.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { getT } from "~/i18next.server";
import { eventFiguresOpenData } from "~/models/event-figures.server";
import type { PartyFigures, Summary, SummaryEvents, SummaryScope, SummarySubmission } from "~/models/summary-types";
import { identityLines } from "./summary-identity.server";
import { drained } from "./summary-rows.server";

export const summaryJsonSchemaVersion = 1;

function scope(s: SummaryScope) {
  switch (s.kind) {
    case "topic":
      return { kind: s.kind, topicId: s.topicId };
    case "party":
      return { kind: s.kind, party: s.party, from: s.from, to: s.to };
    case "bilateral-area":
      return { kind: s.kind, areaNumber: s.areaNumber };
    case "bilateral-topics":
      return { kind: s.kind, topicIds: [s.topicIds[0], s.topicIds[1]] };
  }
}

const record = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));
const counts = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));

function meta(summary: Summary) {
  const m = summary.meta;
  return {
    title: m.title,
    scopeLabel: m.scopeLabel,
    scope: scope(m.scope),
    edition: m.edition,
    locale: m.locale,
    generatedAt: m.generatedAt,
    // null: built on demand, not an official edition. Sign-offs are in the edition's manifest.
    officialEdition: m.official
      ? { number: m.official.number, frozenAt: m.official.frozenAt, signatories: [...m.official.signatories], signOffs: "manifest" as const }
      : null,
    editionStatement: identityLines(summary, getT(m.locale)),
    topics: m.topics.map((tp) => ({ id: tp.id, slug: tp.slug, party: tp.party, title: tp.title, areaNumber: tp.areaNumber })),
    labels: {
      stakeholderTypes: record(m.labels.stakeholderTypes),
      languages: { en: m.labels.languages.en, fr: m.labels.languages.fr, es: m.labels.languages.es },
      statuses: record(m.labels.statuses),
      kinds: record(m.labels.kinds),
    },
  };
}

type Figures = Summary["totals"];

function common(p: Figures) {
  return {
    received: p.received,
    published: p.published,
    officialsOnly: p.officialsOnly,
    rejected: p.rejected,
    withdrawn: p.withdrawn,
    pending: p.pending,
    distinctContributions: p.distinctContributions,
    byStakeholderType: counts(p.byStakeholderType),
    byLanguage: { en: p.byLanguage.en, fr: p.byLanguage.fr, es: p.byLanguage.es },
    womenLed: { yes: p.womenLed.yes, no: p.womenLed.no, prefer_not: p.womenLed.prefer_not, not_answered: p.womenLed.not_answered },
    gender: {
      woman: { value: p.gender.woman.value, suppressed: p.gender.woman.suppressed },
      man: { value: p.gender.man.value, suppressed: p.gender.man.suppressed },
      another: { value: p.gender.another.value, suppressed: p.gender.another.suppressed },
      prefer_not: { value: p.gender.prefer_not.value, suppressed: p.gender.prefer_not.suppressed },
    },
  };
}

function party(p: PartyFigures) {
  return {
    party: p.party,
    partyName: p.partyName,
    ...common(p),
    byRegion: p.byRegion.map((r) => ({ code: r.code, name: r.name, count: r.count })),
    themes: p.themes.map((th) => ({ id: th.id, label: th.label, count: th.count })),
    campaigns: p.campaigns.map((c) => ({ id: c.id, reference: c.reference, title: c.title, senders: c.senders })),
    synthesis: p.synthesis,
  };
}

/** The events held in the scope (ADR 045): each with its totals, then the figures per party and in all. */
function events(e: SummaryEvents) {
  return {
    list: e.list.map((x) => ({
      slug: x.slug,
      party: x.party,
      title: x.title,
      startsAt: x.startsAt,
      timeZone: x.timeZone,
      format: x.format,
      formatLabel: e.formats[x.format],
      registered: x.registered,
      attended: x.attended,
    })),
    parties: e.parties.map((p) => ({ party: p.party, partyName: p.partyName, ...eventFiguresOpenData(p.figures, e.groups) })),
    totals: eventFiguresOpenData(e.totals, e.groups),
    labels: Object.fromEntries(Object.entries(e.groups).map(([key, list]) => [key, Object.fromEntries(list.map((g) => [g.code, g.label]))])),
  };
}

/** One submission as the schema's `submission`; exported for the tests. */
export function submissionJson(s: SummarySubmission) {
  return {
    id: s.id,
    reference: s.reference,
    topicSlug: s.topicSlug,
    party: s.party,
    kind: s.kind,
    stakeholderType: s.stakeholderType,
    stakeholderLabel: s.stakeholderLabel,
    country: s.country,
    regionCode: s.regionCode,
    regionName: s.regionName,
    language: s.language,
    status: s.status,
    publication: s.publication,
    author: s.author,
    organisation: s.organisation,
    womenLed: s.womenLed,
    title: s.title,
    text: s.text,
    answers: s.answers.map((a) => ({ question: a.question, text: a.text })),
    themes: [...s.themes],
    primaryTheme: s.primaryTheme,
    translation: s.translation ? { title: s.translation.title, text: s.translation.text } : null,
    campaign: s.campaign ? { id: s.campaign.id, senders: s.campaign.senders } : null,
    submittedAt: s.submittedAt,
    decidedAt: s.decidedAt,
  };
}

/**
 * Writes the JSON document to `out` and ends it; resolves once `out` has finished (do not await
 * it before something reads `out`). On failure `out` is destroyed with the error, so a truncated
 * document is never delivered as if it were complete.
 */
export async function writeSummaryJson(summary: Summary, out: Writable): Promise<void> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await drained(out);
  };
  try {
    const head = {
      schemaVersion: summaryJsonSchemaVersion,
      meta: meta(summary),
      parties: summary.parties.map(party),
      totals: common(summary.totals),
      events: events(summary.events),
      submissionCount: summary.submissionCount,
    };
    // `{…head…,"submissions":[` then one item per line, then `]}`.
    await write(`${JSON.stringify(head).slice(0, -1)},"submissions":[`);
    let first = true;
    for await (const s of summary.submissions("reference")) {
      await write(`${first ? "\n" : ",\n"}${JSON.stringify(submissionJson(s))}`);
      first = false;
    }
    await write(first ? "]}\n" : "\n]}\n");
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
