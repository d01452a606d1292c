// The screens against a mocked backend (Tauri's mockIPC): what they show and what they send.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick, ref } from 'vue'
import { emit } from '@tauri-apps/api/event'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import OverviewView from '../src/views/OverviewView.vue'
import ImportView from '../src/views/ImportView.vue'
import SectionsView from '../src/views/SectionsView.vue'
import ExportView from '../src/views/ExportView.vue'
import { answer, go, nav, pending, unsaved } from '../src/state'
import { growing } from '../src/growing'
import { previewDto } from './rows'
import type { Overview } from '../src/bindings/Overview'
import type { Preview } from '../src/bindings/Preview'
import type { ReportDto } from '../src/bindings/ReportDto'

const overview: Overview = {
  year: 2021,
  years: [2021, 2020],
  sent: 2,
  missing: 1,
  with_findings: 1,
  sections_todo: 9,
  overdue: 0,
  county_state: '撰写中（4 个部分待完成）',
  county_publish_by: '2022-03-31',
  county_overdue: null,
  database: '/tmp/x.db',
  agencies: [
    {
      id: 1,
      name: '泗水县商务局',
      kind: 'department',
      kind_label: '部门',
      retired: false,
      sent: true,
      file: '2021-泗水县商务局.xlsx',
      imported_at: '2022-01-05',
      format: 'gov2021',
      format_label: '2021版',
      document: null,
      contact: '',
      phone: '',
      sections_imported: 0,
      findings: 0,
      sections_todo: 3,
      review: 'submitted',
      review_label: '已报送待审',
      overdue: null,
    },
    {
      id: 2,
      name: '某某县林业局',
      kind: 'department',
      kind_label: '部门',
      retired: false,
      sent: true,
      file: 'a.xlsx',
      imported_at: '2022-01-06',
      format: 'gov2021',
      format_label: '2021版',
      document: null,
      contact: '',
      phone: '',
      sections_imported: 0,
      findings: 2,
      sections_todo: 6,
      review: 'submitted',
      review_label: '已报送待审',
      overdue: null,
    },
    {
      id: 3,
      name: '某某镇人民政府',
      kind: 'township',
      kind_label: '乡镇/街道',
      retired: false,
      sent: false,
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
      review: 'missing',
      review_label: '未报送',
      overdue: null,
    },
  ],
}

let calls: { cmd: string; args: Record<string, unknown> }[] = []
beforeEach(() => {
  calls = []
  nav.view = 'overview'
  nav.year = null
  nav.agency = null
})
afterEach(() => clearMocks())

