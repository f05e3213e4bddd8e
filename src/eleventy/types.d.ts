// The slice of Eleventy's programmatic API the build uses (Eleventy 3.1 ships JSDoc, no .d.ts).
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    quietMode?: boolean;
    /** The sub-path the site is hosted under: what Eleventy's `url` filter puts before an address. */
    pathPrefix?: string;
    /** A path, or false to load no config file. */
    configPath?: string | false;
    runMode?: "build" | "serve" | "watch";
    /** Runs every template but writes nothing. */
    dryRun?: boolean;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy ships no types for its UserConfig; the callback names the slice it uses
    config?: (eleventyConfig: any) => void | Promise<void>;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    setIsVerbose(verbose: boolean): void;
    /** Silences Eleventy's console output. */
    disableLogger(): void;
  }
}
