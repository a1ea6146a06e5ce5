import type dns from "node:dns";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { checkOutboundUrl, type LookupFunction, refusalOfAddress } from "./url-guard";

/** A resolver that answers `addresses` for every name (no network in the tests). */
const resolvingTo = (...addresses: string[]) =>
  ((_host: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    )) as unknown as LookupFunction;

const strict = { allowPrivate: false };

describe("checkOutboundUrl, private addresses not allowed (the default)", () => {
  it("is off unless MICHI_WEBHOOKS_ALLOW_PRIVATE is 1", () => {
    expect(parseEnv({}).MICHI_WEBHOOKS_ALLOW_PRIVATE).toBe(false);
    expect(parseEnv({ MICHI_WEBHOOKS_ALLOW_PRIVATE: "1" }).MICHI_WEBHOOKS_ALLOW_PRIVATE).toBe(true);
    expect(() => parseEnv({ MICHI_WEBHOOKS_ALLOW_PRIVATE: "yes" })).toThrow(
      "MICHI_WEBHOOKS_ALLOW_PRIVATE: must be 0 or 1",
    );
  });

  it.each([
    ["http://127.0.0.1/hook", "127.0.0.1"],
    ["http://127.1.2.3:8080/", "127.1.2.3"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://169.254.10.1/", "169.254.10.1"],
    ["http://[::1]/", "::1"],
    ["http://10.0.0.1", "10.0.0.1"],
    ["https://172.16.5.4/", "172.16.5.4"],
    ["https://192.168.1.10/", "192.168.1.10"],
    ["http://[fd12:3456::1]/", "fd12:3456::1"],
    ["http://[fe80::1]/", "fe80::1"],
    ["http://0.0.0.0/", "0.0.0.0"],
    ["http://[::]/", "::"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
  ])("refuses %s", async (url, address) => {
    expect(await checkOutboundUrl(url, strict)).toMatchObject({
      ok: false,
      reason: "privateAddress",
      address,
    });
  });

  it("refuses a name that resolves to loopback (localhost, through the real resolver)", async () => {
    expect(await checkOutboundUrl("http://localhost:8080/hook", strict)).toMatchObject({
      ok: false,
      reason: "privateAddress",
      host: "localhost",
    });
  });

  it("refuses a name when any one of its addresses is private", async () => {
    const lookup = resolvingTo("93.184.215.14", "10.1.2.3");
    expect(await checkOutboundUrl("https://hooks.example.com/x", { ...strict, lookup })).toEqual({
      ok: false,
      reason: "privateAddress",
      host: "hooks.example.com",
      address: "10.1.2.3",
    });
  });

  it("allows a name whose addresses are all public", async () => {
    const lookup = resolvingTo("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
    const check = await checkOutboundUrl("https://hooks.example.com/x?a=1", { ...strict, lookup });
    expect(check.ok && check.url.href).toBe("https://hooks.example.com/x?a=1");
  });

  it.each([
    ["ftp://files.example.com/hook", "ftp"],
    ["file:///etc/passwd", "file"],
    ["gopher://127.0.0.1:6379/", "gopher"],
    ["javascript:alert(1)", "javascript"],
  ])("refuses %s: only http(s)", async (url, scheme) => {
    expect(await checkOutboundUrl(url, strict)).toEqual({
      ok: false,
      reason: "unsupportedScheme",
      scheme,
    });
  });

  it("refuses what is not a URL, and a name that does not resolve", async () => {
    expect(await checkOutboundUrl("not a url", strict)).toEqual({
      ok: false,
      reason: "invalidUrl",
    });
    const notFound = ((_h: string, _o: unknown, callback: (e: Error) => void) =>
      callback(
        Object.assign(new Error("not found"), { code: "ENOTFOUND" }),
      )) as unknown as LookupFunction;
    const check = await checkOutboundUrl("http://nowhere.example/", {
      ...strict,
      lookup: notFound,
    });
    expect(check).toMatchObject({
      ok: false,
      reason: "unresolvable",
    });
  });
});

describe("checkOutboundUrl with MICHI_WEBHOOKS_ALLOW_PRIVATE=1", () => {
  const allow = {
    allowPrivate: parseEnv({ MICHI_WEBHOOKS_ALLOW_PRIVATE: "1" }).MICHI_WEBHOOKS_ALLOW_PRIVATE,
  };

  it.each([
    "http://127.0.0.1:9000/",
    "http://localhost:9000/",
    "http://10.0.0.1/",
    "http://[::1]/",
  ])("allows %s", async (url) => {
    expect(await checkOutboundUrl(url, allow)).toMatchObject({ ok: true });
  });

  it.each([
    "http://169.254.169.254/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fd00:ec2::254]/",
    "http://0.0.0.0/",
  ])("still refuses the metadata service and the unspecified address: %s", async (url) => {
    expect(await checkOutboundUrl(url, allow)).toMatchObject({ ok: false });
  });

  it("still refuses other schemes", async () => {
    expect(await checkOutboundUrl("ftp://127.0.0.1/", allow)).toMatchObject({
      reason: "unsupportedScheme",
    });
  });
});

describe("refusalOfAddress", () => {
  it("names the range it refuses", () => {
    expect(refusalOfAddress("10.0.0.1", false)).toBe("private");
    expect(refusalOfAddress("127.0.0.1", false)).toBe("loopback");
    expect(refusalOfAddress("169.254.169.254", true)).toBe("metadata");
    expect(refusalOfAddress("8.8.8.8", false)).toBeUndefined();
  });
});
