import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Finds user-facing text written as a literal instead of going through a catalogue (`vscode.l10n.t`, `l10n.t` of
 * `@vscode/l10n`, or the webview's `wt`). It reads the TypeScript AST, not text, so comments, keys and ids are not
 * mistaken for prose. What counts as user-facing, by layer:
 * - host: the arguments of the VS Code calls that show text (notifications, quick picks, input boxes, progress,
 *   save dialogs, status bar messages), their options' and items' text fields, and `.title/.placeholder/.tooltip`;
 * - core: the text fields of what core returns for display (`title`, `detail`, `action`, `nextStep`, `hint`, `reason`,
 *   `message`, `problem`, `notice`, `needs`), the last argument of the calls that collect such a sentence
 *   (`walk.problem`, `shaping.skip`, `report`, `invalid`, `markReadOnly`), and what a stream `…Fault` is built with;
 * - webview: `text`, `label`, `title`, `placeholder` and `aria-label` given to `h()`/`button()`, `setAttribute`
 *   of those attributes, and assignments to `.title`, `.textContent`, `.placeholder`;
 * - host and core: what a function named for a message returns (`describe…`, `…Message`, `…Notice`, `…Title`,
 *   `…Problem`, `…Reason`), and `throw new Error(…)`, whose message the chat view shows as a warning.
 * A literal is prose when, outside `$(codicon)` names and `${…}` holes, it has a word of two or more letters.
 */
export interface Finding {
  file: string;
  line: number;
  text: string;
}

const HOST_CALLS = /(?:^|\.)(showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage|showQuickPick|showInputBox|withProgress|showSaveDialog|showOpenDialog)$/;
const HOST_FIELDS = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'label', 'description', 'detail', 'message', 'openLabel', 'saveLabel']);
const CORE_FIELDS = new Set(['title', 'detail', 'action', 'nextStep', 'hint', 'reason', 'message', 'problem', 'notice', 'needs']);
const CORE_MESSAGE_CALLS = /(?:^|\.)(problem|skip|report|invalid|markReadOnly)$/;
const MESSAGE_FUNCTION = /^describe|(Message|Notice|Title|Problem|Reason)$/;
const WEBVIEW_CALLS = /^(h|button|actionButton)$/;
const WEBVIEW_FIELDS = new Set(['text', 'label', 'title', 'placeholder', 'aria-label']);
const ASSIGNED_FIELDS = new Set(['title', 'placeholder', 'tooltip', 'textContent']);

export function isProse(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\$\([^)]*\)/g, ''));
}

export function scanSource(file: string, source: string, layer: 'host' | 'core' | 'webview'): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string): void => {
    findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text });
  };
  /** Literal prose in an expression, looking through `a ? b : c`, `a ?? b`, `a || b`, `a + b` and parentheses. */
  const checkValue = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isProse(node.text)) report(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      const literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
      if (isProse(literal)) report(node, literal);
    } else if (ts.isConditionalExpression(node)) {
      checkValue(node.whenTrue);
      checkValue(node.whenFalse);
    } else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(node.operatorToken.kind)) {
      checkValue(node.left);
      checkValue(node.right);
    } else if (ts.isParenthesizedExpression(node)) {
      checkValue(node.expression);
    }
  };
  const propertyName = (name: ts.PropertyName): string | undefined =>
    ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
  /** The text fields of an object literal (and of object literals in arrays and in `attrs`). */
  const checkObject = (node: ts.Node, fields: Set<string>): void => {
    if (ts.isArrayLiteralExpression(node)) node.elements.forEach((e) => checkObject(e, fields));
    if (!ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = propertyName(property.name);
      if (name === 'attrs') checkObject(property.initializer, fields);
      else if (name && fields.has(name)) checkValue(property.initializer);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(sf);
      if (layer === 'host' && HOST_CALLS.test(callee)) {
        for (const argument of node.arguments) {
          checkValue(argument);
          checkObject(argument, HOST_FIELDS);
        }
      }
      if (layer === 'webview' && WEBVIEW_CALLS.test(callee)) {
        node.arguments.forEach((argument) => checkObject(argument, WEBVIEW_FIELDS));
        if (callee === 'actionButton') node.arguments.slice(2).forEach(checkValue);
      }
      if (layer === 'webview' && callee.endsWith('.setAttribute') && node.arguments.length === 2) {
        const attribute = node.arguments[0];
        if (ts.isStringLiteral(attribute) && WEBVIEW_FIELDS.has(attribute.text)) checkValue(node.arguments[1]);
      }
    }
    if (layer !== 'core' && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && ts.isPropertyAccessExpression(node.left) && ASSIGNED_FIELDS.has(node.left.name.text)) {
      checkValue(node.right);
    }
    if (layer === 'core' && ts.isObjectLiteralExpression(node)) checkObject(node, CORE_FIELDS);
    if (layer === 'core' && ts.isCallExpression(node) && CORE_MESSAGE_CALLS.test(node.expression.getText(sf))) checkValue(node.arguments.at(-1));
    // A stream fault's reason or ending is quoted in the error the turn shows (core/provider/errors).
    if (layer === 'core' && ts.isNewExpression(node) && /Fault$/.test(node.expression.getText(sf))) node.arguments?.forEach(checkValue);
    if (layer !== 'webview') {
      if (ts.isThrowStatement(node) && node.expression && ts.isNewExpression(node.expression) && node.expression.expression.getText(sf) === 'Error') {
        checkValue(node.expression.arguments?.[0]);
      }
      if (ts.isReturnStatement(node) && MESSAGE_FUNCTION.test(functionName(enclosingFunction(node)))) checkValue(node.expression);
      if (ts.isArrowFunction(node) && !ts.isBlock(node.body) && MESSAGE_FUNCTION.test(functionName(node))) checkValue(node.body);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

type FunctionLike = ts.FunctionDeclaration | ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.GetAccessorDeclaration;

function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current) || ts.isFunctionExpression(current)
      || ts.isArrowFunction(current) || ts.isGetAccessorDeclaration(current)) return current;
  }
  return undefined;
}

/** A function's name, or for a function expression the variable or property it is assigned to. */
function functionName(fn: FunctionLike | undefined): string {
  if (!fn) return '';
  const name = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)
    ? (ts.isVariableDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent) ? fn.parent.name : undefined)
    : fn.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : '';
}

/** Core modules the webview renders with `wt`: scanned with the webview's rules as well as core's. */
const WEBVIEW_CORE = ['src/core/composer', 'src/core/history', 'src/core/turn'];

export function scanRepository(root: string): Finding[] {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
  return files(join(root, 'src')).flatMap((path) => {
    const file = relative(root, path).split('\\').join('/');
    if (file.startsWith('src/core/l10n/')) return [];
    const source = readFileSync(path, 'utf8');
    if (file.startsWith('src/webview/')) return scanSource(file, source, 'webview');
    if (file.startsWith('src/core/')) {
      const asWebview = WEBVIEW_CORE.some((dir) => file.startsWith(`${dir}/`)) ? scanSource(file, source, 'webview') : [];
      return [...scanSource(file, source, 'core'), ...asWebview];
    }
    return scanSource(file, source, 'host');
  });
}
