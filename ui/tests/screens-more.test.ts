// 单位详情, 单位名册, 全县汇总, 导出's choice of report and the backups, against a mocked backend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import AgencyView from '../src/views/AgencyView.vue'
import ImportView from '../src/views/ImportView.vue'
import RosterView from '../src/views/RosterView.vue'
import CountyView from '../src/views/CountyView.vue'
import ExportView from '../src/views/ExportView.vue'
import BackupPanel from '../src/components/BackupPanel.vue'
import DeadlinesPanel from '../src/components/DeadlinesPanel.vue'
import { go, nav } from '../src/state'
import type { AgencyDetail } from '../src/bindings/AgencyDetail'
import type { AgencyRow } from '../src/bindings/AgencyRow'
import type { FindingDto } from '../src/bindings/FindingDto'
import { agencyRow, findingDto, sectionDto } from './rows'

let calls: { cmd: string; args: Record<string, unknown> }[] = []
beforeEach(() => {
  calls = []
  nav.view = 'overview'
  nav.year = 2021
  nav.agency = null
  nav.exportFor = null
})
afterEach(() => clearMocks())

const vocabulary = {
  county_label: '全县',
  section_states: [],
  agency_kinds: [
    { kind: 'department', label: '部门' },
    { kind: 'township', label: '乡镇/街道' },
  ],
  terms: { sections_todo: '待完成章节' },
}
const row = (id: number, name: string, retired = false): AgencyRow => agencyRow({ id, name, retired })
const finding = (about: string, rule_name: string, cell: string, message: string): FindingDto =>
  findingDto({ about, rule_name, cells: [cell], message, id: cell.length })

function detail(): AgencyDetail {
  const fig = (id: string, value: number, flagged = false) => ({
    id,
    value,
    raw: String(value),
    sheet: '年报表格',
    cell: 'D22',
    flagged,
    label: `表三 ${id}`,
    file_raw: null as string | null,
  })
  return {
    agency: '示范县教育局',
    kind: 'department',
    kind_label: '部门',
    year: 2021,
    return_id: 7,
    file: '2021-示范县教育局.xlsx',
    imported_at: '2022-01-05 09:30:00',
    format: 'gov2021',
    format_label: '2021版',
    document: null,
    tables: [
      {
        key: 'apply',
        title: '三、收到和处理政府信息公开申请情况',
        width: 2,
        height: 2,
        cells: [
          { row: 0, col: 0, rows: 1, cols: 1, kind: 'label', text: '自然人', figure: null },
          { row: 0, col: 1, rows: 1, cols: 1, kind: 'figure', text: '9', figure: fig('apply.new.natural', 9, true) },
          { row: 1, col: 0, rows: 1, cols: 1, kind: 'label', text: '总计', figure: null },
          { row: 1, col: 1, rows: 1, cols: 1, kind: 'figure', text: '21', figure: fig('apply.new.total', 21, true) },
        ],
      },
    ],
    findings: [
      finding('表三', '行合计', 'apply.new.total', '合计填的是 21，但各项之和为 20。'),
      finding('表三', '行合计', 'apply.new.natural', '第二个行合计。'),
      finding('表三', '一加二等于三加四', 'apply.new.natural', '本年新收加上年结转不等于办结加结转。'),
      finding('表四', '行合计', 'review.reconsideration.total', '复议合计不符。'),
    ],
    dismissed: [],
    review: {
      state: 'submitted',
      label: '已报送待审',
      overdue: null,
      history: [],
      round: 0,
      changes: [],
      resolved: [],
      awaiting: false,
      next_round: 1,
      next_sent: false,
    },
    history: [
      {
        return_id: 7,
        file: '2021-示范县教育局.xlsx',
        imported_at: '2022-01-05 09:30:00',
        current: true,
        findings: 4,
        document: false,
        removed_at: null,
      },
      {
        return_id: 5,
        file: '2021-示范县教育局（旧）.xlsx',
        imported_at: '2022-01-03 10:00:00',
        current: false,
        findings: 2,
        document: false,
        removed_at: '2022-01-05 09:31:00',
      },
    ],
    edits: [
      {
        figure: 'apply.new.natural',
        label: '表三 自然人',
        old_raw: '8',
        new_value: 9,
        who: '张三',
        at: '2022-01-05 10:00:00',
        note: '电话核实',
      },
    ],
    edits_elsewhere: [],
  }
}

