// The 100,000 realistic submissions the benches run on, written fast: one raw better-sqlite3
// connection, one transaction, one prepared INSERT (the FTS triggers index them as they go in).
// bench/moderation.ts uses it as it is (a review queue: most submissions pending); bench/export.ts
// with `forExport` (most approved, with themes, campaigns, gender profiles, answers, a few
// official translations and redactions, every topic in work plan area 3), so that a summary has
// what a real one has. The same seed gives the same data every run (apart from random tokens).
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { createDb } from "../db/client";
import { createTopic } from "../support/factories";
import { stakeholderTypes } from "../app/schemas/submission";
import { REDACTED } from "../app/schemas/redaction";
import { similarityKey } from "../app/utils/similarity.server";

const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Realistic texts: sentences in the three languages about women, trade, mining, clean technology,
// data, childcare and procurement, composed into bodies of a few hundred to a few thousand
// characters. One sentence (about cobalt) goes into about 1% of the rows: the "rare word" search.
// ---------------------------------------------------------------------------------------------
export type Lang = "en" | "fr" | "es";
const SENTENCES: Record<Lang, string[]> = {
  en: [
    "Women-owned exporters in Atlantic Canada still struggle to find buyers in Chilean markets.",
    "The agreement should require both parties to publish sex-disaggregated trade data every year.",
    "Mining communities in northern Ontario rarely see the benefits of new trade rules reach local women.",
    "Childcare costs remain the single largest barrier for women who want to start a small business.",
    "Federal procurement rules make it hard for small women-led firms to bid on large contracts.",
    "Clean technology companies need clearer rules on the movement of engineers between our countries.",
    "We recommend a joint fund for women entrepreneurs in the clean energy supply chain.",
    "Indigenous women in remote regions need reliable broadband before they can sell online.",
    "Trade missions to Santiago should include a fixed share of women-led businesses.",
    "Our union represents thousands of workers in mining and processing who want fair shifts.",
    "The chapter on trade and gender should have a real dispute mechanism, not only cooperation.",
    "Public data on who benefits from tariff cuts would help us design better programmes.",
    "Many of our members work part time because affordable childcare is not available near the mine.",
    "Procurement officers should be trained to remove bias from evaluation criteria.",
    "Solar and wind manufacturers in Quebec are looking for partners in the Atacama region.",
    "Safety standards in underground mining must take account of equipment designed for women.",
    "Small exporters need simpler rules of origin and a single online window for certificates.",
    "We ask the committee to report on progress every two years in plain language.",
    "Women in rural areas face higher shipping costs that make exporting unprofitable.",
    "Data protection rules should not stop researchers from studying gender gaps in trade.",
    "The government should set targets for supplier diversity in federal procurement.",
    "Lithium extraction must respect water rights and the consent of Indigenous communities.",
    "Mentorship programmes linking Canadian and Chilean women founders have worked well.",
    "Childcare workers themselves are mostly women and are among the lowest paid in the economy.",
    "Trade finance is harder to obtain for firms led by women, especially outside large cities.",
  ],
  fr: [
    "Les exportatrices du Québec peinent encore à trouver des acheteurs sur le marché chilien.",
    "L'accord devrait obliger les parties à publier chaque année des données commerciales ventilées par sexe.",
    "Les collectivités minières du Nord voient rarement les retombées des nouvelles règles commerciales.",
    "Le coût des services de garde demeure le principal obstacle pour les femmes qui veulent se lancer en affaires.",
    "Les règles des marchés publics fédéraux désavantagent les petites entreprises dirigées par des femmes.",
    "Les entreprises de technologies propres ont besoin de règles claires sur la mobilité des ingénieures.",
    "Nous recommandons un fonds commun pour les entrepreneures de la filière des énergies propres.",
    "Les femmes autochtones des régions éloignées ont besoin d'un accès fiable à Internet haute vitesse.",
    "Les missions commerciales à Santiago devraient inclure une part fixe d'entreprises dirigées par des femmes.",
    "Notre syndicat représente des milliers de travailleuses et de travailleurs du secteur minier.",
    "Le chapitre sur le commerce et le genre devrait prévoir un véritable mécanisme de règlement des différends.",
    "Des données publiques sur les bénéficiaires des baisses tarifaires nous aideraient à mieux cibler nos programmes.",
    "Beaucoup de nos membres travaillent à temps partiel faute de places en garderie près de la mine.",
    "Les responsables des achats publics devraient être formés pour éliminer les biais des grilles d'évaluation.",
    "Les fabricants québécois d'éoliennes cherchent des partenaires dans la région d'Atacama.",
    "Les normes de sécurité dans les mines souterraines doivent tenir compte de l'équipement conçu pour les femmes.",
    "Les petites entreprises exportatrices ont besoin de règles d'origine plus simples.",
    "Nous demandons au comité de rendre compte des progrès tous les deux ans dans un langage clair.",
    "Les femmes en milieu rural paient des frais d'expédition plus élevés qui rendent l'exportation peu rentable.",
    "La protection des données ne devrait pas empêcher l'étude des écarts entre les sexes dans le commerce.",
    "Le gouvernement devrait fixer des cibles de diversité des fournisseurs dans les marchés publics.",
    "L'extraction du lithium doit respecter les droits sur l'eau et le consentement des communautés autochtones.",
    "Les programmes de mentorat entre fondatrices canadiennes et chiliennes ont donné de bons résultats.",
    "Les éducatrices en garderie sont parmi les travailleuses les moins bien payées de l'économie.",
    "Le financement du commerce est plus difficile à obtenir pour les entreprises dirigées par des femmes.",
  ],
  es: [
    "Las exportadoras de la región del Biobío todavía tienen dificultades para encontrar compradores en Canadá.",
    "El acuerdo debería obligar a ambas partes a publicar cada año datos de comercio desagregados por sexo.",
    "Las comunidades mineras de Antofagasta rara vez ven que los beneficios del comercio lleguen a las mujeres.",
    "El costo del cuidado infantil sigue siendo la principal barrera para las mujeres que quieren emprender.",
    "Las reglas de compras públicas dificultan que las pequeñas empresas lideradas por mujeres participen en licitaciones.",
    "Las empresas de tecnologías limpias necesitan reglas claras para la movilidad de ingenieras entre ambos países.",
    "Recomendamos un fondo conjunto para emprendedoras en la cadena de suministro de energías limpias.",
    "Las mujeres indígenas de zonas aisladas necesitan conectividad confiable antes de poder vender en línea.",
    "Las misiones comerciales a Toronto deberían incluir una cuota de empresas lideradas por mujeres.",
    "Nuestro sindicato representa a miles de trabajadoras y trabajadores de la minería y la fundición.",
    "El capítulo de comercio y género debería tener un mecanismo real de solución de controversias.",
    "Los datos públicos sobre quién se beneficia de las rebajas arancelarias ayudarían a diseñar mejores programas.",
    "Muchas de nuestras socias trabajan media jornada porque no hay salas cuna cerca de la faena.",
    "Los funcionarios de compras públicas deberían recibir formación para eliminar sesgos en la evaluación.",
    "Los fabricantes de paneles solares del norte buscan socios en Quebec y Ontario.",
    "Las normas de seguridad en la minería subterránea deben considerar equipos diseñados para mujeres.",
    "Las pequeñas exportadoras necesitan reglas de origen más simples y una ventanilla única en línea.",
    "Pedimos al comité que informe de los avances cada dos años en un lenguaje claro.",
    "Las mujeres rurales enfrentan costos de envío más altos que hacen poco rentable exportar.",
    "La protección de datos no debería impedir que se estudien las brechas de género en el comercio.",
    "El gobierno debería fijar metas de diversidad de proveedores en las compras públicas.",
    "La extracción de litio debe respetar los derechos de agua y la consulta a los pueblos indígenas.",
    "Los programas de mentoría entre fundadoras chilenas y canadienses han dado buenos resultados.",
    "Las trabajadoras del cuidado infantil están entre las peor pagadas de la economía.",
    "El financiamiento del comercio es más difícil de obtener para las empresas lideradas por mujeres.",
  ],
};
const RARE: Record<Lang, string> = {
  en: "Cobalt refiners rarely hire women as process engineers, even where the mine is run by a woman.",
  fr: "Les affineries de cobalt embauchent rarement des femmes comme ingénieures de procédés.",
  es: "Las refinerías de cobalto casi nunca contratan mujeres como ingenieras de procesos.",
};
const RARE_SHARE = 0.01;
const TITLES: Record<Lang, string[]> = {
  en: [
    "Childcare near mine sites",
    "Open trade data by sex",
    "Women in federal procurement",
    "Clean tech mobility",
    "Fair rules of origin",
    "Support for women exporters",
    "Lithium and water rights",
    "A dispute mechanism for gender",
  ],
  fr: [
    "Garde d'enfants près des mines",
    "Données commerciales ventilées",
    "Les femmes et les marchés publics",
    "Mobilité en technologies propres",
    "Règles d'origine équitables",
    "Appui aux exportatrices",
    "Lithium et droits sur l'eau",
  ],
  es: [
    "Salas cuna cerca de las faenas",
    "Datos de comercio por sexo",
    "Mujeres en las compras públicas",
    "Movilidad en tecnologías limpias",
    "Reglas de origen justas",
    "Apoyo a las exportadoras",
    "Litio y derechos de agua",
  ],
};
const ORGANISATIONS: Record<"CA" | "CL" | "other", string[]> = {
  CA: [
    "Women in Mining Canada",
    "Canadian Labour Congress",
    "Réseau des femmes d'affaires du Québec",
    "Clean Energy Canada",
    "Atlantic Exporters Network",
    "Ontario Childcare Coalition",
    "Université Laval",
    "First Nations Women Entrepreneurs",
  ],
  CL: [
    "Sindicato Minero de Antofagasta",
    "Asociación de Emprendedoras de Chile",
    "Universidad de Concepción",
    "Red de Mujeres Exportadoras",
    "Cámara de Comercio de Valparaíso",
    "Fundación Cuidado Infantil",
    "Corporación Energías Limpias",
  ],
  other: ["Global Trade and Gender Institute", "Red Latinoamericana de Mujeres"],
};
const FIRST = [
  "Marie",
  "Ana",
  "Jessica",
  "Camila",
  "Sophie",
  "Valentina",
  "Aisha",
  "Fernanda",
  "Emily",
  "Isabel",
  "Nathalie",
  "Javiera",
  "Li",
  "Priya",
  "Carlos",
  "Jean",
  "David",
  "Mateo",
];
const LAST = [
  "Tremblay",
  "González",
  "Smith",
  "Muñoz",
  "Gagnon",
  "Rojas",
  "Roy",
  "Díaz",
  "Chen",
  "Pérez",
  "Martin",
  "Soto",
  "Singh",
  "Contreras",
  "Wilson",
  "Silva",
];

