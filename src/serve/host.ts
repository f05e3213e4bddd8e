// Where `referat serve` listens, and whom it answers. It binds 127.0.0.1 unless the user asks for
// another address with `--host`, checks the port before anything is built (a busy port is a usage
// error, exit 2, never a second build over the running server's site), and answers only requests
// whose `Host` header names the address it serves: a web page elsewhere that points its own domain
// name at 127.0.0.1 (DNS rebinding) gets 403, not the archive.
import { createServer, isIP } from "node:net";

/** The address the preview binds to unless `--host` says otherwise: this machine only. */
export const DEFAULT_HOST = "127.0.0.1";

/** Addresses that mean "every interface". */
const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

/** The host names a browser on this machine uses for a loopback server. */
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** `--host` without IPv6 brackets, as `listen()` wants it. */
export function bindAddress(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Whether `host` (as given to `--host`) keeps the server on this machine. */
export function isLoopbackHost(host: string): boolean {
  const address = bindAddress(host).toLowerCase();
  return address === "localhost" || address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);
}

/** Whether `host` (as given to `--host`) is every interface. */
export function isWildcardHost(host: string): boolean {
  return WILDCARDS.has(host);
}

/** A `Host` header's name and port (the port is undefined when the header has none). */
function splitHostHeader(header: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return undefined;
  return { name: (match[1] as string).toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) };
}

/**
 * Whether a request with this `Host` header is for the server listening on `host`:`port`.
 * Always: localhost, 127.0.0.1 and [::1] with the port. Also the `--host` address itself, and
 * with a wildcard `--host` (0.0.0.0, ::) any IP address with the port: an IP address cannot be
 * rebound, only a domain name can. A missing header is refused.
 */
export function isAllowedHost(header: string | undefined, host: string, port: number): boolean {
  if (!header) return false;
  const parsed = splitHostHeader(header);
  if (!parsed) return false;
  if ((parsed.port ?? 80) !== port) return false;
  if (LOOPBACK_NAMES.has(parsed.name)) return true;
  const wanted = bindAddress(host).toLowerCase();
  if (bindAddress(parsed.name) === wanted && !isWildcardHost(host)) return true;
  return isWildcardHost(host) && isIP(bindAddress(parsed.name)) !== 0;
}

/** The 403 text for a request with a foreign `Host`. */
export function foreignHostMessage(port: number): string {
  return `Forkert adresse: referat serve svarer kun på http://localhost:${port}/ (og 127.0.0.1).\n`;
}

/** Whether `port` on `host` can be bound right now. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen({ port, host: bindAddress(host), exclusive: true }, () => probe.close(() => done(true)));
  });
}

/** The first free port after `port` (up to 20 tried), to suggest one; undefined if none. */
export async function nextFreePort(port: number, host: string): Promise<number | undefined> {
  for (let candidate = port + 1; candidate <= Math.min(port + 20, 65535); candidate++) {
    if (await isPortFree(candidate, host)) return candidate;
  }
  return undefined;
}

/**
 * The Danish message for a `listen()` that failed, saying what to do; undefined for an error that
 * is not about the address (the caller reports it as unexpected).
 */
export async function listenErrorMessage(error: NodeJS.ErrnoException, port: number, host: string): Promise<string | undefined> {
  if (error.code === "EADDRINUSE") {
    const free = await nextFreePort(port, host);
    const example = free ?? port + 1;
    return (
      `Port ${port} er allerede i brug af et andet program (måske kører referat serve allerede i et andet vindue).\n` +
      `Stop det andet program, eller vælg en anden port med --port, fx: npm start -- --port ${example}` +
      `${free ? ` (port ${free} er ledig)` : ""}\n` +
      "Intet er bygget.\n"
    );
  }
  if (error.code === "EACCES") {
    return `Port ${port} må kun bruges af systemet. Vælg en port over 1023 med --port, fx: npm start -- --port 8080\nIntet er bygget.\n`;
  }
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") {
    return `Adressen ${host} findes ikke på denne maskine. Udelad --host for at vise arkivet på http://localhost:${port}/\nIntet er bygget.\n`;
  }
  return undefined;
}

/** The warning printed when `--host` lets other machines in. */
export function exposedWarning(host: string): string {
  return (
    `Advarsel: med --host ${host} kan andre på netværket se arkivet, også ændringer, der endnu ikke er udgivet. ` +
    "Brug det kun på et netværk, du stoler på, og stop serveren, når du er færdig.\n"
  );
}

/**
 * Makes `server` refuse every request and WebSocket upgrade whose `Host` is not the address it
 * serves (see isAllowedHost): 403 with a Danish text, before any handler sees it.
 */
export function guardHost(server: import("node:http").Server, host: string, port: number): void {
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === "request" || event === "upgrade") {
      const req = args[0] as import("node:http").IncomingMessage;
      if (!isAllowedHost(req.headers.host, host, port)) {
        const body = foreignHostMessage(port);
        if (event === "request") {
          const res = args[1] as import("node:http").ServerResponse;
          res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
          res.end(body);
        } else {
          const socket = args[1] as import("node:net").Socket;
          socket.end(
            `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
        }
        return true;
      }
    }
    return emit(event, ...args);
  }) as typeof server.emit;
}