describe('单位详情', () => {
  it('groups the findings by table and rule, opens the correction beside the cell, and removes or restores a version', async () => {
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'agency_detail') return detail()
      if (cmd === 'overview') return { years: [2021] }
      if (cmd === 'correct_figure' || cmd === 'return_remove' || cmd === 'return_restore') return []
    })
    nav.agency = '示范县教育局'
    const w = mount(AgencyView, { attachTo: document.body })
    await flushPromises()
    const groups = w.findAll('.finding-group')
    expect(groups.map((g) => g.get('summary').text())).toEqual(['表三（3）', '表四（1）'])
    // One button past the tables' cells to the findings.
    await w.get('[data-test=to-findings]').trigger('click')
    expect(document.activeElement?.getAttribute('data-test')).toBe('findings')
    expect(groups[0].findAll('.finding-rule > summary').map((s) => s.text())).toEqual([
      '行合计 2 个',
      '一加二等于三加四 1 个',
    ])
    expect(w.text()).toContain('电话核实')
    // The correction panel opens beside the clicked cell, with a note.
    await w.get('[data-figure="apply.new.natural"] button').trigger('click')
    const panel = w.get('[data-test=correct]')
    expect(panel.attributes('style')).toMatch(/top: \d+px; left: \d+px/)
    // Text that is no number, and a negative count, are said inside the panel beside the cell.
    await w.get('[data-test=new-value]').setValue('abc')
    await panel.get('button.primary').trigger('click')
    expect(panel.get('[data-test=correct-error]').text()).toContain('“abc”不是数字')
    await w.get('[data-test=new-value]').setValue('-3')
    await panel.get('button.primary').trigger('click')
    expect(panel.get('[data-test=correct-error]').text()).toContain('填的是负数')
    expect(calls.some((c) => c.cmd === 'correct_figure')).toBe(false)
    await w.get('[data-test=new-value]').setValue('10')
    await w.get('[data-test=note]').setValue('复核原件')
    await panel.get('button.primary').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'correct_figure')?.args).toEqual({
      returnId: 7,
      figure: 'apply.new.natural',
      value: 10,
      who: '',
      note: '复核原件',
    })
    // A version imported by mistake: asked first, then removed; an earlier one restored.
    await w.get('[data-test=remove]').trigger('click')
    expect(calls.some((c) => c.cmd === 'return_remove')).toBe(false)
    await w.get('[data-test=remove-confirm]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'return_remove')?.args).toEqual({
      agency: '示范县教育局',
      year: 2021,
      document: false,
    })
    expect(w.get('[data-return="5"]').text()).toContain('已移除')
    await w.get('[data-return="5"] [data-test=restore]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'return_restore')?.args).toEqual({ agency: '示范县教育局', year: 2021, id: 5 })
    w.unmount()
  })
})

describe('单位详情：其他版本上的更正', () => {
  it('shows a correction the newer file made moot, with its version and the value that counts, and none when there is none', async () => {
    const withOne = detail()
    withOne.edits_elsewhere = [
      {
        edit: { ...withOne.edits[0], figure: 'apply.new.total', label: '表三 总计', old_raw: '20', new_value: 22 },
        file: '2021-示范县教育局（旧）.xlsx',
        imported_at: '2022-01-03 10:00:00',
        now: '21',
      },
    ]
    for (const [answer, shown] of [
      [withOne, true],
      [detail(), false],
    ] as const) {
      mockIPC((cmd) => {
        if (cmd === 'agency_detail') return answer
        if (cmd === 'overview') return { years: [2021] }
      })
      nav.agency = '示范县教育局'
      const w = mount(AgencyView)
      await flushPromises()
      expect(w.find('[data-test=edits-elsewhere]').exists()).toBe(shown)
      if (shown) {
        expect(w.get('[data-test=edits-elsewhere] li').text()).toBe(
          '2022-01-05 10:00:00 张三：表三 总计 由“20”改为 22（电话核实），在 2022-01-03 10:00:00 导入的“2021-示范县教育局（旧）.xlsx”上；当前版本为“21”',
        )
      }
      w.unmount()
    }
  })
})

