// The import pipeline's public API (the canonical-file reader lives in ./canonical).
export { decodeBytes, decodeWindows1252, type DecodedText, type TextEncodingName } from './decode';
export {
  detectFileKind,
  spreadsheetMessage,
  assertNotSpreadsheet,
  assertTextContent,
  type FileKind,
} from './file-kind';
export { listZipCsvEntries, decodeZipEntry, type ZipCsvEntry } from './zip';
export { openImportFile, decodeTextFile, type OpenedFile } from './open-file';
export { ImportFileError, ImportAbortedError, type FileProblem } from './errors';
export {
  sniffDelimiter,
  sniffLineEnding,
  unifyLineEndings,
  type Delimiter,
  type LineEnding,
} from './sniff';
export { normalizeHeader, uniqueHeaders, findHeader, type HeaderRename } from './headers';
export {
  streamCsv,
  readCsvSync,
  type CsvReadSummary,
  type CsvHeader,
  type CsvParseOptions,
  type CsvRowSink,
  type CsvStreamSummary,
  type CsvParseWarning,
} from './csv-stream';
export { parseCsv, columnValues, type CsvTable } from './csv-table';
export { previewCsv, type CsvPreview } from './preview';
export {
  parseNumber,
  detectDecimalSeparator,
  type DecimalSeparator,
  type DecimalDetection,
} from './numbers';
export { parseBoolean } from './booleans';
export {
  parseDate,
  detectDateFormat,
  excelSerialToDay,
  type DateFormat,
  type DateDetection,
} from './date-values';
export {
  detectColumnTypes,
  profileColumn,
  ColumnProfiler,
  type ColumnType,
  type ColumnProfile,
  type ColumnQuestion,
} from './column-types';
export {
  mappingSchema,
  columnRoleSchema,
  createMapping,
  missingMappedColumns,
  IMPORT_KINDS,
  ACCOUNT_FIELDS,
  type ImportKind,
  type ImportMapping,
  type ColumnRole,
  type AccountField,
  type EventAggregate,
} from './mapping';
export { suggestMapping, type MappingSuggestion } from './suggest';
export {
  presetSchema,
  headerFingerprint,
  createPreset,
  matchPreset,
  buildLookup,
  type MappingPreset,
  type LookupNeed,
} from './presets';
export { BUILTIN_PRESETS } from './presets-builtin';
export { prepareImport, prepareImportFromTable, ImportBuilder } from './prepare';
export type {
  PreparedImport,
  AccountPatch,
  ImportContext,
  RowIssue,
  RowIssueCode,
  ErrorPolicy,
} from './prepared-import';
export { SeriesAccumulator, type Collapse } from './series-accumulator';
export {
  outcomeFactsOf,
  countOutcomes,
  renewalsToWithdraw,
  reconcileInferredRenewals,
  type StoredOutcomeFacts,
  type OutcomeCounts,
  type OutcomeKey,
} from './outcome-balance';
export {
  inferAccountTerms,
  isInferredRenewal,
  INFERRED_RENEWAL_PREFIX,
  type SubscriptionTerm,
  type AccountTerms,
} from './subscription-terms';
export { skippedRowsCsv } from './skipped-rows';
export {
  encryptBackup,
  decryptBackup,
  isEncryptedBackup,
  BackupCryptoError,
  BACKUP_PBKDF2_ITERATIONS,
  type BackupCryptoProblem,
} from './backup-crypto';
export { readBackupFile, BackupFileError, type BackupFileProblem } from './backup-file';
