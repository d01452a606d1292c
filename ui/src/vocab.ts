// The words the screens show for the engine's values (the county's row, section states, agency
// kinds) come from the engine once, so the front end spells none of them itself.
import { reactive } from 'vue'
import { api } from './api'
import type { ReportOf } from './bindings/ReportOf'
import type { Vocabulary } from './bindings/Vocabulary'

export const vocab = reactive<Vocabulary>({ county_label: '', section_states: [], agency_kinds: [], terms: {} })

let loading: Promise<void> | null = null
/** Loads the words once; a failed load is tried again by the next screen that asks. */
export function loadVocabulary(): Promise<void> {
  if (vocab.county_label) return Promise.resolve()
  loading ??= api
    .vocabulary()
    .then((v) => {
      if (v) Object.assign(vocab, v)
    })
    .finally(() => {
      loading = null
    })
  return loading
}

/** The report a picker's value means: '' is the county's, anything else an agency's. */
export function reportOf(agency: string | null): ReportOf {
  return agency ? { of: 'agency', name: agency } : { of: 'county' }
}
