// Demo submissions, so that a demonstration database looks lived in: the moderation queue, the
// published submissions, the statistics and the committee summaries all have something to show.
// Everything goes through the real domain modules (the form's schema, createSubmission, moderate,
// withdrawOwnSubmission), so every invariant of the application holds; only the dates are chosen
// here, inside each topic's open period. Deterministic: the same texts, senders and decisions every
// time (a seeded PRNG spreads the times); only the dates move with the day it runs.
import type { Kysely } from "kysely";
import type { Database, Locale, RejectionReason } from "../schema";
import { moderate } from "~/models/moderation.server";
import { createSubmission, getOwnSubmission, SubmissionRefused, withdrawOwnSubmission } from "~/models/submissions.server";
import { topicStatus } from "~/models/topics.server";
import { moderationActionSchema } from "~/schemas/moderation";
import { submissionFormSchema, type genderChoices, type organisationSizes, type stakeholderTypes, type womenLedChoices } from "~/schemas/submission";
import type { Actor } from "~/utils/permissions";
import { themes as demoThemes } from "./data/themes";

type Party = "CA" | "CL";
type ThemeKey = "data" | "mining" | "care" | "finance" | "cleantech" | "indigenous" | "smes";
type Status = "approved" | "rejected" | "withdrawn" | "pending";

/** One demo submission: who sends it, what, where, and what the officials decide. */
interface DemoSubmission {
  key: string;
  topic: string;
  /** When it arrives, as a fraction of the topic's usable open period (0 = its start, 1 = now or its close). */
  at: number;
  kind?: "proposal" | "comment";
  /** The key of the published proposal a comment answers. */
  replyTo?: string;
  onBehalf: "organisation" | "self";
  type: (typeof stakeholderTypes)[number];
  other?: string;
  org?: string;
  size?: (typeof organisationSizes)[number];
  womenLed?: (typeof womenLedChoices)[number];
  country: Party | "other";
  region?: string;
  name: string;
  email: string;
  gender?: (typeof genderChoices)[number];
  title?: string;
  body: string;
  language: Locale;
  publication: "named" | "anonymous" | "officials";
  /** Answers to the topic's guiding questions, by the question's position. */
  answers?: Record<number, string>;
  status: Status;
  reason?: RejectionReason;
  note?: string;
  themes?: ThemeKey[];
  /** Passages the moderator marks [[like this]] before publishing (a third person's name, a phone number). */
  redact?: string[];
  /** An official translation the moderator adds after approving. */
  translation?: { locale: Locale; title?: string; body: string };
  /** A copy of the form letter: grouped as a campaign and approved together. */
  campaign?: boolean;
}

/** Paragraphs separated by a blank line, as people type them in the form. */
const p = (...paragraphs: string[]) => paragraphs.join("\n\n");

const MINING_CA = "women-in-mining-canada";
const DATA_CA = "sex-disaggregated-trade-data-canada";
const CROSS_CA = "cross-sector-proposals-canada";
const CLEAN_CA = "women-in-clean-technology-canada";
const MINING_CL = "women-in-mining-chile";
const DIALOGUE_CL = "dialogo-intersectorial-chile";
const SHARING_CL = "sharing-experiences-chile";

// ------------------------------------------------------------------------------------------------
// Canada — women in mining (closed)
// ------------------------------------------------------------------------------------------------
const miningCanada: DemoSubmission[] = [
  {
    key: "ca-mine-union",
    topic: MINING_CA,
    at: 0.32,
    onBehalf: "organisation",
    type: "union",
    org: "Northern Mine Workers Union, Local 2471",
    womenLed: "no",
    country: "CA",
    region: "CA-ON",
    name: "Linda Beausoleil",
    email: "l.beausoleil@local2471.example",
    title: "Practical changes that keep women working underground",
    body: p(
      "Our local represents about 1,900 workers at three underground mines and a mill in the Sudbury basin. Roughly 14% of our members are women today, up from 6% ten years ago. Most of that progress came from changes negotiated at the bargaining table, not from recruitment campaigns.",
      "What has worked for us:\n- PPE in women’s sizes, stocked on site. For years women were handed small men’s coveralls and gloves that didn’t fit, which is a safety issue, not a comfort issue.\n- Washrooms and lunchrooms with privacy on every level where people work, not only at surface.\n- A joint harassment committee with trained women representatives on every shift, and a way to report that doesn’t go through your own supervisor.\n- Shift schedules posted six weeks ahead so that people can arrange childcare. Last-minute overtime is where we lose women with young kids.",
      "What still doesn’t work: there is no licensed childcare anywhere in our area that opens before 6 a.m. A member on day shift has to be at the cage at 6:15. We have asked the employer and the city to look at an extended-hours daycare pilot and we think governments should help fund it.",
      "For the Canada–Chile event, we would like trade unions from both countries to be at the table, not only companies and associations. Chilean mine unions have negotiated clauses on maternity and breastfeeding that we would like to learn from.",
    ),
    language: "en",
    publication: "named",
    answers: {
      0: "Bargaining: fitted PPE, washrooms at every level, a joint harassment committee with women representatives on each shift, and schedules posted six weeks ahead. They work because they are in the collective agreement and can be grieved if the employer doesn’t follow them.",
      3: "Childcare for shift workers, harassment prevention, and return to work after maternity leave. Unions from both countries should take part, not only employers.",
    },
    status: "approved",
    themes: ["mining", "care"],
  },
  {
    key: "ca-mine-company",
    topic: MINING_CA,
    at: 0.4,
    onBehalf: "organisation",
    type: "company",
    org: "Minéraux Boréal inc.",
    size: "large",
    womenLed: "no",
    country: "CA",
    region: "CA-QC",
    name: "Geneviève Lachance",
    email: "glachance@mineraux-boreal.example",
    title: "Programme « Elles creusent » : trois ans de résultats",
    body: p(
      "Minéraux Boréal exploite deux mines d’or souterraines en Abitibi-Témiscamingue et emploie environ 1 100 personnes. En 2021, les femmes représentaient 9 % de notre effectif, surtout dans des postes administratifs. Nous avons lancé cette année-là un programme interne appelé « Elles creusent ».",
      "Le programme comprend :\n- une formation rémunérée de 16 semaines en conduite d’équipements souterrains, offerte en priorité à des femmes de la région, y compris des femmes sans expérience minière;\n- le jumelage de chaque nouvelle employée avec une mentore d’expérience pendant sa première année;\n- une révision de tous nos postes pour retirer des exigences qui n’étaient pas nécessaires (par exemple, cinq ans d’expérience pour des postes d’entrée);\n- des cibles publiques, suivies par la haute direction.",
      "Résultat : les femmes occupent aujourd’hui 17 % des postes, et 41 % des personnes embauchées dans les métiers l’an dernier étaient des femmes. Le taux de départ durant la première année a baissé de moitié depuis l’arrivée du mentorat.",
      "Nous serions heureux de présenter ces résultats lors de l’événement Canada-Chili et d’échanger avec des entreprises chiliennes qui ont mis en place des programmes comparables, notamment dans la région d’Antofagasta.",
    ),
    language: "fr",
    publication: "named",
    answers: { 0: "Le mentorat pendant la première année. C’est la mesure qui a eu le plus d’effet sur la rétention, et elle coûte peu." },
    status: "approved",
    themes: ["mining"],
  },
  {
    key: "ca-mine-indigenous",
    topic: MINING_CA,
    at: 0.47,
    onBehalf: "organisation",
    type: "indigenous",
    org: "Kivalliq Inuit Women’s Business Circle",
    womenLed: "yes",
    country: "CA",
    region: "CA-NU",
    name: "Rosie Tulugak",
    email: "circle@kivalliqwomen.example",
    title: "Women-owned Inuit businesses and mine procurement",
    body: p(
      "Our circle brings together 38 Inuit women who own businesses in the Kivalliq region: catering, cleaning, expediting, sewing, equipment rental, translation and small construction. Most of us have tried at some point to sell to the mines near our communities.",
      "Impact and benefit agreements have opened the door, but the rules in the contracts are written for large southern suppliers. Some examples:\n- bid packages that require $5 million in liability insurance for a three-week cleaning contract;\n- payment terms of 60 to 90 days, when our costs (fuel, freight on the sealift, wages) are paid up front;\n- registration on supplier portals that need fast internet, which many of us do not have at home.",
      "We ask that contracts be split into smaller lots, that insurance requirements match the real risk of the work, and that Inuit women-owned firms be paid in 30 days. Government could help with a bonding and insurance program for small northern suppliers.",
      "We are interested in how Chile works with Indigenous communities near mines in the Atacama. We would gladly send two members to the event. Please contact our coordinator Susan Ittinuar at 867-555-0148 to arrange it; she also has our list of member businesses.",
    ),
    language: "en",
    publication: "named",
    answers: {
      1: "Insurance and bonding requirements far above the risk of the work, slow payment, and supplier portals that need good internet.",
      3: "Procurement from Indigenous women-owned businesses should be its own session, with Inuit, First Nations and Métis women speaking, and Indigenous women from Chile’s mining regions.",
    },
    status: "approved",
    themes: ["indigenous", "mining"],
    redact: ["Susan Ittinuar", "867-555-0148"],
  },
  {
    key: "ca-mine-academic",
    topic: MINING_CA,
    at: 0.52,
    onBehalf: "self",
    type: "academic",
    org: "Western Institute for Resource Studies",
    country: "CA",
    region: "CA-BC",
    name: "Priya Raman",
    email: "priya.raman@wirs.example",
    gender: "woman",
    title: "Why women leave mining, and what the data miss",
    body: p(
      "I study workforce retention in the Canadian mining industry and write here in a personal capacity.",
      "Recruitment has improved over the last decade, but retention has not kept pace. In the exit interviews we analysed with four employers (about 600 departures between 2016 and 2023), women left within their first three years at nearly twice the rate of men. The reasons they gave were not the work itself: they were rotation schedules incompatible with family care, a lack of advancement beyond entry-level roles, and a workplace culture in which harassment was under-reported.",
      "Two observations for the work plan:\n1. Canada has no public data on women in mining by occupation and by province that is updated every year. Industry surveys exist but their methods change from year to year and they are hard to compare with Chile.\n2. Chile’s Mesa Nacional Mujer y Minería has agreed shared indicators with companies and publishes them. This is the experience I would most like Canadian stakeholders to hear about at the event, including what has not worked.",
      "I would recommend that the event include a session on measurement: which indicators both countries could publish in the same way.",
    ),
    language: "en",
    publication: "named",
    answers: { 2: "The shared indicators agreed between Chile’s government and mining companies, and how they are reported publicly each year." },
    status: "approved",
    themes: ["data", "mining"],
  },
  {
    key: "ca-mine-chile-suppliers",
    topic: MINING_CA,
    at: 0.56,
    onBehalf: "organisation",
    type: "business_association",
    org: "Red de Mujeres Proveedoras de la Minería de Antofagasta",
    womenLed: "yes",
    country: "CL",
    region: "CL-AN",
    name: "Carolina Araya Tapia",
    email: "contacto@proveedorasantofagasta.example",
    title: "Experiencia chilena en desarrollo de proveedoras mineras",
    body: p(
      "Somos una red de 64 empresas lideradas por mujeres que prestan servicios a la minería en la Región de Antofagasta: mantención industrial, transporte de personal, laboratorios, alimentación y gestión de residuos. Escribimos a esta consulta canadiense porque varias de nuestras socias trabajan con compañías mineras de capitales canadienses y creemos que el evento binacional es una buena oportunidad.",
      "En Chile, los programas de desarrollo de proveedores de algunas mineras han sido útiles: acompañamiento técnico durante un año, apoyo para certificarse en normas de calidad y seguridad, y contratos de prueba por montos más pequeños. Lo que sigue siendo difícil es el financiamiento: los pagos a 60 o 90 días obligan a las empresas pequeñas a endeudarse con factoring a tasas altas.",
      "Proponemos que el evento incluya una mesa sobre pagos oportunos y financiamiento para proveedoras, y que se invite a empresas mineras canadienses que operan en Chile a contar qué han hecho en esta materia. Con gusto compartiremos casos concretos de nuestras socias.",
    ),
    language: "es",
    publication: "named",
    answers: {
      2: "Los programas de desarrollo de proveedores con acompañamiento técnico y contratos de prueba, y la certificación de competencias laborales para mujeres que ingresan al sector.",
    },
    status: "approved",
    themes: ["mining", "finance"],
    translation: {
      locale: "en",
      title: "Chile’s experience in developing women-led mining suppliers",
      body: p(
        "We are a network of 64 women-led companies that provide services to the mining industry in the Antofagasta Region: industrial maintenance, staff transport, laboratories, catering and waste management. We are writing to this Canadian consultation because several of our members work with Canadian-owned mining companies, and we believe the binational event is a good opportunity.",
        "In Chile, the supplier development programs of some mining companies have been useful: a year of technical support, help to obtain quality and safety certifications, and trial contracts for smaller amounts. What remains difficult is financing: payment terms of 60 or 90 days force small companies to borrow through factoring at high rates.",
        "We propose that the event include a panel on timely payment and financing for women suppliers, and that Canadian mining companies operating in Chile be invited to explain what they have done on this. We will gladly share concrete cases from our members.",
      ),
    },
  },
  {
    key: "ca-mine-ngo",
    topic: MINING_CA,
    at: 0.61,
    onBehalf: "organisation",
    type: "ngo",
    org: "Northern Women in Trades Network",
    womenLed: "yes",
    country: "CA",
    region: "CA-YT",
    name: "Kate Lindqvist",
    email: "kate@northernwomenintrades.example",
    title: "Pre-apprenticeship and childcare in the North",
    body: p(
      "We run a pre-apprenticeship program for women in Whitehorse and two rural communities, preparing them for heavy equipment, electrical and millwright apprenticeships. About 70% of our graduates find work in mining or mining services within a year.",
      "Two things make or break it. The first is paid training: women who are already working one or two jobs cannot take 12 unpaid weeks. The second is childcare during fly-in, fly-out rotations of two weeks in and two weeks out. There is almost no care available for 14 nights in a row, and grandparents can’t always do it.",
      "We would like the federal government to let training allowances cover overnight childcare during the first rotations, and to support community-based care options in mining regions. We would be glad to share our curriculum with Chilean organizations.",
    ),
    language: "en",
    publication: "anonymous",
    status: "approved",
    themes: ["mining", "care"],
  },
  {
    key: "ca-mine-driller",
    topic: MINING_CA,
    at: 0.66,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-QC",
    name: "Mélanie Roy",
    email: "melanie.roy.foreuse@courriel.example",
    gender: "woman",
    title: "Le point de vue d’une opératrice de foreuse",
    body: p(
      "Je travaille comme opératrice de foreuse dans une mine souterraine depuis 11 ans. Quand j’ai commencé, on était trois femmes sous terre sur environ 300 personnes. Aujourd’hui on est une vingtaine, c’est mieux, mais il reste des choses simples à régler.",
      "Les toilettes sous terre : il y a encore des niveaux où il n’y en a pas, ou seulement des toilettes chimiques sans porte qui ferme. On finit par moins boire d’eau, ce qui est dangereux quand il fait 30 degrés au fond.",
      "La grossesse : quand je suis tombée enceinte, on m’a retirée de mon poste du jour au lendemain (retrait préventif), ce qui est normal, mais on ne m’a rien offert d’autre. J’ai perdu mes primes pendant presque un an. Plusieurs collègues ont quitté après un premier enfant à cause de ça.",
      "Je pense que ce serait intéressant de savoir comment ça se passe au Chili pour les femmes enceintes dans les mines.",
    ),
    language: "fr",
    publication: "anonymous",
    status: "approved",
    themes: ["mining"],
  },
  {
    key: "ca-mine-superintendent",
    topic: MINING_CA,
    at: 0.7,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-NL",
    name: "Gerald Pike",
    email: "gpike.retired@mail.example",
    title: "Supervisors make the difference",
    body: p(
      "I spent 31 years in mining, the last twelve as a mine superintendent in Labrador, and I’m retired now. I want to say something that I don’t see in the consultation text: the front-line supervisor decides whether a woman stays or leaves in her first year. Not the head office policy.",
      "When we started to hire more women in the 2010s, the ones who stayed had a shift boss who gave them real training on the equipment, who didn’t tolerate the “jokes”, and who put them on the same rotation as everyone else instead of keeping them on the easy jobs. The ones who left usually had the opposite.",
      "So my suggestion is simple: train supervisors, and measure them on it. It costs very little compared with recruiting again.",
    ),
    language: "en",
    publication: "anonymous",
    status: "approved",
    themes: ["mining"],
  },
  {
    key: "ca-mine-public",
    topic: MINING_CA,
    at: 0.76,
    onBehalf: "organisation",
    type: "public_body",
    org: "Northern Saskatchewan Workforce Development Office",
    country: "CA",
    region: "CA-SK",
    name: "Janelle Desjarlais",
    email: "jdesjarlais@nswdo.example",
    title: "Regional data on women’s employment in northern mining",
    body: p(
      "Our office supports training and employment in the northern administration district of Saskatchewan, where the uranium and gold mines are the largest private employers. We submit this for officials only because it refers to preliminary figures that are not yet published.",
      "In our most recent employer survey (2023), women held 19% of mining jobs held by northern residents, but only 7% of skilled trades positions and 4% of supervisory positions. Women from northern communities are concentrated in camp services and administration.",
      "Our main recommendation is to pair trade-related cooperation with Chile with better regional data. We cannot compare our figures with other regions because each employer reports differently. A common template for mining employers, covering occupation, residence, Indigenous identity and gender, would allow the comparisons the work plan calls for.",
      "We are willing to share our survey questionnaire with federal officials and with Chilean counterparts.",
    ),
    language: "en",
    publication: "officials",
    status: "approved",
    themes: ["mining", "data"],
  },
  {
    key: "ca-mine-suppliers-qc",
    topic: MINING_CA,
    at: 0.83,
    onBehalf: "organisation",
    type: "business_association",
    org: "Regroupement des fournisseurs miniers du Nord québécois",
    womenLed: "no",
    country: "CA",
    region: "CA-QC",
    name: "Stéphane Gauthier",
    email: "sgauthier@rfmnq.example",
    title: "Ouvrir les marchés chiliens aux fournisseuses du Québec",
    body: p(
      "Notre regroupement compte environ 140 entreprises fournisseuses de l’industrie minière, dont une vingtaine appartiennent majoritairement à des femmes. Plusieurs de nos membres exportent déjà au Chili, surtout des équipements de ventilation, des services de géomatique et de la formation.",
      "Pour les entreprises dirigées par des femmes, les principaux obstacles à l’exportation vers le Chili sont :\n- le coût de participation aux salons comme Expomin à Santiago, qui dépasse souvent 25 000 $ pour une petite entreprise;\n- la difficulté de trouver un partenaire local de confiance;\n- les exigences d’homologation et de certification, qui diffèrent d’un pays à l’autre.",
      "Nous proposons que le Canada finance une mission commerciale réservée aux entreprises appartenant à des femmes lors du prochain Expomin, avec une préparation en amont et un accompagnement sur place. Nous offrons notre collaboration pour recruter les entreprises participantes.",
    ),
    language: "fr",
    publication: "officials",
    answers: { 1: "Le coût des missions commerciales, le manque de contacts sur place et les différences de certification entre les deux pays." },
    status: "approved",
    themes: ["finance", "mining"],
  },
  {
    key: "ca-mine-off-topic",
    topic: MINING_CA,
    at: 0.88,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-ON",
    name: "Ron Halloran",
    email: "ronh1962@mail.example",
    title: "EI claim still not processed",
    body: "I applied for EI after being laid off from the mill in Timmins in February and my claim has been “in progress” for 11 weeks. I have called the 1-800 number many times and nobody can tell me anything. I have a mortgage to pay and two kids. Can somebody from the government please look into this? I don’t know where else to write.",
    language: "en",
    publication: "anonymous",
    status: "rejected",
    reason: "off_topic",
    note: "Your message concerns an Employment Insurance claim, which this consultation cannot deal with. Please contact Service Canada directly; we hope your claim is settled soon.",
  },
  {
    key: "ca-mine-comment",
    topic: MINING_CA,
    at: 0.6,
    kind: "comment",
    replyTo: "ca-mine-union",
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-NS",
    name: "Tracy MacIsaac",
    email: "tracy.macisaac@mail.example",
    gender: "woman",
    title: "Agree on schedules and daycare",
    body: p(
      "I drive haul truck at an open pit in Nova Scotia and I agree with all of this, especially posting schedules early. The daycare point is huge. In our area the daycare closes at 5:30 and day shift ends at 6, so without family nearby it just doesn’t work.",
      "I would add one thing: a real return-to-work plan after maternity leave, with a few weeks to get back on the equipment with a trainer instead of being thrown back on nights.",
    ),
    language: "en",
    publication: "anonymous",
    status: "approved",
    themes: ["care", "mining"],
  },
];