// A small seeded generator so every run has the same data.
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from one seeded generator: the same seed, the same sequence of choices and texts. */
function drawer(seed: number) {
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  function weighted<T extends string>(choices: Array<[T, number]>): T {
    let r = rand() * choices.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of choices) if ((r -= w) < 0) return value;
    return choices[choices.length - 1]![0];
  }
  function body(lang: Lang): string {
    // 300 to 4,000 characters, most of them short (mean about 1,300).
    const target = 300 + Math.floor(rand() ** 2.5 * 3700);
    const parts: string[] = [];
    let length = 0;
    const rareAt = rand() < RARE_SHARE ? Math.floor(rand() * 3) : -1;
    while (length < target) {
      const sentence = parts.length === rareAt ? RARE[lang] : pick(SENTENCES[lang]);
      parts.push(sentence);
      length += sentence.length + 1;
    }
    if (rareAt >= parts.length) parts.push(RARE[lang]);
    return parts.join(parts.length > 4 && rand() < 0.5 ? "\n\n" : " ");
  }
  /** A shorter text (an answer to a guiding question, a letter): `min` to `max` characters. */
  function passage(lang: Lang, min: number, max: number): string {
    const target = min + Math.floor(rand() * (max - min));
    const parts: string[] = [];
    let length = 0;
    while (length < target) {
      const sentence = pick(SENTENCES[lang]);
      parts.push(sentence);
      length += sentence.length + 1;
    }
    return parts.join(" ");
  }
  return { rand, pick, weighted, body, passage };
}
const hex = () => randomBytes(32).toString("hex");

