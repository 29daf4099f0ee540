// The labelled set bench:pii measures the PII detector on (ADR 041): texts in English, French and
// Spanish about trade and gender, each with personal data planted in varied formats (labelled with
// their kind and position) among distractors that look like them and are not (invalid check digits,
// dates, amounts, years, the work plan's "N bis" articles, other people's names…). Deterministic:
// the same seed gives the same set, byte for byte (bench/data/pii-set.json is its output).

import type { PiiKind } from "../app/pii/detector";
import { piiKinds } from "../app/pii/detector";
import { passesLuhn, rutCheckDigit } from "../app/pii/checksums";

export type Lang = "en" | "fr" | "es";
export interface PlantedItem {
  kind: PiiKind;
  start: number;
  end: number;
}
export interface LabelledText {
  lang: Lang;
  /** The submission's contact name (what the detector is given for names). */
  contact: string;
  text: string;
  items: PlantedItem[];
}
export interface PiiSet {
  seed: number;
  texts: LabelledText[];
}

/** mulberry32: small, fast and the same everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join("");
  return { next, int, pick, digits, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const FIRST = [
  "Ana",
  "María José",
  "José",
  "Hélène",
  "François",
  "Camila",
  "Matías",
  "Marie-Ève",
  "Jean-François",
  "Valentina",
  "Ignacio",
  "Chloé",
  "Benjamín",
  "Sofía",
  "Émilie",
  "Luc",
  "Catalina",
  "Joaquín",
  "Isabelle",
  "Fernanda",
  "Andrés",
  "Geneviève",
  "Martina",
  "Nathalie",
  "Tomás",
  "Josefa",
  "Olivier",
  "Renée",
];
const LAST = [
  "Pérez",
  "Tremblay",
  "González",
  "Côté",
  "Muñoz",
  "Gagnon",
  "Rojas",
  "Bélanger",
  "Díaz",
  "Roy",
  "Soto",
  "Bouchard",
  "Contreras",
  "Lévesque",
  "Araya",
  "Morin",
  "Sepúlveda",
  "Fortin",
  "Núñez",
  "Pelletier",
  "Fuentes",
  "Gauthier",
  "Valenzuela",
  "Ouellet",
  "Espinoza",
  "Thériault",
  "Castillo",
  "Leblanc",
  "Jiménez",
  "MacDonald",
  "O'Brien",
  "Vergara",
];
/** People the texts mention who are not the contact: a name finder that flags every name fails here. */
const OTHERS = [
  "Mary Ng",
  "Antonia Urrejola",
  "Gabriel Boric",
  "Justin Trudeau",
  "Mélanie Joly",
  "Michelle Bachelet",
  "Chrystia Freeland",
  "Gabriela Mistral",
  "Violeta Parra",
  "Louise Arbour",
];

const STREET_EN = [
  "Main",
  "Elgin",
  "Bank",
  "Queen",
  "King",
  "Wellington",
  "Sussex",
  "Maple",
  "Oak",
  "Cedar",
  "Church",
  "Victoria",
  "Lakeshore",
  "Spadina",
  "Portage",
  "Jasper",
  "Granville",
  "Robson",
  "Saint Paul",
  "Old Mill",
];
const TYPES_EN = ["Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Boulevard", "Drive", "Lane", "Crescent", "Court", "Place", "Way"];
const STREET_FR = [
  "Sainte-Catherine",
  "Saint-Denis",
  "Sherbrooke",
  "René-Lévesque",
  "des Pins",
  "du Lac",
  "de la Montagne",
  "Laurier",
  "Saint-Laurent",
  "des Érables",
  "Wellington",
  "de l'Église",
  "Papineau",
  "du Parc",
  "Notre-Dame",
];
const TYPES_FR = ["rue", "avenue", "boulevard", "chemin", "route", "place", "rang", "allée", "montée", "côte"];
const STREET_ES = [
  "Libertador Bernardo O'Higgins",
  "Providencia",
  "Los Aromos",
  "Las Rosas",
  "Apoquindo",
  "Vicuña Mackenna",
  "Irarrázaval",
  "Pedro de Valdivia",
  "El Alba",
  "Los Leones",
  "Manuel Montt",
  "San Martín",
  "Colón",
  "Prat",
  "Errázuriz",
];
const TYPES_ES = ["Av.", "Avenida", "calle", "Calle", "Pasaje", "Pje.", "Camino", "Avda.", "Alameda"];
const DOMAINS = [
  "mail.uchile.cl",
  "example.cl",
  "correo.cl",
  "gmail.com",
  "uottawa.ca",
  "sindicato-norte.org",
  "mujeresexportadoras.cl",
  "coop-quebec.qc.ca",
  "uchile.cl",
  "outlook.com",
  "camara.cl",
  "fondation.ca",
  "yahoo.fr",
];