// ------------------------------------------------------------------------------------------------
// Canada — sex-disaggregated trade data
// ------------------------------------------------------------------------------------------------
const dataCanada: DemoSubmission[] = [
  {
    key: "ca-data-research",
    topic: DATA_CA,
    at: 0.12,
    onBehalf: "organisation",
    type: "academic",
    org: "Centre for Trade and Inclusive Growth",
    womenLed: "yes",
    country: "CA",
    region: "CA-ON",
    name: "Olivia Chen",
    email: "ochen@ctig.example",
    title: "Priority indicators on women and trade, and how to build them",
    body: p(
      "The Centre for Trade and Inclusive Growth is a university-based research group that has worked on gender and trade since 2017. We use the existing Canadian sources routinely and offer the following comments.",
      "1. Indicators we would prioritise\n- the share of exporting SMEs that are majority women-owned, by sector and by province, every year rather than every three to five years;\n- the value of exports by women-owned firms, not only the number of firms;\n- women’s share of employment and wages in export-intensive industries, compared with the rest of the economy;\n- the use of trade agreement preferences by women-owned exporters, including under the CCFTA.",
      "2. Gaps\nThe main business surveys that identify owners’ gender have small samples for individual trading partners: we cannot say anything reliable about women-owned firms exporting to Chile specifically. Linking customs records with business ownership data would solve much of this, and the building blocks already exist in Canadian administrative data.",
      "3. Comparability with Chile\nCanada defines a women-owned business as one that is at least 51% owned by women; Chilean studies often use the gender of the legal representative or of the majority shareholder. Results are not comparable until both countries agree on at least one common definition. We recommend that the work plan produce a short technical note on definitions as a first deliverable.",
      "4. Access\nResearchers need tables by sector and destination, even with suppression of small cells, published in open formats. Data locked in PDF reports are hard to reuse.",
    ),
    language: "en",
    publication: "named",
    answers: {
      0: "Exports by value of majority women-owned SMEs by sector, province and destination; women’s share of employment and wages in export-intensive industries; use of CCFTA preferences by women-owned exporters.",
      1: "Sample sizes are too small to say anything about women-owned firms exporting to Chile in particular, and ownership is not linked to customs data.",
    },
    status: "approved",
    themes: ["data"],
  },
  {
    key: "ca-data-exporters",
    topic: DATA_CA,
    at: 0.2,
    onBehalf: "organisation",
    type: "business_association",
    org: "Canadian Women Exporters Alliance",
    womenLed: "yes",
    country: "CA",
    region: "CA-ON",
    name: "Michelle Osei",
    email: "michelle@cwea.example",
    title: "Count us in a way that helps us sell",
    body: p(
      "We represent about 900 women business owners who export or want to export. Our members are asked for data constantly — by banks, by trade commissioners, by programs — and almost never see anything come back to them.",
      "Three practical proposals:\n- Ask once. A business that has declared its ownership once (for example when registering for a federal program) should not be asked again by every other program.\n- Give results back. Publish a yearly one-page profile of women-owned exporters by sector and market that a business owner can read in five minutes.\n- Show the barriers, not only the numbers. Include questions on access to financing, payment delays and the cost of certification, so that results point to something governments can fix.",
      "Many of our members are interested in Chile for food products, education services and clean technology. Information on which Canadian women-owned businesses already sell there would help them find partners.",
    ),
    language: "en",
    publication: "named",
    status: "approved",
    themes: ["data", "finance"],
  },
  {
    key: "ca-data-sme-qc",
    topic: DATA_CA,
    at: 0.3,
    onBehalf: "organisation",
    type: "company",
    org: "Atelier Boréalis inc.",
    size: "small",
    womenLed: "yes",
    country: "CA",
    region: "CA-QC",
    name: "Isabelle Fortin",
    email: "isabelle@atelierborealis.example",
    title: "Le fardeau des questionnaires pour une petite entreprise",
    body: p(
      "Je suis propriétaire d’une petite entreprise de Québec (12 employés) qui exporte des produits de soins naturels aux États-Unis et, depuis deux ans, au Chili.",
      "L’an dernier, j’ai reçu cinq questionnaires différents sur la propriété et la direction de mon entreprise : deux d’organismes fédéraux, un du gouvernement du Québec, un de ma banque et un d’une association. Chacun posait les questions différemment (propriété à 50 %, à 51 %, « dirigée par une femme »…). J’ai répondu à deux.",
      "Je suggère :\n- de poser une seule fois la question de la propriété, au moment de l’inscription de l’entreprise, avec la possibilité de refuser d’y répondre;\n- d’expliquer clairement à quoi serviront les réponses et qui y aura accès;\n- de publier les résultats pour que les entreprises voient que ça sert à quelque chose.",
      "Je serais prête à participer à un groupe test si le Canada et le Chili conçoivent un questionnaire commun.",
    ),
    language: "fr",
    publication: "anonymous",
    answers: {
      2: "Une seule question, au moment de l’inscription, facultative, avec une explication claire de l’usage des réponses. Les données individuelles ne devraient jamais être transmises à d’autres organismes sans consentement.",
    },
    status: "approved",
    themes: ["data"],
  },
  {
    key: "ca-data-atlantic",
    topic: DATA_CA,
    at: 0.38,
    onBehalf: "organisation",
    type: "public_body",
    org: "Atlantic Trade Data Partnership",
    country: "CA",
    region: "CA-NS",
    name: "Colin Burke",
    email: "colin.burke@atdp.example",
    title: "Provincial perspective on linking trade and ownership data",
    body: p(
      "The Partnership brings together the trade policy and statistics units of the four Atlantic provinces. We are sending this for officials only because it describes data holdings that are subject to confidentiality agreements.",
      "Provincial governments hold useful information on business ownership through their own support programs, but we cannot currently combine it with federal trade data. A secure arrangement that lets provinces contribute program data to a federal linkage, with results returned in aggregate form, would greatly improve what we can say about women-owned exporters in our region, where many firms are too small to appear in national survey results.",
      "We would welcome a technical discussion with federal officials on data-sharing agreements, and would be glad to present the Atlantic experience to Chilean counterparts.",
    ),
    language: "en",
    publication: "officials",
    status: "approved",
    themes: ["data"],
  },
  {
    key: "ca-data-indigenous",
    topic: DATA_CA,
    at: 0.45,
    onBehalf: "organisation",
    type: "indigenous",
    org: "Anishinaabe Women’s Business Network",
    womenLed: "yes",
    country: "CA",
    region: "CA-MB",
    name: "Leanne Spence",
    email: "leanne@awbn.example",
    title: "Indigenous data sovereignty must guide any new data collection",
    body: p(
      "Our network supports First Nations women entrepreneurs in Manitoba and northwestern Ontario, many of whom sell crafts, foods and tourism services to international buyers.",
      "We support better data on women in trade, but any new collection involving First Nations businesses must respect the First Nations principles of ownership, control, access and possession (OCAP®). In practice this means:\n- First Nations organizations should be involved in deciding what is collected about First Nations businesses and how it is reported;\n- results about our communities should be returned to them first;\n- small counts should never be published in a way that identifies a business in a small community.",
      "There is also a gap: most surveys miss businesses operating on reserve, and many of our members are sole proprietors who are not captured at all.",
      "We would be interested in learning how Chile collects data on Indigenous women entrepreneurs, for example Mapuche and Aymara businesses, and in sharing our experience.",
    ),
    language: "en",
    publication: "named",
    answers: {
      2: "With First Nations organizations involved from the start, under OCAP® principles, and never publishing counts small enough to identify a business.",
      3: "How Chile identifies Indigenous women entrepreneurs in its data, and whether communities are involved in that work.",
    },
    status: "approved",
    themes: ["data", "indigenous"],
  },
  {
    key: "ca-data-spam",
    topic: DATA_CA,
    at: 0.5,
    onBehalf: "organisation",
    type: "company",
    org: "GlobalRank Digital",
    size: "micro",
    country: "other",
    name: "Kevin Brooks",
    email: "sales@globalrank-digital.example",
    title: "Grow your export business 300%!!!",
    body: "Are you a woman entrepreneur looking to grow your export sales? GlobalRank Digital offers guaranteed first-page Google rankings in 30 days. Our packages start at only $99/month. Special offer for trade consultation participants: use code TRADE50 for 50% off. Contact us today to learn more about our SEO, social media and lead generation services!!!",
    language: "en",
    publication: "anonymous",
    status: "rejected",
    reason: "spam",
  },
  {
    key: "ca-data-question",
    topic: DATA_CA,
    at: 0.58,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-BC",
    name: "Sarah Lindgren",
    email: "sarah.lindgren@mail.example",
    title: "Data question",
    body: "I’d like to know whether the government already publishes any statistics on women-owned businesses exporting to Chile. I run a small business in Kelowna and I’m considering exporting, but I can’t find any information about which sectors are doing well. Where should I look? Thanks for any pointers.",
    language: "en",
    publication: "anonymous",
    status: "withdrawn",
  },
  {
    key: "ca-data-workers",
    topic: DATA_CA,
    at: 0.8,
    onBehalf: "organisation",
    type: "union",
    org: "Fédération des travailleuses et travailleurs du commerce et des services",
    womenLed: "yes",
    country: "CA",
    region: "CA-QC",
    name: "Nathalie Bergeron",
    email: "nbergeron@fttcs.example",
    title: "Mesurer aussi la situation des travailleuses",
    body: p(
      "Les données ventilées par sexe sur le commerce portent presque toujours sur les propriétaires d’entreprises. Or, la grande majorité des femmes touchées par le commerce international sont des salariées : dans la transformation alimentaire, le vêtement, les centres d’appels, la logistique.",
      "Nous demandons que les indicateurs incluent :\n- la part des femmes dans l’emploi des industries exportatrices et importatrices, par province;\n- l’écart salarial entre femmes et hommes dans ces industries;\n- la proportion d’emplois à temps partiel, temporaires ou d’agence;\n- les pertes d’emploi liées aux changements dans les échanges commerciaux, ventilées par sexe.",
      "Sans ces données, il est impossible d’évaluer si un accord commercial améliore ou détériore les conditions des travailleuses. Nous souhaitons que les syndicats soient consultés sur le choix des indicateurs.",
    ),
    language: "fr",
    publication: "anonymous",
    answers: {
      0: "La part des femmes dans l’emploi et l’écart salarial dans les industries exportatrices, par province, et la proportion d’emplois précaires.",
    },
    status: "pending",
  },
  {
    key: "ca-data-mexico",
    topic: DATA_CA,
    at: 0.88,
    onBehalf: "self",
    type: "academic",
    org: "Independent researcher",
    country: "other",
    name: "Alejandro Ruiz Castañeda",
    email: "a.ruizcastaneda@investigacion.example",
    gender: "man",
    title: "Lessons from the Pacific Alliance on gender and trade data",
    body: p(
      "I am an economist based in Mexico City and have worked on gender statistics for trade with several Latin American governments. I hope a contribution from outside Canada is welcome.",
      "Within the Pacific Alliance, Chile, Colombia, Mexico and Peru have tried to agree on common indicators on women exporters. The main lesson is that the definition problem is harder than the data problem: each agency had a different definition of a “women-led” company, and it took two years to agree on a minimum common one.",
      "I suggest Canada and Chile start with a small set of three or four indicators that both can produce with existing records, publish them side by side with their definitions, and improve from there, instead of waiting for a perfect survey.",
    ),
    language: "en",
    publication: "anonymous",
    answers: { 3: "Chile’s experience agreeing a common definition of women-led exporters with its Pacific Alliance partners." },
    status: "pending",
  },
  {
    key: "ca-data-privacy",
    topic: DATA_CA,
    at: 0.95,
    onBehalf: "organisation",
    type: "ngo",
    org: "Prairie Women’s Economic Justice Collective",
    womenLed: "yes",
    country: "CA",
    region: "CA-AB",
    name: "Rachel Nguyen",
    email: "rachel@pwejc.example",
    title: "Privacy first: collecting gender data safely",
    body: p(
      "Our collective works with immigrant and racialized women who run home-based businesses in Calgary and Edmonton. Many of them are reluctant to answer government questions about gender and ownership because they fear the answers will be used for tax audits or immigration purposes.",
      "If Canada wants good data, the collection has to earn trust:\n- explain in plain language, and in several languages, why the question is asked;\n- make the question optional and include “prefer not to say”;\n- keep the gender question apart from the rest of the business information, and say so;\n- publish only aggregated results, with small groups suppressed.",
      "We also recommend asking about gender in a way that includes non-binary owners, and testing the questions with community organizations before launching them.",
    ),
    language: "en",
    publication: "anonymous",
    answers: {
      2: "Optional, kept apart from identifying information, explained in plain language, tested first with community organizations, and published only in aggregate.",
    },
    status: "pending",
  },
];

