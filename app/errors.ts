// Refusals the domain throws when a request cannot be served as asked: the models, and the roles'
// powers (utils/permissions.ts, which models and the back-office guard call). They name what went
// wrong in the domain's terms; app/web/domain-errors.server.ts turns each into its HTTP status, and
// the error page (app/root.tsx) shows the translated message named here. Here rather than in
// models/ because utils may not import models; like the schemas and locales, every layer above db
// may import it, and it imports nothing of the app.

/** A refusal of the domain; `messageKey` is the translation the person reads on the error page. */
export abstract class DomainError extends Error {
  abstract readonly messageKey: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What was asked for does not exist (or not where the URL says). */
export class NotFoundError extends DomainError {
  readonly messageKey = "errors.notFoundText";
  constructor(what = "not found") {
    super(what);
  }
}

/** The person may not do this (their role, or another country's record). */
export class ForbiddenError extends DomainError {
  readonly messageKey = "errors.forbiddenText";
  constructor(what = "forbidden") {
    super(what);
  }
}

/** The request names something no form of this page can send (a party that is not one, …). */
export class InvalidError extends DomainError {
  readonly messageKey = "errors.badRequestText";
  constructor(what = "invalid") {
    super(what);
  }
}