describe('单位详情：审核', () => {
  it('dismisses a finding with its reason and moves the report on, the backend answering with the new state', async () => {
    // The backend as it keeps state: what it answers after a change, it answers when asked again.
    let current = detail()
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'agency_detail') return current
      if (cmd === 'overview') return { years: [2021] }
      if (cmd === 'finding_dispose') {
        const [gone, ...rest] = current.findings
        current = {
          ...current,
          findings: rest,
          dismissed: [{ ...gone, disposition: 'dismissed', reason: '说明已在报告中解释' }],
        }
        return current
      }
      if (cmd === 'review_set') {
        current = { ...current, review: { ...current.review, state: 'accepted', label: '审核通过' } }
        return current
      }
    })
    nav.agency = '示范县教育局'
    const w = mount(AgencyView, { attachTo: document.body })
    await flushPromises()
    const first = w.findAll('[data-finding]')[0]
    const id = Number(first.attributes('data-finding'))
    await first.get('[data-test=dismiss]').trigger('click')
    await w.get('[data-test=dismiss-reason]').setValue('说明已在报告中解释')
    await w.get('[data-test=dismiss-confirm]').trigger('click')
    await flushPromises()
    const call = calls.find((c) => c.cmd === 'finding_dispose')
    expect(call?.args).toEqual({ id, disposition: 'dismissed', reason: '说明已在报告中解释' })
    expect(w.get('[data-test=dismissed]').text()).toContain('理由：说明已在报告中解释')
    expect(w.findAll('.finding-group').map((g) => g.get('summary').text())).toEqual(['表三（2）', '表四（1）'])
    // 审核通过 waits until every problem is answered, and says why.
    expect(w.get('[data-test=accept]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-test=accept]').attributes('title')).toContain('还有 3 个问题未处理')
    while (w.findAll('[data-finding]').length > 0) {
      await w.findAll('[data-finding]')[0].get('[data-test=dismiss]').trigger('click')
      await w.get('[data-test=dismiss-reason]').setValue('已在报告中说明')
      await w.get('[data-test=dismiss-confirm]').trigger('click')
      await flushPromises()
    }
    await w.get('[data-test=accept]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'review_set')?.args).toEqual({
      agency: '示范县教育局',
      year: 2021,
      state: 'accepted',
      step: { date: null, url: null, note: null, page: null },
    })
    expect(w.get('[data-test=review]').text()).toContain('审核：审核通过')
    // 已公开 waits for its address.
    expect(w.get('[data-test=publish]').attributes('disabled')).toBeDefined()
    w.unmount()
  })
})

describe('单位名册', () => {
  it('retires an agency from a year the worker confirms', async () => {
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'vocabulary') return vocabulary
      if (cmd === 'roster') return [row(1, '示范县粮食局'), row(2, '示范县商务局')]
    })
    const w = mount(RosterView)
    await flushPromises()
    await w.get('[data-agency=示范县粮食局] [data-test=retire]').trigger('click')
    expect((w.get('[data-test=retire-year]').element as HTMLInputElement).value).toBe('2021')
    // A year that is no year is said, nothing sent.
    await w.get('[data-test=retire-year]').setValue('abc')
    await w.get('[data-test=retire-confirm]').trigger('click')
    await flushPromises()
    expect(w.text()).toContain('“abc”不是年度')
    expect(calls.some((c) => c.cmd === 'agency_retire_from')).toBe(false)
    await w.get('[data-test=retire-year]').setValue('2022')
    await w.get('[data-test=retire-confirm]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'agency_retire_from')?.args).toEqual({ name: '示范县粮食局', year: 2022 })
    expect(w.text()).toContain('自 2022 年起不再要求报送')
  })
})

