// The models' refusals live in app/errors.ts, where utils/permissions.ts can throw them too.
export { DomainError, ForbiddenError, InvalidError, NotFoundError } from "~/errors";
