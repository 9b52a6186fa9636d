import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The floors of src, enforced by lint. Each import must point down a floor or across one, never up:
 *
 *   4  extension.ts                         builds and registers
 *   3  commands/                            one file per command
 *   2  chat/ editor/ tokens/ personas/ endpoints/   host features
 *   1  host/ tokenWorker.ts                 VS Code adapters
 *   0  core/                                pure logic, no `vscode`
 *
 * commands/commandIds.ts is only the names of the commands: it sits with the adapters (floor 1), so every
 * floor that runs or shows a command can name it, and it may import nothing above that.
 *
 * webview/ is the browser side: it may import core/ and itself, and nothing on the host imports it.
 * Inside core, a few folders sit below others on the data path of a turn (see FORBIDDEN_IN_CORE).
 */
const FLOORS = {
  core: 0, host: 1, tokenWorker: 1, 'commands/commandIds': 1, chat: 2, editor: 2, tokens: 2, personas: 2, endpoints: 2, commands: 3, extension: 4,
};

/** Core folders that must not import these other core folders, and why. */
const FORBIDDEN_IN_CORE = {
  'core/provider': {
    forbidden: ['core/conversation', 'core/store', 'core/history', 'core/export'],
    why: 'the provider sits below the conversation on the turn\'s data path; share types through core/turn',
  },
  'core/turn': {
    allowedOnly: ['core/turn', 'core/l10n'],
    why: 'core/turn is the turn model every layer shares, so it imports nothing else from core',
  },
};

/** `src/core/provider/x.ts` → `core/provider`; `src/core/protocol.ts` → `core`; `src/extension.ts` → `extension`. */
function areaOf(pathInSrc) {
  const parts = pathInSrc.split(sep).join('/').split('/');
  const top = parts[0].replace(/\.(ts|mts|js)$/, '');
  if (top === 'core' && parts.length > 2) return `core/${parts[1]}`;
  if (top === 'commands' && parts[1]?.replace(/\.(ts|mts|js)$/, '') === 'commandIds') return 'commands/commandIds';
  return top;
}

const topOf = (area) => (area in FLOORS ? area : area.split('/')[0]);

function problem(from, to) {
  if (from === to) return undefined;
  const fromTop = topOf(from);
  const toTop = topOf(to);
  if (toTop === 'webview' && fromTop !== 'webview') return `src/${from} must not import src/webview: the webview is the browser bundle`;
  if (fromTop === 'webview') {
    return toTop === 'core' || toTop === 'webview' ? undefined : `src/webview may import only src/core, not src/${to}: it runs in the browser`;
  }
  const rule = FORBIDDEN_IN_CORE[from];
  if (rule?.forbidden?.includes(to) || (rule?.allowedOnly && !rule.allowedOnly.includes(to))) {
    return `src/${from} must not import src/${to}: ${rule.why}`;
  }
  const fromFloor = FLOORS[fromTop];
  const toFloor = FLOORS[toTop];
  if (fromFloor === undefined || toFloor === undefined) return undefined;
  if (toFloor > fromFloor) {
    return `src/${from} must not import src/${to}: imports point down the floors (core ← host ← features ← commands ← extension)`;
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: { type: 'problem', docs: { description: 'Keep imports pointing down the floors of src.' }, schema: [] },
  create(context) {
    const srcRoot = join(context.cwd, 'src');
    const fileInSrc = relative(srcRoot, context.filename);
    if (fileInSrc.startsWith('..') || fileInSrc === '') return {};
    const from = areaOf(fileInSrc);
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(srcRoot, resolve(dirname(context.filename), source.value));
      if (target.startsWith('..')) return;
      const message = problem(from, areaOf(target));
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const layersPlugin = { rules: { floors: layersRule } };
