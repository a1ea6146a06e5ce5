import http from "node:http";
import type { CommandOutcome } from "./commands";

/** The one endpoint of the control socket (see control-socket.ts). */
export const CONTROL_PATH = "/commands";

/** Files larger than this are not sent at all (an import allows less; see CSV_BODY_LIMIT). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** The server is not (yet) listening: no socket file, or nobody behind it. */
export class NotListeningError extends Error {}

/** Sends a command to the server listening on `socketPath`. */
export const sendCliRequest = (socketPath: string, request: unknown): Promise<CommandOutcome> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(request);
    const req = http.request(
      {
        socketPath,
        path: CONTROL_PATH,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as CommandOutcome);
          } catch {
            reject(new Error("The server sent an answer the CLI cannot read."));
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      const notListening = ["ENOENT", "ECONNREFUSED", "ENOTSOCK"].includes(error.code ?? "");
      reject(notListening ? new NotListeningError(error.message) : error);
    });
    req.end(body);
  });
