// The one module that reaches into pdfkit's private members, checked against pdfkit 0.20.2. The
// PDF summary needs them to stream a whole edition in bounded memory and without stalling the
// server (ADR 010, 012):
// - the current font's metrics and encoder, for the numbers written at the end (page totals);
// - the text flow state (`_wrapper`, `_textOptions`, `_fillColor`), saved around the running
//   header and footer drawn in the middle of flowing text;
// - the fonts' layout caches, emptied now and then;
// - `_addInfo`, wrapped to escape the document information inside the XMP metadata;
// - `_finalize` and what it reads (`_offsets`, `_offset`, `_write`, `_root`, `_info`, `_id`,
//   `_security`), replaced by the same cross-reference table written in blocks (ADR 012);
// - the page tree, the structure parent tree and structure elements' children, compacted as pages
//   are finished; page contents buffered as text.
// None of them falls back: the prototype's methods are checked when this module loads, and a
// document's members when it is adopted (adoptDocument) or first used; anything missing throws
// LibraryInternalsChanged, so a pdfkit upgrade that changed them fails loudly.
// `pdfkitFastPath` counts the use of each private path, so the tests can require it ran.
import PDFDocument from "pdfkit";
import { LibraryInternalsChanged } from "./library-internals.server";

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type Ref = PDFKit.PDFKitReference;

const missing = (member: string) => new LibraryInternalsChanged("pdfkit", member, "pdfkit 0.20.2", "app/exports/pdfkit-internals.server.ts");

/** How often each private path ran in this process (the tests read it). */
export const pdfkitFastPath = { documents: 0, xrefTables: 0, xrefBlocks: 0, compactedPages: 0, compactedChildren: 0 };

export interface FontObject {
  id: string;
  ascender: number;
  descender: number;
  encode(text: string): [string[], unknown[]];
  widthOfString(text: string, size: number): number;
  ref(): Ref;
  layoutCache?: Record<string, unknown>;
}

interface DocInternals {
  _font?: FontObject;
  _fillColor?: [unknown, unknown];
  _wrapper: unknown;
  _textOptions: unknown;
  _fontFamilies: Record<string, FontObject>;
  _addInfo: () => void;
  info: PDFKit.DocumentInfo;
  /** Where the next byte goes, and the offset of every indirect object (the cross-reference). */
  _offset: number;
  _offsets: Array<number | null>;
  _info?: Ref;
  /** The file identifier (a hash of the document information). */
  _id: Uint8Array;
  _security?: unknown;
  _finalize(): void;
  _write(data: string): void;
  push(chunk: Buffer | null): boolean;
  _root: Ref & {
    data: {
      Pages: { data: { Kids: unknown[] } };
      StructTreeRoot?: { data: { ParentTree: { _items: Record<string, unknown> } } };
    };
  };
}

// At load: the methods this module replaces or calls must be pdfkit's.
{
  const proto = (PDFDocument as unknown as { prototype: Record<string, unknown> }).prototype;
  for (const method of ["_finalize", "_write", "_addInfo", "_refEnd"])
    if (typeof proto[method] !== "function") throw missing(`PDFDocument.prototype.${method}`);
}

const adopted = new WeakSet<object>();

/** Checks a new document has the private members used here; throws if not. */
export function adoptDocument(doc: Doc): void {
  const d = doc as unknown as Partial<DocInternals>;
  if (!Array.isArray(d._offsets)) throw missing("PDFDocument._offsets");
  if (typeof d._offset !== "number") throw missing("PDFDocument._offset");
  if (!(d._id instanceof Uint8Array)) throw missing("PDFDocument._id");
  if (!d._fontFamilies || typeof d._fontFamilies !== "object") throw missing("PDFDocument._fontFamilies");
  if (!Array.isArray(d._root?.data?.Pages?.data?.Kids)) throw missing("PDFDocument._root.data.Pages.data.Kids");
  if (!d.info || typeof d.info !== "object") throw missing("PDFDocument.info");
  adopted.add(doc);
  pdfkitFastPath.documents++;
}

function internals(doc: Doc): DocInternals {
  if (!adopted.has(doc)) adoptDocument(doc);
  return doc as unknown as DocInternals;
}

/** The font in use (after doc.font()): its metrics, encoder and resource reference. */
export function currentFont(doc: Doc): FontObject {
  const font = internals(doc)._font;
  if (!font || typeof font.encode !== "function" || typeof font.widthOfString !== "function" || typeof font.ascender !== "number") {
    throw missing("PDFDocument._font (encode, widthOfString, ascender)");
  }
  return font;
}

/** What flowing text (continued or wrapped) keeps between calls, and the fill colour. */
export interface TextFlow {
  fill: [unknown, unknown] | undefined;
  wrapper: unknown;
  textOptions: unknown;
}

/**
 * Sets aside the text flow, so that something else (a running header) can be drawn in the middle
 * of a paragraph that goes over a page; give it back with resumeTextFlow. pdfkit creates these
 * members only once text flows, so they cannot be checked up front.
 */
