import type { PartyFigures, Summary, SummarySubmission } from "../app/models/summary-types";

const types = ["union", "company", "business_association", "academic", "ngo", "indigenous", "public_body", "individual", "other"];
const sentences = [
  "Women-owned exporters need simpler customs procedures and access to trade finance.",
  "Les données commerciales ventilées par sexe devraient être publiées chaque année.",
  "Las mujeres en la minería necesitan salas cuna y turnos compatibles con el cuidado.",
  "Clean technology supply chains should include women entrepreneurs from the start.",
  "Les organisations autochtones demandent une consultation préalable et des fonds dédiés.",
  "La contratación pública puede reservar cuotas para empresas lideradas por mujeres.",
];

/**
 * A Summary with `count` synthetic submissions, for testing the formats without a database.
 * Texts run from a few hundred to a few thousand characters, in the three languages.
 */
export function summaryFixture(
  options: {
    count?: number;
    edition?: "public" | "committee";
    locale?: "en" | "fr" | "es";
    /** An edition's number; none for on demand. */ official?: number;
  } = {},
): Summary {
  const count = options.count ?? 12;
  const locale = options.locale ?? "en";
  const party = (code: "CA" | "CL", n: number): PartyFigures => ({
    party: code,
    partyName: code === "CA" ? "Canada" : "Chile",
    received: n + 7,
    published: n - 2,
    officialsOnly: 2,
    rejected: 4,
    withdrawn: 1,
    pending: 2,
    byStakeholderType: Object.fromEntries(types.map((t, i) => [t, i === 0 ? n - 8 : 1])),
    byRegion: [
      { code: code === "CA" ? "CA-QC" : "CL-BI", name: code === "CA" ? "Quebec" : "Biobío", count: n - 3 },
      { code: "none", name: "Not given", count: 3 },
    ],
    byLanguage: { en: Math.floor(n / 2), fr: Math.ceil(n / 4), es: n - Math.floor(n / 2) - Math.ceil(n / 4) },
    womenLed: { yes: 3, no: 2, prefer_not: 1, not_answered: n - 6 },
    gender: {
      woman: { value: 6, suppressed: false },
      man: { value: null, suppressed: true },
      another: { value: 0, suppressed: false },
      prefer_not: { value: null, suppressed: true },
    },
    themes: [
      { id: 1, label: "Sex-disaggregated data", count: 4 },
      { id: 2, label: "Care work & childcare <b>", count: 2 },
    ],
    campaigns: [{ id: 1, reference: `${code}-2026-00003`, title: "Data by sex", senders: 5 }],
    distinctContributions: n - 4,
    synthesis: code === "CA" ? "Participants asked for data by sex.\n\nUnions stressed childcare." : null,
  });
  const parties = [party("CA", Math.max(10, count)), party("CL", Math.max(10, count))];
  const make = (i: number): SummarySubmission => {
    const text = Array.from({ length: 3 + (i % 20) * 3 }, (_, k) => sentences[(i + k) % sentences.length]).join(" ");
    return {
      id: i + 1,
      reference: `${i % 2 ? "CL" : "CA"}-2026-${String(i + 1).padStart(5, "0")}`,
      topicSlug: i % 2 ? "women-in-mining-chile" : "sex-disaggregated-trade-data-canada",
      party: i % 2 ? "CL" : "CA",
      kind: i % 5 === 4 ? "comment" : "proposal",
      stakeholderType: types[i % types.length]!,
      stakeholderLabel: types[i % types.length]!,
      country: i % 2 ? "CL" : "CA",
      regionCode: i % 3 ? null : i % 2 ? "CL-BI" : "CA-QC",
      regionName: i % 3 ? null : i % 2 ? "Biobío" : "Quebec",
      language: (["en", "fr", "es"] as const)[i % 3]!,
      status: "approved",
      publication: i % 4 === 3 ? "officials" : i % 2 ? "anonymous" : "named",
      author: i % 2 ? null : `Author ${i}`,
      organisation: i % 2 ? null : `Organisation ${i}, "quoted"; semi`,
      womenLed: i % 2 ? null : "yes",
      title: i % 5 === 4 ? null : `Proposal ${i}: données & datos`,
      text: `${text} [redacted] ${"é".repeat(i % 3)}`,
      answers: i % 3 ? [] : [{ question: "What would help most?", text: "Childcare near the mines." }],
      themes: i % 2 ? ["Sex-disaggregated data"] : [],
      primaryTheme: i % 2 ? "Sex-disaggregated data" : null,
      translation: i % 6 === 0 ? { title: "Translated title", text: "An official translation." } : null,
      campaign: i % 10 === 3 ? { id: 1, senders: 5 } : null,
      submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      decidedAt: new Date(Date.UTC(2026, 1, 1) + i * 60_000).toISOString(),
    };
  };
  const sum = (k: "received" | "published" | "officialsOnly" | "rejected" | "withdrawn" | "pending" | "distinctContributions") =>
    parties[0]![k] + parties[1]![k];
  return {
    meta: {
      title: "Written exchange of proposals and comments",
      scopeLabel: "Bilateral — Work plan area 3 (Article N bis-03.2)",
      scope: { kind: "bilateral-area", areaNumber: 3 },
      edition: options.edition ?? "committee",
      locale,
      generatedAt: "2026-11-29T12:00:00.000Z",
      official: options.official ? { number: options.official, frozenAt: "2026-11-29T12:00:00.000Z", signatories: ["CA", "CL"] } : null,
      topics: [
        { id: 1, slug: "sex-disaggregated-trade-data-canada", party: "CA", title: "Sex-disaggregated trade data", areaNumber: 3 },
        { id: 2, slug: "women-in-mining-chile", party: "CL", title: "Mujeres en la minería", areaNumber: 3 },
      ],
      labels: {
        stakeholderTypes: Object.fromEntries(types.map((t) => [t, `Label ${t}`])),
        languages: { en: "English", fr: "French", es: "Spanish" },
        statuses: { pending: "Pending", approved: "Approved", rejected: "Rejected", withdrawn: "Withdrawn" },
        kinds: { proposal: "Proposal", comment: "Comment" },
      },
    },
    parties,
    totals: {
      received: sum("received"),
      published: sum("published"),
      officialsOnly: sum("officialsOnly"),
      rejected: sum("rejected"),
      withdrawn: sum("withdrawn"),
      pending: sum("pending"),
      distinctContributions: sum("distinctContributions"),
      byStakeholderType: Object.fromEntries(types.map((t) => [t, parties[0]!.byStakeholderType[t]! + parties[1]!.byStakeholderType[t]!])),
      byLanguage: { en: parties[0]!.byLanguage.en * 2, fr: parties[0]!.byLanguage.fr * 2, es: parties[0]!.byLanguage.es * 2 },
      womenLed: { yes: 6, no: 4, prefer_not: 2, not_answered: 2 * (Math.max(10, count) - 6) },
      gender: {
        woman: { value: 12, suppressed: false },
        man: { value: 6, suppressed: false },
        another: { value: 0, suppressed: false },
        prefer_not: { value: null, suppressed: true },
      },
    },
    events: noEvents(parties),
    submissionCount: count,
    async *submissions() {
      for (let i = 0; i < count; i++) yield make(i);
    },
  };
}

/** A scope where no event was held (issue 19): every format says so. */
export function noEvents(parties: Array<{ party: "CA" | "CL"; partyName: string }>): Summary["events"] {
  const zero = { value: 0, suppressed: false };
  const figures = () => ({
    held: 0,
    registered: 0,
    attended: 0,
    byStakeholderType: {},
    byCountry: { CA: zero, CL: zero, other: zero },
    byRegion: {},
    womenLed: { yes: zero, no: zero, prefer_not: zero },
    gender: { woman: zero, man: zero, another: zero, prefer_not: zero },
  });
  return {
    list: [],
    parties: parties.map((p) => ({ party: p.party, partyName: p.partyName, figures: figures() })),
    totals: figures(),
    groups: { byStakeholderType: [], byCountry: [], byRegion: [], womenLed: [], gender: [] },
    formats: { in_person: "In person", online: "Online", hybrid: "Hybrid" },
  };
}