describe('全县汇总', () => {
  it("shows the county's identity and changes it", async () => {
    const info = {
      name: '示范县',
      office: '示范县人民政府办公室',
      address: '',
      phone: '0539-1',
      website: '',
      leave_out_partial_stats: false,
    }
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'county_info') return { info, is_set: true }
      if (cmd === 'county_set')
        return { info: (args as { info: typeof info }).info, is_set: true, other_county: ['沂源县某局'] }
      if (cmd === 'county')
        return {
          year: 2021,
          format: 'gov2021',
          included: [],
          missing: [],
          with_findings: [],
          other_format: [],
          tables: [],
        }
      if (cmd === 'overview') return { years: [2021] }
      if (cmd === 'indicators') return { year: 2021, from_year: null, table: { sections: [], indicators: [] } }
    })
    const w = mount(CountyView)
    await flushPromises()
    expect(w.get('[data-test=county-identity]').text()).toContain('示范县 · 示范县人民政府办公室 · 电话 0539-1')
    await w.get('[data-test=county-edit]').trigger('click')
    await w.get('[data-test=county-office]').setValue('示范县政务公开办公室')
    await w.get('[data-test=county-setup]').trigger('submit')
    await flushPromises()
    expect((calls.find((c) => c.cmd === 'county_set')?.args.info as typeof info).office).toBe('示范县政务公开办公室')
    expect(w.get('[data-test=county-identity]').text()).toContain('示范县政务公开办公室')
    // Saving is confirmed, with the roster's agencies of another county offered to retire.
    expect(w.get('[data-test=county-saved]').text()).toContain('已保存本县信息')
    expect(w.get('[data-test=county-others]').text()).toContain('沂源县某局')
    await w.get('[data-retire="沂源县某局"]').trigger('click')
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'agency_retire_other_county' && c.args.name === '沂源县某局')).toBe(true)
    expect(w.find('[data-test=county-others]').exists()).toBe(false)
    // The name cleared and 取消: the identity is the county's as saved, never a blank name.
    await w.get('[data-test=county-edit]').trigger('click')
    await w.get('[data-test=county-name]').setValue('')
    await w.get('[data-test=county-cancel]').trigger('click')
    expect(w.get('[data-test=county-identity]').text()).toContain('示范县 · 示范县政务公开办公室')
  })
})

describe('导出', () => {
  const backend = () =>
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'vocabulary') return vocabulary
      if (cmd === 'roster') return [row(1, '示范县教育局')]
      if (cmd === 'overview') return { years: [2021] }
      if (cmd === 'backups') return []
      if (cmd === 'county_info') return { info: { name: '示范县' }, is_set: true }
      if (cmd === 'export_tables') return (args as { path: string }).path
    })
  it("exports one report's files only once the worker has chosen whose", async () => {
    backend()
    nav.agency = '示范县教育局' // the agency last looked at is not taken by mistake
    const w = mount(ExportView)
    await flushPromises()
    expect(w.get('[data-test=choose-first]').text()).toContain('请先在上方选择单位或全县')
    expect(w.get('[data-export=tables] button').attributes('disabled')).toBeDefined()
    await w.get('[data-test=export-of]').setValue('示范县教育局')
    await w.get('[data-export=tables] input').setValue('/out/2021-示范县教育局-表格.xlsx')
    await w.get('[data-export=tables] button').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'export_tables')?.args).toEqual({
      of: { of: 'agency', name: '示范县教育局' },
      year: 2021,
      path: '/out/2021-示范县教育局-表格.xlsx',
    })
  })
  it("comes with the agency chosen from 单位详情's 导出 button", async () => {
    backend()
    nav.exportFor = '示范县教育局'
    const w = mount(ExportView)
    await flushPromises()
    expect(w.find('[data-test=choose-first]').exists()).toBe(false)
    expect(w.get('[data-export=tables] button').attributes('disabled')).toBeUndefined()
    expect(nav.exportFor).toBeNull()
    // A path typed without its extension is saved with it.
    await w.get('[data-export=tables] input').setValue('/out/教育局表格')
    await w.get('[data-export=tables] button').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'export_tables').pop()?.args.path).toBe('/out/教育局表格.xlsx')
    expect(w.findAll('[data-export]').map((r) => r.attributes('data-export'))).toEqual([
      'summary',
      'tables',
      'draft',
      'chase',
      'template',
    ])
  })
})

