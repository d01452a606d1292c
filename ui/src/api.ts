// Every call from the front end to the backend goes through this module. The shapes come from
// src/bindings/, generated from the Rust types (cargo test -p nianbao-app); none is declared here.
import { invoke } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { open, save } from '@tauri-apps/plugin-dialog'
import { revealItemInDir } from '@tauri-apps/plugin-opener'
import type { DeadlineDto } from './bindings/DeadlineDto'
import type { AgencyDetail } from './bindings/AgencyDetail'
import type { AgencyRow } from './bindings/AgencyRow'
import type { AppError } from './bindings/AppError'
import type { BackupDto } from './bindings/BackupDto'
import type { PublishedDto } from './bindings/PublishedDto'
import type { CountyDto } from './bindings/CountyDto'
import type { FindingDto } from './bindings/FindingDto'
import type { ImportItem } from './bindings/ImportItem'
import type { ImportProgress } from './bindings/ImportProgress'
import type { ImportSummary } from './bindings/ImportSummary'
import type { Overview } from './bindings/Overview'
import type { Preview } from './bindings/Preview'
import type { ReportDto } from './bindings/ReportDto'
import type { AgencyKind } from './bindings/AgencyKind'
import type { ReportOf } from './bindings/ReportOf'
import type { SectionState } from './bindings/SectionState'
import type { ReviewState } from './bindings/ReviewState'
import type { StatsDto } from './bindings/StatsDto'
import type { Disposition } from './bindings/Disposition'
import type { Vocabulary } from './bindings/Vocabulary'
import type { CountyInfo } from './bindings/CountyInfo'
import type { CountySettings } from './bindings/CountySettings'
import type { ExportAllDto } from './bindings/ExportAllDto'
import type { ExportProgress } from './bindings/ExportProgress'
import type { IndicatorsDto } from './bindings/IndicatorsDto'
import type { NewIndicator } from './bindings/NewIndicator'
import type { PartSourcesDto } from './bindings/PartSourcesDto'

/** An error from the backend as the UI shows it; anything else becomes one too. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'message' in e && 'code' in e) return e as AppError
  return { code: 'internal', message: String(e) }
}

/** What each kind of saved file is called in the save dialog. */
const FILE_KINDS = { xlsx: 'Excel 工作簿', docx: 'Word 文档', db: '年报工作台数据库' }

