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
  /** Tracker: no case with that id. */
  | 'unknown_case'
  /** Tracker: the case's state does not allow the command (nothing changed). */
  | 'invalid_state'
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

// ---- the case tracker ------------------------------------------------------------------------

/** A time: epoch milliseconds, a Date, or an ISO-8601 string with an offset. */
export type Instant = number | Date | string;

export type CaseState =
  | 'received'
  | 'assigned'
  | 'acknowledged'
  | 'in_progress'
  | 'replied'
  | 'rated'
  | 'closed';
export type Colour = 'blue' | 'yellow' | 'red';
export type Clock = 'acknowledge' | 'respond' | 'resolve';

/** Commands the caller gave, then consequences the tracker derived. */
export type EventKind =
  | 'opened'
  | 'acknowledged'
  | 'started'
  | 'replied'
  | 'rated'
  | 'closed'
  | 'returned'
  | 'reassigned'
  | 'escalated'
  | 'supervised'
  | 'paused'
  | 'resumed'
  | 'merged'
  | 'tick'
  | 'assigned'
  | 'reopened'
  | 'colour_changed'
  | 'breached'
  | 'auto_escalated'
  | 'followed';

/** One tracker event, as journaled. */
export interface CaseEvent {
  /** 1, 2, 3, ... per tracker, without gaps. */
  seq: number;
  /** Epoch ms. */
  at: number;
  kind: EventKind;
  caseId: string | null;
  /** Acting unit, new lead or supervising unit. */
  unit: string | null;
  /** opened: the category id. */
  category: string | null;
  /** opened: the area id. */
  area: string | null;
  /**
   * opened: urgency (0 normal, 1 urgent, 2 critical); rated: stars; colour_changed: 0 blue,
   * 1 yellow, 2 red; breached: 0 acknowledge, 1 respond, 2 resolve; auto_escalated: the step.
   */
  value: number;
  /** opened: assisting unit ids, comma-separated; merged: the primary case. */
  detail: string | null;
}

/** One case. Times are epoch ms; null = not (yet) / no such deadline. */
export interface CaseInfo {
  id: string;
  /** null for a case opened from manual triage. */
  category: string | null;
  urgency: Urgency;
  area: string | null;
  lead: string | null;
  leadName: string | null;
  /** Assisting unit ids (协办). */
  assisting: string[];
  /** Units that returned it (退回). */
  returnedBy: string[];
  state: CaseState;
  /** As of the tracker's last advance(). */
  colour: Colour;
  open: boolean;
  /** 挂起: the clock is stopped. */
  paused: boolean;
  /** 督办. */
  supervised: boolean;
  supervisor: string | null;
  escalationLevel: number;
  /** 1-5 stars, 0 = not rated. */
  rating: number;
  reopened: number;
  /** The primary case when merged (并单). */
  mergedInto: string | null;
  /** Cases merged into this one. */
  duplicates: string[];
  receivedAt: number | null;
  assignedAt: number | null;
  acknowledgedAt: number | null;
  startedAt: number | null;
  repliedAt: number | null;
  ratedAt: number | null;
  closedAt: number | null;
  acknowledgeDue: number | null;
  respondDue: number | null;
  resolveDue: number | null;
  breached: Clock[];
}

/** 一量三率 and friends over a set of cases. */
export interface Metrics {
  /** Cases received (一量). */
  volume: number;
  /** Replied (办结), including those later rated or closed. */
  resolved: number;
  resolvedOnTime: number;
  acknowledged: number;
  acknowledgedOnTime: number;
  rated: number;
  /** 3 stars or more. */
  satisfied: number;
  closed: number;
  /** Open cases and their live colours. */
  open: number;
  blue: number;
  yellow: number;
  red: number;
  /** 办结率: resolved / volume. */
  completionRate: number;
  /** 及时率: resolvedOnTime / resolved. */
  timelinessRate: number;
  /** 满意率: satisfied / rated. */
  satisfactionRate: number;
  /** acknowledgedOnTime / volume. */
  responseRate: number;
}