const FILLER: Record<Lang, string[]> = {
  en: [
    "Women-owned exporters still face higher costs to reach buyers abroad.",
    "The work plan under chapter N bis should fund training for small firms.",
    "Our cooperative has 42 members, 31 of them women, in three regions.",
    "Trade missions rarely include Indigenous women entrepreneurs.",
    "We ask both governments to publish gender-disaggregated export data every year.",
    "Access to credit remains the main obstacle we hear about.",
    "In 2024 our members exported about 15% more than in 2022.",
    "Care responsibilities limit the time women can give to new markets.",
  ],
  fr: [
    "Les exportatrices font encore face à des coûts plus élevés pour joindre des acheteurs à l’étranger.",
    "Le plan de travail du chapitre N bis devrait financer la formation des petites entreprises.",
    "Notre coopérative compte 42 membres, dont 31 femmes, dans trois régions.",
    "Les missions commerciales incluent rarement des entrepreneures autochtones.",
    "Nous demandons aux deux gouvernements de publier chaque année des données ventilées par sexe.",
    "L’accès au crédit reste le principal obstacle dont on nous parle.",
    "En 2024, nos membres ont exporté environ 15 % de plus qu’en 2022.",
    "Les responsabilités familiales limitent le temps consacré aux nouveaux marchés.",
  ],
  es: [
    "Las exportadoras todavía enfrentan costos más altos para llegar a compradores en el extranjero.",
    "El plan de trabajo del capítulo N bis debería financiar la capacitación de las pequeñas empresas.",
    "Nuestra cooperativa tiene 42 socias y socios, 31 de ellos mujeres, en tres regiones.",
    "Las misiones comerciales rara vez incluyen a emprendedoras indígenas.",
    "Pedimos a ambos gobiernos publicar cada año datos de exportación desagregados por sexo.",
    "El acceso al crédito sigue siendo el principal obstáculo que escuchamos.",
    "En 2024 nuestras socias exportaron cerca de un 15 % más que en 2022.",
    "Las tareas de cuidado limitan el tiempo que las mujeres dedican a nuevos mercados.",
  ],
};

