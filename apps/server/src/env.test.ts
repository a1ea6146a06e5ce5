import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, resolveUserPath } from "./env";

const messageOf = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("parseEnv accepted it");
};

describe("parseEnv", () => {
  it("has defaults for everything", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", MICHI_DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "http" }, "PORT: must be a port number"],
    [{ PORT: "70000" }, "PORT: must be between 1 and 65535"],
    [{ PORT: "80.5" }, "PORT: must be a whole number"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must start with postgres:// or postgresql://"],
    [{ MICHI_DEMO: "2" }, "MICHI_DEMO: must be 0 or 1"],
    [{ MICHI_TRUST_PROXY: "yes" }, "MICHI_TRUST_PROXY: must be 0 (no proxy), 1 or true"],
    [
      { MICHI_FULL_RECOMPUTE_HOUR: "24" },
      "MICHI_FULL_RECOMPUTE_HOUR: must be an hour from 0 to 23",
    ],
    [{ MICHI_ADMIN_PASSWORD: "long-enough" }, "MICHI_ADMIN_PASSWORD is set but MICHI_ADMIN_EMAIL"],
    [{ MICHI_SMTP_URL: "http://mail" }, "MICHI_SMTP_URL: must start with smtp:// or smtps://"],
    [{ MICHI_SMTP_URL: "smtp://mail:587" }, "MICHI_SMTP_URL is set but MICHI_MAIL_FROM"],
    [{ MICHI_MAIL_FROM: "Michi <nobody>" }, "MICHI_MAIL_FROM: must be an email address"],
  ])("names the variable and the rule: %o", (source, message) => {
    const text = messageOf(source);
    expect(text).toContain("Invalid environment");
    expect(text).toContain(message);
  });

  it("lists every wrong variable at once", () => {
    const text = messageOf({ PORT: "0", MICHI_DEMO: "yes", LOG_LEVEL: "loud" });
    expect(text.split("\n").filter((l) => l.startsWith("  "))).toHaveLength(3);
  });

  it("takes an SMTP URL with its sender", () => {
    const env = parseEnv({
      MICHI_SMTP_URL: "smtp://user:pass@mail.example.com:587",
      MICHI_MAIL_FROM: "Michi <michi@example.com>",
    });
    expect(env).toMatchObject({ MICHI_MAIL_FROM: "Michi <michi@example.com>" });
    expect(parseEnv({ MICHI_MAIL_FROM: "michi@example.com" }).MICHI_SMTP_URL).toBeUndefined();
  });

  it("reads MICHI_TRUST_PROXY as a number of proxies, none by default", () => {
    expect(parseEnv({}).MICHI_TRUST_PROXY).toBe(0);
    expect(parseEnv({ MICHI_TRUST_PROXY: "true" }).MICHI_TRUST_PROXY).toBe(1);
    expect(parseEnv({ MICHI_TRUST_PROXY: "2" }).MICHI_TRUST_PROXY).toBe(2);
    expect(parseEnv({ MICHI_TRUST_PROXY: "false" }).MICHI_TRUST_PROXY).toBe(0);
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" })).toMatchObject({ PORT: 3000 });
  });

  it("resolves MICHI_DATA_DIR and typed paths against the folder npm was run from", () => {
    const env = parseEnv({ INIT_CWD: "/home/me/michi", MICHI_DATA_DIR: "./data" });
    expect(env.MICHI_DATA_DIR).toBe(path.resolve("/home/me/michi/data"));
    expect(resolveUserPath(env, "in/accounts.csv")).toBe(
      path.resolve("/home/me/michi/in/accounts.csv"),
    );
    expect(resolveUserPath(env, "/abs/a.csv")).toBe(path.resolve("/abs/a.csv"));
    expect(parseEnv({ MICHI_DATA_DIR: "d" }).MICHI_DATA_DIR).toBe(path.resolve("d"));
  });
});
