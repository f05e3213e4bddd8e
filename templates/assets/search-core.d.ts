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
export declare function decodeMarks(text: string): string;
export declare function cleanText(text: string): string;
export declare function wordForms(token: string): string[];
export declare function parseQuery(q: string): { words: string[]; phrases: string[][]; term: string };
export declare function phraseOccurrences(tokens: string[], phrases: string[][]): number[][];
export declare const EXCERPT_LENGTH: number;
export declare function excerptOf(tokens: string[], options: { from?: number; to?: number; marks: number[]; length?: number }): Segment[];
export interface Anchor {
  id?: string;
  element?: string;
  location: number;
  text?: string;
}
export interface PageData {
  url: string;
  content?: string;
  locations?: number[];
  anchors?: Anchor[];
  meta: Record<string, string | undefined>;
}
export interface ItemView {
  url: string;
  title: string;
  titleSegments: Segment[];
  segments: Segment[];
  phrase: boolean;
}
export declare function resultView(data: PageData, q: string, limit?: number): { items: ItemView[]; page: Segment[] };
export declare function normaliseWord(word: string): string;
export declare function answersTerm(pageWord: string, term: string): boolean;
export declare function answersQuery(data: { locations?: number[]; content?: string }, query: string): boolean;
export declare function parseVocabulary(text: string): Map<string, number>;
export declare function editDistance(a: string, b: string, limit?: number): number;
export declare function nearestWord(word: string, vocabulary: Map<string, number>): string | undefined;
export declare function suggest(q: string, vocabulary: Map<string, number>): string | undefined;
