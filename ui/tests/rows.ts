// What the screens' tests build their backend's answers from: an agency row of 总览, a finding,
// a section and an import preview, every field filled, changed where a test says.
import type { AgencyRow } from '../src/bindings/AgencyRow'
import type { FindingDto } from '../src/bindings/FindingDto'
import type { Preview } from '../src/bindings/Preview'
import type { SectionDto } from '../src/bindings/SectionDto'

export const agencyRow = (over: Partial<AgencyRow> & { name: string }): AgencyRow => {
  const sent = over.sent ?? true
  return {
    id: over.name.length,
    kind: 'department',
    kind_label: '部门',
    retired: false,
    sent,
    file: null,
    imported_at: null,
    format: null,
    format_label: null,
    document: null,
    contact: '',
    phone: '',
    sections_imported: 0,
    findings: 0,
    sections_todo: 0,
    review: sent ? 'submitted' : 'missing',
    review_label: sent ? '已报送待审' : '未报送',
    overdue: null,
    ...over,
  }
}

export const findingDto = (over: Partial<FindingDto>): FindingDto => ({
  rule: 'row total',
  rule_name: '行合计',
  about: '表三',
  cells: [],
  refs: [],
  message: '',
  id: null,
  disposition: null,
  disposition_label: '',
  reason: '',
  ...over,
})

/** A narrative part of a report as 报告章节 receives it: a draft with `text`, nothing else pending. */
export const sectionDto = (over: Partial<SectionDto> & { key: string; title: string; text: string }): SectionDto => ({
  level: 1,
  is_table: false,
  state: 'draft',
  state_label: '草稿',
  source_file: '',
  source_place: '',
  history: [],
  offer: null,
  complete: true,
  findings: [],
  generated: null,
  last_year: null,
  ...over,
})

/** A readable 2021-form workbook's preview, named after its path, no agency matched. */
export const previewDto = (over: Partial<Preview> & { path: string }): Preview => ({
  file: over.path.split('/').pop() ?? over.path,
  agency: null,
  year: 2021,
  format: 'gov2021',
  format_label: '2021版',
  source: 'workbook',
  source_label: 'Excel 报表',
  tables: ['表二'],
  figures: 200,
  sections: [],
  findings: [],
  error: null,
  matched: null,
  matched_label: null,
  matched_agency: null,
  place: null,
  unchanged: false,
  corrections: 0,
  agency_candidates: [],
  ...over,
})
