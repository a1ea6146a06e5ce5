import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import type { AppErrorCode } from "@michi/core";
import { type ProblemDetails, problemOf } from "./problem";

/*
 * Requests Node's HTTP parser refuses before Hono sees them (headers over
 * --max-http-header-size, 16 KB by default; a malformed request line; a
 * request that took too long) are answered by Node with a bare status line.
 * With a `clientError` listener Node leaves the answer to us (Node's docs,
 * "Event: 'clientError'"), so it is the same problem+json as every other
 * error. Status choices follow Node's own (lib/_http_server.js).
 */

const problemFor = (code: string | undefined): ProblemDetails => {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        type: "https://michi.dev/problems/request-header-fields-too-large",
        code: "request-header-fields-too-large",
        title: "Request header fields too large",
        status: 431,
        detail: "The request's headers are larger than the server takes (16 KB).",
      };
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return problemOf("payload-too-large" satisfies AppErrorCode, "Chunk extensions too large.");
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        type: "https://michi.dev/problems/request-timeout",
        code: "request-timeout",
        title: "Request timeout",
        status: 408,
        detail: "The request was not received in time.",
      };
    default:
      return problemOf("bad-request", "The request is not valid HTTP.");
  }
};

const reasons: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Payload Too Large",
  431: "Request Header Fields Too Large",
};

/** The raw HTTP/1.1 answer to a request Node's parser refused. */
export const clientErrorResponse = (code: string | undefined): string => {
  const problem = problemFor(code);
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${reasons[problem.status] ?? "Bad Request"}`,
    "Content-Type: application/problem+json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
};

/** Answers the requests Node's parser refuses with problem+json instead of a bare status line. */
export const answerClientErrors = (server: Pick<Server, "on">) => {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node does: nothing to answer on a reset socket or after an answer was begun.
    const written = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
    if (error.code !== "ECONNRESET" && socket.writable && written === 0) {
      socket.end(clientErrorResponse(error.code));
    } else {
      socket.destroy();
    }
  });
};
