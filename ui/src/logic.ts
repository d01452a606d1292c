import type { ReviewState } from './bindings/ReviewState'
// The screens' logic, free of Vue and of the backend, so it is tested on its own.
import type { AgencyRow } from './bindings/AgencyRow'
import type { ImportItem } from './bindings/ImportItem'
import type { Preview } from './bindings/Preview'
import type { EditDto } from './bindings/EditDto'
import type { FindingDto } from './bindings/FindingDto'
import type { SourceDto } from './bindings/SourceDto'
import type { TableCellDto } from './bindings/TableCellDto'

/** 总览's filters: by what is missing or wrong, by the review's state, or the overdue. */
export type AgencyFilter = 'all' | 'missing' | 'findings' | 'todo' | 'overdue' | ReviewState

/** The agencies a filter and a search show, missing and troubled ones first. */
export function filterAgencies(rows: AgencyRow[], filter: AgencyFilter, query: string): AgencyRow[] {
  const q = query.trim()
  return rows
    .filter((r) => !q || r.name.includes(q))
    .filter((r) => {
      switch (filter) {
        case 'all':
          return true
        case 'missing':
          return !r.sent
        case 'findings':
          return r.findings > 0
        case 'todo':
          return r.sections_todo > 0
        case 'overdue':
          return r.overdue !== null
        default:
          return r.review === filter
      }
    })
}

/** The columns 总览 sorts by. */
export type AgencySort = 'name' | 'kind' | 'state' | 'review' | 'sections_todo' | 'document' | 'file' | 'imported_at'

/** The review's states in their order, for sorting (the overdue first). */
const REVIEW_ORDER: ReviewState[] = ['missing', 'submitted', 'returned', 'resubmitted', 'accepted', 'published']

/** 总览's rows narrowed to a kind (部门 / 乡镇街道, or all) and sorted by a column, stably. */
export function sortAgencies(
  rows: AgencyRow[],
  by: AgencySort,
  descending: boolean,
  kind: AgencyRow['kind'] | 'all' = 'all',
): AgencyRow[] {
  const severity = (r: AgencyRow) => (!r.sent ? 2 : r.findings > 0 ? 1 : 0)
  const key = (r: AgencyRow): string | number => {
    switch (by) {
      case 'name':
        return r.name
      case 'kind':
        return r.kind_label
      case 'state':
        return severity(r) * 10000 + r.findings
      case 'review':
        return (r.overdue ? 100 : 0) + (REVIEW_ORDER.length - REVIEW_ORDER.indexOf(r.review))
      case 'sections_todo':
        return r.sections_todo
      case 'document':
        return r.document ? r.sections_imported + 1 : 0
      case 'file':
        return r.file ?? ''
      case 'imported_at':
        return r.imported_at ?? ''
    }
  }
  const sign = descending ? -1 : 1
  return rows
    .filter((r) => kind === 'all' || r.kind === kind)
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => {
      const c =
        typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k), 'zh-CN')
      return c !== 0 ? sign * c : a.i - b.i
    })
    .map((x) => x.r)
}

export type PreviewFilter = 'all' | 'refused' | 'findings' | 'clean'

/** The import preview narrowed to 拒收 / 有问题 / 无问题, refused files first when sorted by state. */
export function filterPreviews(previews: Preview[], filter: PreviewFilter, byState: boolean): Preview[] {
  const state = (p: Preview) => (p.error ? 0 : p.findings.length > 0 ? 1 : 2)
  const shown = previews.filter((p) =>
    filter === 'refused'
      ? !!p.error
      : filter === 'findings'
        ? !p.error && p.findings.length > 0
        : filter === 'clean'
          ? !p.error && p.findings.length === 0
          : true,
  )
  return byState
    ? shown
        .map((p, i) => ({ p, i }))
        .sort((a, b) => state(a.p) - state(b.p) || a.i - b.i)
        .map((x) => x.p)
    : shown
}

/** What the agency row says in a word. */
export function rowState(r: AgencyRow): { text: string; tone: 'bad' | 'warn' | 'ok' } {
  if (!r.sent) return { text: '未报送', tone: 'bad' }
  if (r.findings > 0) return { text: `${r.findings} 个问题`, tone: 'warn' }
  return { text: '已报送', tone: 'ok' }
}

/** Paths pasted by hand: one a line, quotes (Windows' "Copy as path") taken off. */
export function parsePaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^["']|["']$/g, ''))
    .filter((l) => l.length > 0)
}

/** Edits the office made to a file's agency or year before storing. */
export interface PreviewEdit {
  agency: string
  year: string
  /** A close name's roster entry accepted by a click. */
  confirmed?: boolean
}

/** The edit a preview starts with: the roster's name where the roster has the agency (so the file is
 *  stored under it), nothing to guess for another county's file (the office picks the agency). */
export function initialEdit(p: Preview): PreviewEdit {
  const agency = p.matched === 'other_county' ? '' : (p.matched_agency ?? p.agency ?? '')
  return { agency, year: p.year ? String(p.year) : '', confirmed: false }
}