describe('总览', () => {
  it('shows the counts and opens an agency', async () => {
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'overview') return overview
    })
    const w = mount(OverviewView)
    await flushPromises()
    expect(w.get('[data-test=sent]').text()).toContain('2')
    expect(w.get('[data-test=missing]').text()).toContain('1')
    expect(w.get('[data-test=with-findings]').text()).toContain('1')
    expect(nav.year).toBe(2021)
    await w.get('[data-test=missing]').trigger('click')
    expect(w.findAll('[data-agency]').map((r) => r.attributes('data-agency'))).toEqual(['某某镇人民政府'])
    await w.get('[data-test=with-findings]').trigger('click')
    await w.get('[data-agency=某某县林业局]').trigger('click')
    expect(nav.view).toBe('agency')
    expect(nav.agency).toBe('某某县林业局')
  })

  it('sorts by a header reached and pressed from the keyboard', async () => {
    mockIPC((cmd) => {
      if (cmd === 'overview') return overview
    })
    const w = mount(OverviewView)
    await flushPromises()
    const name = w.get('th[data-sort=name]')
    expect(name.attributes('tabindex')).toBe('0')
    await name.trigger('keydown', { key: 'Enter' })
    expect(name.attributes('aria-sort')).toBe('ascending')
    await name.trigger('keydown', { key: ' ' })
    expect(name.attributes('aria-sort')).toBe('descending')
  })

  it("checks a folder of published pages: each agency's date and result, the rest 未见公开", async () => {
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'overview') return overview
      if (cmd === 'plugin:dialog|open') return '/pages'
      if (cmd === 'review_published')
        return {
          checked: [
            {
              agency: '泗水县商务局',
              file: 't.html',
              date: '2022-02-03',
              date_source: '发布日期',
              late_days: 3,
              result: '1 项数据、0 个部分与审核版本不一致',
              same: false,
            },
          ],
          unseen: ['某某县林业局'],
          refused: [],
        }
    })
    const w = mount(OverviewView)
    await flushPromises()
    await w.get('[data-test=check-published]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'review_published')?.args).toEqual({ year: 2021, dir: '/pages' })
    const row = w.get('[data-published=泗水县商务局]').text()
    expect(row).toContain('2022-02-03（发布日期）')
    expect(row).toContain('逾期 3 天')
    expect(row).toContain('与审核版本不一致')
    expect(w.get('[data-unseen=某某县林业局]').text()).toContain('未见公开')
    expect(w.get('[data-test=county-row]').text()).toContain('公开截止 2022-03-31')
  })

  it('shows a backend error as its sentence', async () => {
    mockIPC(() => {
      throw { code: 'busy', message: '数据库正被另一个程序（年报工作台或命令行）使用，请等它完成后再试。' }
    })
    const w = mount(OverviewView)
    await flushPromises()
    expect(w.get('[data-test=error]').text()).toContain('数据库正被另一个程序')
  })
})

describe('导入', () => {
  it('previews, lets the office fix the agency, and imports with it', async () => {
    const previews: Preview[] = [
      previewDto({ path: '/in/报表.xlsx', tables: ['表二', '表三', '表四'] }),
      previewDto({
        path: '/in/坏.xlsx',
        year: null,
        format: null,
        format_label: null,
        source: null,
        source_label: '',
        tables: [],
        figures: 0,
        error: { code: 'damaged', message: '“坏.xlsx”已损坏，无法读取。' },
      }),
    ]
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'preview_files') return previews
      if (cmd === 'roster') return []
      if (cmd === 'import_files')
        return {
          imported: 1,
          unchanged: 0,
          held: 0,
          refused: 0,
          with_findings: 0,
          results: [
            {
              index: 0,
              total: 1,
              file: '报表.xlsx',
              ok: true,
              unchanged: false,
              code: null,
              message: '已导入',
              findings: 0,
            },
          ],
        }
      if (cmd.startsWith('plugin:event')) return 1
    })
    const w = mount(ImportView, { props: { dropped: [] } })
    await w.get('[data-test=paths]').setValue('/in')
    await w.get('[data-test=read-paths]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'preview_files')?.args).toEqual({ paths: ['/in'] })
    expect(w.text()).toContain('拒收')
    expect(w.text()).toContain('请填写单位名称')
    expect(w.get('[data-test=import]').attributes('disabled')).toBeDefined()
    await w.get('[data-file="报表.xlsx"] input[aria-label=单位]').setValue('某某县财政局')
    expect(w.get('[data-test=import]').attributes('disabled')).toBeUndefined()
    await w.get('[data-test=import]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'import_files')?.args).toEqual({
      items: [{ path: '/in/报表.xlsx', agency: '某某县财政局', year: 2021, file_agency: null }],
    })
    expect(w.get('[data-test=summary]').text()).toContain('导入 1 个')
  })
})

