import {
  checkOutboundUrl,
  type GuardOptions,
  isAgentRefusal,
  outboundAgentFor,
  requestModuleFor,
  type UrlRefusal,
} from "./url-guard";

/** A receiver has this long to answer, body included; then the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of the receiver's answer is kept for the delivery log. */
export const RESPONSE_SNIPPET_CHARS = 500;
const RESPONSE_READ_BYTES = 4096;
const USER_AGENT = "Michi-Webhooks/1";

export type DeliveryErrorKind = "refused" | "dns" | "connection" | "tls" | "timeout" | "http";

/** One attempt's outcome, as the delivery log keeps it. */
export type DeliveryResult =
  | { ok: true; status: number; durationMs: number; responseSnippet: string }
  | {
      ok: false;
      error: DeliveryErrorKind;
      /** The receiver's HTTP status when it answered (error "http"). */
      status: number | null;
      durationMs: number;
      responseSnippet: string;
      message: string;
      /** Whether another attempt later may succeed (false: the URL or the receiver said no). */
      retryable: boolean;
    };

export type PostJsonParams = GuardOptions & {
  url: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
};

const describeRefusal = (refusal: UrlRefusal): string => {
  switch (refusal.reason) {
    case "invalidUrl":
      return "not a URL";
    case "unsupportedScheme":
      return `only http and https URLs can be called, not ${refusal.scheme}`;
    case "unresolvable":
      return `${refusal.host} does not resolve to an address`;
    case "privateAddress":
      return `${refusal.host} is ${refusal.address}, a loopback, private, link-local or metadata address`;
  }
};

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/;

const failedBeforeAnswer = (error: Error & { code?: string }, durationMs: number) => {
  const base = { ok: false as const, status: null, durationMs, responseSnippet: "" };
  // The address checked before sending was fine, the one connected to was not: rebinding.
  if (isAgentRefusal(error)) {
    return { ...base, error: "refused" as const, message: error.message, retryable: false };
  }
  const code = error.code ?? "";
  const kind =
    code === "ENOTFOUND" || code === "EAI_AGAIN"
      ? ("dns" as const)
      : TLS_CODE.test(code)
        ? ("tls" as const)
        : ("connection" as const);
  return {
    ...base,
    error: kind,
    message: code ? `${code}: ${error.message}` : error.message,
    retryable: true,
  };
};

const snippetOf = (bytes: Buffer) =>
  // A cut multi-byte character decodes as U+FFFD at the end: drop it.
  new TextDecoder()
    .decode(bytes)
    .replace(/\uFFFD+$/, "")
    .slice(0, RESPONSE_SNIPPET_CHARS);

/**
 * POSTs JSON once, never throws: the URL is checked (url-guard), the connection goes to a
 * checked address, redirects are not followed (a 3xx is a failed attempt), and the whole
 * exchange has `timeoutMs`. node:http rather than fetch: Node 20's fetch (undici) takes no
 * http.Agent, and the agent is what checks the connected address.
 */
export const postJson = async (params: PostJsonParams): Promise<DeliveryResult> => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = params.timeoutMs ?? DELIVERY_TIMEOUT_MS;

  const check = await checkOutboundUrl(params.url, params);
  if (!check.ok) {
    const dns = check.reason === "unresolvable";
    return {
      ok: false,
      error: dns ? "dns" : "refused",
      status: null,
      durationMs: elapsed(),
      responseSnippet: "",
      message: describeRefusal(check),
      retryable: dns,
    };
  }
  const { url } = check;

  return new Promise<DeliveryResult>((resolve) => {
    let settled = false;
    const settle = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      request.destroy();
    };
    let onTimeout = () =>
      settle({
        ok: false,
        error: "timeout",
        status: null,
        durationMs: elapsed(),
        responseSnippet: "",
        message: `no answer within ${timeoutMs} ms`,
        retryable: true,
      });
    const timer = setTimeout(() => onTimeout(), timeoutMs);

    const request = requestModuleFor(url).request(url, {
      method: "POST",
      agent: outboundAgentFor(url, params.allowPrivate),
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(params.body)),
        "user-agent": USER_AGENT,
        ...params.headers,
      },
      ...(params.lookup ? { lookup: params.lookup } : {}),
    });
    request.on("error", (error) => settle(failedBeforeAnswer(error, elapsed())));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      // The status is what counts; the body only feeds the log, so a slow or endless body
      // ends the attempt with what has arrived.
      const finish = () => {
        const responseSnippet = snippetOf(Buffer.concat(chunks));
        const durationMs = elapsed();
        if (status >= 200 && status < 300) {
          settle({ ok: true, status, durationMs, responseSnippet });
          return;
        }
        settle({
          ok: false,
          error: "http",
          status,
          durationMs,
          responseSnippet,
          message: `the receiver answered HTTP ${status}`,
          // 410 Gone: the receiver says this URL is not coming back.
          retryable: status !== 410,
        });
      };
      onTimeout = finish;
      response.on("data", (chunk: Buffer) => {
        if (size < RESPONSE_READ_BYTES) {
          chunks.push(chunk);
          size += chunk.length;
        }
        if (size >= RESPONSE_READ_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.end(params.body);
  });
};
