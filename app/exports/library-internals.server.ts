/**
 * A library no longer has a private member that one of its adapters (exceljs-internals,
 * pdfkit-internals) was written against: thrown at first use instead of falling back, so that an
 * upgrade fails the tests loudly rather than quietly changing the exports' bytes or speed.
 */
export class LibraryInternalsChanged extends Error {
  constructor(library: string, member: string, writtenFor: string, adapter: string) {
    super(
      `${library} internals changed: ${member} is missing or not what it was in ${writtenFor}. ` +
        `Update ${adapter} (and run its byte-identity tests) before upgrading ${library}.`,
    );
    this.name = "LibraryInternalsChanged";
  }
}