describe('导入：名册的名称', () => {
  it("offers the roster's names in the row being typed in, not in every row", async () => {
    const previews = ['甲', '乙', '丙'].map((n) => previewDto({ path: `/in/${n}.xlsx` }))
    mockIPC((cmd) => {
      if (cmd === 'preview_files') return previews
      if (cmd === 'roster') return ['示范县教育局', '示范县财政局'].map((name) => ({ name }))
      if (cmd.startsWith('plugin:event')) return 1
    })
    const w = mount(ImportView, { props: { dropped: [] }, attachTo: document.body })
    await w.get('[data-test=paths]').setValue('/in')
    await w.get('[data-test=read-paths]').trigger('click')
    await flushPromises()
    expect(w.findAll('#roster-names option').map((o) => o.attributes('value'))).toEqual([
      '示范县教育局',
      '示范县财政局',
    ])
    const fields = () => w.findAll('[data-test=previews] input[aria-label=单位]')
    expect(fields().map((f) => f.attributes('list'))).toEqual([undefined, undefined, undefined])
    await fields()[1].trigger('focus')
    expect(fields().map((f) => f.attributes('list'))).toEqual([undefined, 'roster-names', undefined])
    w.unmount()
  })
})

describe('导入：名册对应', () => {
  it("shows each file's match, asks about a close name, holds another county's file and skips an unchanged one", async () => {
    const previews: Preview[] = [
      previewDto({ path: '/in/a.xlsx', agency: '县司法局', matched: 'close', matched_agency: '示范县司法局' }),
      previewDto({ path: '/in/b.xlsx', agency: '沂源县供销合作社联合社', matched: 'other_county', place: '沂源县' }),
      previewDto({
        path: '/in/c.xlsx',
        agency: '示范县教育局',
        matched: 'exact',
        matched_agency: '示范县教育局',
        unchanged: true,
      }),
    ]
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'preview_files') return previews
      if (cmd === 'roster') return [{ name: '示范县司法局' }, { name: '示范县供销合作社' }, { name: '示范县教育局' }]
      if (cmd === 'import_files')
        return { imported: 2, unchanged: 0, held: 0, refused: 0, with_findings: 0, results: [] }
      if (cmd.startsWith('plugin:event')) return 1
    })
    const w = mount(ImportView, { props: { dropped: ['/in'] } })
    await flushPromises()
    const match = (f: string) => w.get(`[data-file="${f}"] [data-test=match]`).text()
    expect(match('a.xlsx')).toContain('相近名称：县司法局 → 示范县司法局')
    expect(match('b.xlsx')).toContain('属于其他县（沂源县）')
    expect(match('c.xlsx')).toContain('未变化')
    expect(w.findAll('#roster-names option').map((o) => o.attributes('value'))).toEqual([
      '示范县司法局',
      '示范县供销合作社',
      '示范县教育局',
    ])
    expect(w.get('[data-test=import]').attributes('disabled')).toBeDefined()
    await w.get('[data-file="a.xlsx"] [data-test=confirm-match]').trigger('click')
    await w.get('[data-file="b.xlsx"] input[aria-label=单位]').setValue('示范县供销合作社')
    expect(w.get('[data-test=import]').text()).toContain('导入 2 个文件')
    await w.get('[data-test=import]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'import_files')?.args).toEqual({
      items: [
        { path: '/in/a.xlsx', agency: '示范县司法局', year: 2021, file_agency: '县司法局' },
        { path: '/in/b.xlsx', agency: '示范县供销合作社', year: 2021, file_agency: '沂源县供销合作社联合社' },
      ],
    })
  })
})

