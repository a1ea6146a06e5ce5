import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const ADMIN_EMAIL = "admin@e2e.michi.example";
export const ADMIN_PASSWORD = "e2e-password-1234";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** Starts the real server on a fresh PGlite folder with the demo workspace, as a newcomer would. */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  const dataDir = mkdtempSync(path.join(tmpdir(), "michi-e2e-"));
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    [path.join(root, "apps/server/src/main.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        MICHI_DATA_DIR: dataDir,
        MICHI_DEMO: "1",
        MICHI_ADMIN_EMAIL: ADMIN_EMAIL,
        MICHI_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    // The demo seed takes about 90 s on a busy machine.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Michi is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  project.provide("baseURL", `http://127.0.0.1:${port}`);

  return async () => {
    server.removeAllListeners("exit");
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
    // What the server logged (warnings and errors): where a 500 in a spec is explained.
    mkdirSync(path.join(root, "test-results"), { recursive: true });
    writeFileSync(path.join(root, "test-results/e2e-server.log"), output);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
