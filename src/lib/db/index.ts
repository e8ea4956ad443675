// The database module's public API. Only this folder imports Dexie.
export { CanaryDb, DB_NAME } from './canary-db';
export type { VersionChangeListener, VersionChangeNotice } from './canary-db';
export { closeDb, databaseExists, getDb, onVersionChange, openDb } from './connection';
export * from './records';
export { SCHEMA_VERSION, SCHEMA_VERSIONS, TABLE_NAMES } from './schema';
export type { SchemaVersion, TableName } from './schema';
export * from './errors';
export { eraseAllData, loadBook, putAccounts, replaceBook } from './book-repo';
export * from './book-reads';
export { readAccountRecords } from './account-repo';
export type { AccountRecords } from './account-repo';
export { loadAccountSeries, mergeSeries, putSeriesRaw } from './series-repo';
export type { SeriesMergeCounts } from './series-repo';
export type { DuplicatePolicy } from './series-merge';
export { applyImport, listImports } from './import-repo';
export type { ImportPlan } from './import-repo';
export { undoImport } from './import-undo';
export {
  appendScoreHistory,
  getCurrentScore,
  getScoreDetail,
  loadCurrentScores,
  loadScoreHistory,
  saveScores,
} from './scores-repo';
export type { SavedScoreMove, ScoreHistoryPoints, StoredScore } from './scores-repo';
export * from './models-repo';
export * from './settings-repo';
export * from './manual-repo';
export * from './crosswalk-repo';
// Backups (exportBackup, restoreBackup, BACKUP_FORMAT, CanaryBackup) are deliberately NOT
// re-exported: their zod schema would land in every page's bundle. Import './backup' directly
// (the worker does).
export * from './storage';
export * from './live';
export * from './renewals-repo';
export * from './tasks-repo';
export * from './changes-repo';
export * from './playbooks-repo';
export * from './playbook-effects-repo';
