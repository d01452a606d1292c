// The app's navigation state: which screen, which year, which agency. Plain reactive values, no
// router: the app has one window and a handful of screens.
import { reactive } from 'vue'

export type View = 'overview' | 'import' | 'roster' | 'agency' | 'sections' | 'county' | 'export'

export const nav = reactive({
  view: 'overview' as View,
  year: null as number | null,
  agency: null as string | null,
  /** Bumped after anything that changes the data, so screens reload. */
  version: 0,
})

export function go(view: View, agency: string | null = nav.agency) {
  nav.view = view
  nav.agency = agency
}

export function changed() {
  nav.version++
}
