import { isIP } from "node:net";

/**
 * The client's address for limits (sign-in throttle, submission rate limit). Behind `hops`
 * trusted proxies, it is the entry the outermost trusted proxy appended to X-Forwarded-For —
 * the hops-th from the right — never the leftmost, which the client writes itself. IPv6
 * addresses are grouped by /64 (one household or server gets a whole /64), IPv4-mapped IPv6 is
 * plain IPv4.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  let address = remote;
  if (hops > 0 && forwardedFor) {
    const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    // Fewer entries than trusted proxies: every entry was written by one of them; take the farthest.
    if (entries.length) address = entries[Math.max(0, entries.length - hops)];
  }
  return limitKey(address ?? "unknown");
}

export function limitKey(raw: string): string {
  const address = raw.replace(/^\[(.*)\](?::\d+)?$/, "$1").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) === 4) return address;
  if (isIP(address) !== 6) return raw.slice(0, 64) || "unknown";
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part stands for two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}
