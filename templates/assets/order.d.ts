// Types of order.js for TypeScript (the browser loads the .js as it is).
export declare function compareDanish(a: string, b: string): number;
