// Types of compiled.mjs (plain JavaScript, so that worker entries can load it before tsx).
export declare const WORKER_MODULES: {
  "content-worker": string;
  "markdown-worker": string;
  "link-worker": string;
};
export declare const CODE_VARIABLE: "REFERAT_WORKER_CODE";
export declare const CLI_MODULE: string;
export declare function codeFolder(root?: string): { dir: string; parent: string } | undefined;
export declare function compileInto(folder: { dir: string; parent: string }, root?: string): Promise<void>;
export declare function prepareWorkerCode(): Promise<string | undefined>;
export declare function loadWorkerModule(name: keyof typeof WORKER_MODULES): Promise<unknown>;
export declare function loadCli(): Promise<{ main(argv: string[]): Promise<number> }>;
export declare function ensureTypeScript(): Promise<void>;