// ------------------------------------------------------------------------------------------------
// Canada — cross-sector proposals (with a form-letter campaign)
// ------------------------------------------------------------------------------------------------
const crossCanada: DemoSubmission[] = [
  {
    key: "ca-cross-care",
    topic: CROSS_CA,
    at: 0.08,
    onBehalf: "organisation",
    type: "union",
    org: "Canadian Federation of Public and Care Workers",
    womenLed: "yes",
    country: "CA",
    region: "CA-ON",
    name: "Angela Moretti",
    email: "amoretti@cfpcw.example",
    title: "Put the care economy on the Canada–Chile agenda",
    body: p(
      "Our federation represents more than 60,000 workers in health care, early learning and community services, 78% of them women. We welcome this consultation and propose that Canada and Chile make the care economy their first priority under the work plan.",
      "Why care? Because women’s ability to take part in trade — as workers, as business owners, as exporters — depends on who looks after children, older relatives and people with disabilities. Both countries have recently invested in public care: Canada through its $10-a-day childcare agreements, Chile through its National Care System. Both face the same shortage of early childhood educators and home care workers, mostly women, often underpaid.",
      "We propose:\n1. a bilateral exchange on the design of national care systems, including workforce strategies, wages and training;\n2. the inclusion of labour standards for care workers, including migrant care workers, in the discussions of the Trade and Gender Committee;\n3. the participation of care sector unions from both countries in the exchange.",
      "We are ready to host a virtual session with Chilean unions in the health and education sectors and to share our research on the recruitment and retention of early childhood educators.",
    ),
    language: "en",
    publication: "named",
    answers: {
      0: "The care economy: both countries are building public care systems and both face a shortage of care workers, who are mostly women.",
      1: "A virtual exchange between care-sector unions of both countries on wages, training and retention, open to government officials.",
    },
    status: "approved",
    themes: ["care"],
  },
  {
    key: "ca-cross-seafood",
    topic: CROSS_CA,
    at: 0.15,
    onBehalf: "organisation",
    type: "company",
    org: "Tidewater Seafoods Ltd.",
    size: "medium",
    womenLed: "yes",
    country: "CA",
    region: "CA-BC",
    name: "Jenny Takahashi",
    email: "jenny@tidewaterseafoods.example",
    title: "Seafood trade and women in processing",
    body: p(
      "We are a women-owned seafood processing and export company on Vancouver Island with 85 employees, most of them women on the processing line. We export to Asia and have been looking at Chile both as a market and as a source of farmed mussels.",
      "What would help:\n- a trade mission to Chile for women-owned food businesses, with meetings set up in advance with buyers and processors in Los Lagos;\n- clear information on Chilean sanitary requirements for shellfish, in English;\n- support for women in processing plants to train for supervisory and quality control roles, which are still held mostly by men in both countries.",
      "We would be happy to host a Chilean delegation at our plant.",
    ),
    language: "en",
    publication: "anonymous",
    answers: { 2: "We can host a Chilean delegation at our plant and share how we trained line workers for quality control roles." },
    status: "approved",
    themes: ["finance"],
  },
  {
    key: "ca-cross-newcomers",
    topic: CROSS_CA,
    at: 0.22,
    onBehalf: "organisation",
    type: "ngo",
    org: "Manitoba Newcomer Women’s Enterprise Centre",
    womenLed: "yes",
    country: "CA",
    region: "CA-MB",
    name: "Grace Adeyemi",
    email: "grace@mnwec.example",
    title: "Newcomer women entrepreneurs and trade with Latin America",
    body: p(
      "Our centre supports about 300 newcomer women each year who start businesses in Winnipeg, including many from Latin America. Several of them import products from their countries of origin or would like to export Canadian products there, and they often have the language skills and networks that larger firms lack.",
      "Their main obstacle is financing: without a Canadian credit history, they cannot get a business loan, and most microloan programs do not finance inventory for export. One of our members, Janet Okafor, who imports Chilean wool and sells knitwear across the Prairies, had to use her personal credit cards to pay her first supplier. She has agreed to speak about her experience; she can be reached at 204-555-0187.",
      "We propose a microfinance pilot for newcomer women exporters, delivered through community organizations, and a mentoring program that pairs them with established exporters.",
    ),
    language: "en",
    publication: "anonymous",
    status: "approved",
    themes: ["finance"],
    redact: ["Janet Okafor", "204-555-0187"],
  },
  {
    key: "ca-cross-abusive",
    topic: CROSS_CA,
    at: 0.3,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-AB",
    name: "Brent Sawchuk",
    email: "bsawchuk@mail.example",
    title: "Waste of taxpayer money",
    body: "This whole consultation is a joke and you people are clowns. Nobody in Alberta asked for this “gender trade” nonsense. Stop wasting my tax dollars on useless bureaucrats flying to Chile on vacation. You should all be fired, every single one of you idiots.",
    language: "en",
    publication: "anonymous",
    status: "rejected",
    reason: "abusive",
    note: "Your message contains insults, which we do not publish. You are welcome to send your views on the consultation again without them.",
  },
  {
    key: "ca-cross-educator",
    topic: CROSS_CA,
    at: 0.45,
    kind: "comment",
    replyTo: "ca-cross-care",
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-QC",
    name: "Chantal Pelletier",
    email: "chantal.pelletier@courriel.example",
    title: "Les éducatrices aussi",
    body: p(
      "Je suis éducatrice en CPE depuis 19 ans et j’appuie cette proposition. On parle beaucoup des places en garderie, mais pas assez des conditions des éducatrices : on en manque partout au Québec et plusieurs collègues quittent la profession après quelques années.",
      "Ce serait intéressant de savoir comment le Chili recrute et forme son personnel pour son système de soins.",
    ),
    language: "fr",
    publication: "anonymous",
    status: "approved",
    themes: ["care"],
  },
  {
    key: "ca-cross-research-network",
    topic: CROSS_CA,
    at: 0.5,
    onBehalf: "self",
    type: "academic",
    org: "Chaire de recherche en commerce international et égalité",
    country: "CA",
    region: "CA-QC",
    name: "Sophie Tremblay-Aubin",
    email: "s.tremblay-aubin@chaire-cie.example",
    gender: "woman",
    title: "Un réseau de recherche Canada-Chili sur le commerce et le genre",
    body: p(
      "Professeure en économie internationale, j’écris à titre personnel. Je propose la création d’un petit réseau de recherche Canada-Chili réunissant des chercheuses et chercheurs des deux pays, des organismes statistiques et des organisations de la société civile.",
      "Le réseau pourrait, sur trois ans :\n- produire une étude comparative de l’effet de l’ALECC sur l’emploi des femmes dans les secteurs exportateurs des deux pays;\n- former des étudiantes et étudiants des cycles supérieurs par des séjours d’échange;\n- publier ses résultats en français, en anglais et en espagnol, en libre accès.",
      "Le coût serait modeste (moins de 200 000 $ par année pour les deux pays) et pourrait s’appuyer sur des programmes de mobilité existants. Le chapitre N bis prévoit explicitement la participation des établissements d’enseignement et de recherche : ce serait une façon concrète de la réaliser.",
    ),
    language: "fr",
    publication: "named",
    answers: {
      1: "Un réseau de recherche bilatéral avec des séjours d’échange pour les étudiants, les organismes statistiques et la société civile, qui publierait en trois langues.",
    },
    status: "pending",
  },
  {
    key: "ca-cross-question",
    topic: CROSS_CA,
    at: 0.55,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-ON",
    name: "Mark Delaney",
    email: "mark.delaney@mail.example",
    title: "Question about the agreement",
    body: "Is the Canada–Chile agreement being renegotiated? I read that the trade and gender chapter was added in 2017. I’d like to understand whether businesses like mine can benefit and what the next steps are. I’m not sure this is the right place to ask, sorry.",
    language: "en",
    publication: "anonymous",
    status: "withdrawn",
  },
  {
    key: "ca-cross-wine-chile",
    topic: CROSS_CA,
    at: 0.82,
    onBehalf: "organisation",
    type: "business_association",
    org: "Asociación Gremial de Viñateras del Maule",
    womenLed: "yes",
    country: "CL",
    region: "CL-ML",
    name: "Francisca Muñoz Letelier",
    email: "fmunoz@vinaterasdelmaule.example",
    title: "Vinos elaborados por mujeres: una oportunidad en el mercado canadiense",
    body: p(
      "Nuestra asociación agrupa a 27 viñas pequeñas y medianas del Valle del Maule dirigidas por mujeres. Varias ya exportan a Canadá, principalmente a Quebec y Ontario, gracias a la eliminación de aranceles del Tratado.",
      "El principal obstáculo no es el arancel sino el acceso a los monopolios provinciales de venta de alcohol: los procesos de licitación son complejos, distintos en cada provincia y requieren volúmenes que una viña pequeña no puede garantizar.",
      "Proponemos que Canadá y Chile organicen una misión a Chile de compradores de las juntas provinciales de licores centrada en productoras, y una guía en español sobre cómo postular a sus licitaciones. Sería una actividad concreta de cooperación con resultados medibles.",
    ),
    language: "es",
    publication: "named",
    status: "pending",
  },
  {
    key: "ca-cross-gaspesie",
    topic: CROSS_CA,
    at: 0.9,
    onBehalf: "organisation",
    type: "public_body",
    org: "Société de développement économique de la Gaspésie",
    country: "CA",
    region: "CA-QC",
    name: "Julie Bélanger",
    email: "jbelanger@sdeg.example",
    title: "Les régions éloignées dans la coopération Canada-Chili",
    body: p(
      "Notre organisme accompagne les entreprises de la Gaspésie et des Îles-de-la-Madeleine. Nous transmettons ce commentaire aux fonctionnaires seulement, car il fait état de projets d’entreprises qui ne sont pas encore publics.",
      "Les femmes entrepreneures de notre région travaillent souvent dans les pêches, la transformation alimentaire et le tourisme, des secteurs où le Chili est à la fois un concurrent et un partenaire possible. Elles ont très peu accès aux missions commerciales, qui sont presque toujours organisées à partir de Montréal ou de Toronto.",
      "Nous proposons que toute activité de coopération prévoie une participation à distance de qualité et des places réservées aux entreprises des régions éloignées, avec un soutien pour les frais de déplacement.",
    ),
    language: "fr",
    publication: "officials",
    status: "pending",
  },
  {
    key: "ca-cross-coop",
    topic: CROSS_CA,
    at: 0.96,
    onBehalf: "organisation",
    type: "other",
    other: "Coopérative",
    org: "Coopérative des artisanes du Bas-Saint-Laurent",
    womenLed: "yes",
    country: "CA",
    region: "CA-QC",
    name: "Marie-Ève Gagnon",
    email: "coop@artisanesbsl.example",
    title: "Les coopératives de femmes, grandes oubliées",
    body: p(
      "Notre coopérative réunit 42 artisanes (tissage, céramique, savonnerie) qui vendent ensemble en ligne et dans les salons. Les formulaires et les programmes d’exportation ne prévoient presque jamais le cas des coopératives : on nous demande qui est « la propriétaire » de l’entreprise, alors que nous sommes 42.",
      "Nous aimerions que la coopération Canada-Chili s’intéresse au modèle coopératif, qui est très présent au Chili aussi, notamment chez les artisanes et les productrices agricoles. Un échange entre coopératives de femmes des deux pays serait utile et peu coûteux.",
    ),
    language: "fr",
    publication: "anonymous",
    answers: { 2: "En accueillant une délégation de coopératives chiliennes et en partageant nos outils de vente en ligne." },
    status: "pending",
  },
];