describe('导入：单位名称来源不一', () => {
  it("offers the names a report's own sources give and takes the one clicked", async () => {
    const page = previewDto({
      path: '/in/d.html',
      agency: '示范县教育局',
      year: 2024,
      source: 'web_page',
      source_label: '网页',
      tables: [],
      figures: 0,
      sections: ['一、总体情况'],
      matched: 'exact',
      matched_agency: '示范县教育局',
      agency_candidates: ['示范县教育局', '示范县卫生健康局'],
    })
    mockIPC((cmd) => {
      if (cmd === 'preview_files') return [page]
      if (cmd === 'roster') return [{ name: '示范县教育局' }, { name: '示范县卫生健康局' }]
      if (cmd.startsWith('plugin:event')) return 1
    })
    const w = mount(ImportView, { props: { dropped: ['/in'] } })
    await flushPromises()
    const offered = w.findAll('[data-file="d.html"] [data-test=agency-candidates] button')
    expect(offered.map((b) => b.text())).toEqual(['示范县教育局', '示范县卫生健康局'])
    await offered[1].trigger('click')
    expect((w.get('[data-file="d.html"] input[aria-label=单位]').element as HTMLInputElement).value).toBe(
      '示范县卫生健康局',
    )
    // Leaving with the list asks first, in its own words; 取消 stays.
    nav.view = 'import'
    go('overview')
    expect(pending.value).not.toBeNull()
    expect(unsaved.question).toContain('待导入列表中还有 1 个文件')
    expect(unsaved.save).toBeNull()
    await answer('cancel')
    expect(nav.view).toBe('import')
    // The whole list cleared at once, nothing stored: leaving asks nothing then.
    await w.get('[data-test=clear-previews]').trigger('click')
    expect(w.find('[data-test=previews]').exists()).toBe(false)
    await flushPromises()
    go('overview')
    expect(pending.value).toBeNull()
    expect(nav.view).toBe('overview')
  })
})

describe('报告章节', () => {
  it('inserts the generated sentences and saves the section', async () => {
    const none = { source_file: '', source_place: '', history: [], offer: null }
    let report: ReportDto = {
      of: { of: 'agency', name: '泗水县商务局' },
      agency: '泗水县商务局',
      year: 2021,
      sections: [
        {
          key: '一（二）',
          title: '（二）依申请公开',
          level: 2,
          is_table: false,
          state: 'todo',
          state_label: '待撰写',
          text: '',
          ...none,
          complete: false,
          findings: [],
          generated: '本年度未收到政府信息公开申请。',
          last_year: null,
        },
        {
          key: '三',
          title: '三、收到和处理政府信息公开申请情况',
          level: 1,
          is_table: true,
          state: null,
          state_label: '已齐',
          text: '',
          ...none,
          complete: true,
          findings: [],
          generated: null,
          last_year: null,
        },
      ],
    }
    const vocabulary = {
      county_label: '全县',
      section_states: [
        { state: 'todo', label: '待撰写' },
        { state: 'draft', label: '草稿' },
        { state: 'final', label: '已定稿' },
      ],
      agency_kinds: [
        { kind: 'department', label: '部门' },
        { kind: 'township', label: '乡镇/街道' },
      ],
    }
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'vocabulary') return vocabulary
      if (cmd === 'roster') return overview.agencies
      if (cmd === 'overview') return overview
      if (cmd === 'report') {
        const year = (args as { year: number }).year
        return year === report.year ? report : { ...report, year }
      }
      if (cmd === 'section_save') {
        // The backend keeps what was saved: later loads see it.
        report = {
          ...report,
          sections: [
            {
              ...report.sections[0],
              state: 'final',
              state_label: '已定稿',
              text: (args as { text: string }).text,
              complete: true,
            },
            report.sections[1],
          ],
        }
        return report
      }
    })
    nav.year = 2021
    nav.agency = '泗水县商务局'
    const w = mount(SectionsView)
    await flushPromises()
    await w.get('[data-section="一（二）"]').trigger('click')
    await w.get('[data-test=use-generated]').trigger('click')
    expect((w.get('[data-test=section-text]').element as HTMLTextAreaElement).value).toBe(
      '本年度未收到政府信息公开申请。',
    )
    await w.get('[data-test=section-state]').setValue('final')
    await w.get('[data-test=save-section]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'section_save')?.args).toEqual({
      of: { of: 'agency', name: '泗水县商务局' },
      year: 2021,
      key: '一（二）',
      state: 'final',
      text: '本年度未收到政府信息公开申请。',
    })
    expect(w.get('[data-section="一（二）"]').text()).toContain('已定稿')
    expect(w.get('[data-test=saved]').text()).toContain('已保存')
    // Another year on screen: the message about the last save goes with it.
    nav.year = 2022
    await flushPromises()
    expect(w.find('[data-test=saved]').exists()).toBe(false)
  })
})