/** Sentences around a planted item ({x}); some say what it is, some do not. */
const FRAMES: Record<Lang, Record<PiiKind, string[]>> = {
  en: {
    email: ["Write to me at {x} for the full study.", "Contact: {x}", "Our coordinator ({x}) can send the data."],
    phone: ["You can call me at {x}.", "Phone: {x}", "Reach our office on {x} during business hours."],
    rut: ["My RUT is {x}.", "Registered in Chile under {x}, our cooperative exports wine.", "ID {x} (Chile)."],
    sin: ["My SIN is {x}, in case you need it.", "I was asked for {x} when I applied.", "Social insurance number: {x}."],
    postal_code: ["We are located in {x}.", "Mailing address postal code {x}.", "Our office ({x}) hosts the meetings."],
    address: ["Our office is at {x}.", "Send documents to {x}, Ottawa.", "Meetings take place at {x} every month."],
    url: ["See our report at {x}.", "More information: {x}", "The full data set is on {x} for anyone."],
    name: ["My name is {x} and I lead the cooperative.", "{x} prepared this proposal.", "As {x} said at the meeting, costs matter."],
  },
  fr: {
    email: ["Écrivez-moi à {x} pour l’étude complète.", "Courriel : {x}", "Notre coordonnatrice ({x}) peut envoyer les données."],
    phone: ["Vous pouvez me joindre au {x}.", "Téléphone : {x}", "Notre bureau répond au {x} en semaine."],
    rut: ["Mon RUT est le {x}.", "Inscrite au Chili sous le numéro {x}, notre coopérative exporte.", "Identifiant chilien {x}."],
    sin: ["Mon NAS est le {x}, au besoin.", "On m’a demandé le {x} lors de ma demande.", "Numéro d’assurance sociale : {x}."],
    postal_code: ["Nous sommes situées à Montréal, {x}.", "Code postal : {x}.", "Notre bureau ({x}) accueille les réunions."],
    address: ["Notre bureau est au {x}.", "Envoyez les documents au {x}, Québec.", "Les réunions ont lieu au {x} chaque mois."],
    url: ["Voir notre rapport : {x}.", "Plus d’information : {x}", "Les données complètes sont sur {x} pour tous."],
    name: ["Je m’appelle {x} et je dirige la coopérative.", "{x} a préparé cette proposition.", "Comme l’a dit {x} à la réunion, les coûts comptent."],
  },
  es: {
    email: ["Escríbame a {x} para recibir el estudio completo.", "Correo: {x}", "Nuestra coordinadora ({x}) puede enviar los datos."],
    phone: ["Puede llamarme al {x}.", "Teléfono: {x}", "Nuestra oficina atiende en el {x} en horario hábil."],
    rut: ["Mi RUT es {x}.", "Inscrita con el número {x}, nuestra cooperativa exporta.", "RUN {x}."],
    sin: ["Mi número de seguro social canadiense es {x}.", "Me pidieron el {x} al postular en Canadá.", "SIN: {x}."],
    postal_code: ["Estamos en Santiago, {x}.", "Código postal {x}.", "Nuestra oficina ({x}) recibe las reuniones."],
    address: ["Nuestra oficina está en {x}.", "Envíe los documentos a {x}, Santiago.", "Las reuniones son en {x} cada mes."],
    url: ["Vea nuestro informe en {x}.", "Más información: {x}", "Los datos completos están en {x} para todos."],
    name: ["Me llamo {x} y dirijo la cooperativa.", "{x} preparó esta propuesta.", "Como dijo {x} en la reunión, los costos importan."],
  },
};

/** Things that look like personal data and are not: the detector must leave them alone. */
const DISTRACTOR_FRAMES: Record<Lang, string[]> = {
  en: ["The amount was {x}.", "See {x} of the work plan.", "On {x} we met the committee.", "Reference {x} in the register.", "{x} of the members agreed."],
  fr: [
    "Le montant était de {x}.",
    "Voir {x} du plan de travail.",
    "Le {x}, nous avons rencontré le comité.",
    "Référence {x} au registre.",
    "{x} des membres étaient d’accord.",
  ],
  es: [
    "El monto fue de {x}.",
    "Ver {x} del plan de trabajo.",
    "El {x} nos reunimos con el comité.",
    "Referencia {x} en el registro.",
    "{x} de las socias estuvo de acuerdo.",
  ],
};

const strip = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

