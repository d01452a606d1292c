// The front end's lint: ESLint's and typescript-eslint's recommended rules, Vue's recommended
// rules for templates, Prettier for layout (eslint-config-prettier turns off what it decides).
import js from '@eslint/js'
import vue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'src/bindings/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  { files: ['src/**'], languageOptions: { globals: globals.browser } },
  { files: ['e2e/**', 'tests/**', '*.js', '*.ts'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  prettier,
  {
    rules: {
      // Styles live in classes (style.css and each screen's <style>), not in templates.
      'vue/no-static-inline-styles': 'error',
      'vue/no-v-html': 'error',
    },
  },
)
