export { defineRule } from './define-rule.js';
export type {
  AnyRuleDefinition,
  AppliedChange,
  Proposal,
  RefusedProposal,
  RuleArgs,
  RuleContext,
  RuleDefinition,
  RuleOutcome,
} from './define-rule.js';
export { createRegistry } from './registry.js';
export type { RuleRegistry } from './registry.js';
export { createDefaultRegistry } from './default-registry.js';
export { builtinRules, earlyStop, greedy, nanGuard, plateau, severityDrop, warmRestart } from './rules/index.js';
export type { GreedyOptions } from './rules/greedy.js';
export type { EarlyStopOptions } from './rules/early-stop.js';
export type { NanGuardOptions } from './rules/nan-guard.js';
export type { PlateauOptions } from './rules/plateau.js';
export type { SeverityDropOptions } from './rules/severity-drop.js';
export type { WarmRestartOptions } from './rules/warm-restart.js';
export { compileMonitor, monitorConfigSchema, monitorJsonSchema, parseMonitorConfig } from './config.js';
export type {
  BuiltinRule,
  CompiledRule,
  CompileMonitorOptions,
  MonitorConfig,
  MonitorConfigInput,
  MonitorProgram,
  RuleEntry,
  RuleEntryInput,
} from './config.js';
export type { ScheduleFunction } from './schedule-function.js';
export { initialState, monitorStateSchema } from './state.js';
export type { MonitorState } from './state.js';
export { lrAt } from './lr.js';
export { observationSchema } from './observation.js';
export type { Observation, ObservationInput } from './observation.js';
export type { Decision, DecisionType } from './decision.js';
export { reduce } from './reduce.js';
export type { ReduceResult } from './reduce.js';
export { createMonitor } from './monitor.js';
export type { CreateMonitorOptions, Monitor } from './monitor.js';
export { applyRules } from './operator.js';
export type { ApplyRulesOptions } from './operator.js';
export type { DecisionOf, LrChange, MigrationReport, MonitorEventName, MonitorEvents } from './events.js';
export { smoothingSchema } from './smoothing.js';
export { maxWindow } from './window.js';
export type { Smoothing, SmootherState } from './smoothing.js';
export { conformanceConfig, replay, ruleConformance } from './conformance.js';
export type { ConformanceCheck, ConformanceSpec, ReplayRow } from './conformance.js';
export { monitorSnapshotSchema, restoreSnapshot, snapshotVersion, takeSnapshot } from './snapshot.js';
export type { Json, MonitorSnapshot } from './snapshot.js';
export { configFingerprint } from './fingerprint.js';
export { isMonitor, parseRunSnapshot, runSnapshotVersion } from './run-snapshot.js';
export type { RunSnapshot } from './run-snapshot.js';