/** The form letter a union asked its members to send: same text, their own greeting and signature. */
const CAMPAIGN_TITLE = "Care work must be a priority in Canada–Chile trade cooperation";
const campaignLetter = (greeting: string, signature: string) =>
  p(
    greeting,
    "I am writing as a member of my union and as a working woman to ask that care work be the first priority of Canada–Chile cooperation on trade and gender.",
    "Women cannot take full advantage of trade if they are the ones who must leave work when there is no childcare, when an elderly parent needs help, or when a shift changes at the last minute.",
    "I ask Canada and Chile to exchange on public childcare and long-term care systems, to include the wages and working conditions of care workers in the work of the Trade and Gender Committee, and to invite unions to take part.",
    "Trade agreements should make life better for working women, not only for exporters.",
    signature,
  );
const campaignSenders: Array<{
  greeting: string;
  name: string;
  signature: string;
  region: string;
  email: string;
  gender?: "woman" | "man";
  publication: "named" | "anonymous";
}> = [
  {
    greeting: "Dear Minister,",
    name: "Karen Whitfield",
    signature: "Karen Whitfield, Hamilton",
    region: "CA-ON",
    email: "karen.whitfield@mail.example",
    gender: "woman",
    publication: "named",
  },
  {
    greeting: "Hello,",
    name: "Paul Dubé",
    signature: "Paul Dubé, Sudbury (Ontario)",
    region: "CA-ON",
    email: "pdube@mail.example",
    gender: "man",
    publication: "anonymous",
  },
  {
    greeting: "To the consultation team,",
    name: "Amrit Sandhu",
    signature: "Amrit Sandhu, Brampton",
    region: "CA-ON",
    email: "amrit.sandhu@mail.example",
    publication: "anonymous",
  },
  {
    greeting: "Good morning,",
    name: "Lucie Arsenault",
    signature: "Lucie Arsenault, Moncton",
    region: "CA-NB",
    email: "lucie.arsenault@courriel.example",
    gender: "woman",
    publication: "anonymous",
  },
  {
    greeting: "Dear officials,",
    name: "Deborah King",
    signature: "Deborah King, Windsor, Local 444",
    region: "CA-ON",
    email: "deb.king@mail.example",
    publication: "anonymous",
  },
  {
    greeting: "Hi there,",
    name: "Maria Santos",
    signature: "Maria Santos, Winnipeg",
    region: "CA-MB",
    email: "maria.santos@mail.example",
    publication: "anonymous",
  },
];
const campaign: DemoSubmission[] = campaignSenders.map((s, i) => ({
  key: `ca-campaign-${i + 1}`,
  topic: CROSS_CA,
  at: 0.35 + i * 0.085,
  onBehalf: "self",
  type: "individual",
  country: "CA",
  region: s.region,
  name: s.name,
  email: s.email,
  gender: s.gender,
  title: CAMPAIGN_TITLE,
  body: campaignLetter(s.greeting, s.signature),
  language: "en",
  publication: s.publication,
  status: "approved",
  themes: ["care"],
  campaign: true,
}));

// ------------------------------------------------------------------------------------------------
// Canada — women in clean technology (opened a few days ago)
// ------------------------------------------------------------------------------------------------
const cleanCanada: DemoSubmission[] = [
  {
    key: "ca-clean-recycling",
    topic: CLEAN_CA,
    at: 0.12,
    onBehalf: "organisation",
    type: "company",
    org: "Salish Sea Battery Recovery Inc.",
    size: "small",
    womenLed: "yes",
    country: "CA",
    region: "CA-BC",
    name: "Naomi Fraser",
    email: "naomi@salishseabattery.example",
    title: "What helped and what held us back in reaching export markets",
    body: p(
      "We are a women-founded company in Vancouver that recovers lithium and cobalt from used batteries, with 14 employees. We started exploring Chile in 2023 because of its lithium industry.",
      "What helped: the Trade Commissioner Service in Santiago arranged meetings for us with two mining companies and a university lab, and a provincial export grant paid half of our travel.",
      "What held us back:\n- venture capital: only a very small share of clean technology investment in Canada goes to companies founded only by women, and investors told us plainly that they saw us as “riskier”;\n- certification: the tests to certify our process in Chile had to be done again even though we had Canadian certification;\n- time: finding a partner took more than a year, which is hard for a small team.",
      "We would like the event to include investors and to discuss mutual recognition of testing and certification between Canada and Chile for clean technologies.",
    ),
    language: "en",
    publication: "named",
    answers: {
      0: "The Trade Commissioner Service in Santiago and a provincial export grant helped; access to venture capital and having to certify our process again in Chile held us back.",
      2: "Battery recycling and lithium processing, where Chilean mining companies and Canadian technology firms are complementary.",
    },
    status: "approved",
    themes: ["cleantech", "finance"],
  },
  {
    key: "ca-clean-engineering",
    topic: CLEAN_CA,
    at: 0.35,
    onBehalf: "self",
    type: "academic",
    org: "Department of Chemical Engineering",
    country: "CA",
    region: "CA-AB",
    name: "Daniel Okoro",
    email: "d.okoro@chemeng.example",
    gender: "man",
    title: "Keeping women in clean technology engineering",
    body: p(
      "I teach chemical engineering and supervise graduate students working on hydrogen and carbon capture, and I write in a personal capacity. About 40% of my graduate students are women, but far fewer of them are still working in the sector five years later.",
      "Programs that I have seen work: paid co-op placements in companies that have clear parental leave policies, mentoring networks that continue after graduation, and hiring panels that include women engineers.",
      "Canadian and Chilean universities could exchange students and researchers in green hydrogen, where Chile has large projects in Magallanes and Antofagasta and Canada has research capacity. Exchanges should set aside places for women students.",
    ),
    language: "en",
    publication: "anonymous",
    answers: { 1: "Paid co-op placements with employers that have clear parental leave policies, and mentoring networks that continue after graduation." },
    status: "pending",
  },
  {
    key: "ca-clean-network-qc",
    topic: CLEAN_CA,
    at: 0.55,
    onBehalf: "organisation",
    type: "business_association",
    org: "Réseau des femmes en énergies renouvelables du Québec",
    womenLed: "yes",
    country: "CA",
    region: "CA-QC",
    name: "Catherine Ouellet",
    email: "c.ouellet@rferq.example",
    title: "Propositions pour l’événement sur les technologies propres",
    body: p(
      "Notre réseau compte plus de 600 membres, ingénieures, techniciennes, entrepreneures et gestionnaires des secteurs de l’hydroélectricité, de l’éolien, du solaire et de l’efficacité énergétique.",
      "Pour l’événement, nous proposons :\n- une formule hybride, avec des séances en ligne enregistrées et sous-titrées en français, en anglais et en espagnol;\n- un atelier de maillage d’affaires entre entreprises dirigées par des femmes des deux pays, avec des rencontres préparées à l’avance;\n- une séance sur les carrières techniques, avec des femmes qui travaillent sur le terrain et pas seulement des dirigeantes.",
      "Nous pouvons aider à trouver des conférencières québécoises.",
    ),
    language: "fr",
    publication: "named",
    answers: { 3: "Hybride, avec des sous-titres ou de l’interprétation dans les trois langues, et des rencontres d’affaires préparées à l’avance." },
    status: "pending",
  },
  {
    key: "ca-clean-solar-chile",
    topic: CLEAN_CA,
    at: 0.7,
    onBehalf: "organisation",
    type: "company",
    org: "Solaris Norte SpA",
    size: "medium",
    womenLed: "yes",
    country: "CL",
    region: "CL-AN",
    name: "Daniela Rojas Pizarro",
    email: "drojas@solarisnorte.example",
    title: "Oportunidades de cooperación en energía solar",
    body: p(
      "Somos una empresa de ingeniería solar de Antofagasta, fundada y dirigida por mujeres, con 45 trabajadores. Diseñamos e instalamos plantas fotovoltaicas para faenas mineras y comunidades rurales.",
      "Nos interesa conocer empresas canadienses de almacenamiento de energía y de gestión de redes con las que podamos asociarnos. También nos interesa el modelo canadiense de participación de comunidades indígenas como socias en proyectos de energía, porque en el norte de Chile muchos proyectos se ubican en territorios indígenas.",
      "Proponemos que el evento incluya rondas de negocios entre empresas de ambos países.",
    ),
    language: "es",
    publication: "officials",
    status: "pending",
  },
  {
    key: "ca-clean-link-only",
    topic: CLEAN_CA,
    at: 0.78,
    onBehalf: "organisation",
    type: "company",
    org: "EcoVentures Global",
    size: "small",
    country: "other",
    name: "Marketing Team",
    email: "hello@ecoventures-global.example",
    title: "See our website",
    body: "Please see our website for our full proposal on clean technology partnerships: www.ecoventures-global.example/proposal. We look forward to working with you.",
    language: "en",
    publication: "anonymous",
    status: "rejected",
    reason: "other",
    note: "Your message only points to a website. Please send your proposal as text in the form (you may attach a document) so that it can be read and published.",
  },
  {
    key: "ca-clean-technician",
    topic: CLEAN_CA,
    at: 0.93,
    onBehalf: "self",
    type: "individual",
    country: "CA",
    region: "CA-NS",
    name: "Heather Cormier",
    email: "heather.cormier@mail.example",
    gender: "woman",
    title: "Retraining into clean energy at 45",
    body: p(
      "I worked 20 years in administration for an oil and gas services company and retrained as a wind turbine technician at 45. The training itself was good, but I was the only woman in my class of 22 and the only one over 40.",
      "What would have helped me: a training allowance that covers living costs, because I had to keep a part-time job while studying, and employers who are willing to take on older apprentices. I’d also like the event to show that clean energy jobs are not only for young engineers.",
    ),
    language: "en",
    publication: "anonymous",
    status: "pending",
  },
];