describe('报告章节：未保存的文字', () => {
  it('asks before leaving a section, the report or the screen with unsaved text, and keeps the text on 取消', async () => {
    const none = {
      source_file: '',
      source_place: '',
      history: [],
      offer: null,
      generated: null,
      last_year: null,
      complete: false,
    }
    const finding = {
      rule: 'text_figures',
      rule_name: '文字与数据不符',
      about: '报告文档',
      cells: [],
      message: '“（一）主动公开”中写的是“发布信息12条”，但表二为 10，请核对文字与表格。',
      refs: [],
    }
    const report: ReportDto = {
      of: { of: 'agency', name: '泗水县商务局' },
      agency: '泗水县商务局',
      year: 2021,
      sections: [
        {
          key: '一（一）',
          title: '（一）主动公开',
          level: 2,
          is_table: false,
          state: 'draft',
          state_label: '草稿',
          text: '旧文字',
          ...none,
          findings: [finding],
        },
        {
          key: '一（二）',
          title: '（二）依申请公开',
          level: 2,
          is_table: false,
          state: 'todo',
          state_label: '待撰写',
          text: '',
          ...none,
          findings: [],
        },
      ],
    } as unknown as ReportDto
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> })
      if (cmd === 'roster') return overview.agencies
      if (cmd === 'overview') return overview
      if (cmd === 'report' || cmd === 'section_save') return report
    })
    nav.year = 2021
    nav.agency = '泗水县商务局'
    nav.view = 'sections'
    const w = mount(SectionsView)
    await flushPromises()
    // A narrative part whose text has a finding is flagged in the part list.
    expect(w.get('[data-section="一（一）"] [data-test=part-findings]').text()).toBe('1 个问题')
    await w.get('[data-section="一（一）"]').trigger('click')
    // Every finding about the part shows where it is written.
    expect(w.get('[data-test=text-finding]').text()).toContain('发布信息12条')
    await w.get('[data-test=section-text]').setValue('新写的文字')
    expect(unsaved.dirty).toBe(true)
    await w.get('[data-section="一（二）"]').trigger('click')
    expect(pending.value).not.toBeNull()
    await answer('cancel')
    expect((w.get('[data-test=section-text]').element as HTMLTextAreaElement).value).toBe('新写的文字')
    go('overview')
    expect(nav.view).toBe('sections')
    await answer('save')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'section_save').map((c) => c.args.text)).toEqual(['新写的文字'])
    expect(nav.view).toBe('overview')
    expect(unsaved.dirty).toBe(false)
  })
  it('flags a section with a new text waiting, and shows how it differs', async () => {
    const offer = { text: '一是意识不强。二是培训不够。', source_file: '2021-商务局.docx', source_place: '第 30 段' }
    const report = {
      of: { of: 'agency', name: '泗水县商务局' },
      agency: '泗水县商务局',
      year: 2021,
      sections: [
        {
          key: '五',
          title: '五、存在的主要问题及改进情况',
          level: 1,
          is_table: false,
          state: 'final',
          state_label: '已定稿',
          text: '一是意识不强。',
          source_file: '',
          source_place: '',
          history: [],
          offer,
          complete: true,
          findings: [],
          generated: null,
          last_year: null,
        },
      ],
    }
    mockIPC((cmd) => {
      if (cmd === 'roster') return overview.agencies
      if (cmd === 'overview') return overview
      if (cmd === 'report') return report
    })
    nav.year = 2021
    nav.agency = '泗水县商务局'
    const w = mount(SectionsView)
    await flushPromises()
    expect(w.get('[data-section="五"] [data-test=offer-waiting]').text()).toBe('新文字待选择')
    await w.get('[data-section="五"]').trigger('click')
    expect(w.get('[data-test=offer-diff] ins').text()).toBe('二是培训不够。')
  })
  it('goes on without saving on 不保存', async () => {
    unsaved.dirty = true
    go('county')
    expect(nav.view).toBe('overview')
    await answer('discard')
    expect(nav.view).toBe('county')
    expect(unsaved.dirty).toBe(false)
  })
})