/** Which cases a query covers; absent fields do not filter; unknown properties are refused. */
export interface CaseFilter {
  /** Scoped view: cases led by this unit or any unit below it. */
  scopeUnit?: string | null;
  /** Cases led by exactly this unit. */
  unit?: string | null;
  /** Cases located in this area or below it. */
  street?: string | null;
  /** This category or its descendants. */
  category?: string | null;
  /** Received in [from, to) when `to` is given. */
  from?: Instant | null;
  to?: Instant | null;
}

export interface TrackerOptions {
  /** A SQLite journal file: created if missing, recovered if present. Absent: in memory. */
  journal?: string | null;
  /** 'full' (survives power loss; default) or 'normal' (survives a process crash; faster). */
  durability?: 'full' | 'normal';
}

/** A decision as open() reads it: dispatch()'s, or any object with a lead. */
export type OpenDecision = Partial<Omit<Decision, 'assisting'>> & {
  lead: string;
  assisting?: Array<UnitRef | string>;
};

/**
 * Case lifecycle and SLA clocks over an Engine's ruleset (minhu::api::case_tracker). Commands
 * return the events they caused, the command first; a refused one throws MinhuError
 * (unknown_case, invalid_state, invalid_argument) and changes nothing. Open cases count as load
 * of their lead in the engine's least-loaded routing. After dispose(), every call throws
 * not_loaded.
 */
export class Tracker {
  /** Throws MinhuError io for a corrupt, truncated or diverging journal. */
  constructor(engine: Engine, options?: TrackerOptions);
  readonly engine: Engine;
  /** The journal file, or null in memory. */
  readonly journal: string | null;

  /** Opens case `caseId` from a dispatch() decision: assigned to its lead, clocks started. */
  open(caseId: string, decision: OpenDecision, now: Instant): CaseEvent[];
  /** Dispatches the petition and opens case petition.id; returns the decision. */
  submit(petition: Petition, now: Instant): Decision;

  /** 签收. */
  acknowledge(caseId: string, now: Instant): CaseEvent[];
  /** First response. */
  start(caseId: string, now: Instant): CaseEvent[];
  /** 办结. */
  reply(caseId: string, now: Instant): CaseEvent[];
  /** 1-5 stars; 1-2 reopen the case for redo (重办). */
  rate(caseId: string, stars: number, now: Instant): CaseEvent[];
  close(caseId: string, now: Instant): CaseEvent[];
  /** 退回 by the lead `unit`: re-routed without every unit that returned it. */
  returnCase(caseId: string, unit: string, now: Instant): CaseEvent[];
  /** The command centre moves the case to `unit`. */
  reassign(caseId: string, unit: string, now: Instant): CaseEvent[];
  /** 督办 by hand: by the lead's parent, or by `unit`. */
  escalate(caseId: string, now: Instant, unit?: string | null): CaseEvent[];
  supervise(caseId: string, now: Instant): CaseEvent[];
  /** 挂起. */
  pause(caseId: string, now: Instant): CaseEvent[];
  resume(caseId: string, now: Instant): CaseEvent[];
  /** 并单: `duplicate` follows `primary` from now on. */
  merge(duplicate: string, primary: string, now: Instant): CaseEvent[];
  /** Moves the clocks to `now`: colour changes, breaches, escalation steps, in time order. */
  advance(now: Instant): CaseEvent[];

  has(caseId: string): boolean;
  /** Throws MinhuError unknown_case. */
  get(caseId: string): CaseInfo;
  /** The cases a filter selects, in the order they were opened. */
  cases(filter?: CaseFilter | null): CaseInfo[];
  measure(filter?: CaseFilter | null): Metrics;

  /** Cases, open or not. */
  readonly size: number;
  /** The time of the last advance() (epoch ms). */
  readonly now: number;
  /** Pending SLA timers. */
  readonly timers: number;
  /** The last event's seq. */
  readonly lastSeq: number;
  readonly disposed: boolean;
  /** Releases the tracker and closes its journal now rather than at garbage collection. */
  dispose(): void;
}