// ------------------------------------------------------------------------------------------------
// Chile — mujeres en la minería
// ------------------------------------------------------------------------------------------------
const miningChile: DemoSubmission[] = [
  {
    key: "cl-mine-union",
    topic: MINING_CL,
    at: 0.1,
    onBehalf: "organisation",
    type: "union",
    org: "Sindicato de Trabajadoras y Trabajadores Minera Cordillera Norte",
    womenLed: "no",
    country: "CL",
    region: "CL-AN",
    name: "Jorge Castillo Olivares",
    email: "directiva@sindicatocordilleranorte.example",
    title: "Condiciones en faena para que las mujeres se queden",
    body: p(
      "Nuestro sindicato representa a 2.300 trabajadoras y trabajadores de una faena de cobre a rajo abierto en la Región de Antofagasta, con turnos de 7x7. Las mujeres son hoy el 16% de la dotación, casi el triple que hace diez años.",
      "Lo que ha funcionado, según nuestra experiencia:\n- campamentos con pabellones y baños para mujeres, con cerradura y bien iluminados;\n- ropa de trabajo y elementos de protección personal en tallas para mujeres;\n- un protocolo de acoso sexual negociado con el sindicato, con investigación externa y plazos;\n- sala de lactancia y la posibilidad de cambiar a turnos de día durante el primer año después del posnatal.",
      "Lo que falta: el sistema 7x7 hace casi imposible compatibilizar el trabajo con el cuidado de hijos pequeños. No hay salas cuna que funcionen con estos turnos en Calama ni en Antofagasta. Proponemos que las empresas mineras, junto con el Estado, financien salas cuna con horario extendido en las ciudades donde vive la mayoría de los trabajadores.",
      "Nos interesa conocer cómo negocian estos temas los sindicatos mineros canadienses.",
    ),
    language: "es",
    publication: "named",
    answers: {
      0: "Protocolo de acoso negociado con el sindicato, campamentos e implementos adecuados para mujeres, y turnos de día después del posnatal.",
      2: "Las cláusulas sobre cuidado infantil y horarios que han negociado los sindicatos mineros en Canadá.",
    },
    status: "approved",
    themes: ["mining", "care"],
  },
  {
    key: "cl-mine-canadian-company",
    topic: MINING_CL,
    at: 0.18,
    onBehalf: "organisation",
    type: "company",
    org: "Andes Northern Mining Corp.",
    size: "large",
    womenLed: "no",
    country: "CA",
    region: "CA-ON",
    name: "Rebecca Halvorsen",
    email: "rhalvorsen@andesnorthern.example",
    title: "Lessons from our operations in Canada and Chile",
    body: p(
      "Andes Northern Mining is a Toronto-based company with a copper operation in the Atacama Region and a nickel mine in Ontario. We set the same gender targets for both sites in 2020 and have learned from the differences between them.",
      "In Chile, our apprenticeship program for women from nearby communities, run with a local technical training centre, has been our most effective measure: 120 women have completed it and 85 work at the site today. In Canada, flexible scheduling and on-site mentoring have done more than recruitment programs.",
      "Our women-led supplier program has been slower. Local women-owned firms in Copiapó told us that our prequalification process was too heavy, so we created a simplified track for contracts under USD 250,000, and we now pay small suppliers in 30 days.",
      "We would be glad to share our data and take part in the binational event.",
    ),
    language: "en",
    publication: "named",
    answers: {
      1: "Prequalification processes designed for large suppliers, and long payment terms. A simplified track for small contracts and payment in 30 days have helped.",
    },
    status: "approved",
    themes: ["mining", "finance"],
    translation: {
      locale: "es",
      title: "Lecciones de nuestras operaciones en Canadá y Chile",
      body: p(
        "Andes Northern Mining es una empresa con sede en Toronto que tiene una operación de cobre en la Región de Atacama y una mina de níquel en Ontario. En 2020 fijamos las mismas metas de género para ambas faenas y hemos aprendido de las diferencias entre ellas.",
        "En Chile, nuestro programa de aprendices para mujeres de las comunidades cercanas, realizado con un centro de formación técnica local, ha sido la medida más eficaz: 120 mujeres lo han completado y 85 trabajan hoy en la faena. En Canadá, los horarios flexibles y las mentorías en el lugar de trabajo han dado más resultados que los programas de reclutamiento.",
        "Nuestro programa de proveedoras lideradas por mujeres ha avanzado más lento. Empresas locales de mujeres en Copiapó nos dijeron que nuestro proceso de precalificación era demasiado pesado, así que creamos una vía simplificada para contratos de menos de 250.000 dólares, y ahora pagamos a los proveedores pequeños a 30 días.",
        "Con gusto compartiremos nuestros datos y participaremos en el evento binacional.",
      ),
    },
  },
  {
    key: "cl-mine-lickanantay",
    topic: MINING_CL,
    at: 0.25,
    onBehalf: "organisation",
    type: "indigenous",
    org: "Consejo de Mujeres Lickanantay del Salar",
    womenLed: "yes",
    country: "CL",
    region: "CL-AN",
    name: "Sonia Tito Anza",
    email: "consejo@mujereslickanantay.example",
    title: "Las mujeres indígenas y la minería del litio",
    body: p(
      "Somos mujeres lickanantay de comunidades del Salar de Atacama. La minería del litio está en nuestro territorio y afecta el agua, la agricultura y la vida de nuestras familias.",
      "Queremos decir que las mujeres indígenas no somos solo «comunidad afectada»: también somos emprendedoras, trabajadoras y dirigentas. Pero los beneficios de los convenios con las empresas casi siempre los administran hombres, y los empleos para mujeres son de aseo y alimentación.",
      "Pedimos:\n- que las mujeres indígenas participen en la negociación de los acuerdos con las empresas;\n- apoyo para que los emprendimientos de mujeres (turismo, artesanía, alimentos) puedan vender a las empresas y exportar;\n- conocer cómo participan las mujeres indígenas en los acuerdos de impacto y beneficio en Canadá.",
    ),
    language: "es",
    publication: "named",
    answers: { 2: "Los acuerdos de impacto y beneficio con pueblos indígenas en Canadá y el rol de las mujeres en su negociación." },
    status: "approved",
    themes: ["indigenous", "mining"],
  },
  {
    key: "cl-mine-truck-driver",
    topic: MINING_CL,
    at: 0.3,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-AN",
    name: "Yasna Villalobos",
    email: "yasna.villalobos@correo.example",
    gender: "woman",
    title: "Desde la cabina de un CAEX",
    body: p(
      "Soy operadora de camión de extracción hace 8 años. Quiero decir que las cosas han mejorado mucho: ahora hay más compañeras y ya no es raro ver a una mujer en la mina. Pero todavía hay supervisores que no confían en nosotras para ciertos equipos, y los ascensos a supervisión casi siempre son para hombres.",
      "Otra cosa es el cuidado de los hijos. Con turnos de 7x7, las que somos mamás dependemos de las abuelas. Si la empresa o el Estado tuvieran una sala cuna que funcione de noche, muchas más mujeres podríamos trabajar en la minería.",
    ),
    language: "es",
    publication: "anonymous",
    status: "approved",
    themes: ["mining", "care"],
  },
  {
    key: "cl-mine-geologist",
    topic: MINING_CL,
    at: 0.36,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-AT",
    name: "Constanza Herrera",
    email: "coni.herrera@correo.example",
    gender: "woman",
    title: "Un programa que sí funcionó",
    body: p(
      "Soy geóloga y trabajo en una mediana minera de la Región de Atacama. Quiero destacar el programa de mentorías que implementó la empresa hace dos años: cada profesional joven tiene una mentora de otra área durante un año, con reuniones mensuales. En mi caso fue clave para no renunciar el primer año.",
      "Si quieren conocer el programa en detalle, pueden contactar a la encargada de inclusión de la empresa, Paula Contreras, al +56 9 5550 0172; ella diseñó el programa y lo ha presentado en otras empresas.",
      "Creo que sería bueno compararlo con programas de mentoría de Canadá.",
    ),
    language: "es",
    publication: "anonymous",
    answers: { 0: "Las mentorías de un año para profesionales jóvenes, con una mentora de otra área." },
    status: "approved",
    themes: ["mining"],
    redact: ["Paula Contreras", "+56 9 5550 0172"],
  },
  {
    key: "cl-mine-pirquinero",
    topic: MINING_CL,
    at: 0.42,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-CO",
    name: "Luis Alberto Pérez",
    email: "luisalberto.perez@correo.example",
    gender: "man",
    title: "La pequeña minería también cuenta",
    body: p(
      "Soy pirquinero en la Región de Coquimbo, como mi padre. En la pequeña minería hay muchas mujeres, esposas, hijas, pallaqueras, que trabajan sin contrato ni previsión y que no aparecen en ninguna estadística.",
      "Pido que cuando se hable de mujeres en la minería no se piense solo en las grandes empresas. La pequeña minería necesita apoyo para formalizarse, y las mujeres que trabajan en ella deberían tener acceso a capacitación y a créditos de fomento a su propio nombre.",
    ),
    language: "es",
    publication: "anonymous",
    status: "approved",
    themes: ["mining", "data"],
  },
  {
    key: "cl-mine-third-party",
    topic: MINING_CL,
    at: 0.48,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-AN",
    name: "Marcela Díaz",
    email: "marce.diaz.calama@correo.example",
    title: "Denuncia contra jefe de turno",
    body: "Quiero denunciar al jefe de turno de la mina, el señor Patricio Oyarzún, RUT 12.345.678-9, que vive en calle Los Aromos 1450 de Calama. Este señor trata mal a las mujeres del turno B, nos grita y nos cambia de puesto sin explicación. Todos en la faena saben cómo es y nadie hace nada. Quiero que se publique su nombre para que otras empresas no lo contraten.",
    language: "es",
    publication: "anonymous",
    status: "rejected",
    reason: "third_party_data",
    note: "No podemos publicar acusaciones que identifican a una persona con sus datos personales. Si vive una situación de acoso o maltrato laboral, puede presentar una denuncia ante la Dirección del Trabajo o el comité paritario de su faena. Le invitamos a enviar nuevamente su aporte sin datos de terceros.",
  },
  {
    key: "cl-mine-childcare-comment",
    topic: MINING_CL,
    at: 0.55,
    kind: "comment",
    replyTo: "cl-mine-union",
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-TA",
    name: "Katherine Mamani",
    email: "katherine.mamani@correo.example",
    gender: "woman",
    title: "Sobre las salas cuna",
    body: "Trabajo en una faena de Tarapacá y apoyo lo que dice el sindicato. Las salas cuna en Iquique cierran a las 19:00 y los buses de la faena llegan después de las 20:00. Además, la obligación de sala cuna solo aplica si la empresa tiene 20 trabajadoras o más, y muchas contratistas quedan fuera. Eso hay que cambiarlo.",
    language: "es",
    publication: "anonymous",
    status: "approved",
    themes: ["care"],
  },
  {
    key: "cl-mine-contractor-question",
    topic: MINING_CL,
    at: 0.6,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-RM",
    name: "Felipe Morales",
    email: "felipe.morales.t@correo.example",
    title: "Consulta",
    body: "Buenas tardes, quería saber si esta consulta es también para empresas contratistas o solo para trabajadoras de las mineras. Trabajo en una empresa de transporte de personal y tenemos varias conductoras que podrían opinar. Gracias.",
    language: "es",
    publication: "anonymous",
    status: "withdrawn",
  },
  {
    key: "cl-mine-training",
    topic: MINING_CL,
    at: 0.78,
    onBehalf: "organisation",
    type: "ngo",
    org: "Fundación Mujeres en Faena",
    womenLed: "yes",
    country: "CL",
    region: "CL-AT",
    name: "Macarena Soto Vega",
    email: "msoto@mujeresenfaena.example",
    title: "Capacitación y certificación para mujeres de regiones mineras",
    body: p(
      "Nuestra fundación capacita a mujeres de Copiapó, Vallenar y Tierra Amarilla como operadoras de equipos, mantenedoras y técnicas de laboratorio. En cinco años han egresado 740 mujeres y cerca de la mitad trabaja hoy en la minería o en empresas contratistas.",
      "Hemos aprendido que la capacitación sola no basta: las mujeres necesitan licencia de conducir profesional, certificación de competencias y, sobre todo, una primera oportunidad. Muchas empresas piden experiencia previa incluso para cargos de entrada.",
      "Proponemos que los programas públicos de capacitación incluyan la práctica pagada en faena y que las empresas que participan en programas de desarrollo de proveedores se comprometan a contratar egresadas.",
    ),
    language: "es",
    publication: "anonymous",
    status: "pending",
  },
  {
    key: "cl-mine-suppliers",
    topic: MINING_CL,
    at: 0.86,
    onBehalf: "organisation",
    type: "business_association",
    org: "Asociación Gremial de Proveedoras Mineras del Norte Grande",
    womenLed: "yes",
    country: "CL",
    region: "CL-AN",
    name: "Patricia Guerrero Lobos",
    email: "pguerrero@proveedorasnortegrande.example",
    title: "Propuestas para proveedoras de la cadena de valor minera",
    body: p(
      "Nuestra asociación reúne a 51 empresas proveedoras lideradas por mujeres en Arica, Tarapacá y Antofagasta.",
      "Las dificultades más frecuentes de nuestras socias son:\n- plazos de pago de 60 a 120 días, que obligan a financiarse con factoring;\n- exigencias de certificaciones costosas para contratos pequeños;\n- licitaciones que agrupan servicios muy distintos en un solo contrato grande;\n- poca información sobre oportunidades en empresas canadienses con faenas en Chile.",
      "Proponemos un compromiso de pago a 30 días para las pymes proveedoras de la minería, contratos divididos en lotes más pequeños, y un encuentro de negocios con compañías mineras canadienses que operan en el norte.",
    ),
    language: "es",
    publication: "officials",
    answers: { 1: "Plazos de pago largos, certificaciones costosas y licitaciones que agrupan servicios en contratos demasiado grandes para una pyme." },
    status: "pending",
  },
  {
    key: "cl-mine-research",
    topic: MINING_CL,
    at: 0.94,
    onBehalf: "organisation",
    type: "academic",
    org: "Centro de Estudios de Género y Territorio, Universidad del Desierto",
    womenLed: "yes",
    country: "CL",
    region: "CL-AN",
    name: "Alejandra Cortés Milla",
    email: "acortes@cegt-udesierto.example",
    title: "Datos para evaluar las políticas de género en la minería",
    body: p(
      "Nuestro centro ha seguido la participación laboral de las mujeres en la minería del norte de Chile desde 2012.",
      "Observamos que los reportes de sostenibilidad de las empresas informan el porcentaje de mujeres de la dotación propia, pero casi nunca el de las empresas contratistas, donde trabaja más de la mitad de las personas de la industria. Tampoco informan la permanencia ni los cargos. Con esos datos es imposible saber si las políticas funcionan.",
      "Sugerimos que Chile y Canadá acuerden un conjunto mínimo de indicadores comunes: participación por tipo de cargo, incluidas las contratistas; tasa de permanencia a tres años; brecha salarial por cargo; y denuncias de acoso y su resolución.",
    ),
    language: "es",
    publication: "anonymous",
    status: "pending",
  },
];