/** The 导出 screen's backend: what every export test needs, then the test's own answers. */
function mockExportScreen(own: (cmd: string, args: unknown) => unknown) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> })
    if (cmd === 'vocabulary') return { county_label: '全县', section_states: [], agency_kinds: [] }
    if (cmd === 'roster') return overview.agencies
    if (cmd === 'overview') return overview
    if (cmd === 'backups') return []
    return own(cmd, args)
  })
}

describe('导出', () => {
  it('offers to try again when the file is open in another program', async () => {
    let locked = true
    mockExportScreen((cmd, args) => {
      if (cmd === 'export_summary') {
        if (locked)
          throw { code: 'locked', message: '无法保存“/out/汇总.xlsx”：文件可能正在 Excel、WPS 或 Word 中打开' }
        return (args as { path: string }).path
      }
    })
    nav.year = 2021
    const w = mount(ExportView)
    await flushPromises()
    await w.get('[data-export=summary] input').setValue('/out/汇总.xlsx')
    await w.get('[data-export=summary] button').trigger('click')
    await flushPromises()
    expect(w.get('[data-test=error]').text()).toContain('正在 Excel')
    locked = false
    await w.get('[data-test=retry] button').trigger('click')
    await flushPromises()
    expect(w.get('[data-test=done]').text()).toContain('/out/汇总.xlsx')
    expect(w.find('[data-test=retry]').exists()).toBe(false)
  })
})

describe('全部导出', () => {
  it('says the county is not set and how to set it', async () => {
    const unset = '本县名称尚未设置：全县报告稿中写作【待填写：本县名称】。'
    mockExportScreen((cmd) => {
      if (cmd === 'export_all') return { dir: '/out', written: 40, failed: [], county_unset: unset }
      if (cmd.startsWith('plugin:event')) return 1
    })
    nav.year = 2021
    const w = mount(ExportView)
    await flushPromises()
    await w.get('[aria-label=全部导出的文件夹]').setValue('/out')
    await w.get('[data-test=export-all-run]').trigger('click')
    await flushPromises()
    expect(w.get('[data-test=export-all-done]').text()).toContain('已保存 40 个文件')
    expect(w.get('[data-test=county-unset]').text()).toBe(unset)
  })
})