export function suspendTextFlow(doc: Doc): TextFlow {
  const d = internals(doc);
  const saved: TextFlow = { fill: d._fillColor, wrapper: d._wrapper, textOptions: d._textOptions };
  d._wrapper = null;
  d._textOptions = null;
  return saved;
}

export function resumeTextFlow(doc: Doc, saved: TextFlow): void {
  const d = internals(doc);
  if (saved.fill) doc.fillColor(...(saved.fill as [string, number]));
  d._wrapper = saved.wrapper;
  d._textOptions = saved.textOptions;
}

/** pdfkit keeps the shaping of every distinct word: start afresh. */
export function trimFontCaches(doc: Doc): void {
  for (const font of Object.values(internals(doc)._fontFamilies)) if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
}

/**
 * Has the document information go through `escape` where pdfkit writes it into the XMP metadata
 * (only there): pdfkit writes it unescaped, so a title with "&" or "<" would be invalid XML.
 */
export function escapeInfoInXmp(doc: Doc, escape: (text: string) => string): void {
  const d = internals(doc);
  const original = d._addInfo;
  if (typeof original !== "function") throw missing("PDFDocument._addInfo");
  d._addInfo = function (this: DocInternals) {
    const info = this.info;
    const escaped: PDFKit.DocumentInfo = { ...info };
    for (const key of ["Title", "Author", "Subject", "Keywords", "Creator", "Producer"] as const) {
      const value = info[key];
      if (typeof value === "string") escaped[key] = escape(value);
    }
    this.info = escaped;
    try {
      original.call(this);
    } finally {
      this.info = info;
    }
  };
}

/**
 * Has the document write its cross-reference table `block` entries at a time, awaiting `between`
 * after each block, instead of pdfkit's _finalize which writes it all in one task (about 1.5 s for
 * a whole edition). Same bytes; false (pdfkit's own kept) for an encrypted document, whose
 * trailer would also carry /Encrypt. Errors go to the document's 'error' event.
 */
export function writeCrossReferenceInBlocks(doc: Doc, block: number, between: () => Promise<void>): boolean {
  const d = internals(doc);
  if (d._security) return false;
  if (typeof d._finalize !== "function" || typeof d._write !== "function") throw missing("PDFDocument._finalize / _write");
  d._finalize = () => {
    crossReference(d, block, between).catch((error: unknown) => doc.emit("error", error));
  };
  return true;
}