// ------------------------------------------------------------------------------------------------
// Chile — diálogo intersectorial (only in Spanish)
// ------------------------------------------------------------------------------------------------
const dialogueChile: DemoSubmission[] = [
  {
    key: "cl-dia-commerce-union",
    topic: DIALOGUE_CL,
    at: 0.1,
    onBehalf: "organisation",
    type: "union",
    org: "Confederación de Trabajadoras y Trabajadores del Comercio y Servicios",
    womenLed: "yes",
    country: "CL",
    region: "CL-RM",
    name: "Gloria Sepúlveda Arancibia",
    email: "gsepulveda@confecomercio.example",
    title: "Derechos laborales y cuidados en la agenda con Canadá",
    body: p(
      "Nuestra confederación agrupa a 86 sindicatos del comercio, la logística y los servicios, con más de 40.000 socias y socios. La mayoría de las trabajadoras del comercio tienen jornadas parciales, turnos rotativos y sueldos cercanos al mínimo.",
      "Proponemos que la agenda de comercio y género con Canadá priorice dos temas:",
      "1. Cuidados. Chile está construyendo un Sistema Nacional de Cuidados y Canadá un sistema de cuidado infantil. Un intercambio entre ambos países, con participación sindical, sería muy útil.",
      "2. Condiciones laborales en sectores exportadores. El comercio exterior genera empleo para mujeres en la agroindustria, la salmonicultura y la logística, pero muchas veces precario. Queremos que el Comité de Comercio y Género revise estas condiciones con participación de las organizaciones sindicales.",
      "Estamos disponibles para organizar una jornada de diálogo con sindicatos canadienses.",
    ),
    language: "es",
    publication: "named",
    answers: {
      0: "Los cuidados, porque sin corresponsabilidad no hay participación plena de las mujeres en el trabajo ni en el comercio.",
      3: "Organizando una jornada de diálogo entre sindicatos de ambos países y difundiendo los resultados entre nuestras bases.",
    },
    status: "approved",
    themes: ["care"],
  },
  {
    key: "cl-dia-walnuts",
    topic: DIALOGUE_CL,
    at: 0.2,
    onBehalf: "organisation",
    type: "company",
    org: "Nogales del Maule Ltda.",
    size: "small",
    womenLed: "yes",
    country: "CL",
    region: "CL-ML",
    name: "Carmen Gloria Vásquez",
    email: "cgvasquez@nogalesdelmaule.example",
    title: "Exportar nueces a Canadá: lo que necesitamos",
    body: p(
      "Tengo una empresa familiar de nueces en Linares. Exportamos a Europa y Medio Oriente a través de una exportadora más grande, y este año queremos hacerlo directamente. Canadá nos interesa, pero no conocemos a ningún importador ni las exigencias de etiquetado.",
      "Lo que necesitaríamos: información práctica en español sobre requisitos sanitarios y de etiquetado en Canadá (que además son bilingües), contactos con importadores y apoyo para participar en alguna feria. Los programas existentes suelen pedir volúmenes que una empresa como la nuestra no tiene. Sería bueno que hubiera un programa para pymes exportadoras lideradas por mujeres que parta desde cero.",
    ),
    language: "es",
    publication: "anonymous",
    answers: { 2: "Falta de contactos en Canadá, poca información en español sobre requisitos y programas pensados para empresas más grandes." },
    status: "approved",
    themes: ["smes"],
  },
  {
    key: "cl-dia-fairtrade-draft",
    topic: DIALOGUE_CL,
    at: 0.26,
    onBehalf: "organisation",
    type: "ngo",
    org: "Corporación Mujeres y Comercio Justo",
    womenLed: "yes",
    country: "CL",
    region: "CL-RM",
    name: "Daniela Fuentes Aravena",
    email: "dfuentes@mujeresycomerciojusto.example",
    title: "Comercio justo y mujeres rurales",
    body: "Nuestra corporación trabaja con organizaciones de mujeres productoras que venden a través de redes de comercio justo: artesanas, recolectoras de frutos del bosque y apicultoras. Proponemos que Chile y Canadá incluyan el comercio justo en su agenda de comercio y género, porque es una vía concreta para que mujeres rurales exporten en condiciones dignas. En Canadá existe un mercado importante de productos certificados y",
    language: "es",
    publication: "anonymous",
    status: "rejected",
    reason: "duplicate",
    note: "Recibimos al día siguiente la versión completa de este aporte, que es la que se publica.",
  },
  {
    key: "cl-dia-fairtrade",
    topic: DIALOGUE_CL,
    at: 0.34,
    onBehalf: "organisation",
    type: "ngo",
    org: "Corporación Mujeres y Comercio Justo",
    womenLed: "yes",
    country: "CL",
    region: "CL-RM",
    name: "Daniela Fuentes Aravena",
    email: "dfuentes@mujeresycomerciojusto.example",
    title: "Comercio justo y mujeres rurales: propuesta de trabajo con Canadá",
    body: p(
      "Nuestra corporación trabaja con 23 organizaciones de mujeres productoras que venden a través de redes de comercio justo: artesanas, recolectoras de frutos del bosque y apicultoras de las regiones de Ñuble, Biobío y La Araucanía.",
      "Proponemos que Chile y Canadá incluyan el comercio justo en su agenda de comercio y género, porque es una vía concreta para que mujeres rurales exporten en condiciones dignas. En Canadá existe un mercado importante de productos certificados y una red de tiendas y cooperativas que podrían comprar directamente a organizaciones chilenas.",
      "Actividades concretas que proponemos:\n- un catálogo binacional de organizaciones de mujeres con certificación de comercio justo;\n- apoyo para que las organizaciones pequeñas puedan pagar la certificación, que hoy cuesta más de lo que ganan en un año de ventas;\n- una misión de compradores canadienses de comercio justo a Chile.",
      "Nota: esta versión reemplaza la que enviamos ayer por error antes de terminarla.",
    ),
    language: "es",
    publication: "anonymous",
    answers: { 1: "Un catálogo binacional de organizaciones de mujeres con certificación de comercio justo y una misión de compradores canadienses." },
    status: "approved",
    themes: ["smes", "finance"],
  },
  {
    key: "cl-dia-cosmetics-biobio",
    topic: DIALOGUE_CL,
    at: 0.4,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-BI",
    name: "Paulina Riquelme",
    email: "pauli.riquelme@correo.example",
    gender: "woman",
    title: "Las mujeres de regiones también queremos exportar",
    body: "Soy emprendedora en Concepción, hago cosmética natural con productos del bosque. Participé en un taller de exportación pero todo era en Santiago, y viajar me cuesta un día de trabajo y plata. Propongo que las actividades con Canadá sean también en regiones o en línea, y que haya información concreta: cuánto cuesta enviar una caja a Canadá, qué permisos necesito, quién me puede comprar.",
    language: "es",
    publication: "anonymous",
    answers: { 2: "La distancia: todo se hace en Santiago. Y la falta de información práctica sobre costos de envío y permisos." },
    status: "approved",
    themes: ["smes"],
  },
  {
    key: "cl-dia-salmon",
    topic: DIALOGUE_CL,
    at: 0.47,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-LL",
    name: "Ximena Bahamonde",
    email: "ximena.bahamonde@correo.example",
    gender: "woman",
    title: "Mujeres en la salmonicultura",
    body: p(
      "Trabajo hace 15 años en plantas de proceso de salmón en Puerto Montt. La mayoría de las trabajadoras de planta somos mujeres y el salmón es uno de los productos que Chile más exporta, también a Canadá.",
      "Quiero que se hable de nosotras cuando se habla de comercio y género: los turnos, las lesiones por movimientos repetitivos, el frío, y que casi no hay mujeres en supervisión. Los dos países tienen salmonicultura; sería bueno comparar las condiciones de las trabajadoras con datos de ambos lados.",
    ),
    language: "es",
    publication: "anonymous",
    status: "approved",
    themes: ["data"],
  },
  {
    key: "cl-dia-deadline-question",
    topic: DIALOGUE_CL,
    at: 0.52,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-RM",
    name: "Tomás Aguirre",
    email: "tomas.aguirre.r@correo.example",
    title: "Pregunta sobre plazos",
    body: "Hola, ¿hasta cuándo se pueden enviar aportes? Estoy preparando una propuesta con mi organización y quería enviar primero esta versión para no olvidarme. La mandaré completa más adelante.",
    language: "es",
    publication: "anonymous",
    status: "withdrawn",
  },
  {
    key: "cl-dia-coresponsibility",
    topic: DIALOGUE_CL,
    at: 0.58,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-NB",
    name: "Cristián Sandoval",
    email: "cristian.sandoval.nuble@correo.example",
    gender: "man",
    title: "Corresponsabilidad",
    body: "Soy padre de dos hijos y agricultor en Ñuble. Creo que hablar de mujeres y comercio también es hablar de los hombres: mientras el cuidado de los hijos siga recayendo solo en las mujeres, ellas no van a poder dedicarse a sus negocios igual que nosotros. Propongo que las actividades con Canadá incluyan el tema de la corresponsabilidad y los permisos parentales para padres, donde creo que Canadá tiene experiencia.",
    language: "es",
    publication: "anonymous",
    answers: { 0: "La corresponsabilidad en los cuidados y los permisos parentales para padres." },
    status: "approved",
    themes: ["care"],
  },
  {
    key: "cl-dia-mentors",
    topic: DIALOGUE_CL,
    at: 0.8,
    onBehalf: "organisation",
    type: "business_association",
    org: "Asociación de Exportadoras de la Región de Valparaíso",
    womenLed: "yes",
    country: "CL",
    region: "CL-VS",
    name: "Verónica Ibáñez Rivera",
    email: "vibanez@exportadorasvalpo.example",
    title: "Una red de mentoras exportadoras Chile-Canadá",
    body: p(
      "Proponemos crear una red de mentoras entre empresarias exportadoras de Chile y Canadá. Cada empresa chilena que quiera entrar al mercado canadiense tendría una mentora canadiense del mismo sector durante seis meses, y viceversa.",
      "Nuestra asociación ya tiene un programa de mentorías regional con 35 empresas y sabemos que el acompañamiento de alguien que ya pasó por el proceso es lo que más ayuda. La red podría funcionar de forma virtual y tener un costo bajo. Necesitaría el apoyo de ambos gobiernos para convocar a las participantes.",
    ),
    language: "es",
    publication: "named",
    answers: { 1: "Una red binacional de mentoras exportadoras, virtual, con duplas por sector durante seis meses." },
    status: "pending",
  },
  {
    key: "cl-dia-municipality",
    topic: DIALOGUE_CL,
    at: 0.85,
    onBehalf: "organisation",
    type: "public_body",
    org: "Oficina de Desarrollo Económico Local, Municipalidad de Nueva Imperial",
    country: "CL",
    region: "CL-AR",
    name: "Rodrigo Painemal",
    email: "rpainemal@odel-nuevaimperial.example",
    title: "Emprendedoras mapuche y exportación",
    body: p(
      "Desde la oficina municipal apoyamos a cerca de 200 emprendedoras, la mayoría mapuche, en textilería, alimentos (merkén, miel, hortalizas) y turismo. Enviamos este aporte solo para funcionarios porque incluye información sobre emprendimientos que aún no han autorizado ser mencionados.",
      "Algunas emprendedoras ya venden a turistas canadienses y podrían exportar, pero no conocen los trámites y no tienen capital de trabajo. Proponemos un programa piloto de acompañamiento para exportaciones pequeñas (por ejemplo, envíos por courier) con participación de la municipalidad, los servicios públicos de fomento y las organizaciones indígenas.",
    ),
    language: "es",
    publication: "officials",
    status: "pending",
  },
  {
    key: "cl-dia-seaweed",
    topic: DIALOGUE_CL,
    at: 0.9,
    onBehalf: "organisation",
    type: "other",
    other: "Cooperativa",
    org: "Cooperativa de Pescadoras y Algueras de Chiloé",
    womenLed: "yes",
    country: "CL",
    region: "CL-LL",
    name: "Rosa Millalonco",
    email: "cooperativa@algueraschiloe.example",
    title: "Las algueras y el comercio con Canadá",
    body: p(
      "Somos 60 mujeres recolectoras de algas y mariscadoras de Chiloé organizadas en cooperativa. Vendemos el pelillo y la luga a intermediarios que luego exportan, y recibimos una parte muy pequeña del precio final.",
      "Queremos aprender a exportar directamente o junto con otras cooperativas. Sabemos que en Canadá, en la costa atlántica, también hay mujeres que cosechan algas. Un intercambio entre nosotras sería muy valioso. Necesitamos apoyo para certificar nuestros productos y para conocer a compradores.",
    ),
    language: "es",
    publication: "anonymous",
    status: "pending",
  },
  {
    key: "cl-dia-mendoza",
    topic: DIALOGUE_CL,
    at: 0.96,
    onBehalf: "self",
    type: "individual",
    country: "other",
    name: "Lucía Benítez",
    email: "lucia.benitez.mza@correo.example",
    gender: "woman",
    title: "Una mirada desde Mendoza",
    body: "Soy argentina, vivo en Mendoza y trabajo con productoras de vino de ambos lados de la cordillera. Me parece muy interesante esta consulta. Sugiero que en algún momento la cooperación con Canadá se abra a otros países de la región, porque los desafíos de las mujeres exportadoras son muy parecidos en Chile, Argentina y Perú, y muchas cadenas de valor son compartidas.",
    language: "es",
    publication: "anonymous",
    status: "pending",
  },
];

