/**
 * Fence labels as models write them (`ts`, `py`, `sh`, `c++`), mapped to VS Code language ids so
 * "Open as new document" opens the right editor mode.
 */

const VSCODE_LANGUAGE_BY_LABEL: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact', javascript: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', typescript: 'typescript',
  py: 'python', python: 'python', python3: 'python',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', console: 'shellscript',
  ps1: 'powershell', powershell: 'powershell', pwsh: 'powershell',
  'c++': 'cpp', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', c: 'c', h: 'c',
  cs: 'csharp', csharp: 'csharp', 'c#': 'csharp',
  rs: 'rust', rust: 'rust', go: 'go', golang: 'go', java: 'java', kt: 'kotlin', kotlin: 'kotlin', swift: 'swift',
  rb: 'ruby', ruby: 'ruby', php: 'php',
  yml: 'yaml', yaml: 'yaml', json: 'json', jsonc: 'jsonc', json5: 'json5', toml: 'toml', ini: 'ini',
  md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xml: 'xml', svg: 'xml',
  css: 'css', scss: 'scss', less: 'less', sql: 'sql', diff: 'diff', patch: 'diff',
  dockerfile: 'dockerfile', docker: 'dockerfile', makefile: 'makefile', make: 'makefile',
  text: 'plaintext', txt: 'plaintext', plaintext: 'plaintext', '': 'plaintext',
};

/** The first word of a fence's info string, lower-cased: `ts title="x"` → `ts`. */
export function fenceLabel(info: string): string {
  return info.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
}

/** A VS Code language id for a fence label; unknown labels pass through (they are often valid ids). */
export function toVsCodeLanguageId(label: string): string {
  const key = label.toLowerCase();
  const known = VSCODE_LANGUAGE_BY_LABEL[key];
  if (known) return known;
  return /^[a-z0-9][a-z0-9+#._-]{0,63}$/.test(key) ? key : 'plaintext';
}
