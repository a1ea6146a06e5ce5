import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, uptime } from "node:os";
import path from "node:path";

/**
 * PGlite admits one process per data folder, and opening it from a second
 * one damages it. The process that opens the folder holds `michi.lock` in it.
 *
 * Hand-written (about 80 lines) rather than proper-lockfile: that package
 * judges staleness by an mtime it must refresh on a timer, so a server paused
 * in a debugger or a suspended laptop loses its lock to the next CLI call; and
 * it cannot say *who* holds the lock, which the CLI needs in order to hand the
 * command to a running server. A pid tells both. See
 * docs/decisions/0001-cli-and-the-embedded-database.md.
 */
export type LockHolder = {
  pid: number;
  startedAt: string;
  host: string;
  /** `server`: answers CLI requests on the socket; `cli`: a one-off command. */
  role: "server" | "cli";
  command?: string;
};

export type DataDirLock = { path: string; holder: LockHolder; release: () => void };

export type LockAttempt = { ok: true; lock: DataDirLock } | { ok: false; holder: LockHolder };

export const lockPathOf = (dataDir: string) => path.join(dataDir, "michi.lock");
export const socketPathOf = (dataDir: string) => path.join(dataDir, "michi.sock");

const readHolder = (lockPath: string): LockHolder | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid === "number" && typeof parsed.startedAt === "string") {
      return parsed as LockHolder;
    }
  } catch {
    // missing or unreadable: treated as stale below
  }
  return undefined;
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * A lock is stale when its process is gone. Our own pid counts as gone (a
 * container restarted from the same image gets the same pid as before), and so
 * does a lock older than the machine's last boot.
 */
const isStale = (holder: LockHolder | undefined): boolean => {
  if (!holder) return true;
  if (holder.pid === process.pid) return true;
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(holder.startedAt) < bootedAt) return true;
  return !isAlive(holder.pid);
};

/** Takes the folder's lock, taking over a stale one; or names who holds it. */
export const acquireDataDirLock = (
  dataDir: string,
  who: { role: LockHolder["role"]; command?: string },
): LockAttempt => {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = lockPathOf(dataDir);
  const holder: LockHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    host: hostname(),
    ...who,
  };
  // Written whole to a private file, then hard-linked into place: link() fails
  // if the lock exists, like open(wx), and no one ever reads a half-written lock.
  const draft = `${lockPath}.${process.pid}`;
  writeFileSync(draft, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(draft, lockPath);
        return { ok: true, lock: { path: lockPath, holder, release: () => release(lockPath) } };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const current = readHolder(lockPath);
      if (current && !isStale(current)) return { ok: false, holder: current };
      // Stale: remove it and try again. Two processes taking over the same stale
      // lock in the same instant could both succeed (one unlinks the other's new
      // lock); Michi's processes are started by a person, so we accept that
      // rather than add a second lock around the takeover.
      try {
        unlinkSync(lockPath);
      } catch {
        // someone else removed it first
      }
    }
  } finally {
    unlinkSync(draft);
  }
  const current = readHolder(lockPath);
  if (current) return { ok: false, holder: current };
  throw new Error(`Could not take the lock ${lockPath}`);
};

/** Removes the lock if it is still ours. Synchronous, so it can run on process exit. */
const release = (lockPath: string) => {
  if (readHolder(lockPath)?.pid !== process.pid) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // already gone
  }
};

export const describeHolder = (holder: LockHolder): string =>
  `${holder.role === "server" ? "a Michi server" : `the command "${holder.command ?? "michi"}"`} (pid ${holder.pid}, since ${holder.startedAt})`;
