import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

// A compilation runs inside one server process, which holds a lease on the edition: it records
// itself as the owner and renews a heartbeat while it works. A server starting up fails only
// compilations whose heartbeat is older than the lease, never another live server's.

/** How long a compilation may go without a heartbeat before it is taken as dead. */
export const EDITION_LEASE_MS = 2 * 60_000;
/** How often a working compilation renews its heartbeat (well inside the lease). */
export const EDITION_HEARTBEAT_MS = 20_000;
/** This server process, as recorded on the editions it compiles. */
export const LEASE_OWNER = `${hostname().slice(0, 80)}:${process.pid}:${randomBytes(4).toString("hex")}`;
