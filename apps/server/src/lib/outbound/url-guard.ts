import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

/**
 * Where Michi may send webhooks and chat posts. A workspace admin chooses the URL, so without
 * a guard the server would post into its own network (SSRF): loopback, RFC 1918, fc00::/7,
 * link-local (169.254.0.0/16 with the cloud metadata address, fe80::/10), 0.0.0.0 and ::.
 *
 * Two checks, one rule ("an address is allowed when ipaddr.js calls its range `unicast`"):
 * - `checkOutboundUrl` before sending (and when a subscription is saved): the scheme, and every
 *   address the name resolves to, so the answer can say why;
 * - `outboundAgentFor` when connecting: request-filtering-agent checks the address the socket
 *   actually connects to, so a name that resolved to a public address for the first check and
 *   to 127.0.0.1 a moment later (DNS rebinding) is still refused.
 */

/** `dns.lookup`'s shape; tests pass their own to play a rebinding name. */
export type LookupFunction = typeof dns.lookup;

/** Cloud metadata services: refused even with MICHI_WEBHOOKS_ALLOW_PRIVATE (never a webhook). */
export const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254"] as const;

export type UrlRefusal =
  | { reason: "invalidUrl" }
  | { reason: "unsupportedScheme"; scheme: string }
  | { reason: "unresolvable"; host: string }
  | { reason: "privateAddress"; host: string; address: string };

export type UrlCheck = { ok: true; url: URL } | ({ ok: false } & UrlRefusal);

export type GuardOptions = {
  /** MICHI_WEBHOOKS_ALLOW_PRIVATE: loopback, private and link-local allowed (not metadata). */
  allowPrivate: boolean;
  lookup?: LookupFunction;
};

/** Why an address is refused, or undefined when it may be reached. */
export const refusalOfAddress = (address: string, allowPrivate: boolean): string | undefined => {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return "not an IP address";
  }
  // ::ffff:169.254.169.254 is the metadata address too.
  const plain = ipaddr.process(address).toString();
  if ((METADATA_ADDRESSES as readonly string[]).includes(plain)) return "metadata";
  const range = parsed.range();
  if (range === "unspecified") return "unspecified";
  if (!allowPrivate && range !== "unicast") return range;
  return undefined;
};

const lookupAll = (lookup: LookupFunction, host: string) =>
  new Promise<dns.LookupAddress[]>((resolve, reject) => {
    lookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/** The URL when Michi may post to it: http(s), and no address of its host refused. */
export const checkOutboundUrl = async (raw: string, options: GuardOptions): Promise<UrlCheck> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalidUrl" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "unsupportedScheme", scheme: url.protocol.replace(/:$/, "") };
  }
  // WHATWG URLs keep IPv6 literals in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookupAll(options.lookup ?? dns.lookup, host)).map((a) => a.address);
    } catch {
      return { ok: false, reason: "unresolvable", host };
    }
    if (addresses.length === 0) return { ok: false, reason: "unresolvable", host };
  }
  for (const address of addresses) {
    if (refusalOfAddress(address, options.allowPrivate)) {
      return { ok: false, reason: "privateAddress", host, address };
    }
  }
  return { ok: true, url };
};

const agents = new Map<string, http.Agent>();

/** An agent that refuses, at connect time, every address `refusalOfAddress` refuses. */
export const outboundAgentFor = (url: URL, allowPrivate: boolean): http.Agent => {
  const key = `${url.protocol}${allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = {
      allowPrivateIPAddress: allowPrivate,
      allowMetaIPAddress: false,
      // Compared as text by the agent, so the IPv4-mapped spellings too (CIDRs of the other
      // family would make it warn on every connection).
      denyIPAddressList: [...METADATA_ADDRESSES, "::ffff:169.254.169.254", "::ffff:a9fe:a9fe"],
    };
    agent =
      url.protocol === "https:"
        ? new RequestFilteringHttpsAgent(options)
        : new RequestFilteringHttpAgent(options);
    agents.set(key, agent);
  }
  return agent;
};

/** request-filtering-agent's refusal, told apart from other connection errors by its message. */
export const isAgentRefusal = (error: Error): boolean =>
  /^DNS lookup .* is not allowed\./.test(error.message);

export const requestModuleFor = (url: URL) => (url.protocol === "https:" ? https : http);
