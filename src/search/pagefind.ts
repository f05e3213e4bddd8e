// A Pagefind service process of our own: the binary of Pagefind's npm package run as
// `pagefind --service`, spoken to with the same messages as Pagefind's Node API (base64 JSON,
// separated by commas). Why not the Node API itself: it runs ONE service process per Node process,
// and that process handles its messages one at a time on one thread, so indexing several
// municipalities through it never uses more than one core. One process per municipality, a few at
// a time, uses all cores; and a process that exits gives all its memory back at once.
// The protocol is pinned with the package (`pagefind` ~1.6 in package.json).
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { createRequire } from "node:module";
import type { Readable, Writable } from "node:stream";

/** Thrown when Pagefind reports errors; `cause` carries them. */
export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

/** Where the npm package's Pagefind binary is (as the package itself resolves it). */
export function pagefindBinary(): string {
  const names = ["pagefind_extended", "pagefind"];
  for (const name of names) {
    const fromEnv = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnv) return fromEnv;
  }
  const require = createRequire(import.meta.url);
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.env.npm_config_arch || process.arch;
  for (const name of names) {
    try {
      return require.resolve(`@pagefind/${platform}-${arch}/bin/${platform === "windows" ? `${name}.exe` : name}`);
    } catch {
      // Try the next one.
    }
  }
  throw new SearchIndexError(`Pagefind: no binary for ${platform}-${arch} (the package @pagefind/${platform}-${arch} is missing)`);
}

interface Payload {
  type: string;
  message?: string;
  [field: string]: unknown;
}

type Pending = { resolve: (payload: Payload) => void; reject: (error: Error) => void };

/** One Pagefind service process; `close()` ends it. */
export class PagefindProcess {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private buffered = "";
  private failure: Error | undefined;

  constructor(binary = pagefindBinary()) {
    this.child = spawn(binary, ["--service"], { stdio: ["pipe", "pipe", "inherit"], windowsHide: true });
    this.child.stdout.setEncoding("latin1");
    this.child.stdout.on("data", (chunk: string) => this.receive(chunk));
    const fail = (error: Error) => this.fail(error);
    this.child.on("error", fail);
    this.child.stdin.on("error", fail);
    this.child.on("exit", (code, signal) => this.fail(new SearchIndexError(`Pagefind stopped (${signal ?? `exit code ${code}`})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }

  private receive(chunk: string): void {
    let start = 0;
    for (let comma = chunk.indexOf(","); comma !== -1; comma = chunk.indexOf(",", start)) {
      const message = this.buffered + chunk.slice(start, comma);
      this.buffered = "";
      start = comma + 1;
      const { message_id: id, payload } = JSON.parse(Buffer.from(message, "base64").toString("utf8")) as { message_id?: number; payload: Payload };
      const waiting = id === undefined ? undefined : this.pending.get(id);
      if (id !== undefined) this.pending.delete(id);
      if (waiting) waiting.resolve(payload);
      else if (payload.type === "Error") this.fail(new SearchIndexError(`Pagefind: ${payload.message ?? "unknown error"}`));
    }
    this.buffered += chunk.slice(start);
  }

  /** Sends one request; resolves with the answer once it arrives and the request has been written. */
  async request(payload: Payload): Promise<Payload> {
    if (this.failure) throw this.failure;
    const id = ++this.nextId;
    const answer = new Promise<Payload>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // Base64 is ASCII: written as latin1, the line needs no second UTF-8 encoding.
    const line = Buffer.from(`${Buffer.from(JSON.stringify({ message_id: id, payload })).toString("base64")},`, "latin1");
    if (!this.child.stdin.write(line)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => { this.child.off("exit", onExit); resolve(); };
        const onExit = () => { this.child.stdin.off("drain", onDrain); reject(this.failure ?? new SearchIndexError("Pagefind stopped")); };
        this.child.stdin.once("drain", onDrain);
        this.child.once("exit", onExit);
      });
    }
    return answer;
  }

  /** Ends the process (its index and memory with it). */
  close(): void {
    this.failure ??= new SearchIndexError("Pagefind closed");
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