describe('导入：长列表分批绘制', () => {
  it('draws the first rows at once and the rest a step a frame, from the top again on restart', async () => {
    const frames: (() => void)[] = []
    const length = ref(150)
    const drawn = growing(
      () => length.value,
      60,
      60,
      (f) => frames.push(f),
    )
    expect(drawn.limit.value).toBe(60)
    frames.shift()!()
    expect(drawn.limit.value).toBe(120)
    frames.shift()!()
    expect(drawn.limit.value).toBe(180)
    expect(frames).toHaveLength(0)
    drawn.restart()
    expect(drawn.limit.value).toBe(60)
    length.value = 40
    frames.shift()!()
    expect(drawn.limit.value).toBe(60)
    length.value = 100
    await nextTick()
    expect(frames).toHaveLength(1)
  })

  it("lists a folder's first files while the rest are read, and imports only once all are read", async () => {
    const previews = manyPreviews(40)
    const [shut, finish] = gate()
    mockRead(async () => {
      await emit('preview-batch', previews.slice(10, 20))
      await shut
      return previews
    })
    const w = mount(ImportView, { props: { dropped: ['/in'] } })
    await flushPromises()
    expect(w.findAll('[data-test=previews] tbody tr')).toHaveLength(10)
    expect(w.get('[data-test=import]').attributes('disabled')).toBeDefined()
    await w.get('[data-file="12.xlsx"] button[aria-label=移除]').trigger('click')
    finish()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 100))
    const files = w.findAll('[data-test=previews] tbody tr').map((r) => r.attributes('data-file'))
    expect(files).toEqual(previews.map((p) => p.file).filter((f) => f !== '12.xlsx'))
    expect(w.get('[data-test=import]').attributes('disabled')).toBeUndefined()
    expect(w.get('[data-test=import]').text()).toBe('导入 39 个文件')
  })

  it('leaves a read cleared while it went on cleared: the rest of its files are not listed', async () => {
    const previews = manyPreviews(40)
    const [shut, finish] = gate()
    mockRead(async () => {
      await emit('preview-batch', previews.slice(0, 10))
      await shut
      await emit('preview-batch', previews.slice(10, 20))
      return previews
    })
    const w = mount(ImportView, { props: { dropped: ['/in'] } })
    await flushPromises()
    expect(w.findAll('[data-test=previews] tbody tr')).toHaveLength(10)
    await w.get('[data-test=clear-previews]').trigger('click')
    finish()
    await flushPromises()
    expect(w.find('[data-test=previews]').exists()).toBe(false)
    expect(unsaved.dirty).toBe(false)
  })

  it('does not read a folder still waiting when the list is cleared', async () => {
    const [shut, finish] = gate()
    const asked: unknown[] = []
    mockRead(async (args) => {
      asked.push(args)
      await emit('preview-batch', manyPreviews(3))
      await shut
      return manyPreviews(3)
    })
    const w = mount(ImportView, { props: { dropped: ['/in'] } })
    await w.setProps({ dropped: ['/another'] })
    await flushPromises()
    expect(w.findAll('[data-test=previews] tbody tr')).toHaveLength(3)
    await w.get('[data-test=clear-previews]').trigger('click')
    finish()
    await flushPromises()
    expect(asked).toEqual([{ paths: ['/in'] }])
    expect(w.find('[data-test=previews]').exists()).toBe(false)
  })

  it('shows a screenful of 150 files first (15), then every one, and a row typed in keeps its answer', async () => {
    const previews = manyPreviews(150)
    mockRead(() => previews)
    const w = mount(ImportView, { props: { dropped: ['/in'] } })
    await flushPromises()
    expect(w.findAll('[data-test=previews] tbody tr')).toHaveLength(15)
    expect(w.get('[data-test=import]').text()).toBe('导入 150 个文件')
    await w.get('[data-file="3.xlsx"] input[aria-label=单位]').setValue('示范县教育局')
    await new Promise((r) => setTimeout(r, 200))
    expect(w.findAll('[data-test=previews] tbody tr')).toHaveLength(150)
    expect(w.get<HTMLInputElement>('[data-file="3.xlsx"] input[aria-label=单位]').element.value).toBe('示范县教育局')
    expect(w.get<HTMLInputElement>('[data-file="149.xlsx"] input[aria-label=单位]').element.value).toBe('示范县第149局')
  })
})

/** `n` readable previews of new agencies, named by their number. */
function manyPreviews(n: number): Preview[] {
  return Array.from({ length: n }, (_, i) =>
    previewDto({ path: `/in/${i}.xlsx`, agency: `示范县第${i}局`, matched: 'new' }),
  )
}

/** The import screen's backend with the county set and an empty roster, reading as `read` says
 *  (Tauri's events mocked, so `read` can send preview-batch events before it answers). */
function mockRead(read: (args: unknown) => Promise<Preview[]> | Preview[]) {
  mockIPC(
    async (cmd, args) => {
      if (cmd === 'preview_files') return read(args)
      if (cmd === 'roster') return []
      if (cmd === 'county_info') return { is_set: true, info: { name: '示范县' } }
    },
    { shouldMockEvents: true },
  )
}

/** A promise the test settles, and the way to settle it. */
function gate(): [Promise<void>, () => void] {
  let open = () => {}
  const shut = new Promise<void>((r) => (open = r))
  return [shut, open]
}
