// Types of search-core.js for the TypeScript tests (the browser loads the .js as it is).
export type SortKey = "relevans" | "nyeste";
export interface SearchState {
  q: string;
  sort: SortKey;
  filters: Record<string, string[]>;
}
export interface Segment {
  text: string;
  mark: boolean;
}
export declare const FILTERS: readonly { key: string; legend: string }[];
export declare const SORTS: Record<SortKey, { label: string; sort: Record<string, string> | undefined }>;
export declare function parseState(search: string): SearchState;
export declare function stateToQuery(state: SearchState): string;
export declare function searchOptions(state: SearchState): {
  filters: Record<string, { any: string[] }>;
  sort?: Record<string, string>;
};
export declare function hasFilters(state: SearchState): boolean;
export declare function statusText(count: number, state: SearchState): string;
export declare function filterLabel(value: string): string;
export declare function sortFilterValues(key: string, values: string[]): string[];
export declare function cleanText(text: string): string;
export declare function decodeEntities(text: string): string;
export declare function excerptSegments(excerpt: string): Segment[];
export declare function itemHits<T extends { url: string; anchor?: { id?: string } }>(subResults: T[], limit?: number): T[];
export declare function normaliseWord(word: string): string;
export declare function answersTerm(pageWord: string, term: string): boolean;
export declare function answersQuery(data: { locations?: number[]; content?: string; raw_content?: string }, query: string): boolean;
