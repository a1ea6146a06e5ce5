import { createHash } from "node:crypto";
import type { BetterAuthOptions, DBAdapter, Where } from "better-auth";

/**
 * Sessions are stored under the SHA-256 of their token, so a copy of the
 * database holds nothing a browser could present (decision 0012). A plain hash
 * is enough: the token is 32 random characters, there is nothing to guess.
 */
export const hashSessionToken = (token: string): string =>
  createHash("sha256").update(token).digest("base64url");

type Adapter = DBAdapter;
type AdapterFactory = (options: BetterAuthOptions) => Adapter;

const isSession = (model: string) => model === "session" || model === "sessions";

/** Token lookups take the hash; any other comparison on the token would silently miss. */
const hashWhere = (where: Where[] | undefined): Where[] | undefined =>
  where?.map((clause) => {
    if (clause.field !== "token") return clause;
    const operator = clause.operator ?? "eq";
    if (operator === "eq" || operator === "ne") {
      return { ...clause, value: hashSessionToken(String(clause.value)) };
    }
    if ((operator === "in" || operator === "not_in") && Array.isArray(clause.value)) {
      return { ...clause, value: clause.value.map((v) => hashSessionToken(String(v))) };
    }
    throw new Error(`session tokens are stored hashed; "${operator}" on token is not supported`);
  });

/** The plain tokens the caller gave, by their hash, to put back into the rows it gets. */
const plainByHash = (where: Where[] | undefined, data?: Record<string, unknown>) => {
  const plain = new Map<string, string>();
  const add = (v: unknown) => {
    if (typeof v === "string") plain.set(hashSessionToken(v), v);
  };
  for (const clause of where ?? []) {
    if (clause.field !== "token") continue;
    if (Array.isArray(clause.value)) clause.value.forEach(add);
    else add(clause.value);
  }
  add(data?.token);
  return plain;
};

/**
 * better-auth sets the cookie from the row it gets back and compares rows by
 * token, so rows leave with the plain token the caller already holds. Rows
 * found otherwise (listing a user's sessions) keep the hash: it is no login.
 */
const restore = <T>(row: T, plain: Map<string, string>): T => {
  if (!row || typeof row !== "object") return row;
  const token = (row as { token?: unknown }).token;
  if (typeof token !== "string") return row;
  const original = plain.get(token);
  return original === undefined ? row : { ...row, token: original };
};

const hashData = <D extends Record<string, unknown>>(data: D): D =>
  typeof data.token === "string" ? { ...data, token: hashSessionToken(data.token) } : data;

const wrap = <A extends Omit<Adapter, "transaction">>(inner: A): A => ({
  ...inner,
  create: async (args) => {
    if (!isSession(args.model)) return inner.create(args);
    const data = args.data as Record<string, unknown>;
    const row = await inner.create({ ...args, data: hashData(data) as typeof args.data });
    return restore(row, plainByHash(undefined, data));
  },
  findOne: async (args) => {
    if (!isSession(args.model)) return inner.findOne(args);
    const row = await inner.findOne({ ...args, where: hashWhere(args.where) ?? [] });
    return restore(row, plainByHash(args.where));
  },
  findMany: async (args) => {
    if (!isSession(args.model)) return inner.findMany(args);
    const rows = await inner.findMany({ ...args, where: hashWhere(args.where) });
    const plain = plainByHash(args.where);
    return rows.map((row) => restore(row, plain));
  },
  count: (args) =>
    isSession(args.model)
      ? inner.count({ ...args, where: hashWhere(args.where) })
      : inner.count(args),
  update: async (args) => {
    if (!isSession(args.model)) return inner.update(args);
    const row = await inner.update({
      ...args,
      where: hashWhere(args.where) ?? [],
      update: hashData(args.update),
    });
    return restore(row, plainByHash(args.where, args.update));
  },
  updateMany: (args) =>
    isSession(args.model)
      ? inner.updateMany({
          ...args,
          where: hashWhere(args.where) ?? [],
          update: hashData(args.update),
        })
      : inner.updateMany(args),
  delete: (args) =>
    isSession(args.model)
      ? inner.delete({ ...args, where: hashWhere(args.where) ?? [] })
      : inner.delete(args),
  deleteMany: (args) =>
    isSession(args.model)
      ? inner.deleteMany({ ...args, where: hashWhere(args.where) ?? [] })
      : inner.deleteMany(args),
  consumeOne: async (args) => {
    if (!isSession(args.model)) return inner.consumeOne(args);
    const row = await inner.consumeOne({ ...args, where: hashWhere(args.where) ?? [] });
    return restore(row, plainByHash(args.where));
  },
  incrementOne: async (args) => {
    if (!isSession(args.model)) return inner.incrementOne(args);
    const row = await inner.incrementOne({ ...args, where: hashWhere(args.where) ?? [] });
    return restore(row, plainByHash(args.where));
  },
});

/**
 * Wraps a better-auth database adapter (e.g. drizzleAdapter) so the session
 * table only ever holds hashed tokens. better-auth has no option for this
 * (its one-time-token and magic-link plugins do, sessions do not).
 */
export const withHashedSessionTokens =
  (factory: AdapterFactory): AdapterFactory =>
  (options) => {
    const inner = factory(options);
    const wrapped = wrap(inner) as Adapter;
    const transaction = inner.transaction;
    if (typeof transaction === "function") {
      wrapped.transaction = (callback) => transaction((trx) => callback(wrap(trx)));
    }
    return wrapped;
  };