describe('数据备份', () => {
  it('says what each backup was taken before and what the database held then; a failed copy is not offered', async () => {
    mockIPC((cmd) => {
      if (cmd === 'backups')
        return [
          {
            path: '/b/1.db',
            taken: '20220105-093012',
            reason: '导入前',
            kb: 120,
            good: true,
            note: '12 个文件：2021-示范县教育局.xlsx、2021-示范县公安局.xlsx、2021-示范县财政局.xlsx等',
            agencies: 13,
            returns: 12,
          },
          {
            path: '/b/2.db',
            taken: '20220106-093012',
            reason: '导入前',
            kb: 120,
            good: false,
            note: '',
            agencies: null,
            returns: null,
          },
        ]
    })
    const w = mount(BackupPanel)
    await flushPromises()
    const rows = w.findAll('[data-test=backups] tr')
    expect(rows[0].get('[data-test=backup-note]').text()).toBe(
      '12 个文件：2021-示范县教育局.xlsx、2021-示范县公安局.xlsx、2021-示范县财政局.xlsx等；当时 13 个单位、12 份报表',
    )
    expect(rows[1].text()).toContain('未通过检查，不能用于恢复')
    expect(rows[1].find('button').exists()).toBe(false)
  })
})

describe('全县报告：各单位的这一部分', () => {
  const src = (agency: string, kind: 'department' | 'township', text: string, extra: Record<string, unknown> = {}) => ({
    agency,
    kind,
    kind_label: kind === 'department' ? '部门' : '乡镇/街道',
    state: 'draft',
    state_label: '草稿',
    text,
    file: `2021-${agency}.docx`,
    place: '第 5 段',
    contradictions: [],
    ...extra,
  })
  const parts = {
    key: '一（一）',
    title: '（一）主动公开',
    year: 2021,
    sources: [
      src('示范县教育局', 'department', '全年主动公开政府信息1234条。', { state: 'final', state_label: '已定稿' }),
      src('示范县公安局', 'department', '首次开通政务新媒体账号。', {
        contradictions: ['“（一）主动公开”中写的是“…”，但…'],
      }),
      src('示范县城关镇人民政府', 'township', '镇政府做好主动公开工作。'),
    ],
    without: [src('示范县财政局', 'department', '', { state: 'missing', state_label: '未交' })],
    figures: [{ agency: '示范县教育局', sentence: '全年主动公开政府信息1234条。' }],
    new: [{ agency: '示范县公安局', sentence: '首次开通政务新媒体账号。' }],
    problems: [],
    improvements: [],
    counted: [{ sentence: '2个单位开展了政务公开培训。', agencies: ['示范县教育局', '示范县城关镇人民政府'] }],
    new_words: ['首次', '创新'],
  }
  const report = {
    of: { of: 'county' },
    agency: '全县',
    year: 2021,
    sections: [sectionDto({ key: '一（一）', title: '（一）主动公开', level: 2, text: '全县主动公开工作有序开展。' })],
  }
  it("lists every agency's text grouped 部门 / 乡镇（街道）, searches them, and quotes one at the cursor", async () => {
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'vocabulary') return vocabulary
      if (cmd === 'roster') return []
      if (cmd === 'overview') return { years: [2021] }
      if (cmd === 'report' || cmd === 'section_save') return report
      if (cmd === 'part_sources') return parts
      if (cmd === 'new_words_add') return ['首次', '创新', '一网通办']
    })
    nav.year = 2021
    nav.agency = null
    sessionStorage.setItem('nianbao.section', '一（一）')
    const { default: SectionsView } = await import('../src/views/SectionsView.vue')
    const w = mount(SectionsView, { attachTo: document.body })
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'part_sources')?.args).toEqual({ year: 2021, key: '一（一）' })
    expect(w.findAll('[data-test=sources] h3').map((h) => h.text())).toEqual(['部门', '乡镇/街道'])
    expect(w.findAll('[data-test=sources] article').map((a) => a.attributes('data-agency'))).toEqual([
      '示范县教育局',
      '示范县公安局',
      '示范县城关镇人民政府',
    ])
    expect(w.get('[data-agency=示范县公安局] [data-test=contradiction]').text()).toContain('⚠')
    expect(w.get('[data-test=without]').text()).toContain('示范县财政局')
    await w.get('[data-test=sources-search]').setValue('新媒体')
    expect(w.findAll('[data-test=sources] article').map((a) => a.attributes('data-agency'))).toEqual(['示范县公安局'])
    await w.get('[data-test=sources-search]').setValue('')
    // The cursor after the first sentence: the quote goes there, on a line of its own.
    const editor = w.get('[data-test=section-text]').element as HTMLTextAreaElement
    editor.setSelectionRange(4, 4)
    await w.get('[data-agency=示范县教育局] [data-test=insert]').trigger('click')
    expect(editor.value).toBe('全县主动\n全年主动公开政府信息1234条。\n公开工作有序开展。')
    await w.get('[data-tab=highlights]').trigger('click')
    await w.get('[data-test=new-word]').setValue('一网通办')
    ;(w.get('[data-test=new-word]').element as HTMLInputElement).form!.dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'new_words_add')?.args).toEqual({ words: ['一网通办'] })
    await w.get('[data-tab=counted]').trigger('click')
    expect(w.get('[data-test=counted]').attributes('title')).toBe('示范县教育局、示范县城关镇人民政府')
    w.unmount()
  })
})

