import { defineConfig } from "vitest/config";

// Browser tests start Chromium and build sites: give them room, and run files in
// parallel only as far as a 2-core CI machine allows.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
  },
});
