import * as assert from 'node:assert/strict';
import { applyCompletion, completionsAt } from '../../../src/core/composer/completions';

const CONTEXT = {
  personas: [
    { id: 'assistant', label: 'Coding Assistant' },
    { id: 'reviewer', label: 'Code Reviewer' },
    { id: 'teacher', label: 'Patient Teacher' },
  ],
  models: ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3'],
};
const at = (text: string, caret = text.length) => completionsAt(text, caret, CONTEXT);
const labels = (text: string, caret?: number) => at(text, caret)?.items.map((i) => i.label);

describe('composer: completion matching', () => {
  it('a lone / lists every command, and typing narrows by prefix', () => {
    assert.deepEqual(labels('/'), ['/explain', '/summarize', '/json', '/new', '/compact', '/web on|off', '/persona NAME', '/model NAME', '/export', '/help']);
    assert.deepEqual(labels('/e'), ['/explain', '/export']);
    assert.deepEqual(labels('/PE'), ['/persona NAME']);
    assert.equal(at('/zzz'), undefined, 'nothing matches: no list');
  });

  it('offers commands only at the start, and not for // or past the command word', () => {
    assert.equal(at('see /new'), undefined);
    assert.equal(at('//ne'), undefined);
    assert.equal(at('/new '), undefined, 'a command without an argument is finished');
    assert.deepEqual(labels('/ne and more', 3), ['/new'], 'the caret inside the command word');
  });

  it('completes arguments: personas, on/off and known models once each', () => {
    assert.deepEqual(labels('/persona '), ['assistant', 'reviewer', 'teacher']);
    assert.deepEqual(labels('/persona te'), ['teacher']);
    assert.deepEqual(labels('/persona pat'), ['teacher'], 'a word of the label matches');
    assert.deepEqual(labels('/web o'), ['on', 'off']);
    assert.deepEqual(labels('/web of'), ['off']);
    assert.deepEqual(labels('/model gpt'), ['gpt-4.1-mini', 'gpt-4.1']);
    assert.equal(at('/persona code reviewer'), undefined, 'a label with spaces is typed by hand');
  });

  it('lists personas after @ anywhere in the text', () => {
    assert.deepEqual(labels('@'), ['@assistant', '@reviewer', '@teacher']);
    assert.deepEqual(labels('please ask @re'), ['@reviewer']);
    assert.deepEqual(labels('@co'), ['@assistant', '@reviewer'], 'by a word of the label');
    assert.equal(at('mail me@re'), undefined, 'an @ inside a word is not a mention');
    assert.equal(at('@reviewer '), undefined, 'after the space the mention is done');
  });

  it('accepting replaces the typed word and puts the caret after it', () => {
    const slash = at('/pe')!;
    assert.deepEqual(applyCompletion('/pe', slash, slash.items[0]), { text: '/persona ', caret: 9 });
    const mention = at('ask @re now', 7)!;
    assert.deepEqual(applyCompletion('ask @re now', mention, mention.items[0]), { text: 'ask @reviewer now', caret: 14 });
    const argument = at('/persona t')!;
    assert.deepEqual(applyCompletion('/persona t', argument, argument.items[0]), { text: '/persona teacher', caret: 16 });
    const noArgument = at('/n')!;
    assert.deepEqual(applyCompletion('/n', noArgument, noArgument.items[0]), { text: '/new', caret: 4 });
  });
});