export const api = {
  vocabulary: () => invoke<Vocabulary>('vocabulary'),
  countyInfo: () => invoke<CountySettings>('county_info'),
  /** The year's deadlines; with `kind`, that one set to `date` first ('' goes back to the law's). */
  deadlines: (year: number, kind: string | null = null, date: string | null = null) =>
    invoke<DeadlineDto[]>('deadlines', { year, kind, date }),
  countySet: (info: CountyInfo) => invoke<CountySettings>('county_set', { info }),
  overview: (year: number | null) => invoke<Overview>('overview', { year }),
  roster: () => invoke<AgencyRow[]>('roster'),
  agencyAdd: (name: string, kind: AgencyKind | null) => invoke<void>('agency_add', { name, kind }),
  agencyRename: (old: string, name: string) => invoke<void>('agency_rename', { old, new: name }),
  agencySetRetired: (name: string, retired: boolean) => invoke<void>('agency_set_retired', { name, retired }),
  agencyRetireOtherCounty: (name: string) => invoke<void>('agency_retire_other_county', { name }),
  agencyRetireFrom: (name: string, year: number) => invoke<void>('agency_retire_from', { name, year }),
  agencySetKind: (name: string, kind: AgencyKind) => invoke<void>('agency_set_kind', { name, kind }),
  agencySetContact: (name: string, contact: string, phone: string) =>
    invoke<void>('agency_set_contact', { name, contact, phone }),
  rosterImport: (path: string) => invoke<string>('roster_import', { path }),
  /** Every file read, in order; the files read so far come before as `onPreviewBatch` events. */
  previewFiles: (paths: string[]) => invoke<Preview[]>('preview_files', { paths }),
  /** The files of a folder read so far, a list about every 30 ms while the rest are read. */
  onPreviewBatch: (f: (read: Preview[]) => void): Promise<UnlistenFn> =>
    listen<Preview[]>('preview-batch', (e) => f(e.payload)),
  importFiles: (items: ImportItem[]) => invoke<ImportSummary>('import_files', { items }),
  agencyDetail: (agency: string, year: number) => invoke<AgencyDetail>('agency_detail', { agency, year }),
  stats: (year: number, from: number | null = null, to: number | null = null) =>
    invoke<StatsDto>('stats', { year, from, to }),
  exportBrief: (year: number, path: string, pictures: number[][]) =>
    invoke<string>('export_brief', { year, path, pictures }),
  reviewSet: (
    agency: string,
    year: number,
    state: ReviewState,
    extra: { date?: string | null; url?: string | null; note?: string | null; page?: string | null } = {},
  ) =>
    invoke<AgencyDetail>('review_set', {
      agency,
      year,
      state,
      step: { date: extra.date ?? null, url: extra.url ?? null, note: extra.note ?? null, page: extra.page ?? null },
    }),
  reviewPublished: (year: number, dir: string) => invoke<PublishedDto>('review_published', { year, dir }),
  reviewSend: (agency: string, year: number, date: string | null = null) =>
    invoke<AgencyDetail>('review_send', { agency, year, date }),
  findingDispose: (id: number, disposition: Disposition, reason: string) =>
    invoke<AgencyDetail>('finding_dispose', { id, disposition, reason }),
  correctFigure: (returnId: number, figure: string, value: number, who: string, note: string) =>
    invoke<FindingDto[]>('correct_figure', { returnId, figure, value, who, note }),
  returnRemove: (agency: string, year: number, document: boolean) =>
    invoke<void>('return_remove', { agency, year, document }),
  returnRestore: (agency: string, year: number, id: number) => invoke<void>('return_restore', { agency, year, id }),
  report: (of: ReportOf, year: number) => invoke<ReportDto>('report', { of, year }),
  sectionSave: (of: ReportOf, year: number, key: string, state: SectionState, text: string) =>
    invoke<ReportDto>('section_save', { of, year, key, state, text }),
  sectionOffer: (of: ReportOf, year: number, key: string, take: boolean) =>
    invoke<ReportDto>('section_offer', { of, year, key, take }),
  county: (year: number) => invoke<CountyDto>('county', { year }),
  partSources: (year: number, key: string) => invoke<PartSourcesDto>('part_sources', { year, key }),
  newWordsAdd: (words: string[]) => invoke<string[]>('new_words_add', { words }),
  indicators: (year: number) => invoke<IndicatorsDto>('indicators', { year }),
  indicatorsAdd: (year: number, indicator: NewIndicator) =>
    invoke<IndicatorsDto>('indicators_add', { year, new: indicator }),
  indicatorsRemove: (year: number, id: string) => invoke<IndicatorsDto>('indicators_remove', { year, id }),
  indicatorsClear: (year: number) => invoke<IndicatorsDto>('indicators_clear', { year }),
  indicatorsExport: (year: number, path: string) => invoke<string>('indicators_export', { year, path }),
  indicatorsImport: (year: number, path: string) => invoke<IndicatorsDto>('indicators_import', { year, path }),
  exportSummary: (year: number, path: string) => invoke<string>('export_summary', { year, path }),
  exportTables: (of: ReportOf, year: number, path: string) => invoke<string>('export_tables', { of, year, path }),
  exportTemplate: (year: number, stats: boolean, path: string) =>
    invoke<string>('export_template', { year, stats, path }),
  exportDraft: (of: ReportOf, year: number, path: string, date: string | null = null) =>
    invoke<string>('export_draft', { of, year, date, path }),
  exportAll: (year: number, dir: string, date: string | null = null) =>
    invoke<ExportAllDto>('export_all', { year, dir, date }),
  exportFeedback: (agency: string, year: number, path: string, date: string | null = null) =>
    invoke<string>('export_feedback', { agency, year, date, path }),
  exportChase: (year: number, path: string) => invoke<string>('export_chase', { year, path }),
  onExportProgress: (f: (p: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<ExportProgress>('export-progress', (e) => f(e.payload)),
  backups: () => invoke<BackupDto[]>('backups'),
  backupNow: () => invoke<BackupDto[]>('backup_now'),
  databaseCopy: (path: string) => invoke<string>('database_copy', { path }),
  backupRestore: (path: string) => invoke<void>('backup_restore', { path }),
  /** The files imported since the last event, a list at most every tenth of a second. */
  onImportProgress: (f: (done: ImportProgress[]) => void): Promise<UnlistenFn> =>
    listen<ImportProgress[]>('import-progress', (e) => f(e.payload)),
  /** Files dropped on the window. */
  onDrop: async (f: (paths: string[]) => void): Promise<UnlistenFn> => {
    const { getCurrentWebview } = await import('@tauri-apps/api/webview')
    return getCurrentWebview().onDragDropEvent((e) => {
      if (e.payload.type === 'drop') f(e.payload.paths)
    })
  },
  pickFiles: async (): Promise<string[]> => {
    const r = await open({
      multiple: true,
      filters: [
        {
          name: 'Excel 报表与年度报告文档',
          extensions: ['xlsx', 'xls', 'xlsm', 'et', 'ods', 'docx', 'odt', 'html', 'htm'],
        },
      ],
    })
    return r ? (Array.isArray(r) ? r : [r]) : []
  },
  pickFolder: async (): Promise<string | null> => {
    const r = await open({ directory: true })
    return typeof r === 'string' ? r : null
  },
  // A PDF can be picked too: the portal may have published only that, and the check then says
  // what to do instead (save the web page, or record the address only).
  pickPage: async (): Promise<string | null> => {
    const r = await open({
      filters: [{ name: '保存的网页或报告文档', extensions: ['html', 'htm', 'docx', 'odt', 'pdf'] }],
    })
    return typeof r === 'string' ? r : null
  },
  pickOpenWorkbook: async (): Promise<string | null> => {
    const r = await open({ filters: [{ name: 'Excel 工作簿', extensions: ['xlsx', 'xls', 'ods'] }] })
    return typeof r === 'string' ? r : null
  },
  pickSave: (defaultPath: string, ext: 'xlsx' | 'docx' | 'db') =>
    save({ defaultPath, filters: [{ name: FILE_KINDS[ext], extensions: [ext] }] }),
  reveal: (path: string) => revealItemInDir(path),
}