// ---------------------------------------------------------------------------------------------
// What the export needs besides the submissions themselves.
// ---------------------------------------------------------------------------------------------
/** Used only when a party has fewer than three themes (db/seed already gives each six or seven). */
const FALLBACK_THEMES = [
  { en: "Women in mining", fr: "Les femmes dans l'industrie minière", es: "Mujeres en la minería" },
  { en: "Care work and childcare", fr: "Travail de soins et services de garde", es: "Trabajo de cuidados y cuidado infantil" },
  { en: "Public procurement", fr: "Marchés publics", es: "Compras públicas" },
  { en: "Sex-disaggregated data", fr: "Données ventilées par sexe", es: "Datos desglosados por sexo" },
];
/** Form letters sent by many: the same title and text each time. */
const CAMPAIGN_LETTERS: Array<{ party: "CA" | "CL"; language: Lang; title: string; opening: string }> = [
  {
    party: "CA",
    language: "en",
    title: "Childcare at every mine site",
    opening: "We, members of mining communities across Canada, write to ask for one thing.",
  },
  {
    party: "CA",
    language: "fr",
    title: "Des garderies près des mines",
    opening: "Nous, membres des collectivités minières du Québec, vous écrivons pour une seule demande.",
  },
  {
    party: "CA",
    language: "en",
    title: "Publish the data by sex",
    opening: "As researchers and advocates, we call on both governments to open their trade data.",
  },
  {
    party: "CL",
    language: "es",
    title: "Salas cuna en todas las faenas",
    opening: "Las trabajadoras de la minería del norte de Chile escribimos para pedir una sola cosa.",
  },
  {
    party: "CL",
    language: "es",
    title: "Compras públicas con perspectiva de género",
    opening: "Como emprendedoras de todo Chile, pedimos reglas de compras públicas más justas.",
  },
  {
    party: "CL",
    language: "es",
    title: "Agua y litio: consulta previa",
    opening: "Las comunidades del salar pedimos que la extracción de litio respete nuestros derechos de agua.",
  },
];
const CAMPAIGN_SHARE = 0.03;
const GENDERS: Array<["woman" | "man" | "another" | "prefer_not", number]> = [
  ["woman", 62],
  ["man", 30],
  ["another", 2],
  ["prefer_not", 6],
];

