import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { exposedWarning, isAllowedHost, isLoopbackHost, listenErrorMessage } from "../../src/serve/host.ts";
import { freePort } from "../build/helpers.ts";

describe("which Host headers referat serve answers", () => {
  it("answers localhost, 127.0.0.1 and [::1] with its own port", () => {
    for (const header of ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST:8080"]) {
      expect(isAllowedHost(header, "127.0.0.1", 8080), header).toBe(true);
    }
  });

  it("refuses another port, a missing header and any domain name (DNS rebinding)", () => {
    for (const header of [
      undefined,
      "",
      "localhost:8081",
      "localhost",
      "evil.example:8080",
      "evil.example",
      "127.0.0.1.nip.io:8080",
      "localhost.evil.example:8080",
      "localhost:8080@evil",
    ]) {
      expect(isAllowedHost(header, "127.0.0.1", 8080), String(header)).toBe(false);
    }
  });

  it("takes a missing port as 80", () => {
    expect(isAllowedHost("localhost", "127.0.0.1", 80)).toBe(true);
  });

  it("answers the --host address itself, and with a wildcard --host any IP address but no domain name", () => {
    expect(isAllowedHost("192.168.1.20:8080", "192.168.1.20", 8080)).toBe(true);
    expect(isAllowedHost("192.168.1.21:8080", "192.168.1.20", 8080)).toBe(false);
    expect(isAllowedHost("192.168.1.21:8080", "0.0.0.0", 8080)).toBe(true);
    expect(isAllowedHost("[fe80::1]:8080", "::", 8080)).toBe(true);
    expect(isAllowedHost("intranet.example:8080", "0.0.0.0", 8080)).toBe(false);
  });

  it("counts only loopback addresses as this machine", () => {
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("localhost")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("0.0.0.0")).toBe(false);
    expect(isLoopbackHost("192.168.1.20")).toBe(false);
  });
});

describe("the message for an address that cannot be used", () => {
  let busy: Server | undefined;
  afterEach(() => new Promise<void>((done) => (busy ? busy.close(() => done()) : done())));

  it("names the busy port and how to choose another", async () => {
    const port = await freePort();
    busy = createServer();
    await new Promise<void>((done) => busy!.listen(port, "127.0.0.1", () => done()));
    const error = Object.assign(new Error(`listen EADDRINUSE: address already in use 127.0.0.1:${port}`), { code: "EADDRINUSE" });
    const message = await listenErrorMessage(error, port, "127.0.0.1");
    expect(message).toMatch(
      new RegExp(
        `^Port ${port} er allerede i brug af et andet program \\(måske kører referat serve allerede i et andet vindue\\)\\.\\n` +
          `Stop det andet program, eller vælg en anden port med --port, fx: npm start -- --port (\\d+)( \\(port \\1 er ledig\\))?\\n` +
          "Intet er bygget\\.\\n$",
      ),
    );
  });

  it("says that a port below 1024 belongs to the system", async () => {
    const error = Object.assign(new Error("listen EACCES"), { code: "EACCES" });
    expect(await listenErrorMessage(error, 80, "127.0.0.1")).toBe(
      "Port 80 må kun bruges af systemet. Vælg en port over 1023 med --port, fx: npm start -- --port 8080\nIntet er bygget.\n",
    );
  });

  it("says that an address is not on this machine", async () => {
    const error = Object.assign(new Error("listen EADDRNOTAVAIL"), { code: "EADDRNOTAVAIL" });
    expect(await listenErrorMessage(error, 8080, "10.9.8.7")).toBe(
      "Adressen 10.9.8.7 findes ikke på denne maskine. Udelad --host for at vise arkivet på http://localhost:8080/\nIntet er bygget.\n",
    );
  });

  it("leaves other errors to the caller", async () => {
    expect(await listenErrorMessage(Object.assign(new Error("x"), { code: "EMFILE" }), 8080, "127.0.0.1")).toBeUndefined();
  });

  it("warns that --host shows the archive to the network", () => {
    expect(exposedWarning("0.0.0.0")).toBe(
      "Advarsel: med --host 0.0.0.0 kan andre på netværket se arkivet, også ændringer, der endnu ikke er udgivet. Brug det kun på et netværk, du stoler på, og stop serveren, når du er færdig.\n",
    );
  });
});