/** Text as typed with full-width digits, point and minus (２０２１，１２．５，－３) in ASCII, trimmed. */
export function asciiNumber(typed: string): string {
  return typed.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** A year as typed: full-width digits (２０２１) read as digits; NaN when it is no number. */
export function yearOf(typed: string): number {
  const ascii = asciiNumber(typed)
  return /^\d{1,4}$/.test(ascii) ? Number.parseInt(ascii, 10) : Number.NaN
}

/** A 拒收 reason without the file's name it starts with (the row already shows the file). */
export function reasonWithoutFile(message: string, file: string): string {
  const quoted = `“${file}”`
  return message.startsWith(quoted) ? message.slice(quoted.length).replace(/^[，,：:]/, '') : message
}

/** The files to store: every readable preview, with the agency and year as confirmed and the name
 *  the file gave (a name mapped to another roster entry is remembered as its alias). */
export function planImport(previews: Preview[], edits: Record<string, PreviewEdit>): ImportItem[] {
  return previews
    .filter((p) => !p.error)
    .map((p) => {
      const e = edits[p.path]
      const agency = (e?.agency ?? p.agency ?? '').trim()
      const year = yearOf(e?.year ?? String(p.year ?? ''))
      return { path: p.path, agency: agency || null, year: Number.isFinite(year) ? year : null, file_agency: p.agency }
    })
}

/** The worker changed the agency from what the roster matched. */
function reassigned(p: Preview, e?: PreviewEdit): boolean {
  const agency = (e?.agency ?? '').trim()
  return agency !== '' && agency !== (p.matched_agency ?? p.agency ?? '')
}

/** Why a preview cannot be stored yet, if it cannot. */
export function previewProblem(p: Preview, e?: PreviewEdit): string | null {
  if (p.error) return p.error.message
  if (p.unchanged && !reassigned(p, e)) return '未变化，将跳过'
  const agency = (e?.agency ?? p.agency ?? '').trim()
  const year = yearOf(e?.year ?? String(p.year ?? ''))
  if (p.matched === 'other_county' && !agency) return `属于其他县（${p.place ?? ''}），请从名册中指定单位`
  if (!agency) return '请填写单位名称'
  if (p.matched === 'close' && !e?.confirmed && !reassigned(p, e))
    return `请确认对应单位：${p.agency} → ${p.matched_agency}`
  if (!Number.isFinite(year)) return '请填写年度（如 2024）'
  if (year < 2008 || year > 2100) return `年度 ${year} 不在 2008–2100 之间，请核对`
  return null
}

/** How the file's agency was found in the roster, in the words of the preview's 名册对应 column. */
export function matchText(p: Preview, e?: PreviewEdit): { text: string; tone: 'ok' | 'warn' | 'bad' | 'mini' } {
  if (p.error || !p.matched) return { text: '—', tone: 'mini' }
  if (reassigned(p, e)) return { text: `指定为 ${e!.agency.trim()}（将记住此对应）`, tone: 'ok' }
  switch (p.matched) {
    case 'exact':
      return { text: '名册中的单位', tone: 'ok' }
    case 'alias':
      return { text: `按别名对应：${p.agency} → ${p.matched_agency}`, tone: 'ok' }
    case 'close':
      return e?.confirmed
        ? { text: `${p.agency} → ${p.matched_agency}（已确认）`, tone: 'ok' }
        : { text: `相近名称：${p.agency} → ${p.matched_agency}`, tone: 'warn' }
    case 'new':
      return { text: '不在名册中，将新增', tone: 'warn' }
    case 'other_county':
      return { text: `属于其他县（${p.place ?? ''}）：${p.agency}`, tone: 'bad' }
  }
}

/** CSS grid placement of a table cell (grid lines start at 1). */
export function gridArea(c: TableCellDto): string {
  return `${c.row + 1} / ${c.col + 1} / span ${c.rows} / span ${c.cols}`
}

/** A file name to offer in the save dialog. */
export function suggestedName(
  kind: 'summary' | 'tables' | 'template' | 'draft' | 'chase' | 'feedback',
  year: number,
  agency: string | null,
  county: string,
): string {
  // The names 全部导出 gives the same files (export::office::export_all), so a file saved alone and
  // the same file saved with all the others are found under one name.
  // The county's report is named as the county's ("…（全县）…"): an agency of the county's own
  // name never shares its file.
  const who = agency ?? `${county}（全县）`
  switch (kind) {
    case 'chase':
      return `${year}-催报清单.xlsx`
    case 'feedback':
      return `${year}-${who}-审核意见.docx`
    case 'summary':
      return `${year}-汇总表.xlsx`
    case 'tables':
      return `${year}-${who}-表格.xlsx`
    case 'template':
      return `${year}-报表模板.xlsx`
    case 'draft':
      return `${year}-${who}-报告稿.docx`
  }
}

/** A figure's provenance as a tooltip: the file's cell and what it holds as typed; for a figure
 *  the office corrected, the file's text and the correction apart. */
export function provenance(f: {
  label: string
  raw: string
  sheet: string
  cell: string
  value?: number | null
  file_raw?: string | null
}): string {
  if (!f.sheet) return f.label
  const typed = (raw: string) => (raw === '' ? '（空白，按 0 计）' : `“${raw}”`)
  if (f.file_raw !== undefined && f.file_raw !== null) {
    const now = f.value === null || f.value === undefined ? typed(f.raw) : String(f.value)
    return `${f.label}\n来自 ${f.sheet}!${f.cell}，文件中填的是 ${typed(f.file_raw)}\n办公室已更正为 ${now}`
  }
  return `${f.label}\n来自 ${f.sheet}!${f.cell}，原文 ${typed(f.raw)}`
}

/** The value seen most often (the first of equals), or null for none. */
export function mostCommon(values: (number | null)[]): number | null {
  const counts = new Map<number, number>()
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best: number | null = null
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = v
  return best
}

/** Where a panel of `size` opens beside a clicked cell: to its right, else to its left, top aligned
 *  with the cell, always inside the window (`view`). */
export function besideCell(
  cell: { top: number; left: number; right: number; bottom: number },
  size: { width: number; height: number },
  view: { width: number; height: number },
): { top: number; left: number } {
  const gap = 8
  const left =
    cell.right + gap + size.width <= view.width ? cell.right + gap : Math.max(gap, cell.left - gap - size.width)
  const top = Math.min(Math.max(gap, cell.top), Math.max(gap, view.height - size.height - gap))
  return { top: Math.round(top), left: Math.round(left) }
}

/** An indicator's 识别词 as the office reads them: all of them, separated by 、; a word that may be
 *  any of several ("微博|微信") shown as "微博 或 微信". */
export function wordsText(words: string[]): string {
  return words.map((w) => w.split('|').join(' 或 ')).join('、')
}

/** Findings grouped as the office goes through them: by table (表二, 表三 …) in the report's order,
 *  then by rule, each with its count. */
export interface FindingGroup {
  about: string
  count: number
  rules: { rule_name: string; items: FindingDto[] }[]
}
export function groupFindings(findings: FindingDto[]): FindingGroup[] {
  const order = ['表二', '表三', '表四', '统计表', '报告文档', '其他']
  const groups: FindingGroup[] = []
  for (const f of findings) {
    let g = groups.find((x) => x.about === f.about)
    if (!g) groups.push((g = { about: f.about, count: 0, rules: [] }))
    g.count++
    let r = g.rules.find((x) => x.rule_name === f.rule_name)
    if (!r) g.rules.push((r = { rule_name: f.rule_name, items: [] }))
    r.items.push(f)
  }
  const rank = (a: string) => (order.indexOf(a) < 0 ? order.length : order.indexOf(a))
  return groups.sort((a, b) => rank(a.about) - rank(b.about))
}

/** A text and the office's current one compared sentence by sentence (longest common run): what
 *  stays, what the new text adds, what it drops. */
export function sentenceDiff(current: string, offered: string): { text: string; kind: 'same' | 'added' | 'removed' }[] {
  const split = (t: string) =>
    t
      .split(/(?<=[。！？；\n])/u)
      .map((x) => x.trim())
      .filter((x) => x.length > 0)
  const a = split(current)
  const b = split(offered)
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const out: { text: string; kind: 'same' | 'added' | 'removed' }[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ text: a[i], kind: 'same' })
      i++
      j++
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push({ text: b[j++], kind: 'added' })
    } else {
      out.push({ text: a[i++], kind: 'removed' })
    }
  }
  return out
}

/** The agencies' texts a search keeps: by the agency's name or by the words of its text. */
export function filterSources(sources: SourceDto[], query: string): SourceDto[] {
  const q = query.trim()
  return q ? sources.filter((s) => s.agency.includes(q) || s.text.includes(q)) : sources
}

/** `text` with `quote` put in at the cursor (`at`, as a textarea's selectionStart) on a line of its
 *  own; the cursor's place after it. */
export function insertAt(text: string, quote: string, at: number | null): { text: string; cursor: number } {
  const pos = at === null || at < 0 || at > text.length ? text.length : at
  const before = text.slice(0, pos)
  const after = text.slice(pos)
  const lead = before && !before.endsWith('\n') ? '\n' : ''
  const tail = after && !after.startsWith('\n') ? '\n' : ''
  const inserted = `${lead}${quote}${tail}`
  return { text: before + inserted + after, cursor: pos + lead.length + quote.length }
}

/** A correction by hand as 单位详情 says it: when, who, the figure, from the file's text to the value, why. */
export function editSentence(e: EditDto): string {
  const why = e.note ? `（${e.note}）` : ''
  return `${e.at} ${e.who}：${e.label} 由“${e.old_raw}”改为 ${e.new_value ?? ''}${why}`
}
