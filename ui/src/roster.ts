// The roster and the years with returns, which several screens offer in their pickers.
import { onMounted, ref, type Ref } from 'vue'
import { api, asAppError } from './api'
import type { AgencyRow } from './bindings/AgencyRow'
import { nav } from './state'

export function useRosterAndYears(error: Ref<string | null>) {
  const agencies = ref<AgencyRow[]>([])
  const years = ref<number[]>([])
  onMounted(async () => {
    try {
      agencies.value = (await api.roster()).filter((a) => !a.retired)
      const o = await api.overview(nav.year)
      years.value = o.years
      if (nav.year === null) nav.year = o.year
    } catch (e) {
      error.value = asAppError(e).message
    }
  })
  return { agencies, years }
}
