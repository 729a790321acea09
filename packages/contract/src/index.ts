export { type Drift, type DriftKind, detectDrift, formatDriftTable, isBreaking } from './drift.js';