/** What pdfkit's _finalize writes — the table, the trailer, the end of the file — byte for byte. */
async function crossReference(d: DocInternals, block: number, between: () => Promise<void>): Promise<void> {
  if (!d._info) throw missing("PDFDocument._info");
  pdfkitFastPath.xrefTables++;
  const offsets = d._offsets;
  const start = d._offset;
  d._write(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f `);
  for (let from = 0; from < offsets.length; from += block) {
    const entries: string[] = [];
    for (const offset of offsets.slice(from, from + block)) entries.push(`${`0000000000${offset}`.slice(-10)} 00000 n `);
    d._write(entries.join("\n"));
    pdfkitFastPath.xrefBlocks++;
    await between();
  }
  const id = `<${Buffer.from(d._id).toString("hex")}>`;
  const trailer = ["<<", `/Size ${offsets.length + 1}`, `/Root ${d._root}`, `/Info ${d._info}`, `/ID [${id} ${id}]`, ">>"].join("\n");
  d._write(`trailer\n${trailer}\nstartxref\n${start}\n%%EOF`);
  d.push(null);
}

/**
 * pdfkit keeps until the end what it needs to write last: every page object (for the page tree)
 * and, in the structure's parent tree, the element of every piece of content. Here the parent
 * tree's entry of each finished page is written out at once (an indirect array) and the pages
 * are kept only as their "N 0 R" text, so that memory does not grow with the number of pages.
 */
export function compactPages(doc: Doc): void {
  const root = internals(doc)._root.data;
  const kids = root.Pages.data.Kids;
  const tree = root.StructTreeRoot?.data.ParentTree;
  if (root.StructTreeRoot && !tree?._items) throw missing("PDFDocument._root.data.StructTreeRoot.data.ParentTree._items");
  // kids[0] collects the references of the pages already compacted; the current page (the
  // last) may still get content.
  let done = 0;
  for (let i = isRefText(kids[0]) ? 1 : 0; i < kids.length - 1; i++) {
    const page = kids[i] as Ref & { data: { StructParents?: number } };
    const key = page.data.StructParents;
    if (tree && key !== undefined) {
      const entries = tree._items[key];
      if (Array.isArray(entries)) {
        // Content still open on that page (a paragraph that goes on over the next): later.
        if (entries.some((e) => e == null)) break;
        const array = doc.ref(entries as never);
        array.end(undefined);
        tree._items[key] = refText(array, String(array));
      }
    }
    done = i + 1;
  }
  if (done === 0) return;
  let collected = kids[0];
  const start = isRefText(collected) ? 1 : 0;
  if (start === 0) collected = refText(kids[0] as object);
  for (let i = start; i < done; i++) (collected as RefText).add(String(kids[i]));
  kids.splice(0, done, collected);
  pdfkitFastPath.compactedPages += done - start;
}

/**
 * A structure element keeps each child element until it is itself complete, which for the
 * sections of the submissions is at the end of the group (or of the document). The children
 * already written are replaced by a single stand-in that only knows their "N 0 R".
 */
export function compactChildren(sect: Struct | null): void {
  if (!sect) return;
  const children = (sect as unknown as { _children?: unknown[] })._children;
  if (!Array.isArray(children)) throw missing("PDFStructureElement._children");
  let standIn = children[0] as StandIn | undefined;
  const start = standIn && (standIn as { [STAND_IN]?: boolean })[STAND_IN] ? 1 : 0;
  let end = start;
  while (end < children.length && isWritten(children[end])) end++;
  if (end === start) return;
  if (start === 0) standIn = makeStandIn(sect);
  for (let i = start; i < end; i++) standIn!.dictionary.add(String((children[i] as { dictionary: object }).dictionary));
  children.splice(0, end, standIn);
  pdfkitFastPath.compactedChildren += end - start;
}

/**
 * pdfkit turns every drawing operation of a page (a line of text, a colour…) into its own small
 * byte array as it goes — several hundred per page, most of them allocated outside the JavaScript
 * heap and freed only by the garbage collector, which leaves the process's memory fragmented and
 * large. Keep the page's operations as text instead and hand them over in one piece when the page
 * is finished; the bytes are the same.
 */
export function bufferContentAsText(content: Ref): void {
  const ref = content as unknown as { write?(chunk: unknown): void; finalize?(): void };
  const write = ref.write;
  const finalize = ref.finalize;
  if (typeof write !== "function" || typeof finalize !== "function") throw missing("PDFReference.write / finalize");
  const parts: string[] = [];
  const flush = () => {
    if (parts.length === 0) return;
    // As pdfkit does for each string: one byte per character (they are binary strings), then "\n".
    write.call(ref, Buffer.from(`${parts.join("\n")}\n`, "latin1"));
    parts.length = 0;
  };
  ref.write = (chunk: unknown) => {
    if (typeof chunk === "string") parts.push(chunk);
    else {
      flush();
      write.call(ref, chunk);
    }
  };
  ref.finalize = () => {
    flush();
    finalize.call(ref);
  };
}

// ——— Stand-ins for what pdfkit keeps until the end ———

/** Reference text that pdfkit writes as is (it serialises its references by their toString()). */
interface RefText {
  add(reference: string): void;
  toString(): string;
}
let RefTextClass: (new (text: string) => RefText) | undefined;

/** `anyReference`: any pdfkit reference, to find pdfkit's (unexported) reference class. */
function refText(anyReference: object, text = ""): RefText {
  if (!RefTextClass) {
    // PDFReference extends PDFAbstractReference, which is what PDFObject.convert() looks for.
    const abstract = Object.getPrototypeOf(Object.getPrototypeOf(anyReference)) as { constructor?: new () => object } | null;
    const Base = abstract?.constructor;
    if (typeof Base !== "function" || Base === Object) throw missing("PDFAbstractReference (the base class of references)");
    RefTextClass = class extends Base implements RefText {
      private parts: string[];
      constructor(text: string) {
        super();
        this.parts = text ? [text] : [];
      }
      add(reference: string) {
        this.parts.push(reference);
        if (this.parts.length >= 64) this.parts = [this.parts.join(" ")];
      }
      override toString() {
        return this.parts.join(" ");
      }
    };
  }
  return new RefTextClass(text);
}

function isRefText(value: unknown): value is RefText {
  return RefTextClass !== undefined && value instanceof RefTextClass;
}

const STAND_IN = Symbol("stand-in");

/** What a parent structure element needs of a child already written: its reference. */
interface StandIn {
  dictionary: RefText;
}

/** A child element that pdfkit has written (flushed) and only needs to refer to. */
function isWritten(child: unknown): boolean {
  return typeof child === "object" && child !== null && (child as { _flushed?: boolean })._flushed === true && "dictionary" in child;
}

/**
 * An object pdfkit takes for a written PDFStructureElement (same prototype, ended, flushed and
 * flushable) whose dictionary is the references of several written children, in order.
 */
function makeStandIn(sibling: Struct): StandIn {
  const standIn = Object.create(Object.getPrototypeOf(sibling) as object) as Record<string | symbol, unknown>;
  standIn._ended = true;
  standIn._flushed = true;
  standIn._attached = true;
  standIn._children = [];
  standIn._isFlushable = () => true;
  standIn.dictionary = refText((sibling as unknown as { dictionary: object }).dictionary);
  standIn[STAND_IN] = true;
  return standIn as unknown as StandIn;
}
