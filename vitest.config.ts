import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; the CLI tests mostly wait on subprocesses.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "core",
          root: "packages/core",
          include: ["src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "server",
          root: "apps/server",
          include: ["src/**/*.test.ts"],
          environment: "node",
          setupFiles: ["src/test/setup.ts"],
          globalSetup: ["src/test/global-setup.ts"],
          // No module state to reset between files (no mocks; each file opens its own
          // database): sharing the loaded app and PGlite per worker halves the CPU.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      "apps/web/vitest.config.ts",
      {
        test: {
          name: "e2e",
          root: "e2e",
          include: ["**/*.e2e.ts"],
          environment: "node",
          globalSetup: ["./global-setup.ts"],
          // One server, one browser per file; specs run one after another.
          fileParallelism: false,
          // Generous: a spec is many page steps, each slower on a loaded machine.
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