export interface SeedSubmissionsOptions {
  /**
   * Submissions as the summaries need them: about 70% approved; of those about 60% tagged with
   * one to three of their party's themes, about 3% redacted and, when not in English, about 6%
   * with an official English translation; about 3% of all rows are form letters of six campaigns;
   * about 40% of individuals gave their gender; about 30% of the rows on a topic with guiding
   * questions answer one to three of them; and every published topic of both parties is moved to
   * work plan area 3, so that the bilateral summary of area 3 covers every submission.
   */
  forExport?: boolean;
  /**
   * ANALYZE after writing (true by default, as bench:moderation has always done). The app never
   * runs ANALYZE, so a database it grew has no statistics; some plans differ with them.
   */
  analyze?: boolean;
}

export interface SeedSubmissionsResult {
  /** performance.now() when the inserts began (the benches time their later steps from it). */
  startedAt: number;
  /** The transaction that wrote the submissions (and, for the export, what goes with them). */
  seedSeconds: number;
  /** ANALYZE (unless told not to) and the WAL checkpoint after it. */
  analyzeSeconds: number;
  /** What was written, by kind (submissions by status; the export's extras). */
  counts: Record<string, number>;
}

/**
 * Creates `topicsPerParty` published topics for each party (tests/factories), then writes `rows`
 * submissions into the SQLite database `file`, which must already hold the reference data
 * (db/seed). Half the rows for each party, created over the last 180 days in time order, texts
 * of 300 to 4,000 characters in English, French and Spanish.
 */
