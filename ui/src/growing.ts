import { ref, watch } from 'vue'

/** Runs `f` once the next frame is painted: a step taken in the frame itself (a bare
 *  requestAnimationFrame) would be laid out before the screenful it follows is shown. */
export function afterPaint(f: () => void) {
  requestAnimationFrame(() => setTimeout(f, 0))
}

/** How many rows of a long list to draw: `first` at once, then `step` more a frame until every row
 *  is drawn. WebKit took a tenth of a second to lay out 300 preview rows, and the first screen
 *  shows fifteen: drawn in steps, the first screen is there at once and the rest follows while
 *  the office reads it. `restart()` begins again from `first` (a new folder read, another filter). */
export function growing(length: () => number, first = 60, step = 60, nextFrame = afterPaint) {
  const limit = ref(first)
  let pending = false
  function schedule() {
    if (pending || limit.value >= length()) return
    pending = true
    nextFrame(() => {
      pending = false
      if (limit.value >= length()) return
      limit.value += step
      schedule()
    })
  }
  watch(length, schedule, { immediate: true })
  return {
    limit,
    restart() {
      limit.value = first
      schedule()
    },
  }
}
