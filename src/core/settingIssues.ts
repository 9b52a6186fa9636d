import * as l10n from '@vscode/l10n';
import type * as z from 'zod';

/**
 * What a settings warning says about one field of a hand-edited entry (`threadline.personas`,
 * `threadline.endpoints`). zod's own messages are English, so the common cases are said here, in the display
 * language; a schema's own message (a pattern's hint, a refinement) is translated where the schema gives it, and
 * anything rarer falls back to zod's text.
 */
export function describeSettingIssue(issue: z.core.$ZodIssue, entry: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.path.length > 0 && valueAt(entry, issue.path) === undefined ? l10n.t('is required') : expectedType(issue.expected);
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? l10n.t('must not be empty') : l10n.t('must be at least {0} characters long', String(issue.minimum));
      return issue.inclusive === false ? l10n.t('must be greater than {0}', String(issue.minimum)) : l10n.t('must be at least {0}', String(issue.minimum));
    case 'too_big':
      return issue.inclusive === false ? l10n.t('must be less than {0}', String(issue.maximum)) : l10n.t('must be at most {0}', String(issue.maximum));
    case 'invalid_value':
      return l10n.t('must be one of {0}', issue.values.map((value) => JSON.stringify(value)).join(', '));
    default:
      return issue.message;
  }
}

function expectedType(expected: string): string {
  switch (expected) {
    case 'string': return l10n.t('must be text (a string)');
    case 'number': return l10n.t('must be a number');
    case 'int': return l10n.t('must be a whole number');
    case 'boolean': return l10n.t('must be true or false');
    case 'object': return l10n.t('must be an object');
    case 'array': return l10n.t('must be an array');
    default: return l10n.t('must be of type {0}', expected);
  }
}

function valueAt(entry: unknown, path: readonly PropertyKey[]): unknown {
  let current = entry;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
