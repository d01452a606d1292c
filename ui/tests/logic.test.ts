import { describe, expect, it } from 'vitest'
import {
  reasonWithoutFile,
  besideCell,
  filterAgencies,
  groupFindings,
  insertAt,
  sentenceDiff,
  wordsText,
  filterPreviews,
  initialEdit,
  matchText,
  mostCommon,
  parsePaths,
  planImport,
  previewProblem,
  provenance,
  rowState,
  sortAgencies,
  suggestedName,
} from '../src/logic'
import type { MatchKind } from '../src/bindings/MatchKind'
import type { AgencyRow } from '../src/bindings/AgencyRow'
import type { Preview } from '../src/bindings/Preview'
import { agencyRow, findingDto, previewDto } from './rows'

const row = (name: string, sent: boolean, findings = 0, todo = 0): AgencyRow =>
  agencyRow({ name, sent, findings, sections_todo: todo })
const preview = (path: string, agency: string | null, year: number | null, error = false): Preview =>
  previewDto({ path, agency, year, error: error ? { code: 'damaged', message: '“x.xlsx”已损坏' } : null })
const matched = (agency: string, kind: MatchKind, roster: string | null, extra: Partial<Preview> = {}): Preview => ({
  ...preview(`/a/2021-${agency}.xlsx`, agency, 2021),
  matched: kind,
  matched_agency: roster,
  ...extra,
})

describe('the overview list', () => {
  const rows = [row('商务局', true), row('财政局', false), row('悦庄镇', true, 2, 3)]
  it('filters by state and by name', () => {
    expect(filterAgencies(rows, 'missing', '').map((r) => r.name)).toEqual(['财政局'])
    expect(filterAgencies(rows, 'findings', '').map((r) => r.name)).toEqual(['悦庄镇'])
    expect(filterAgencies(rows, 'todo', '').map((r) => r.name)).toEqual(['悦庄镇'])
    expect(filterAgencies(rows, 'all', '局').map((r) => r.name)).toEqual(['商务局', '财政局'])
  })
  it('says what a row is in a word', () => {
    expect(rowState(rows[1])).toEqual({ text: '未报送', tone: 'bad' })
    expect(rowState(rows[2])).toEqual({ text: '2 个问题', tone: 'warn' })
    expect(rowState(rows[0]).tone).toBe('ok')
  })
})

describe('the import plan', () => {
  it('takes pasted paths one a line, without quotes', () => {
    expect(parsePaths('"C:\\收件箱\\2021-商务局.xlsx"\n\n /home/a/b.xls \r\n')).toEqual([
      'C:\\收件箱\\2021-商务局.xlsx',
      '/home/a/b.xls',
    ])
  })
  it('stores readable files with the agency and year as the office confirmed them', () => {
    const ps = [
      preview('/a/2021-商务局.xlsx', '商务局', 2021),
      preview('/a/报表.xlsx', null, null),
      preview('/a/坏.xlsx', null, null, true),
    ]
    const items = planImport(ps, {
      '/a/报表.xlsx': { agency: ' 财政局 ', year: '2021' },
      '/a/2021-商务局.xlsx': { agency: '泗水县商务局', year: '2021' },
    })
    expect(items).toEqual([
      { path: '/a/2021-商务局.xlsx', agency: '泗水县商务局', year: 2021, file_agency: '商务局' },
      { path: '/a/报表.xlsx', agency: '财政局', year: 2021, file_agency: null },
    ])
  })
  it('asks for what is missing before storing', () => {
    expect(previewProblem(preview('/a/x.xlsx', null, 2021))).toBe('请填写单位名称')
    expect(previewProblem(preview('/a/x.xlsx', '局', null))).toBe('请填写年度（如 2024）')
    // A year out of range says so; a full-width year is a year.
    const typed = (year: string) => previewProblem(preview('/a/x.xlsx', '局', null), { agency: '局', year })
    expect(typed('1900')).toBe('年度 1900 不在 2008–2100 之间，请核对')
    expect(typed('２０２１')).toBeNull()
    expect(
      planImport([preview('/a/x.xlsx', '局', null)], { '/a/x.xlsx': { agency: '局', year: '２０２１' } })[0].year,
    ).toBe(2021)
    expect(previewProblem(preview('/a/x.xlsx', '局', null), { agency: '局', year: '2021' })).toBeNull()
    expect(previewProblem(preview('/a/x.xlsx', null, null, true))).toContain('已损坏')
  })
})

