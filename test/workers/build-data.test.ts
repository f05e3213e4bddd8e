// A build's data for the pool's threads (src/workers/build-data.ts): shared, not copied, by every
// request, and decoded once per build in a thread.
import { describe, expect, it } from "vitest";
import { readBuildData, shareBuildData } from "../../src/workers/build-data.ts";

describe("a build's data", () => {
  it("is read back as it was given, decoded once per build, and a structured clone shares its bytes", () => {
    const value = { pathPrefix: "/p/", targets: [["a/2024/2024-01-10.md", "/a/r/2024-01-10/"]] };
    const data = shareBuildData(value);
    let made = 0;
    const make = (decoded: unknown) => {
      made += 1;
      return decoded;
    };
    expect(readBuildData(data, make)).toEqual(value);
    expect(readBuildData(structuredClone(data), make)).toEqual(value);
    expect(made).toBe(1);
    // The clone's bytes are the same memory: what one side writes, the other sees.
    const clone = structuredClone(data);
    new Uint8Array(clone.bytes)[0] = 0x20;
    expect(new Uint8Array(data.bytes)[0]).toBe(0x20);
    // Another build is decoded again.
    expect(readBuildData(shareBuildData({ other: true }), make)).toEqual({ other: true });
    expect(made).toBe(2);
  });
});
