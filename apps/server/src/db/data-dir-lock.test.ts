import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, lockPathOf } from "./data-dir-lock";

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "michi-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

const writeLock = (dir: string, pid: number, startedAt = new Date().toISOString()) =>
  writeFileSync(lockPathOf(dir), JSON.stringify({ pid, startedAt, host: "h", role: "server" }));

describe("the data folder lock", () => {
  it("is taken once, names its holder, and is released", () => {
    const dir = newDir();
    const first = acquireDataDirLock(path.join(dir, "new-folder"), { role: "server" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const lock = JSON.parse(readFileSync(first.lock.path, "utf8"));
    expect(lock).toMatchObject({ pid: process.pid, role: "server" });

    // A live holder that is not us (our parent, here) keeps it.
    writeLock(path.join(dir, "new-folder"), process.ppid);
    const second = acquireDataDirLock(path.join(dir, "new-folder"), { role: "cli" });
    expect(second).toMatchObject({ ok: false, holder: { pid: process.ppid, role: "server" } });
    // Release leaves someone else's lock alone.
    first.lock.release();
    expect(existsSync(first.lock.path)).toBe(true);
  });

  it("takes over a lock whose process is gone, or that predates the last boot", () => {
    const dir = newDir();
    writeLock(dir, deadPid());
    const taken = acquireDataDirLock(dir, { role: "cli", command: "migrate" });
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.lock.release();
    expect(existsSync(lockPathOf(dir))).toBe(false);

    writeLock(dir, process.ppid, "2000-01-01T00:00:00.000Z");
    expect(acquireDataDirLock(dir, { role: "server" }).ok).toBe(true);
  });

  it("takes over a lock with our own pid (a restarted container gets the same pid)", () => {
    const dir = newDir();
    writeLock(dir, process.pid);
    expect(acquireDataDirLock(dir, { role: "server" }).ok).toBe(true);
  });

  it("takes over an unreadable lock", () => {
    const dir = newDir();
    writeFileSync(lockPathOf(dir), "");
    expect(acquireDataDirLock(dir, { role: "server" }).ok).toBe(true);
  });
});
