// Types of the minhu Node binding (index.js). Field names are the facade's (minhu/api.hpp) in
// camelCase; "none" is null.

/** An attribute value of a petition. */
export type AttributeValue = string | number | boolean | null;

/**
 * A petition: the CLI's JSON Lines shape. `received_at` (and `grid` for `area`) are accepted
 * as aliases, so parsed JSON Lines pass unchanged; other unknown properties are ignored.
 */
export interface Petition {
  /** Required; an integer id is kept as its decimal text. */
  id: string | number;
  /** Required (may be empty). */
  text: string;
  title?: string | null;
  /** e.g. "hotline", "app", "grid_worker", "sensor". */
  channel?: string | null;
  /** Epoch milliseconds, an ISO-8601 string with an offset, or a Date; absent = unknown. */
  receivedAt?: number | string | Date | null;
  /** Grid, community or compound id. */
  area?: string | null;
  address?: string | null;
  /** Given together with lon. */
  lat?: number | null;
  lon?: number | null;
  /** A category reported by the channel. */
  category?: string | null;
  attributes?: Record<string, AttributeValue> | null;
}

/** Evidence: a range of the petition's title or text that a fired rule matched. */
export interface Span {
  field: 'title' | 'text';
  /** UTF-8 byte offsets into the field, as in the core and every binding. */
  begin: number;
  end: number;
  /** The original substring. */
  text: string;
  /** The normalised keyword matched, or null for a regex match. */
  keyword: string | null;
  /** The pattern of a regex match, else null. */
  regex: string | null;
  /** The fired rule this supports. */
  rule: string;
  /** The same range as JS string indices: petition[field].slice(charBegin, charEnd) === text. */
  charBegin: number;
  charEnd: number;
}

export type DecidedBy = 'rule' | 'model' | 'triage';
export type Urgency = 'normal' | 'urgent' | 'critical';
export type Flag = 'invalid_utf8' | 'spans_truncated' | 'internal_error';

/** What classify() decides. */
export interface Classification {
  id: string;
  decidedBy: DecidedBy;
  /** null when the petition goes to manual triage (人工转派). */
  category: string | null;
  categoryName: string | null;
  /** Category ids from the top level down to `category`. */
  categoryPath: string[];
  urgency: Urgency;
  confidence: number;
  /** Fired rules, the deciding one first. */
  rules: string[];
  tags: string[];
  spans: Span[];
  flags: Flag[];
}

export interface UnitRef {
  id: string;
  name: string;
}

export type LocationMethod = 'explicit_id' | 'gps' | 'gazetteer' | 'ambiguous' | 'unknown';
export type Tier = 'small' | 'medium' | 'big';

/** What dispatch() decides: the classification, the location and the assignment. */
export interface Decision extends Classification {
  area: string | null;
  areaName: string | null;
  locationMethod: LocationMethod;
  /** The areas an ambiguous location could be. */
  areaCandidates: string[];
  /** The owner (主办); every petition gets one. */
  lead: string | null;
  leadName: string | null;
  tier: Tier | null;
  /** Assisting units (协办) the lead summons. */
  assisting: UnitRef[];
  /** How the decision was reached, one line each. */
  explanation: string[];
}

export interface DispatchOptions {
  /** Ids of units that returned the case (退回): routed around. */
  exclude?: string[];
}

export interface BatchOptions {
  /** Worker threads in the core (0: one per hardware thread); default: the calling thread. */
  threads?: number;
}

export interface RulesetInfo {
  id: string;
  version: string;
  name: string;
  categories: number;
  rules: number;
  keywords: number;
  units: number;
  areas: number;
  /** Reloads so far + 1. */
  generation: number;
  modelPath: string | null;
  modelThreshold: number;
  modelClasses: string[];
}

export interface ClassScore {
  category: string;
  probability: number;
}

export interface Problem {
  /** RFC 6901 JSON pointer ("" for the whole document). */
  pointer: string;
  message: string;
}

export type ErrorCode =
  | 'ruleset_invalid'
  | 'io'
  | 'petition_invalid'
  | 'invalid_argument'
  | 'not_loaded'
  | 'internal';

/** Every error minhu throws. */
export class MinhuError extends Error {
  name: 'MinhuError';
  code: ErrorCode;
  /** The first problem's JSON pointer, e.g. "/rules/0/when/regex" or "/text"; null if none. */
  pointer: string | null;
  problems: Problem[];
}

/** A loaded ruleset, ready to classify and dispatch. Thread-safe in the core; reload is atomic. */
export class Engine {
  private constructor();
  /** Loads a ruleset file. Throws MinhuError (io, ruleset_invalid). */
  static load(path: string): Engine;
  /** Loads a ruleset from JSON text or an object; relative paths resolve against baseDir. */
  static fromJson(json: string | object, baseDir?: string): Engine;

  classify(petition: Petition): Classification;
  dispatch(petition: Petition, options?: DispatchOptions): Decision;
  /** classify() for an array: in order, one ruleset snapshot, one crossing. */
  classifyMany(petitions: Petition[], options?: BatchOptions): Classification[];
  /** dispatch() for an array: in order, one ruleset snapshot, one crossing. */
  dispatchMany(petitions: Petition[], options?: BatchOptions): Decision[];
  /** A human-readable trace of classification and routing. */
  explain(petition: Petition): string;
  /** The learned model's probability of every class; empty without a model. */
  modelScores(petition: Petition): ClassScore[];

  /** Re-reads the ruleset file; on error throws and keeps the current ruleset. */
  reload(): void;
  /** Loads another ruleset file; on error throws and keeps the current ruleset. */
  reloadFrom(path: string): void;

  /** Open-case load of a unit, for least-loaded routing; unknown ids throw invalid_argument. */
  setLoad(unitId: string, load: number): void;
  addLoad(unitId: string, delta?: number): void;
  loadOf(unitId: string): number;

  info(): RulesetInfo;
}

/** A petition as the CLI reads one JSON Lines line (strict: unknown fields are errors). */
export interface ParsedPetition {
  id: string;
  title: string;
  text: string;
  channel: string;
  receivedAt: number | null;
  area: string;
  address: string;
  lat: number | null;
  lon: number | null;
  category: string;
  attributes: Record<string, AttributeValue>;
}
export function parsePetition(json: string): ParsedPetition;

/** minhu's text normalisation (width, case, traditional → simplified): what rules see. */
export function normalize(text: string): string;