// ------------------------------------------------------------------------------------------------
// Chile — intercambio de experiencias
// ------------------------------------------------------------------------------------------------
const sharingChile: DemoSubmission[] = [
  {
    key: "cl-share-cosmetics",
    topic: SHARING_CL,
    at: 0.1,
    onBehalf: "organisation",
    type: "company",
    org: "Murta Cosmética Natural SpA",
    size: "micro",
    womenLed: "yes",
    country: "CL",
    region: "CL-LR",
    name: "Javiera Klein",
    email: "javiera@murtacosmetica.example",
    title: "Mi experiencia con los programas de apoyo a exportadoras",
    body: p(
      "Tengo una empresa de cosmética natural en Valdivia con 6 trabajadoras. Participé en un programa público de apoyo a mujeres exportadoras y gracias a eso hicimos nuestra primera exportación a Canadá en 2023.",
      "Lo que más sirvió fue el acompañamiento de una asesora durante todo el proceso, no solo los talleres, y conocer a otras empresarias en la misma etapa. Lo que menos sirvió fueron los documentos largos que nadie lee.",
      "Para difundir, sugiero videos cortos con testimonios de empresarias, fichas con datos de contacto y una lista de compradores canadienses interesados en productos chilenos hechos por mujeres.",
    ),
    language: "es",
    publication: "anonymous",
    answers: {
      0: "Los programas públicos de apoyo a mujeres exportadoras con acompañamiento individual de una asesora durante todo el proceso.",
      1: "Videos cortos con testimonios y fichas con contactos, más que informes largos.",
    },
    status: "approved",
    themes: ["smes"],
  },
  {
    key: "cl-share-open-data",
    topic: SHARING_CL,
    at: 0.18,
    onBehalf: "self",
    type: "academic",
    org: "Observatorio de Comercio y Género, Universidad Costera de Valparaíso",
    country: "CL",
    region: "CL-VS",
    name: "Marcela Leiva Contreras",
    email: "mleiva@observatoriocyg.example",
    gender: "woman",
    title: "Publicar los datos, no solo los informes",
    body: p(
      "Investigo la participación de las mujeres en el comercio exterior chileno. Mi propuesta es simple: que además de informes y grabaciones, los resultados de las actividades del plan de trabajo se publiquen como datos abiertos, en formatos reutilizables (CSV, por ejemplo), con sus definiciones.",
      "Chile ha avanzado en estadísticas de exportaciones de empresas lideradas por mujeres, y esa experiencia es muy valiosa para Canadá. Pero hoy los datos aparecen en informes en PDF que no se pueden reutilizar ni comparar con los canadienses.",
      "También sugiero publicar una lista de las personas expertas que participan en las actividades, para facilitar el contacto entre investigadoras de ambos países.",
    ),
    language: "es",
    publication: "named",
    answers: { 1: "Datos abiertos en CSV con sus definiciones, además de los informes." },
    status: "approved",
    themes: ["data"],
  },
  {
    key: "cl-share-quebec",
    topic: SHARING_CL,
    at: 0.26,
    onBehalf: "organisation",
    type: "business_association",
    org: "Réseau des femmes exportatrices du Québec",
    womenLed: "yes",
    country: "CA",
    region: "CA-QC",
    name: "Annie Lavoie",
    email: "alavoie@rfeq.example",
    title: "Ce que les exportatrices québécoises aimeraient connaître du Chili",
    body: p(
      "Notre réseau regroupe 350 entrepreneures québécoises qui exportent ou souhaitent exporter. Plusieurs s’intéressent au Chili, en particulier dans l’agroalimentaire, les technologies propres et les services-conseils.",
      "Nous aimerions que les activités du plan de travail fassent connaître au Canada :\n- les programmes chiliens d’accompagnement des femmes exportatrices, qui sont souvent cités en exemple dans la région;\n- des contacts d’associations d’entrepreneures chiliennes pour organiser des rencontres d’affaires;\n- des informations pratiques sur la façon de faire affaire au Chili, idéalement en français.",
      "Nous proposons des webinaires conjoints réunissant des entrepreneures des deux pays, avec interprétation.",
    ),
    language: "fr",
    publication: "named",
    answers: { 0: "Les programmes chiliens d’accompagnement individuel des femmes exportatrices." },
    status: "approved",
    themes: ["smes"],
    translation: {
      locale: "es",
      title: "Lo que las exportadoras de Quebec querrían conocer de Chile",
      body: p(
        "Nuestra red reúne a 350 empresarias de Quebec que exportan o desean exportar. Varias están interesadas en Chile, en particular en el sector agroalimentario, las tecnologías limpias y los servicios de consultoría.",
        "Quisiéramos que las actividades del plan de trabajo dieran a conocer en Canadá:\n- los programas chilenos de acompañamiento a mujeres exportadoras, que a menudo se citan como ejemplo en la región;\n- contactos de asociaciones de empresarias chilenas para organizar reuniones de negocios;\n- información práctica sobre cómo hacer negocios en Chile, idealmente en francés.",
        "Proponemos seminarios web conjuntos con empresarias de ambos países, con interpretación.",
      ),
    },
  },
  {
    key: "cl-share-aysen",
    topic: SHARING_CL,
    at: 0.34,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-AI",
    name: "Yolanda Catalán",
    email: "yolanda.catalan.lanas@correo.example",
    gender: "woman",
    title: "Desde Aysén",
    body: "Soy artesana en lana en Coyhaique. Me informo de todo por WhatsApp y por la radio local, casi nunca por páginas web del gobierno. Si quieren que las mujeres de regiones conozcan estas actividades, tienen que llegar por esos canales y con información sencilla. También me gustaría saber si hay compradores en Canadá para artesanía en lana.",
    language: "es",
    publication: "anonymous",
    answers: { 2: "WhatsApp, la radio local y las agrupaciones de artesanas." },
    status: "approved",
    themes: ["smes"],
  },
  {
    key: "cl-share-accessibility",
    topic: SHARING_CL,
    at: 0.42,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-CO",
    name: "Camila Robles",
    email: "camila.robles.s@correo.example",
    gender: "prefer_not",
    title: "Información accesible para todas las personas",
    body: "Sugiero que toda la información que se publique sea accesible para personas con discapacidad: videos con subtítulos y lengua de señas, documentos que se puedan leer con lectores de pantalla, y lenguaje claro. Muchas veces los materiales de comercio exterior están llenos de siglas y términos técnicos que excluyen a muchas emprendedoras.",
    language: "es",
    publication: "anonymous",
    answers: { 1: "Videos con subtítulos y lengua de señas, y documentos accesibles con lectores de pantalla." },
    status: "approved",
  },
  {
    key: "cl-share-network-comment",
    topic: SHARING_CL,
    at: 0.5,
    kind: "comment",
    replyTo: "cl-share-cosmetics",
    onBehalf: "organisation",
    type: "ngo",
    org: "Red de Emprendedoras de Los Ríos",
    womenLed: "yes",
    country: "CL",
    region: "CL-LR",
    name: "Beatriz Schulz",
    email: "red@emprendedorasdelosrios.example",
    title: "Coincidimos",
    body: "Desde nuestra red coincidimos con esta experiencia: el acompañamiento individual es lo que marca la diferencia. Agregaríamos que las empresarias que ya exportaron pueden ser mentoras de las que recién empiezan, y que eso debería reconocerse y apoyarse en los programas públicos.",
    language: "es",
    publication: "anonymous",
    status: "approved",
    themes: ["smes"],
  },
  {
    key: "cl-share-mining-elsewhere",
    topic: SHARING_CL,
    at: 0.58,
    onBehalf: "self",
    type: "individual",
    country: "CL",
    region: "CL-RM",
    name: "Hernán Valdés",
    email: "hernan.valdes.m@correo.example",
    title: "Sobre la minería",
    body: "Creo que Chile debería exigir a las mineras canadienses que contraten más mujeres en las faenas y que publiquen cuántas trabajan en cada una. Las empresas extranjeras se llevan el cobre y dejan muy poco en las regiones.",
    language: "es",
    publication: "anonymous",
    status: "rejected",
    reason: "other",
    note: "Su comentario se refiere a la minería, tema de otra consulta abierta («Mujeres en la minería: experiencias y buenas prácticas en Chile»). Le invitamos a enviarlo allí.",
  },
  {
    key: "cl-share-pyramid",
    topic: SHARING_CL,
    at: 0.66,
    onBehalf: "organisation",
    type: "company",
    org: "Inversiones Futuro Digital",
    size: "micro",
    country: "CL",
    region: "CL-RM",
    name: "Equipo Comercial",
    email: "ventas@futurodigital-inversiones.example",
    title: "GANA DINERO DESDE TU CASA",
    body: "¡¡Mujer emprendedora!! Gana hasta $2.000.000 mensuales desde tu casa con nuestro sistema de inversión en criptomonedas. Sin experiencia, sin riesgo. Invita a tus amigas y recibe bonos por cada una. Escríbenos hoy por WhatsApp y recibe tu primera asesoría gratis. Cupos limitados.",
    language: "es",
    publication: "anonymous",
    status: "rejected",
    reason: "spam",
  },
  {
    key: "cl-share-magallanes",
    topic: SHARING_CL,
    at: 0.84,
    onBehalf: "organisation",
    type: "public_body",
    org: "Dirección Regional de Fomento Productivo de Magallanes",
    country: "CL",
    region: "CL-MA",
    name: "Karina Oyarzo",
    email: "koyarzo@fomentomagallanes.example",
    title: "Difundir también lo que pasa en las regiones extremas",
    body: p(
      "Desde Magallanes vemos que la mayoría de los programas y experiencias que se difunden son de la zona central. En nuestra región hay empresarias exportadoras de turismo, lana, carne ovina y, cada vez más, de proyectos de hidrógeno verde, que tienen mucho que mostrar a Canadá, un país que también tiene territorios aislados y fríos.",
      "Proponemos que los materiales de difusión incluyan casos de regiones extremas y que los eventos se transmitan en línea con grabación disponible, porque viajar a Santiago cuesta casi lo mismo que viajar a otro país.",
    ),
    language: "es",
    publication: "named",
    answers: { 1: "Grabaciones de los eventos y fichas breves de casos, disponibles en línea." },
    status: "pending",
  },
  {
    key: "cl-share-weavers",
    topic: SHARING_CL,
    at: 0.93,
    onBehalf: "organisation",
    type: "indigenous",
    org: "Asociación de Tejedoras Mapuche Ñimin Witral",
    womenLed: "yes",
    country: "CL",
    region: "CL-AR",
    name: "Elisa Huenchumil",
    email: "tejedoras@nimin-witral.example",
    title: "Textilería mapuche: compartir nuestra experiencia con mujeres indígenas de Canadá",
    body: p(
      "Somos 34 tejedoras mapuche de comunidades de Temuco, Padre Las Casas y Cholchol. Hace cinco años empezamos a vender en ferias internacionales con apoyo de programas públicos, y algunas de nosotras ya han vendido a tiendas de Canadá.",
      "Nos parece importante que se dé a conocer en Canadá la experiencia de las artesanas indígenas chilenas, pero también la protección de nuestros diseños: muchas veces nuestros diseños tradicionales son copiados y vendidos por otros. Nos gustaría conocer cómo las mujeres de las Primeras Naciones en Canadá protegen su arte y lo comercializan.",
      "Proponemos un intercambio entre organizaciones de artesanas indígenas de ambos países.",
    ),
    language: "es",
    publication: "named",
    answers: {
      0: "Los programas de apoyo a la artesanía indígena que nos permitieron llegar a ferias internacionales, y cómo hemos protegido nuestros diseños.",
    },
    status: "pending",
  },
];

