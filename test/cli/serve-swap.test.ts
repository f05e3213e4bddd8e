import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { survivesSwap } from "../../src/cli/serve.ts";

function response() {
  const sent: { status?: number; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    set statusCode(code: number) {
      sent.status = code;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    end(body: string) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  return { res, sent };
}

const missing = () => Object.assign(new Error("ENOENT: no such file or directory"), { code: "ENOENT" });

describe("serving while the site folder is swapped", () => {
  it("asks again when the file is gone for a moment", async () => {
    const { res, sent } = response();
    let calls = 0;
    await survivesSwap({}, res, () => {
      calls++;
      if (calls === 1) throw missing(); // thrown synchronously, as the dev server's file middleware does
    });
    expect(calls).toBe(2);
    expect(sent.status).toBeUndefined();
  });

  it("answers 503 instead of ending the server when the file stays gone", async () => {
    const { res, sent } = response();
    await survivesSwap({}, res, () => {
      throw missing();
    });
    expect(sent.status).toBe(503);
    expect(sent.headers["Retry-After"]).toBe("1");
    expect(sent.body).toContain("Prøv igen");
  });
});