export async function seedSubmissions(
  file: string,
  rows: number,
  topicsPerParty: number,
  options: SeedSubmissionsOptions = {},
): Promise<SeedSubmissionsResult> {
  const forExport = options.forExport ?? false;
  const kysely = createDb(`file:${file}`);
  try {
    for (const party of ["CA", "CL"] as const) for (let i = 0; i < topicsPerParty; i++) await createTopic(kysely, { party });
  } finally {
    await kysely.destroy();
  }

  const raw = new Database(file);
  try {
    raw.pragma("journal_mode = WAL");
    raw.pragma("foreign_keys = ON");
    raw.pragma("busy_timeout = 5000");
    raw.pragma("synchronous = FULL");
    const { rand, pick, weighted, body } = drawer(20261129);
    // The export's extras draw from a generator of their own: the rows themselves stay the same.
    const x = drawer(20261130);
    const counts: Record<string, number> = {};
    const bump = (key: string, n = 1) => void (counts[key] = (counts[key] ?? 0) + n);

    const topics = raw.prepare("select id, party_code from topics where state = 'published' order by id").all() as Array<{ id: number; party_code: string }>;
    const topicIds = { CA: topics.filter((t) => t.party_code === "CA").map((t) => t.id), CL: topics.filter((t) => t.party_code === "CL").map((t) => t.id) };
    const topicsOf = (party: "CA" | "CL") => topicIds[party];
    const regions = raw.prepare("select code, party_code from regions order by party_code, position").all() as Array<{ code: string; party_code: string }>;
    const regionCodes = {
      CA: regions.filter((r) => r.party_code === "CA").map((r) => r.code),
      CL: regions.filter((r) => r.party_code === "CL").map((r) => r.code),
    };
    const regionsOf = (country: "CA" | "CL") => regionCodes[country];
    if (!topicsOf("CA").length || !topicsOf("CL").length || !regionsOf("CA").length || !regionsOf("CL").length)
      throw new Error("seed: missing topics or regions");

    const insert = raw.prepare(`insert into submissions (
        reference, topic_id, party_code, year, seq, kind, in_reply_to, on_behalf, stakeholder_type, stakeholder_other,
        organisation_name, organisation_size, women_led, country, region_code, contact_name, contact_email, title, body,
        language, publication, status, edit_token_hash, content_hash, created_at, updated_at, version,
        rejection_reason, decided_at, similarity_key, contact_locale, campaign_id, published_body)
      values (@reference, @topic_id, @party_code, @year, @seq, @kind, null, @on_behalf, @stakeholder_type, @stakeholder_other,
        @organisation_name, @organisation_size, @women_led, @country, @region_code, @contact_name, @contact_email, @title, @body,
        @language, @publication, @status, @edit_token_hash, @content_hash, @created_at, @updated_at, 1,
        @rejection_reason, @decided_at, @similarity_key, @contact_locale, @campaign_id, @published_body)`);

    const now = Date.now();
    const nowIso = new Date(now).toISOString();

    // -------------------------------------------------------------------------------------------
    // The export's setting: topics in area 3, themes, campaigns, guiding questions.
    // -------------------------------------------------------------------------------------------
    const themesOf: Record<"CA" | "CL", number[]> = { CA: [], CL: [] };
    const questionsOf = new Map<number, number[]>();
    const campaigns: Array<{ id: number; party: "CA" | "CL"; topicId: number; language: Lang; title: string; body: string; key: string }> = [];
    let addTheme: ((submissionId: number, themeId: number) => void) | null = null;
    let addProfile: ((submissionId: number, topicId: number, gender: string, createdAt: string) => void) | null = null;
    let addAnswer: ((submissionId: number, questionId: number, text: string) => void) | null = null;
    let addTranslation: ((submissionId: number, title: string | null, body: string, at: string) => void) | null = null;
    if (forExport) {
      const area = raw.prepare("select id from workplan_areas where number = 3 order by id limit 1").get() as { id: number } | undefined;
      if (!area) throw new Error("seed: no work plan area 3 (run db/seed first)");
      bump("topics_moved_to_area_3", raw.prepare("update topics set area_id = ?").run(area.id).changes);
      for (const party of ["CA", "CL"] as const) {
        const existing = raw.prepare("select id from themes where party_code = ? order by id").all(party) as Array<{ id: number }>;
        if (existing.length < 3) {
          const add = raw.prepare("insert into themes (party_code, label_en, label_fr, label_es, created_at) values (?, ?, ?, ?, ?)");
          for (const th of FALLBACK_THEMES) existing.push({ id: Number(add.run(party, th.en, th.fr, th.es, nowIso).lastInsertRowid) });
        }
        themesOf[party] = existing.map((r) => r.id);
      }
      for (const q of raw.prepare("select id, topic_id from topic_questions order by topic_id, position").all() as Array<{ id: number; topic_id: number }>) {
        questionsOf.set(q.topic_id, [...(questionsOf.get(q.topic_id) ?? []), q.id]);
      }
      const addCampaign = raw.prepare("insert into campaigns (topic_id, similarity_key, created_by_user_id, created_at) values (?, ?, null, ?)");
      for (const letter of CAMPAIGN_LETTERS) {
        const topicId = x.pick(topicsOf(letter.party));
        const text = `${letter.opening}\n\n${x.passage(letter.language, 500, 1400)}\n\n${x.passage(letter.language, 200, 500)}`;
        const key = similarityKey(letter.title, text);
        const id = Number(addCampaign.run(topicId, key, new Date(now - 170 * DAY).toISOString()).lastInsertRowid);
        campaigns.push({ id, party: letter.party, topicId, language: letter.language, title: letter.title, body: text, key });
      }
      bump("campaigns", campaigns.length);
      const theme = raw.prepare("insert into submission_themes (submission_id, theme_id) values (?, ?)");
      addTheme = (s, th) => void theme.run(s, th);
      const profile = raw.prepare("insert into participant_profiles (submission_id, topic_id, gender, created_at) values (?, ?, ?, ?)");
      addProfile = (s, tp, g, at) => void profile.run(s, tp, g, at);
      const answer = raw.prepare("insert into submission_answers (submission_id, question_id, text) values (?, ?, ?)");
      addAnswer = (s, q, text) => void answer.run(s, q, text);
      const translation = raw.prepare(
        "insert into submission_translations (submission_id, locale, title, body, translated_by_user_id, created_at, updated_at) values (?, 'en', ?, ?, null, ?, ?)",
      );
      addTranslation = (s, title, text, at) => void translation.run(s, title, text, at, at);
    }
    const statusWeights: Array<["pending" | "approved" | "rejected" | "withdrawn", number]> = forExport
      ? [
          ["pending", 15],
          ["approved", 70],
          ["rejected", 10],
          ["withdrawn", 5],
        ]
      : [
          ["pending", 60],
          ["approved", 25],
          ["rejected", 10],
          ["withdrawn", 5],
        ];

    // Creation times over the last 180 days, inserted in time order (ids grow with time, as in life).
    const times = Array.from({ length: rows }, () => now - rand() * 180 * DAY).sort((a, b) => a - b);
    const seqs = new Map<string, number>();
    const stakeholderWeights: Array<[(typeof stakeholderTypes)[number], number]> = [
      ["union", 12],
      ["company", 18],
      ["business_association", 10],
      ["academic", 8],
      ["ngo", 14],
      ["indigenous", 6],
      ["public_body", 5],
      ["individual", 24],
      ["other", 3],
    ];
    const startedAt = performance.now();
    raw.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const party: "CA" | "CL" = i % 2 === 0 ? "CA" : "CL"; // half the rows for each party
        const created = new Date(times[i]!);
        const year = created.getUTCFullYear();
        const key = `${party}-${year}`;
        const seq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, seq);
        const language: Lang =
          party === "CA"
            ? weighted([
                ["en", 55],
                ["fr", 35],
                ["es", 10],
              ])
            : weighted([
                ["es", 80],
                ["en", 15],
                ["fr", 5],
              ]);
        const country = weighted<"CA" | "CL" | "other">(
          party === "CA"
            ? [
                ["CA", 90],
                ["CL", 5],
                ["other", 5],
              ]
            : [
                ["CL", 90],
                ["CA", 5],
                ["other", 5],
              ],
        );
        const stakeholder = weighted(stakeholderWeights);
        const onBehalf = stakeholder === "individual" ? "self" : "organisation";
        const kind = rand() < 0.7 ? "proposal" : "comment";
        const status = weighted(statusWeights);
        const decided = status === "approved" || status === "rejected" ? new Date(Math.min(now, times[i]! + rand() * 10 * DAY)).toISOString() : null;
        const name = `${pick(FIRST)} ${pick(LAST)}`;
        const text = body(language);
        const row = {
          reference: `${party}-${year}-${String(seq).padStart(5, "0")}`,
          topic_id: pick(topicsOf(party)),
          party_code: party,
          year,
          seq,
          kind,
          on_behalf: onBehalf,
          stakeholder_type: stakeholder,
          stakeholder_other: stakeholder === "other" ? "Cooperative" : null,
          organisation_name: onBehalf === "organisation" ? pick(ORGANISATIONS[country]) : null,
          organisation_size: onBehalf === "organisation" ? pick(["micro", "small", "medium", "large"]) : null,
          women_led: onBehalf === "organisation" ? pick(["yes", "no", "prefer_not"]) : null,
          country,
          region_code: country !== "other" && rand() < 0.8 ? pick(regionsOf(country)) : null,
          contact_name: name,
          contact_email: `${name
            .toLowerCase()
            .normalize("NFD")
            .replace(/[^a-z ]/g, "")
            .replace(" ", ".")}${i}@example.org`,
          title: kind === "proposal" ? pick(TITLES[language]) : null,
          body: text,
          language,
          publication: weighted([
            ["named", 40],
            ["anonymous", 45],
            ["officials", 15],
          ]),
          status,
          edit_token_hash: hex(),
          content_hash: createHash("sha256").update(`${party}|${i}|${text}`).digest("hex"),
          created_at: created.toISOString(),
          updated_at: decided ?? created.toISOString(),
          rejection_reason: status === "rejected" ? pick(["off_topic", "abusive", "spam", "duplicate", "third_party_data", "other"]) : null,
          decided_at: decided,
          similarity_key: hex(),
          contact_locale: language,
          campaign_id: null as number | null,
          published_body: null as string | null,
        };
        if (!forExport) {
          insert.run(row);
          continue;
        }
        // A form letter: the campaign's topic, title and text, in its language.
        if (x.rand() < CAMPAIGN_SHARE) {
          const c = x.pick(campaigns.filter((cm) => cm.party === party));
          Object.assign(row, {
            topic_id: c.topicId,
            kind: "proposal",
            title: c.title,
            body: c.body,
            language: c.language,
            contact_locale: c.language,
            similarity_key: c.key,
            campaign_id: c.id,
          });
          bump("campaign_letters");
        }
        const approved = row.status === "approved";
        // A redaction: one sentence of the published text withheld (personal details, say).
        if (approved && row.campaign_id === null && x.rand() < 0.03) {
          const sentences = row.body.split(/(?<=\.) /);
          sentences[Math.floor(x.rand() * sentences.length)] = REDACTED;
          row.published_body = sentences.join(" ");
          bump("redacted");
        }
        const id = Number(insert.run(row).lastInsertRowid);
        bump(row.status);
        if (approved && x.rand() < 0.6) {
          // One to three of the party's themes, the first ones more often (as in life, a few dominate).
          const list = themesOf[party];
          const chosen = new Set<number>();
          const n = 1 + Math.floor(x.rand() ** 2 * 3);
          while (chosen.size < Math.min(n, list.length)) chosen.add(list[Math.floor(x.rand() ** 1.6 * list.length)]!);
          for (const th of chosen) addTheme!(id, th);
          bump("themed");
          bump("submission_themes", chosen.size);
        }
        if (onBehalf === "self" && x.rand() < 0.4) {
          addProfile!(id, row.topic_id, x.weighted(GENDERS), row.created_at);
          bump("gender_profiles");
        }
        const questions = questionsOf.get(row.topic_id);
        if (questions?.length && row.campaign_id === null && x.rand() < 0.3) {
          const n = 1 + Math.floor(x.rand() * Math.min(3, questions.length));
          for (const q of questions.slice(0, n)) addAnswer!(id, q, x.passage(row.language, 150, 900));
          bump("answered");
          bump("answers", n);
        }
        if (approved && row.language !== "en" && x.rand() < 0.06) {
          addTranslation!(
            id,
            row.title ? x.pick(TITLES.en) : null,
            x.passage("en", Math.max(300, row.body.length * 0.9), row.body.length * 1.1 + 1),
            decided ?? row.created_at,
          );
          bump("translated_to_en");
        }
      }
    })();
    const seedSeconds = (performance.now() - startedAt) / 1000;
    const analyzeStart = performance.now();
    if (options.analyze ?? true) raw.exec("analyze");
    raw.pragma("wal_checkpoint(TRUNCATE)");
    const analyzeSeconds = (performance.now() - analyzeStart) / 1000;
    return { startedAt, seedSeconds, analyzeSeconds, counts };
  } finally {
    raw.close();
  }
}