describe('报告章节：屏幕上总是所编辑的那份报告', () => {
  const sectionOf = (text: string) => sectionDto({ key: '五', title: '五、存在的主要问题及改进情况', text })
  const reportOf = (agency: string, year: number, text: string) => ({
    of: { of: 'agency', name: agency },
    agency,
    year,
    sections: [sectionOf(text)],
  })
  const roster = [agencyRow({ id: 1, name: '甲局' }), agencyRow({ id: 2, name: '乙局' })]

  it('取消 keeps the selector on the report whose text is on screen, and the question names it', async () => {
    mockIPC((cmd, args) => {
      const a = args as { of?: { name?: string }; year?: number }
      if (cmd === 'vocabulary') return vocabulary
      if (cmd === 'roster') return roster
      if (cmd === 'overview') return { years: [2021] }
      if (cmd === 'report') return reportOf(a.of?.name ?? '全县', a.year ?? 2021, `${a.of?.name}的文字`)
    })
    nav.year = 2021
    nav.agency = '甲局'
    sessionStorage.setItem('nianbao.section', '五')
    const { default: SectionsView } = await import('../src/views/SectionsView.vue')
    const { unsaved, pending, answer } = await import('../src/state')
    const w = mount(SectionsView, { attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-test=section-title]').text()).toContain('甲局 2021 年报告')
    expect(w.get('[data-test=save-section]').text()).toBe('保存到甲局 2021 年报告')
    await w.get('[data-test=section-text]').setValue('甲局改过的文字')
    await flushPromises()
    expect(unsaved.what).toBe('甲局 2021 年报告“五、存在的主要问题及改进情况”的文字')
    await w.get('[data-test=report-of]').setValue('乙局')
    await flushPromises()
    expect(pending.value).not.toBeNull()
    await answer('cancel')
    await flushPromises()
    expect(nav.agency).toBe('甲局')
    expect((w.get('[data-test=report-of]').element as HTMLSelectElement).value).toBe('甲局')
    expect((w.get('[data-test=section-text]').element as HTMLTextAreaElement).value).toBe('甲局改过的文字')
    unsaved.dirty = false
    w.unmount()
  })

  it('a reply that arrives after a newer request is dropped', async () => {
    const resolvers: ((v: unknown) => void)[] = []
    mockIPC((cmd, args) => {
      const a = args as { of?: { name?: string }; year?: number }
      if (cmd === 'vocabulary') return vocabulary
      if (cmd === 'roster') return roster
      if (cmd === 'overview') return { years: [2021, 2020] }
      if (cmd === 'report')
        return new Promise((resolve) => {
          const r = reportOf(a.of?.name ?? '', a.year ?? 0, `${a.year} 年的文字`)
          resolvers.push(() => resolve(r))
        })
    })
    nav.year = 2021
    nav.agency = '甲局'
    const { default: SectionsView } = await import('../src/views/SectionsView.vue')
    const w = mount(SectionsView, { attachTo: document.body })
    await flushPromises()
    nav.year = 2020
    await flushPromises()
    expect(resolvers.length).toBe(2)
    // 2020's reply first, then the stale 2021 one: the screen stays on 2020.
    resolvers[1](null)
    await flushPromises()
    resolvers[0](null)
    await flushPromises()
    expect((w.get('[data-test=section-text]').element as HTMLTextAreaElement).value).toBe('2020 年的文字')
    expect(w.get('[data-test=section-title]').text()).toContain('甲局 2020 年报告')
    w.unmount()
  })
})

describe('单位详情：返回', () => {
  it('goes back to the screen it was opened from, at its top', async () => {
    mockIPC((cmd) => {
      if (cmd === 'agency_detail') return detail()
      if (cmd === 'overview') return { years: [2021] }
    })
    nav.view = 'stats'
    go('agency', '示范县教育局')
    expect(nav.from).toBe('stats')
    const w = mount(AgencyView)
    await flushPromises()
    expect(w.get('[data-test=back]').text()).toBe('← 统计分析')
    await w.get('[data-test=back]').trigger('click')
    expect(nav.view).toBe('stats')
    w.unmount()
  })
})

describe('截止日期', () => {
  it("shows the year's deadlines with their basis, sets an earlier one and says a later one is refused", async () => {
    const law = (kind: string, label: string, date: string, basis: string) => ({ kind, label, date, law: date, basis })
    let rows = [
      law('report', '部门报送截止', '2022-01-31', '《条例》第四十九条：次年 1 月 31 日前'),
      law('county_publish', '全县政府年报公开截止', '2022-03-31', '《条例》第五十条：次年 3 月 31 日前'),
    ]
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd !== 'deadlines') return
      const a = args as { kind: string | null; date: string | null }
      if (a.kind === 'county_publish') throw { code: 'invalid', message: '不能晚于《条例》第五十条规定的 2022-03-31。' }
      if (a.kind) rows = rows.map((r) => (r.kind === a.kind ? { ...r, date: a.date ?? r.law } : r))
      return rows
    })
    const w = mount(DeadlinesPanel, { props: { year: 2021 } })
    await flushPromises()
    expect(w.get('[data-deadline=report]').text()).toContain('第四十九条')
    await w.get('[data-deadline=report] input').setValue('2022-01-15')
    await w.get('[data-deadline=report] [data-test=deadline-save]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'deadlines' && c.args.kind)?.args).toEqual({
      year: 2021,
      kind: 'report',
      date: '2022-01-15',
    })
    expect(w.get('[data-deadline=report]').text()).toContain('法定 2022-01-31')
    await w.get('[data-deadline=county_publish] input').setValue('2022-04-30')
    await w.get('[data-deadline=county_publish] [data-test=deadline-save]').trigger('click')
    await flushPromises()
    expect(w.get('[data-test=deadline-error]').text()).toContain('第五十条')
  })
})

describe('导入：首次设置本县', () => {
  it('asks for the county first and confirms it once saved', async () => {
    let isSet = false
    const info = { name: '', office: '', address: '', phone: '', website: '', leave_out_partial_stats: false }
    mockIPC((cmd, args) => {
      if (cmd === 'county_info') return { info: isSet ? { ...info, name: '示范县' } : info, is_set: isSet }
      if (cmd === 'county_set') {
        isSet = true
        return { info: (args as { info: typeof info }).info, is_set: true, other_county: [] }
      }
      if (cmd === 'roster') return []
      if (cmd.startsWith('plugin:event')) return 1
    })
    const w = mount(ImportView, { props: { dropped: [] } })
    await flushPromises()
    expect(w.find('[data-test=county-setup]').exists()).toBe(true)
    await w.get('[data-test=county-name]').setValue('示范县')
    await w.get('[data-test=county-office]').setValue('示范县人民政府办公室')
    await w.get('[data-test=county-setup]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-test=county-just-set]').text()).toContain('已保存本县信息：示范县')
  })
})
