import { defineConfig, type Plugin } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

/**
 * The app freezes Object.prototype (Tauri's freezePrototype, against prototype pollution). ECharts
 * fills two mock objects by assigning every name its classes' prototypes enumerate, "constructor"
 * among them (tslib's __extends makes it enumerable): on a plain object that assignment meets the
 * frozen, read-only Object.prototype.constructor and throws in strict code. Defined as own
 * properties instead, the same mocks are made without touching the prototype.
 */
function echartsUnderFrozenPrototype(): Plugin {
  return {
    name: 'echarts-under-frozen-prototype',
    transform(code, id) {
      if (!id.includes('echarts/lib/core/Scheduler')) return null
      const from = 'target[name_1] = noop;'
      if (!code.includes(from)) throw new Error('echarts Scheduler changed: review the frozen-prototype fix')
      return code.replace(
        from,
        'Object.defineProperty(target, name_1, { value: noop, writable: true, configurable: true, enumerable: true });',
      )
    },
  }
}

// Tauri serves the built files itself; no network, no CDN.
export default defineConfig({
  plugins: [vue(), echartsUnderFrozenPrototype()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'safari15', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  test: { environment: 'happy-dom', include: ['tests/**/*.test.ts'] },
})
