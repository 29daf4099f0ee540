// npm run bench:moderation — the officials' review queue on 100,000 submissions: the real built
// server answering the queue's first page, a filtered page (and the page after it), a full-text
// search (a rare and a common word) and an approve, each timed request by request, next to plain
// SQL for the same rows through better-sqlite3 in the same run. For a page that misses the target,
// it shows the queries behind it with their time and SQLite's plan. Prints a table and, last, one
// JSON line. BENCH_ROWS, BENCH_RUNS and BENCH_BUDGET_SECONDS (per operation) make it smaller.
import { createHash, randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { seed } from "../db/seed/index";
import { createTestDatabase } from "../tests/helpers/db";
import { get, postForm } from "../tests/helpers/http";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { createTopic, createUser, sessionCookieFor } from "../tests/factories";
import { stakeholderTypes } from "../app/schemas/submission";
import { queueFiltersSchema } from "../app/schemas/moderation";
import { listQueue } from "../app/models/moderation.server";
import type { Database as Schema } from "../db/schema";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP = 20;
// A page that misses the target by far would take minutes at 200 runs: each operation stops
// early (never under MIN_RUNS) once it has used its time budget; the table says how many ran.
const BUDGET_MS = Number(process.env.BENCH_BUDGET_SECONDS ?? 15) * 1000;
const RAW_BUDGET_MS = BUDGET_MS / 3;
const WARM_UP_BUDGET_MS = 3000;
const MIN_RUNS = 30;
const TARGET_MS = 50;
const PAGE = 25;
const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Realistic texts: sentences in the three languages about women, trade, mining, clean technology,
// data, childcare and procurement, composed into bodies of a few hundred to a few thousand
// characters. One sentence (about cobalt) goes into about 1% of the rows: the "rare word" search.
// ---------------------------------------------------------------------------------------------
type Lang = "en" | "fr" | "es";
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
  en: ["Childcare near mine sites", "Open trade data by sex", "Women in federal procurement", "Clean tech mobility", "Fair rules of origin", "Support for women exporters", "Lithium and water rights", "A dispute mechanism for gender"],
  fr: ["Garde d'enfants près des mines", "Données commerciales ventilées", "Les femmes et les marchés publics", "Mobilité en technologies propres", "Règles d'origine équitables", "Appui aux exportatrices", "Lithium et droits sur l'eau"],
  es: ["Salas cuna cerca de las faenas", "Datos de comercio por sexo", "Mujeres en las compras públicas", "Movilidad en tecnologías limpias", "Reglas de origen justas", "Apoyo a las exportadoras", "Litio y derechos de agua"],
};
const ORGANISATIONS: Record<"CA" | "CL" | "other", string[]> = {
  CA: ["Women in Mining Canada", "Canadian Labour Congress", "Réseau des femmes d'affaires du Québec", "Clean Energy Canada", "Atlantic Exporters Network", "Ontario Childcare Coalition", "Université Laval", "First Nations Women Entrepreneurs"],
  CL: ["Sindicato Minero de Antofagasta", "Asociación de Emprendedoras de Chile", "Universidad de Concepción", "Red de Mujeres Exportadoras", "Cámara de Comercio de Valparaíso", "Fundación Cuidado Infantil", "Corporación Energías Limpias"],
  other: ["Global Trade and Gender Institute", "Red Latinoamericana de Mujeres"],
};
const FIRST = ["Marie", "Ana", "Jessica", "Camila", "Sophie", "Valentina", "Aisha", "Fernanda", "Emily", "Isabel", "Nathalie", "Javiera", "Li", "Priya", "Carlos", "Jean", "David", "Mateo"];
const LAST = ["Tremblay", "González", "Smith", "Muñoz", "Gagnon", "Rojas", "Roy", "Díaz", "Chen", "Pérez", "Martin", "Soto", "Singh", "Contreras", "Wilson", "Silva"];

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
const rand = mulberry32(20261129);
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
const hex = () => randomBytes(32).toString("hex");

// ---------------------------------------------------------------------------------------------
// Timing helpers.
// ---------------------------------------------------------------------------------------------
interface Figures {
  p50: number;
  p95: number;
  runs: number;
}
function percentiles(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), runs: samples.length };
}
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Sequential runs of `op` (given a distinct index each time), after the warm-up; Infinity: no budget. */
async function timeAsync(budgetMs: number, op: (i: number) => Promise<void> | void): Promise<Figures> {
  let i = 0;
  const warmStart = performance.now();
  while (i < WARM_UP && (i < 3 || performance.now() - warmStart < WARM_UP_BUDGET_MS)) await op(i++);
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < RUNS && (samples.length < MIN_RUNS || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await op(i++);
    samples.push(performance.now() - t0);
  }
  return percentiles(samples);
}

