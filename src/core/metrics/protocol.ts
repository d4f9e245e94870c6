/**
 * The one message protocol between the metrics sidebar (src/webview) and the extension
 * (src/extension/metrics), named by direction as GitLens does. Both sides validate what they receive.
 */
import { TIME_RANGES, type MetricsSnapshot, type QueryEstimate, type TimeRange } from './types';

// View → extension -----------------------------------------------------------------------------------------

/** The view has loaded and wants the latest snapshot. */
export interface ReadyCommand {
  type: 'ready';
}
export interface RefreshCommand {
  type: 'refresh';
}
export interface SetTimeRangeCommand {
  type: 'setTimeRange';
  range: TimeRange;
}
/** Open the handler of a deployed function. */
export interface OpenFunctionCommand {
  type: 'openFunction';
  name: string;
}
/** Open a rule's documentation. */
export interface OpenRuleCommand {
  type: 'openRule';
  ruleId: string;
}
/** Open a workspace file at a 0-based line. */
export interface OpenLocationCommand {
  type: 'openLocation';
  file: string;
  line: number;
}

export type ViewMessage =
  | ReadyCommand
  | RefreshCommand
  | SetTimeRangeCommand
  | OpenFunctionCommand
  | OpenRuleCommand
  | OpenLocationCommand;

// Extension → view -----------------------------------------------------------------------------------------

export interface SnapshotNotification {
  type: 'snapshot';
  snapshot: MetricsSnapshot;
}
export interface StatusNotification {
  type: 'status';
  refreshing: boolean;
  range: TimeRange;
  /** Seconds between automatic refreshes while the view is visible (0: off). */
  refreshSeconds: number;
}
export interface EstimateNotification {
  type: 'estimate';
  estimate: QueryEstimate | null;
}

export type ExtensionMessage = SnapshotNotification | StatusNotification | EstimateNotification;

// Validation -----------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isRange(v: unknown): v is TimeRange {
  return typeof v === 'string' && (TIME_RANGES as readonly string[]).includes(v);
}

const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/** A message from the view, or undefined when it is not one the protocol knows (it is then ignored). */
export function parseViewMessage(v: unknown): ViewMessage | undefined {
  if (!isObject(v) || typeof v.type !== 'string') return undefined;
  switch (v.type) {
    case 'ready':
    case 'refresh':
      return { type: v.type };
    case 'setTimeRange':
      return isRange(v.range) ? { type: 'setTimeRange', range: v.range } : undefined;
    case 'openFunction':
      return typeof v.name === 'string' && v.name.length > 0 && v.name.length <= 256
        ? { type: 'openFunction', name: v.name }
        : undefined;
    case 'openRule':
      return typeof v.ruleId === 'string' && RULE_ID.test(v.ruleId)
        ? { type: 'openRule', ruleId: v.ruleId }
        : undefined;
    case 'openLocation':
      return typeof v.file === 'string' &&
        v.file.length > 0 &&
        !v.file.split('/').includes('..') &&
        typeof v.line === 'number' &&
        Number.isInteger(v.line) &&
        v.line >= 0
        ? { type: 'openLocation', file: v.file, line: v.line }
        : undefined;
    default:
      return undefined;
  }
}

function isSection(v: unknown, key: string): boolean {
  return isObject(v) && Array.isArray(v[key]);
}

/** Structural check of a snapshot (the parts the view reads). */
export function isSnapshot(v: unknown): v is MetricsSnapshot {
  return (
    isObject(v) &&
    isRange(v.range) &&
    typeof v.start === 'number' &&
    typeof v.end === 'number' &&
    typeof v.generatedAt === 'number' &&
    isSection(v.lambda, 'functions') &&
    isSection(v.apiGateway, 'stages') &&
    isSection(v.athena, 'queries') &&
    isSection(v.athena, 'workGroups') &&
    (v.lambda as { functions: unknown[] }).functions.every((f) => isObject(f) && typeof f.name === 'string')
  );
}

/** A message from the extension, or undefined when malformed. */
export function parseExtensionMessage(v: unknown): ExtensionMessage | undefined {
  if (!isObject(v) || typeof v.type !== 'string') return undefined;
  switch (v.type) {
    case 'snapshot':
      return isSnapshot(v.snapshot) ? { type: 'snapshot', snapshot: v.snapshot } : undefined;
    case 'status':
      return typeof v.refreshing === 'boolean' && isRange(v.range) && typeof v.refreshSeconds === 'number'
        ? { type: 'status', refreshing: v.refreshing, range: v.range, refreshSeconds: v.refreshSeconds }
        : undefined;
    case 'estimate':
      return v.estimate === null || (isObject(v.estimate) && typeof v.estimate.file === 'string')
        ? { type: 'estimate', estimate: v.estimate as QueryEstimate | null }
        : undefined;
    default:
      return undefined;
  }
}
