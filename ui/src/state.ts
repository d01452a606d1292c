// The app's navigation state: which screen, which year, which agency. Plain reactive values, no
// router: the app has one window and a handful of screens.
import { reactive, watch } from 'vue'

export type View = 'overview' | 'import' | 'roster' | 'agency' | 'sections' | 'county' | 'export'

export const nav = reactive({
  view: 'overview' as View,
  /** The year the office works on: the one it chose last time, else the backend's (the latest with
   *  returns, or last calendar year). */
  year: rememberedYear(),
  agency: null as string | null,
  /** Bumped after anything that changes the data, so screens reload. */
  version: 0,
})

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

export function go(view: View, agency: string | null = nav.agency) {
  nav.view = view
  nav.agency = agency
}

export function changed() {
  nav.version++
}