// ---------------------------------------------------------------------------------------------
// 1. Build, database, reference data, topics, a Canadian moderator.
// ---------------------------------------------------------------------------------------------
buildIfNeeded();
const t = await createTestDatabase();
const file = t.env.DATABASE_URL?.startsWith("file:") ? t.env.DATABASE_URL.slice("file:".length) : null;
if (!file) throw new Error("bench:moderation needs the SQLite test database (TEST_DATABASE_URL must not be PostgreSQL)");
let server: RunningServer | undefined;
let raw: Database.Database | undefined;
let failed = false;

try {
  await seed(t.db);
  for (const party of ["CA", "CL"] as const) for (let i = 0; i < 3; i++) await createTopic(t.db, { party });
  const moderator = await createUser(t.db, { role: "moderator", party: "CA" });
  const cookie = await sessionCookieFor(t.db, moderator.id);

  // -------------------------------------------------------------------------------------------
  // 2. 100,000 submissions through one raw connection, one transaction, one prepared INSERT
  //    (the FTS triggers index them as they go in).
  // -------------------------------------------------------------------------------------------
  raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("synchronous = FULL"); // as the app: the approve baseline pays the same commit

  const topics = raw.prepare("select id, party_code from topics where state = 'published' order by id").all() as Array<{ id: number; party_code: string }>;
  const topicIds = { CA: topics.filter((x) => x.party_code === "CA").map((x) => x.id), CL: topics.filter((x) => x.party_code === "CL").map((x) => x.id) };
  const topicsOf = (party: "CA" | "CL") => topicIds[party];
  const regions = raw.prepare("select code, party_code from regions order by party_code, position").all() as Array<{ code: string; party_code: string }>;
  const regionCodes = { CA: regions.filter((r) => r.party_code === "CA").map((r) => r.code), CL: regions.filter((r) => r.party_code === "CL").map((r) => r.code) };
  const regionsOf = (country: "CA" | "CL") => regionCodes[country];
  if (!topicsOf("CA").length || !topicsOf("CL").length || !regionsOf("CA").length || !regionsOf("CL").length) throw new Error("seed: missing topics or regions");

  const insert = raw.prepare(`insert into submissions (
      reference, topic_id, party_code, year, seq, kind, in_reply_to, on_behalf, stakeholder_type, stakeholder_other,
      organisation_name, organisation_size, women_led, country, region_code, contact_name, contact_email, title, body,
      language, publication, status, edit_token_hash, content_hash, created_at, updated_at, version,
      rejection_reason, decided_at, similarity_key, contact_locale)
    values (@reference, @topic_id, @party_code, @year, @seq, @kind, null, @on_behalf, @stakeholder_type, @stakeholder_other,
      @organisation_name, @organisation_size, @women_led, @country, @region_code, @contact_name, @contact_email, @title, @body,
      @language, @publication, @status, @edit_token_hash, @content_hash, @created_at, @updated_at, 1,
      @rejection_reason, @decided_at, @similarity_key, @contact_locale)`);

  const now = Date.now();
  // Creation times over the last 180 days, inserted in time order (ids grow with time, as in life).
  const times = Array.from({ length: ROWS }, () => now - rand() * 180 * DAY).sort((a, b) => a - b);
  const seqs = new Map<string, number>();
  const stakeholderWeights: Array<[(typeof stakeholderTypes)[number], number]> = [
    ["union", 12], ["company", 18], ["business_association", 10], ["academic", 8], ["ngo", 14],
    ["indigenous", 6], ["public_body", 5], ["individual", 24], ["other", 3],
  ];
  const seedStart = performance.now();
  raw.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const party: "CA" | "CL" = i % 2 === 0 ? "CA" : "CL"; // half the rows for each party
      const created = new Date(times[i]!);
      const year = created.getUTCFullYear();
      const key = `${party}-${year}`;
      const seq = (seqs.get(key) ?? 0) + 1;
      seqs.set(key, seq);
      const language: Lang = party === "CA" ? weighted([["en", 55], ["fr", 35], ["es", 10]]) : weighted([["es", 80], ["en", 15], ["fr", 5]]);
      const country = weighted<"CA" | "CL" | "other">(party === "CA" ? [["CA", 90], ["CL", 5], ["other", 5]] : [["CL", 90], ["CA", 5], ["other", 5]]);
      const stakeholder = weighted(stakeholderWeights);
      const onBehalf = stakeholder === "individual" ? "self" : "organisation";
      const kind = rand() < 0.7 ? "proposal" : "comment";
      const status = weighted([["pending", 60], ["approved", 25], ["rejected", 10], ["withdrawn", 5]]);
      const decided = status === "approved" || status === "rejected" ? new Date(Math.min(now, times[i]! + rand() * 10 * DAY)).toISOString() : null;
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const text = body(language);
      insert.run({
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
        contact_email: `${name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(" ", ".")}${i}@example.org`,
        title: kind === "proposal" ? pick(TITLES[language]) : null,
        body: text,
        language,
        publication: weighted([["named", 40], ["anonymous", 45], ["officials", 15]]),
        status,
        edit_token_hash: hex(),
        content_hash: createHash("sha256").update(`${party}|${i}|${text}`).digest("hex"),
        created_at: created.toISOString(),
        updated_at: (decided ?? created.toISOString()),
        rejection_reason: status === "rejected" ? pick(["off_topic", "abusive", "spam", "duplicate", "third_party_data", "other"]) : null,
        decided_at: decided,
        similarity_key: hex(),
        contact_locale: language,
      });
    }
  })();
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const analyzeStart = performance.now();
  raw.exec("analyze");
  raw.pragma("wal_checkpoint(TRUNCATE)");
  const analyzeSeconds = (performance.now() - analyzeStart) / 1000;
  console.log(`seeded ${ROWS.toLocaleString("en")} submissions (with their FTS5 entries) in ${seedSeconds.toFixed(2)} s; ANALYZE + checkpoint ${analyzeSeconds.toFixed(2)} s`);

  // The operations' parameters: a filtered view that matches a realistic subset, and two words.
  const FILTER = { status: "pending", stakeholderType: "union", language: "fr", country: "CA" };
  const RARE_WORD = "cobalt";
  const COMMON_WORD = "women";
  const count = (sql: string, ...args: unknown[]) => Number((raw!.prepare(sql).get(...args) as { n: number }).n);
  const caRows = count("select count(*) as n from submissions where party_code = 'CA'");
  const caPending = count("select count(*) as n from submissions where party_code = 'CA' and status = 'pending'");
  const filteredRows = count(
    "select count(*) as n from submissions where party_code = 'CA' and status = ? and stakeholder_type = ? and language = ? and country = ?",
    FILTER.status, FILTER.stakeholderType, FILTER.language, FILTER.country,
  );
  const ftsCount = (word: string) => count(`select count(*) as n from submissions_fts where submissions_fts match ?`, `"${word}"*`);
  const rareRows = ftsCount(RARE_WORD);
  const commonRows = ftsCount(COMMON_WORD);
  console.log(
    `Canadian rows ${caRows}, of them pending ${caPending}; filtered view (${Object.entries(FILTER).map(([k, v]) => `${k}=${v}`).join(", ")}) ${filteredRows} rows; ` +
      `"${RARE_WORD}" in ${rareRows} rows (${((100 * rareRows) / ROWS).toFixed(2)}%), "${COMMON_WORD}" in ${commonRows} rows (${((100 * commonRows) / ROWS).toFixed(1)}%)`,
  );

  // -------------------------------------------------------------------------------------------
  // 4. The raw baseline's statements: the same rows as the app's page (25 + 1 to know if there is more).
  // -------------------------------------------------------------------------------------------
  const COLUMNS = "id, reference, version, topic_id, kind, title, body, stakeholder_type, organisation_name, country, region_code, language, status, publication, campaign_id, created_at";
  const rawFirst = raw.prepare(`select ${COLUMNS} from submissions where party_code = 'CA' and status = 'pending' order by created_at, id limit ${PAGE + 1}`);
  const FILTER_SQL = "party_code = 'CA' and status = ? and stakeholder_type = ? and language = ? and country = ?";
  const filterArgs = [FILTER.status, FILTER.stakeholderType, FILTER.language, FILTER.country];
  const rawFiltered = raw.prepare(`select ${COLUMNS} from submissions where ${FILTER_SQL} order by created_at, id limit ${PAGE + 1}`);
  const rawFilteredNext = raw.prepare(
    `select ${COLUMNS} from submissions where ${FILTER_SQL} and (created_at > ? or (created_at = ? and id > ?)) order by created_at, id limit ${PAGE + 1}`,
  );
  const rawSearch = raw.prepare(
    `select ${COLUMNS} from submissions where id in (select rowid from submissions_fts where submissions_fts match ?) and party_code = 'CA' and status = 'pending' order by created_at, id limit ${PAGE + 1}`,
  );
  type Row = { id: number; reference: string; created_at: string };
  const refs = (rows: unknown[]) => (rows as Row[]).slice(0, PAGE).map((r) => r.reference);

  // -------------------------------------------------------------------------------------------
  // 3. The real server.
  // -------------------------------------------------------------------------------------------
  server = await startServer({ ...t.env, LOG_LEVEL: "warn" });
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(" ");
  const base = server.url;
  const query = (params: Record<string, string>) => `/en/admin/submissions?${new URLSearchParams(params)}`;
  const page = async (path: string) => {
    const res = await get(base, path, cookie);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}\n${html.slice(0, 500)}`);
    return html;
  };
  // Before timing anything: the app's page lists the same submissions as the plain SQL.
  const sameRows = (label: string, html: string, expected: string[]) => {
    const missing = expected.filter((r) => !html.includes(`/en/admin/submissions/${r}"`));
    if (expected.length === 0 || missing.length) throw new Error(`${label}: the app's page and the plain SQL disagree (${expected.length} expected, missing ${missing.join(", ")})`);
  };
  const firstPath = "/en/admin/submissions";
  const filteredPath = query(FILTER);
  const firstHtml = await page(firstPath);
  sameRows("first page", firstHtml, refs(rawFirst.all()));
  const filteredHtml = await page(filteredPath);
  const filteredRaw = rawFiltered.all(...filterArgs) as Row[];
  sameRows("filtered page", filteredHtml, refs(filteredRaw));
  const cursor = /[?&;]cursor=([A-Za-z0-9_-]+)/.exec(filteredHtml)?.[1];
  if (!cursor) throw new Error("filtered page: no link to the next page");
  const nextPath = query({ ...FILTER, cursor });
  const last = filteredRaw[PAGE - 1]!;
  const nextArgs = [...filterArgs, last.created_at, last.created_at, last.id];
  sameRows("filtered next page", await page(nextPath), refs(rawFilteredNext.all(...nextArgs)));
  const rarePath = query({ q: RARE_WORD });
  const commonPath = query({ q: COMMON_WORD });
  sameRows(`search "${RARE_WORD}"`, await page(rarePath), refs(rawSearch.all(`"${RARE_WORD}"*`)));
  sameRows(`search "${COMMON_WORD}"`, await page(commonPath), refs(rawSearch.all(`"${COMMON_WORD}"*`)));

  interface Result {
    label: string;
    key: string;
    path?: string;
    app: Figures;
    raw: Figures | null;
    extra?: boolean;
  }
  const results: Result[] = [];
  // The plain SQL runs in this process for seconds while the server's keep-alive connection sits
  // idle; the server may close it meanwhile (keep-alive timeout). One untimed request first, retried
  // once, so a timed request never lands on a connection the server is closing.
  const reconnect = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await (await get(base, "/healthz")).arrayBuffer();
        return;
      } catch (error) {
        if (attempt > 0) throw error;
      }
    }
  };
  const progress = (label: string, app: Figures, raw: Figures | null) =>
    console.log(
      `  [${((performance.now() - seedStart) / 1000).toFixed(0)} s] ${label}: app p50 ${app.p50.toFixed(2)} p95 ${app.p95.toFixed(2)} ms` +
        (raw ? `; raw p50 ${raw.p50.toFixed(2)} p95 ${raw.p95.toFixed(2)} ms` : ""),
    );
  const measure = async (key: string, label: string, path: string, rawOp: (() => unknown) | null, extra = false) => {
    await reconnect();
    const app = await timeAsync(BUDGET_MS, async () => void (await page(path)));
    const base = rawOp ? await timeAsync(RAW_BUDGET_MS, () => void rawOp()) : null;
    results.push({ key, label, path, app, raw: base, extra });
    progress(label, app, base);
  };
  // The floor: a back-office page with no query of its own (session check, layout, rendering).
  await measure("backoffice_home", "back-office home (floor)", "/en/admin", null, true);
  await measure("queue_first_page", "queue, first page", firstPath, () => rawFirst.all());
  await measure("filtered_page", "filtered page", filteredPath, () => rawFiltered.all(...filterArgs));
  await measure("filtered_page_next", "filtered, next page (cursor)", nextPath, () => rawFilteredNext.all(...nextArgs), true);
  await measure("search", `search "${RARE_WORD}" (~1%)`, rarePath, () => rawSearch.all(`"${RARE_WORD}"*`));
  await measure("search_common", `search "${COMMON_WORD}" (common)`, commonPath, () => rawSearch.all(`"${COMMON_WORD}"*`), true);

  // -------------------------------------------------------------------------------------------
  // Approve: a different pending Canadian submission each time (the newest ones, away from the
  // queue's first page), through the app's form and through plain SQL.
  // -------------------------------------------------------------------------------------------
  const approvals = (raw.prepare("select reference from submissions where party_code = 'CA' and status = 'pending' order by created_at desc, id desc limit ?").all(2 * (RUNS + WARM_UP)) as Array<{ reference: string }>).map((r) => r.reference);
  if (approvals.length < 2 * (RUNS + WARM_UP)) throw new Error("not enough pending Canadian submissions to approve");
  const appApprovals = approvals.slice(0, RUNS + WARM_UP);
  const rawApprovals = approvals.slice(RUNS + WARM_UP);
  let approveFailures = 0;
  const approved: string[] = [];
  let appPosts = 0;
  let firstFailure = "";
  await reconnect();
  const appApprove = await timeAsync(Infinity, async (i) => {
    const reference = appApprovals[i]!;
    approved.push(reference);
    appPosts++;
    const res = await postForm(base, `/en/admin/submissions/${reference}`, { intent: "approve", version: "1" }, { cookie });
    const text = await res.text();
    if (res.status !== 302 || !res.headers.get("location")?.includes(`/en/admin/submissions/${reference}?saved=approve`)) {
      approveFailures++;
      firstFailure ||= `${reference}: ${res.status} ${res.headers.get("location") ?? ""} ${text.slice(0, 300)}`;
    }
  });

  const load = raw.prepare("select id, version, status, party_code, contact_email, language, contact_locale from submissions where reference = ?");
  const update = raw.prepare("update submissions set status = 'approved', version = version + 1, decided_at = ?, updated_at = ? where id = ? and version = ?");
  const event = raw.prepare("insert into moderation_events (submission_id, actor_user_id, action, before, after, created_at) values (?, ?, 'approve', ?, ?, ?)");
  const outbox = raw.prepare(
    "insert into outbox (created_at, kind, to_address, locale, subject, text_body, html_body, status) values (?, 'submission_approved', ?, ?, ?, ?, ?, 'stored')",
  );
  const rawApproveTx = raw.transaction((reference: string) => {
    const s = load.get(reference) as { id: number; version: number; status: string; contact_email: string; language: string; contact_locale: string | null };
    const stamp = new Date().toISOString();
    if (update.run(stamp, stamp, s.id, s.version).changes !== 1) throw new Error(`raw approve ${reference}: version changed`);
    event.run(s.id, moderator.id, JSON.stringify({ status: s.status }), JSON.stringify({ status: "approved" }), stamp);
    const subject = `Your contribution ${reference} is published`;
    outbox.run(stamp, s.contact_email, s.contact_locale ?? s.language, subject, `${subject}\n\n— Puente\n`, `<p>${subject}</p>`);
  });
  const rawApprove = await timeAsync(Infinity, (i) => {
    approved.push(rawApprovals[i]!);
    rawApproveTx(rawApprovals[i]!);
  });
  results.push({ key: "approve", label: "approve (POST, 302)", app: appApprove, raw: rawApprove });
  progress("approve (POST, 302)", appApprove, rawApprove);

  const approvedNow = count(
    `select count(*) as n from submissions where status = 'approved' and version = 2 and reference in (${approved.map(() => "?").join(",")})`,
    ...approved,
  );
  if (approveFailures) {
    failed = true;
    console.error(`approve: ${approveFailures} of ${appPosts} requests failed; first: ${firstFailure}`);
  }
  if (approvedNow !== approved.length) {
    failed = true;
    console.error(`approve: ${approvedNow} of ${approved.length} submissions are approved at version 2 afterwards`);
  }

  // -------------------------------------------------------------------------------------------
  // 6. Where a page's time goes when it misses the target: the queries listQueue runs for that
  //    view (captured through Kysely's log on a read-only connection, same file), each one's
  //    median time in this process, and SQLite's plan for the slow ones.
  // -------------------------------------------------------------------------------------------
  const missedPages = results.filter((r) => r.path?.startsWith("/en/admin/submissions") && r.app.p95 >= TARGET_MS);
  if (missedPages.length) {
    const captured: Array<{ sql: string; parameters: readonly unknown[]; ms: number }> = [];
    const reader = new Database(file, { readonly: true });
    const probe = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: reader }),
      log: (event) => void captured.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis }),
    });
    const actor = { id: moderator.id, role: moderator.role, partyCode: moderator.party_code };
    console.log("");
    console.log("where the time goes (listQueue's queries for each missed page, median of 5 in this process; plan of those over 5 ms):");
    for (const r of missedPages) {
      const filters = queueFiltersSchema.parse(Object.fromEntries(new URL(r.path!, base).searchParams));
      const runs: number[][] = [];
      await listQueue(probe, actor, filters, "en");
      for (let i = 0; i < 5; i++) {
        captured.length = 0;
        await listQueue(probe, actor, filters, "en");
        runs.push(captured.map((c) => c.ms));
      }
      console.log(`  ${r.label} — ${r.path}`);
      captured.forEach((query, n) => {
        const ms = percentiles(runs.map((times) => times[n]!)).p50;
        const shortSql = query.sql.replace(/^select (("s"\."\w+", ){4,})/, 'select "s"."id", …, ').replace(/"/g, "");
        console.log(`    ${ms.toFixed(2).padStart(8)} ms  ${shortSql}  ${JSON.stringify(query.parameters)}`);
        if (ms < 5) return;
        for (const step of reader.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>) {
          console.log(`                 plan: ${step.detail}`);
        }
      });
    }
    await probe.destroy();
  }

  // -------------------------------------------------------------------------------------------
  // 5. The table, then the JSON line last.
  // -------------------------------------------------------------------------------------------
  const loadNow = loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log("");
  console.log(`moderation queue, ${ROWS.toLocaleString("en")} submissions; up to ${RUNS} sequential runs per operation after up to ${WARM_UP} warm-up runs`);
  console.log("app = wall time of one HTTP request to the built server on 127.0.0.1 (server time + a local round trip, body read);");
  console.log("raw = the same rows (page: 26 rows) by a prepared better-sqlite3 statement in this process; no counts, no rendering.");
  console.log(`load average now ${loadNow} (${loadAtStart} when measuring began) on this machine's CPUs: other work inflates the tails.`);
  console.log("");
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (ms: number) => ms.toFixed(2).padStart(9);
  console.log(`${pad("operation", 32)}${"runs".padStart(9)}${"app p50".padStart(9)}${"app p95".padStart(9)}${"raw p50".padStart(9)}${"raw p95".padStart(9)}   target p95`);
  for (const r of results) {
    const verdict = r.app.p95 < TARGET_MS ? "ok" : "MISSED";
    const runs = !r.raw || r.app.runs === r.raw.runs ? String(r.app.runs) : `${r.app.runs}/${r.raw.runs}`;
    const rawFigures = r.raw ? `${num(r.raw.p50)}${num(r.raw.p95)}` : `${"-".padStart(9)}${"-".padStart(9)}`;
    const target = r.key === "backoffice_home" ? "(reference)" : `< ${TARGET_MS} ms ${verdict}`;
    console.log(`${pad(r.label, 32)}${runs.padStart(9)}${num(r.app.p50)}${num(r.app.p95)}${rawFigures}   ${target}`);
  }
  console.log(`approve failures: ${approveFailures} of ${appPosts} POSTs`);
  const figure = (r: Result) => ({
    p50_ms: round(r.app.p50),
    p95_ms: round(r.app.p95),
    ...(r.raw ? { raw_p50_ms: round(r.raw.p50), raw_p95_ms: round(r.raw.p95) } : {}),
  });
  const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
  const json: Record<string, unknown> = { rows: ROWS, seed_seconds: round(seedSeconds) };
  for (const key of ["queue_first_page", "filtered_page", "search", "approve"]) json[key] = figure(byKey[key]!);
  json.p95_ms = Object.fromEntries(["queue_first_page", "filtered_page", "search", "approve"].map((key) => [key, round(byKey[key]!.app.p95)]));
  json.backoffice_home = figure(byKey.backoffice_home!);
  json.filtered_page_next = figure(byKey.filtered_page_next!);
  json.search_common = figure(byKey.search_common!);
  json.approve_failures = approveFailures;
  console.log(JSON.stringify(json));
} catch (error) {
  failed = true;
  console.error(error);
  if (server) console.error(server.output().slice(-2000));
} finally {
  await server?.stop();
  raw?.close();
  await t.destroy();
}
if (failed) process.exitCode = 1;
