import { chmodSync, unlinkSync } from "node:fs";
import http from "node:http";
import { logger } from "../lib/logger";
import { type CommandDeps, type CommandOutcome, runCommand } from "./commands";
import { CONTROL_PATH, MAX_FILE_BYTES } from "./control-client";

/**
 * A server on PGlite answers CLI commands over a Unix socket in its data
 * folder: HTTP (node:http) with one endpoint, POST /commands, body
 * `{ command, args }`, answer `{ stdout, stderr, exitCode }`. Only the
 * folder's owner can connect (mode 0600), the same person who could open the
 * database files directly.
 */
/** A file travels inside the request, base64: a third larger than MAX_FILE_BYTES. */
const MAX_REQUEST_BYTES = Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024;

export type ControlSocket = { close: () => Promise<void> };

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error(`The request is larger than ${MAX_REQUEST_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const answer = (res: http.ServerResponse, status: number, outcome: CommandOutcome) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(outcome));
};

const removeSocketFile = (socketPath: string) => {
  try {
    unlinkSync(socketPath);
  } catch {
    // not there
  }
};

/** Listens on `socketPath`; the caller holds the data folder's lock, so a leftover socket file is stale. */
export const serveCliRequests = async (params: {
  socketPath: string;
  deps: CommandDeps;
}): Promise<ControlSocket> => {
  const { socketPath, deps } = params;
  const server = http.createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== CONTROL_PATH) {
      answer(res, 404, { stdout: [], stderr: ["Error: unknown request"], exitCode: 1 });
      return;
    }
    let request: unknown;
    try {
      request = JSON.parse(await readBody(req));
    } catch (error) {
      const message = error instanceof Error ? error.message : "unreadable request";
      answer(res, 400, { stdout: [], stderr: [`Error: ${message}`], exitCode: 1 });
      return;
    }
    const command = (request as { command?: unknown })?.command;
    logger.info({ command }, "CLI command received");
    answer(res, 200, await runCommand(deps, request));
  });
  // A seed or a large import may take minutes.
  server.requestTimeout = 0;
  removeSocketFile(socketPath);
  // umask 0177 while binding, so the socket file is created 0600 with no window
  // in which another user could connect; chmod after, in case umask is ignored.
  const previousMask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previousMask);
  }
  chmodSync(socketPath, 0o600);
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      removeSocketFile(socketPath);
    },
  };
};
