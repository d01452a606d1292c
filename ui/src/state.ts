// The app's navigation state: which screen, which year, which agency. Plain reactive values, no
// router: the app has one window and a handful of screens.
import { reactive, ref, watch } from 'vue'

export type View = 'overview' | 'import' | 'roster' | 'agency' | 'sections' | 'county' | 'export' | 'stats'

export const nav = reactive({
  view: 'overview' as View,
  /** The year the office works on: the one it chose last time, else the backend's (the latest with
   *  returns, or last calendar year). */
  year: rememberedYear(),
  agency: null as string | null,
  /** The report 导出 is asked for by a button that named it (单位详情's 导出); else nobody. */
  exportFor: null as string | null,
  /** Bumped after anything that changes the data, so screens reload. */
  version: 0,
  /** The screen the worker came from (单位详情's "←" goes back there: 总览 or 统计分析). */
  from: 'overview' as View,
})

/** The screens' names as the back button says them. */
export const VIEW_NAMES: Record<View, string> = {
  overview: '总览',
  import: '导入',
  roster: '单位名册',
  agency: '单位详情',
  sections: '报告章节',
  county: '全县汇总',
  export: '导出',
  stats: '统计分析',
}

function rememberedYear(): number | null {
  const y = Number(globalThis.localStorage?.getItem('nianbao.year'))
  return Number.isInteger(y) && y > 2000 ? y : null
}
watch(
  () => nav.year,
  (y) => {
    if (y !== null) globalThis.localStorage?.setItem('nianbao.year', String(y))
  },
)

/** Work on the screen shown that is not saved yet (a section's text): leaving asks first. */
export const unsaved = reactive({
  dirty: false,
  /** What is unsaved, in the question's words ("“一（一）主动公开”的文字"). */
  what: '',
  /** Saves it; false when saving failed (the worker stays). None: there is nothing to save, only
   *  something the worker would lose by leaving (the import list), and the question says what. */
  save: null as null | (() => Promise<boolean>),
  /** The question in its own words, where it is not "有未保存的修改". */
  question: '',
})

/** A step the worker is asked about (保存 / 不保存 / 取消) because it would leave unsaved work. */
export const pending = ref<null | (() => void)>(null)

/** Runs `step` now, or once the worker has said what becomes of the unsaved work. */
export function leave(step: () => void) {
  if (unsaved.dirty) pending.value = step
  else step()
}

/** The worker's answer to the question: save then go on, go on without saving, or stay. */
export async function answer(choice: 'save' | 'discard' | 'cancel') {
  const step = pending.value
  pending.value = null
  if (!step || choice === 'cancel') return
  if (choice === 'save' && !(await unsaved.save?.())) return
  unsaved.dirty = false
  step()
}

export function go(view: View, agency: string | null = nav.agency) {
  leave(() => {
    if (view !== nav.view) nav.from = nav.view
    nav.view = view
    nav.agency = agency
    // A screen opens at its top, not at the previous screen's scroll position.
    globalThis.document?.querySelector('main')?.scrollTo?.({ top: 0 })
  })
}

export function changed() {
  nav.version++
}