describe("the preview's 名册对应 column", () => {
  it("says how each agency was found and stores it under the roster's name", () => {
    const exact = matched('示范县教育局', 'exact', '示范县教育局')
    expect(matchText(exact, initialEdit(exact))).toEqual({ text: '名册中的单位', tone: 'ok' })
    expect(previewProblem(exact, initialEdit(exact))).toBeNull()
    const alias = matched('泗水县商务局', 'alias', '示范县商务局')
    expect(initialEdit(alias).agency).toBe('示范县商务局')
    expect(matchText(alias, initialEdit(alias)).text).toBe('按别名对应：泗水县商务局 → 示范县商务局')
    const fresh = matched('示范县统计局', 'new', null)
    expect(matchText(fresh, initialEdit(fresh))).toEqual({ text: '不在名册中，将新增', tone: 'warn' })
    expect(previewProblem(fresh, initialEdit(fresh))).toBeNull()
  })
  it('asks before storing a close name, and takes one click or another agency as the answer', () => {
    const close = matched('县司法局', 'close', '示范县司法局')
    const e = initialEdit(close)
    expect(e.agency).toBe('示范县司法局')
    expect(previewProblem(close, e)).toBe('请确认对应单位：县司法局 → 示范县司法局')
    expect(matchText(close, e)).toEqual({ text: '相近名称：县司法局 → 示范县司法局', tone: 'warn' })
    expect(previewProblem(close, { ...e, confirmed: true })).toBeNull()
    expect(matchText(close, { ...e, confirmed: true }).text).toContain('已确认')
    expect(previewProblem(close, { ...e, agency: '示范县公安局' })).toBeNull()
  })
  it("holds another county's file until an agency of the roster is chosen, and remembers the choice", () => {
    const other = matched('沂源县供销合作社联合社', 'other_county', null, { place: '沂源县' })
    const e = initialEdit(other)
    expect(e.agency).toBe('')
    expect(previewProblem(other, e)).toBe('属于其他县（沂源县），请从名册中指定单位')
    expect(matchText(other, e)).toEqual({ text: '属于其他县（沂源县）：沂源县供销合作社联合社', tone: 'bad' })
    const chosen = { ...e, agency: '示范县供销合作社' }
    expect(previewProblem(other, chosen)).toBeNull()
    expect(matchText(other, chosen).text).toBe('指定为 示范县供销合作社（将记住此对应）')
    expect(planImport([other], { [other.path]: chosen })[0]).toEqual({
      path: other.path,
      agency: '示范县供销合作社',
      year: 2021,
      file_agency: '沂源县供销合作社联合社',
    })
  })
  it('skips a file already stored as it is', () => {
    const same = matched('示范县教育局', 'exact', '示范县教育局', { unchanged: true })
    expect(previewProblem(same, initialEdit(same))).toBe('未变化，将跳过')
  })
})

describe('names and tooltips', () => {
  it('suggests file names', () => {
    // As 全部导出 names the same files.
    expect(suggestedName('draft', 2021, null, '沂水县')).toBe('2021-沂水县（全县）-报告稿.docx')
    expect(suggestedName('draft', 2021, '沂水县', '沂水县')).toBe('2021-沂水县-报告稿.docx')
    expect(suggestedName('tables', 2021, '商务局', '沂水县')).toBe('2021-商务局-表格.xlsx')
    expect(suggestedName('chase', 2021, '商务局', '沂水县')).toBe('2021-催报清单.xlsx')
    expect(suggestedName('summary', 2021, null, '沂水县')).toBe('2021-汇总表.xlsx')
  })
  it('tells where a figure came from', () => {
    expect(
      provenance({ label: '表三“（一）予以公开”行“自然人”列', raw: '3件', sheet: '依申请公开', cell: 'D6' }),
    ).toContain('依申请公开!D6')
    expect(provenance({ label: 'x', raw: '', sheet: 's', cell: 'A1' })).toContain('空白')
    // Corrected: the file's 9 and the office's 10 apart, never 原文 "10".
    const corrected = provenance({ label: 'x', raw: '10', sheet: 's', cell: 'A1', value: 10, file_raw: '9' })
    expect(corrected).toContain('文件中填的是 “9”')
    expect(corrected).toContain('办公室已更正为 10')
    expect(corrected).not.toContain('原文')
  })
})

describe('the year to show after an import', () => {
  it('is the year most files are for', () => {
    expect(mostCommon([2021, 2020, 2021, null])).toBe(2021)
    expect(mostCommon([null])).toBeNull()
  })
})