function email(r: Rng, contact: string): string {
  const [first, ...rest] = strip(contact).toLowerCase().replace(/'/g, "").split(" ");
  const last = rest.at(-1) ?? "x";
  const local = r
    .pick([
      `${first}.${last}`,
      `${first![0]}${last}`,
      `${last}${r.int(1, 99)}`,
      "contacto",
      "info",
      `${first}_${last}`,
      `${first}-${last}`,
      "coordinacion.regional",
    ])
    .replace(/\s/g, "");
  const domain = r.pick(DOMAINS);
  const roll = r.next();
  if (roll < 0.05) return `${local} [at] ${domain.replace(/\.(?=[^.]+$)/, " [dot] ")}`;
  if (roll < 0.1) return `${local}@${domain}`.toUpperCase();
  return `${local}@${domain}`;
}

function phone(r: Rng): string {
  const area = `${r.int(2, 9)}${r.digits(2)}`;
  const ex = `${r.int(2, 9)}${r.digits(2)}`;
  const line = r.digits(4);
  const m8 = `${r.digits(4)} ${r.digits(4)}`;
  const [a, b] = m8.split(" ");
  const formats = [
    `(${area}) ${ex}-${line}`,
    `${area}-${ex}-${line}`,
    `${area}.${ex}.${line}`,
    `+1 ${area} ${ex} ${line}`,
    `1-800-${ex}-${line}`,
    `+1 (${area}) ${ex}-${line}`,
    `${area} ${ex} ${line}`,
    `${area}${ex}${line}`,
    `${area}-${ex}-${line} ext. ${r.int(1, 999)}`,
    `+56 9 ${m8}`,
    `+569${a}${b}`,
    `9 ${m8}`,
    `+56 2 2${r.digits(3)} ${b}`,
    `(2) 2${r.digits(3)} ${b}`,
    `+56 ${r.int(3, 7)}${r.int(1, 9)} ${r.digits(3)} ${b}`,
    `+56-9-${a}-${b}`,
    `09 ${m8}`,
    `56 9 ${m8}`,
    `+1-${area}-${ex}-${line}`,
    `+56 (9) ${m8}`,
    `(${area})${ex}-${line}`,
    `${area} ${ex}${line}`,
  ];
  return r.pick(formats);
}

function rut(r: Rng): string {
  const body = String(r.chance(0.15) ? r.int(1_000_000, 9_999_999) : r.int(10_000_000, 26_999_999));
  const check = rutCheckDigit(body);
  const dotted = body.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const roll = r.next();
  // Rare spellings the detector does not read (spaces for dots): recall below 100 % says so.
  if (roll < 0.01) return `${dotted.replace(/\./g, " ")}-${check}`;
  if (check === "K" && roll < 0.3) return `${body}${r.chance(0.5) ? "K" : "k"}`;
  if (roll < 0.55) return `${dotted}-${check}`;
  if (roll < 0.9) return `${body}-${check}`;
  return `${dotted}-${check.toLowerCase()}`;
}

function sin(r: Rng): string {
  const first = r.chance(0.03) ? "0" : String(r.pick([1, 2, 3, 4, 5, 6, 7, 9]));
  const partial = `${first}${r.digits(7)}`;
  let check = 0;
  while (!passesLuhn(`${partial}${check}`)) check++;
  const d = `${partial}${check}`;
  const sep = r.chance(0.01) ? "." : r.pick([" ", "-", "", " "]);
  return `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}`;
}

const FSA_FIRST = "ABCEGHJKLMNPRSTVXY";
const FSA_OTHER = "ABCEGHJKLMNPRSTVWXYZ";
function postal(r: Rng, lang: Lang): { text: string; frame?: string } {
  if (r.chance(lang === "es" ? 0.7 : 0.3)) {
    const code = `${r.int(1, 9)}${r.digits(6)}`;
    const context = {
      en: ["postal code", "Postal code:", "CP"],
      fr: ["code postal", "C.P.", "code postal :"],
      es: ["código postal", "Código Postal", "CP", "C.P."],
    }[lang];
    return { text: code, frame: `${r.pick(context)} {x}` };
  }
  const l = () => r.pick([...FSA_OTHER]);
  let code = `${r.pick([...FSA_FIRST])}${r.int(0, 9)}${l()}${r.pick([" ", " ", "", "-"])}${r.int(0, 9)}${l()}${r.int(0, 9)}`;
  if (r.chance(0.05)) code = code.toLowerCase();
  return { text: code };
}

function address(r: Rng, lang: Lang): string {
  const n = String(r.chance(0.8) ? r.int(1, 9999) : r.int(10000, 99999));
  const style = r.chance(0.6) ? lang : r.pick(["en", "fr", "es"] as const);
  if (style === "en") {
    const unit = r.chance(0.15) ? `, Suite ${r.int(100, 999)}` : "";
    const dir = r.chance(0.15) ? ` ${r.pick(["North", "East", "West", "NW"])}` : "";
    return `${n}${r.chance(0.1) ? r.pick(["A", "B"]) : ""} ${r.pick(STREET_EN)} ${r.pick(TYPES_EN)}${dir}${unit}`;
  }
  if (style === "fr") {
    const dir = r.chance(0.15) ? ` ${r.pick(["Est", "Ouest", "Nord"])}` : "";
    const unit = r.chance(0.1) ? `, bureau ${r.int(100, 999)}` : "";
    return `${n}${r.chance(0.4) ? "," : ""} ${r.pick(TYPES_FR)} ${r.pick(STREET_FR)}${dir}${unit}`;
  }
  const sign = r.pick(["", "", "", "N° ", "#", "nº "]);
  const unit = r.chance(0.2) ? `, ${r.pick(["depto.", "oficina", "of.", "dpto."])} ${r.int(1, 1500)}` : "";
  return `${r.pick(TYPES_ES)} ${r.pick(STREET_ES)} ${sign}${r.int(1, 12000)}${unit}`;
}

function url(r: Rng, contact: string): string {
  const slug = strip(contact)
    .toLowerCase()
    .replace(/[^a-z]+/g, "-");
  return r.pick([
    `https://www.${r.pick(DOMAINS)}/contacto`,
    `http://${r.pick(DOMAINS)}`,
    `www.${r.pick(DOMAINS)}`,
    `https://puente.gc.ca/fr/consultations?id=${r.int(1, 99)}`,
    `https://www.linkedin.com/in/${slug}`,
    `${r.pick(DOMAINS)}/perfil/${slug}`,
    `https://${r.pick(DOMAINS)}/informes/2024/estudio-${r.int(1, 50)}.pdf`,
    `HTTPS://${r.pick(DOMAINS).toUpperCase()}/`,
  ]);
}

/** The contact's name, or a part of it, as a person would write it. */
function nameMention(r: Rng, contact: string): string {
  const parts = contact.split(" ");
  const first = parts.slice(0, -1).join(" ");
  const last = parts.at(-1)!;
  const roll = r.next();
  if (roll < 0.45) return contact;
  if (roll < 0.6) return first;
  if (roll < 0.72) return last;
  if (roll < 0.82) return contact.toUpperCase();
  if (roll < 0.92) return strip(contact);
  return contact.toLowerCase();
}

function distractor(r: Rng): string {
  const wrongRut = () => {
    const body = String(r.int(5_000_000, 26_999_999));
    const right = rutCheckDigit(body);
    const wrong = r.pick([..."0123456789K"].filter((c) => c !== right));
    return r.chance(0.5) ? `${body.replace(/\B(?=(\d{3})+(?!\d))/g, ".")}-${wrong}` : `${body}-${wrong}`;
  };
  const nonLuhn = () => {
    let d: string;
    do d = `${r.int(1, 9)}${r.digits(8)}`;
    while (passesLuhn(d));
    const sep = r.pick([" ", "-", ""]);
    return `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}`;
  };
  const luhnAmount = () => {
    let d: string;
    do d = `${r.int(1, 9)}${r.digits(8)}`;
    while (!passesLuhn(d));
    return r.pick([`${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)} $`, `$${d.slice(0, 3)},${d.slice(3, 6)},${d.slice(6)}`, `CLP ${d}`]);
  };
  const day = String(r.int(1, 28)).padStart(2, "0");
  const month = String(r.int(1, 12)).padStart(2, "0");
  const year = r.int(1990, 2030);
  return r.pick([
    wrongRut(),
    wrongRut(),
    nonLuhn(),
    nonLuhn(),
    luhnAmount(),
    `${day}-${month}-${year}`,
    `${year}-${month}-${day}`,
    `${day}/${month}/${year}`,
    `${day}.${month}.${year}`,
    `${year}–${year + 1}`,
    `${r.int(1, 999)} ${r.digits(3)} ${r.digits(3)} $`,
    `$${r.int(1, 999)},${r.digits(3)},${r.digits(3)}.${r.digits(2)}`,
    `${r.int(1, 99)}.${r.digits(3)}.${r.digits(3)} pesos`,
    `article N bis-${String(r.int(1, 9)).padStart(2, "0")}`,
    `N bis ${r.int(1, 12)}`,
    `${r.int(1, 99)},${r.digits(2)} %`,
    `${r.int(0, 9)}.${r.digits(5)}`,
    `${r.digits(7)} ${r.pick(["inhabitants", "habitantes", "habitants"])}`,
    `ISBN 978-${r.int(1, 9)}-${r.digits(2)}-${r.digits(6)}-${r.int(0, 9)}`,
    `${r.int(1, 12)} ${r.pick(["members", "socias", "membres"])} (${year})`,
    `Ley N° ${r.int(19, 21)}.${r.digits(3)}`,
    `${r.int(2, 9)}${r.digits(2)} ${r.pick(["Main", "Bank", "Queen"])} members`,
    r.pick(OTHERS),
    `${r.int(1, 30)} ${r.pick(["rue", "calle", "Street"])}s`,
  ]);
}

/** `count` texts; each plants six kinds in turn, so every kind gets `count × 6 / 8` items. */
export function generatePiiSet(seed = 20241206, count = 1400): PiiSet {
  const r = prng(seed);
  const texts: LabelledText[] = [];
  for (let i = 0; i < count; i++) {
    const lang = (["en", "fr", "es"] as const)[i % 3]!;
    const contact = `${r.pick(FIRST)} ${r.pick(LAST)}`;
    const kinds = Array.from({ length: 6 }, (_, j) => piiKinds[(i + j) % piiKinds.length]!);
    const pieces: ({ plain: string } | { frame: string; kind: PiiKind | null; value: string })[] = [];
    for (const kind of kinds) {
      if (r.chance(0.6)) pieces.push({ plain: r.pick(FILLER[lang]) });
      let value: string;
      let frame = r.pick(FRAMES[lang][kind]);
      switch (kind) {
        case "email":
          value = email(r, contact);
          break;
        case "phone":
          value = phone(r);
          break;
        case "rut":
          value = rut(r);
          break;
        case "sin":
          value = sin(r);
          break;
        case "postal_code": {
          const p = postal(r, lang);
          value = p.text;
          if (p.frame) frame = `${p.frame}.`;
          break;
        }
        case "address":
          value = address(r, lang);
          break;
        case "url":
          value = url(r, contact);
          break;
        case "name":
          value = nameMention(r, contact);
          break;
      }
      pieces.push({ frame, kind, value });
      if (r.chance(0.5)) pieces.push({ frame: r.pick(DISTRACTOR_FRAMES[lang]), kind: null, value: distractor(r) });
    }
    pieces.push({ frame: r.pick(DISTRACTOR_FRAMES[lang]), kind: null, value: distractor(r) });
    let text = "";
    const items: PlantedItem[] = [];
    for (const piece of pieces) {
      if (text) text += r.chance(0.15) ? "\n\n" : " ";
      if ("plain" in piece) {
        text += piece.plain;
        continue;
      }
      const [before, after] = piece.frame.split("{x}") as [string, string];
      text += before;
      if (piece.kind) items.push({ kind: piece.kind, start: text.length, end: text.length + piece.value.length });
      // A frame that ends with the item ("Phone: {x}") ends its sentence there.
      text += piece.value + (after || ".");
    }
    texts.push({ lang, contact, text, items });
  }
  return { seed, texts };
}