/** Every demo submission, in the order they are planned (a comment after the proposal it answers). */
export const demoSubmissions: readonly DemoSubmission[] = [
  ...miningCanada,
  ...dataCanada,
  ...crossCanada,
  ...campaign,
  ...cleanCanada,
  ...miningChile,
  ...dialogueChile,
  ...sharingChile,
];

/** Which of the party's demo themes (db/seed/data/themes.ts, by position) each key names. */
const THEME_POSITIONS: Record<Party, Partial<Record<ThemeKey, number>>> = {
  CA: { data: 0, mining: 1, care: 2, finance: 3, cleantech: 4, indigenous: 5 },
  CL: { data: 0, mining: 1, care: 2, smes: 3, finance: 4, cleantech: 5, indigenous: 6 },
};

/** The demo moderators who decide, one per party (created by seedDemoAccounts). */
const MODERATORS: Record<Party, string> = { CA: "moderator.ca@puente.test", CL: "moderadora.cl@puente.test" };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a tiny PRNG, seeded so that the demo is the same every time. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoSubmissionCounts {
  total: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  pending: number;
  campaigns: number;
  campaignLetters: number;
  redacted: number;
  translated: number;
}

export type DemoSubmissionsOutcome = { seeded: true; counts: DemoSubmissionCounts } | { seeded: false; reason: "not_empty" | "no_moderators" | "smtp" };

/** The line `npm start` prints about the demo submissions (null: nothing worth saying). */
export function demoSubmissionsLine(outcome: DemoSubmissionsOutcome): string | null {
  if (outcome.seeded) {
    const c = outcome.counts;
    return (
      `Demo submissions: ${c.total} (${c.approved} approved, ${c.rejected} rejected, ${c.withdrawn} withdrawn, ${c.pending} pending; ` +
      `${c.campaigns} campaign of ${c.campaignLetters} letters, ${c.redacted} redacted, ${c.translated} translated)`
    );
  }
  if (outcome.reason === "no_moderators") return `Demo submissions not created: the demo moderators (${Object.values(MODERATORS).join(", ")}) are missing.`;
  if (outcome.reason === "smtp")
    return "Demo submissions not created: SMTP_URL is set, and their receipts and decisions would be emailed to made-up addresses.";
  return null;
}

interface Planned {
  spec: DemoSubmission;
  party: Party;
  topicId: number;
  slug: string;
  created: Date;
  /** When the moderator decides (approved or rejected ones). */
  decided: Date | null;
  inReplyTo: Planned | null;
  reference?: string;
  token?: string | null;
}

/**
 * On a database without any submission, creates the demo submissions and the officials' decisions
 * on them (see the top of this file). Needs the seeded topics and themes (seed) and the demo
 * moderators (seedDemoAccounts). Does nothing on a database that has a submission already.
 */
export async function seedDemoSubmissions(db: Kysely<Database>, now: Date = new Date()): Promise<DemoSubmissionsOutcome> {
  const any = await db.selectFrom("submissions").select("id").limit(1).executeTakeFirst();
  if (any) return { seeded: false, reason: "not_empty" };
  // Without SMTP every email stays in the outbox; with it, the demo would write to made-up people.
  if (process.env.SMTP_URL) return { seeded: false, reason: "smtp" };

  const actors = {} as Record<Party, Actor>;
  for (const party of ["CA", "CL"] as const) {
    const user = await db
      .selectFrom("users")
      .select(["id", "role", "party_code"])
      .where("email", "=", MODERATORS[party])
      .where("role", "=", "moderator")
      .where("party_code", "=", party)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!user) return { seeded: false, reason: "no_moderators" };
    actors[party] = { id: user.id, role: user.role, partyCode: user.party_code };
  }

  // Each topic's usable open period: from its opening (at most 60 days back) to its close or now.
  const slugs = [...new Set(demoSubmissions.map((s) => s.topic))];
  const topics = await db.selectFrom("topics").selectAll().where("slug", "in", slugs).execute();
  const windows = new Map<string, { id: number; party: Party; start: number; end: number; questions: number[] }>();
  for (const topic of topics) {
    if (topic.party_code !== "CA" && topic.party_code !== "CL") continue;
    const closes = Math.min(Date.parse(topic.closes_at), topic.closed_early_at ? Date.parse(topic.closed_early_at) : Infinity, now.getTime());
    const end = closes - 3 * HOUR;
    const start = Math.max(Date.parse(topic.opens_at), closes - 60 * DAY) + HOUR;
    if (end - start < 12 * HOUR) continue;
    if (topicStatus(topic, new Date(start)) !== "open" || topicStatus(topic, new Date(end)) !== "open") continue;
    const questions = await db.selectFrom("topic_questions").select("id").where("topic_id", "=", topic.id).orderBy("position").execute();
    windows.set(topic.slug, { id: topic.id, party: topic.party_code, start, end, questions: questions.map((q) => q.id) });
  }

  const themeRows = await db.selectFrom("themes").select(["id", "party_code", "label_en"]).execute();
  const themeIds = (party: Party, keys: ThemeKey[] = []) =>
    keys.flatMap((key) => {
      const position = THEME_POSITIONS[party][key];
      const label = position === undefined ? undefined : demoThemes[party][position]?.en;
      const row = themeRows.find((t) => t.party_code === party && t.label_en === label);
      return row ? [row.id] : [];
    });

  // Plan every date first (deterministically), then play the events in time order.
  const random = prng(20241129);
  const latest = now.getTime() - 30 * 60_000;
  const decisionAfter = (created: number) => new Date(Math.min(created + 6 * HOUR + random() * 54 * HOUR, latest));
  const planned = new Map<string, Planned>();
  for (const spec of demoSubmissions) {
    const window = windows.get(spec.topic);
    const jitter = (random() - 0.5) * 12 * HOUR;
    if (!window) continue;
    const clamp = (t: number) => Math.min(window.end, Math.max(window.start, t));
    let created = clamp(window.start + spec.at * (window.end - window.start) + jitter);
    let inReplyTo: Planned | null = null;
    const parent = spec.replyTo ? planned.get(spec.replyTo) : undefined;
    if (parent?.decided && parent.spec.status === "approved") {
      // A comment answers a proposal once it is published.
      const after = parent.decided.getTime() + 2 * HOUR;
      if (created < after) created = after <= window.end ? after : parent.decided.getTime() + (window.end - parent.decided.getTime()) / 2;
      if (created > parent.decided.getTime() + 10 * 60_000) inReplyTo = parent;
    }
    const decides = (spec.status === "approved" && !spec.campaign) || spec.status === "rejected";
    planned.set(spec.key, {
      spec,
      party: window.party,
      topicId: window.id,
      slug: spec.topic,
      created: new Date(created),
      decided: decides ? decisionAfter(created) : null,
      inReplyTo,
    });
  }

  const events: Array<{ at: number; run: () => Promise<void> }> = [];
  const at = (date: Date | number, run: () => Promise<void>) => events.push({ at: typeof date === "number" ? date : date.getTime(), run });
  const version = async (reference: string) =>
    (await db.selectFrom("submissions").select("version").where("reference", "=", reference).executeTakeFirstOrThrow()).version;
  const act = async (item: Planned, when: Date | number, action: Record<string, unknown>) => {
    if (!item.reference) return;
    const parsed = moderationActionSchema.parse({ ...action, version: await version(item.reference) });
    await moderate(db, actors[item.party], item.reference, parsed, new Date(when));
  };

  for (const item of planned.values()) {
    const { spec } = item;
    at(item.created, async () => {
      const questions = windows.get(spec.topic)?.questions ?? [];
      const answers = Object.fromEntries(
        Object.entries(spec.answers ?? {}).flatMap(([position, text]) => {
          const id = questions[Number(position)];
          return id === undefined ? [] : [[`answer_${id}`, text]];
        }),
      );
      const values = submissionFormSchema.parse({
        kind: spec.kind ?? "proposal",
        inReplyTo: item.inReplyTo?.reference ?? "",
        onBehalf: spec.onBehalf,
        stakeholderType: spec.type,
        stakeholderOther: spec.other ?? "",
        organisationName: spec.org ?? "",
        organisationSize: spec.size ?? "",
        womenLed: spec.womenLed ?? "",
        country: spec.country,
        region: spec.region ?? "",
        contactName: spec.name,
        contactEmail: spec.email,
        title: spec.title ?? "",
        body: spec.body,
        language: spec.language,
        publication: spec.publication,
        privacy: "on",
        gender: spec.gender ?? "",
        ...answers,
      });
      try {
        const created = await createSubmission(db, { topicSlug: item.slug, values, pageLocale: spec.language, now: item.created });
        item.reference = created.reference;
        item.token = created.token;
      } catch (error) {
        // A topic an official changed meanwhile (closed, archived): leave this one out.
        if (!(error instanceof SubmissionRefused)) throw error;
      }
    });
    if (item.decided) {
      const decided = item.decided;
      if (spec.status === "rejected") {
        at(decided, () => act(item, decided, { intent: "reject", reason: spec.reason ?? "other", note: spec.note ?? "", applyToCampaign: false }));
        continue;
      }
      if (spec.redact?.length) {
        const marked = spec.redact.reduce((text, passage) => text.split(passage).join(`[[${passage}]]`), spec.body);
        const when = decided.getTime() - 15 * 60_000;
        at(when, () => act(item, when, { intent: "redact", title: spec.title ?? "", body: marked, attachmentsPublic: false, answers: {} }));
      }
      at(decided, () => act(item, decided, { intent: "approve", applyToCampaign: false }));
      const tagged = decided.getTime() + 2 * 60_000;
      at(tagged, () => act(item, tagged, { intent: "tag", themes: themeIds(item.party, spec.themes) }));
      const translation = spec.translation;
      if (translation) {
        const when = Math.min(decided.getTime() + 20 * HOUR, now.getTime() - 5 * 60_000);
        at(when, () =>
          act(item, when, {
            intent: "translate",
            translationLocale: translation.locale,
            translationTitle: translation.title ?? "",
            translationBody: translation.body,
          }),
        );
      }
    }
    if (spec.status === "withdrawn") {
      // The person uses the private link from their receipt (withdrawOwnSubmission dates it now).
      at(now.getTime(), async () => {
        if (item.reference && item.token) {
          const own = await getOwnSubmission(db, item.reference, item.token);
          if (own) await withdrawOwnSubmission(db, item.reference, item.token, own.submission.version);
        }
      });
    }
  }

  // The form letter: grouped as a campaign once every copy is in (a later copy joins on arrival
  // only with the reviewed copy's very text, and these differ in greeting and signature:
  // docs/decisions/015), then approved all at once, each copy tagged like the first.
  const letters = [...planned.values()].filter((item) => item.spec.campaign).sort((a, b) => a.created.getTime() - b.created.getTime());
  const lead = letters[0];
  if (lead && letters.length >= 3) {
    const grouped = Math.min(letters[letters.length - 1]!.created.getTime() + 5 * HOUR, latest - HOUR);
    at(grouped, () => act(lead, grouped, { intent: "campaign" }));
    const approved = Math.min(letters[letters.length - 1]!.created.getTime() + 8 * HOUR, latest);
    at(approved, () => act(lead, approved, { intent: "approve", applyToCampaign: true }));
    for (const letter of letters) {
      const tagged = approved + 2 * 60_000;
      at(tagged, () => act(letter, tagged, { intent: "tag", themes: themeIds(letter.party, letter.spec.themes) }));
    }
  }

  // A stable sort: at the same moment, events keep the order they were planned in.
  events.sort((a, b) => a.at - b.at);
  for (const event of events) await event.run();

  return { seeded: true, counts: await countDemo(db) };
}

async function countDemo(db: Kysely<Database>): Promise<DemoSubmissionCounts> {
  const byStatus = await db
    .selectFrom("submissions")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const status = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const n = async (query: Promise<{ n: number | string | bigint } | undefined>) => Number((await query)?.n ?? 0);
  return {
    total: byStatus.reduce((sum, r) => sum + Number(r.n), 0),
    approved: status("approved"),
    rejected: status("rejected"),
    withdrawn: status("withdrawn"),
    pending: status("pending"),
    campaigns: await n(
      db
        .selectFrom("campaigns")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ),
    campaignLetters: await n(
      db
        .selectFrom("submissions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("campaign_id", "is not", null)
        .executeTakeFirst(),
    ),
    redacted: await n(
      db
        .selectFrom("submissions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("published_body", "is not", null)
        .executeTakeFirst(),
    ),
    translated: await n(
      db
        .selectFrom("submission_translations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ),
  };
}