describe('lists of 80–300 agencies', () => {
  const r = (name: string, sent: boolean, findings: number, kind: 'department' | 'township', todo = 0) => ({
    ...row(name, sent, findings, todo),
    kind,
    kind_label: kind === 'department' ? '部门' : '乡镇/街道',
  })
  const rows = [
    r('乙局', true, 0, 'department', 3),
    r('甲镇', false, 0, 'township', 8),
    r('丙局', true, 2, 'department', 1),
  ]
  it('sorts by every column and filters by kind', () => {
    expect(sortAgencies(rows, 'state', true).map((x) => x.name)).toEqual(['甲镇', '丙局', '乙局'])
    expect(sortAgencies(rows, 'sections_todo', false).map((x) => x.name)).toEqual(['丙局', '乙局', '甲镇'])
    expect(sortAgencies(rows, 'name', false, 'department').map((x) => x.name)).toEqual(['丙局', '乙局'])
    expect(sortAgencies(rows, 'kind', false, 'township').map((x) => x.name)).toEqual(['甲镇'])
  })
  it('filters the import preview by its result, refused first', () => {
    const ps = [
      preview('/a/ok.xlsx', '甲', 2021),
      preview('/a/bad.xlsx', null, null, true),
      {
        ...preview('/a/f.xlsx', '乙', 2021),
        findings: [findingDto({ message: 'm' })],
      },
    ]
    expect(filterPreviews(ps, 'refused', false).map((p) => p.file)).toEqual(['bad.xlsx'])
    expect(filterPreviews(ps, 'findings', false).map((p) => p.file)).toEqual(['f.xlsx'])
    expect(filterPreviews(ps, 'clean', false).map((p) => p.file)).toEqual(['ok.xlsx'])
    expect(filterPreviews(ps, 'all', true).map((p) => p.file)).toEqual(['bad.xlsx', 'f.xlsx', 'ok.xlsx'])
  })
})

describe('the correction panel', () => {
  const view = { width: 1366, height: 768 }
  const size = { width: 340, height: 220 }
  it('opens beside the clicked cell, to its right where there is room', () => {
    expect(besideCell({ top: 300, left: 400, right: 460, bottom: 324 }, size, view)).toEqual({ top: 300, left: 468 })
  })
  it('opens to the left of a cell near the right edge, and stays inside the window at the bottom', () => {
    expect(besideCell({ top: 700, left: 1200, right: 1260, bottom: 724 }, size, view)).toEqual({ top: 540, left: 852 })
  })
})

describe("an agency's findings", () => {
  const f = (about: string, rule_name: string, message: string) =>
    findingDto({ about, rule_name, message, cells: ['apply.new.total'] })
  it("are grouped by table in the report's order, then by rule, with counts", () => {
    const groups = groupFindings([
      f('表四', '行合计', 'a'),
      f('表三', '行合计', 'b'),
      f('表三', '一加二等于三加四', 'c'),
      f('表三', '行合计', 'd'),
      f('报告文档', '报告章节', 'e'),
    ])
    expect(groups.map((g) => [g.about, g.count])).toEqual([
      ['表三', 3],
      ['表四', 1],
      ['报告文档', 1],
    ])
    expect(groups[0].rules.map((r) => [r.rule_name, r.items.map((i) => i.message)])).toEqual([
      ['行合计', ['b', 'd']],
      ['一加二等于三加四', ['c']],
    ])
  })
})

describe('a new text offered for a section', () => {
  it('is compared sentence by sentence with the current one', () => {
    const d = sentenceDiff('一是公开意识不强。二是更新不及时。', '一是公开意识不强。二是栏目更新不及时。三是培训不够。')
    expect(d).toEqual([
      { text: '一是公开意识不强。', kind: 'same' },
      { text: '二是栏目更新不及时。', kind: 'added' },
      { text: '三是培训不够。', kind: 'added' },
      { text: '二是更新不及时。', kind: 'removed' },
    ])
    expect(sentenceDiff('同样的文字。', '同样的文字。').every((x) => x.kind === 'same')).toBe(true)
  })
})

describe("the 统计表 indicators' 识别词", () => {
  it('are shown with one separator and alternatives in words', () => {
    expect(wordsText(['政务新媒体', '微博|微信'])).toBe('政务新媒体、微博 或 微信')
  })
})

describe('quoting a source into the editor', () => {
  it('puts it at the cursor on a line of its own', () => {
    expect(insertAt('甲乙', '丙。', 1)).toEqual({ text: '甲\n丙。\n乙', cursor: 4 })
    expect(insertAt('', '丙。', 0)).toEqual({ text: '丙。', cursor: 2 })
    expect(insertAt('甲\n', '丙。', null)).toEqual({ text: '甲\n丙。', cursor: 4 })
  })
})

describe('reasonWithoutFile', () => {
  it('drops the file name a refusal starts with', () => {
    expect(reasonWithoutFile('“a.xlsx”已损坏，请重新保存。', 'a.xlsx')).toBe('已损坏，请重新保存。')
    expect(reasonWithoutFile('文件已损坏', 'a.xlsx')).toBe('文件已损坏')
  })
})
