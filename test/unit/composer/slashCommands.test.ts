import * as assert from 'node:assert/strict';
import { parseComposerInput } from '../../../src/core/composer/slashCommands';

const PERSONAS = [
  { id: 'assistant', label: 'Coding Assistant' },
  { id: 'reviewer', label: 'Code Reviewer' },
  { id: 'teacher', label: 'Patient Teacher' },
];
const parse = (text: string) => parseComposerInput(text, PERSONAS);

describe('composer: slash commands', () => {
  it('reads every command without an argument', () => {
    for (const name of ['explain', 'summarize', 'json', 'new', 'compact', 'export', 'help']) {
      assert.deepEqual(parse(`/${name}`), { kind: 'command', command: { name } }, name);
      assert.deepEqual(parse(`/${name}  `), { kind: 'command', command: { name } }, `${name} with trailing spaces`);
    }
    assert.deepEqual(parse('/NEW'), { kind: 'command', command: { name: 'new' } }, 'names ignore case');
  });

  it('refuses an argument to a command that takes none, naming its usage', () => {
    const result = parse('/new please');
    assert.equal(result.kind, 'problem');
    assert.match(result.kind === 'problem' ? result.hint : '', /\/new takes nothing/);
  });

  it('reads /web on|off and refuses anything else', () => {
    assert.deepEqual(parse('/web on'), { kind: 'command', command: { name: 'web', enabled: true } });
    assert.deepEqual(parse('/web OFF'), { kind: 'command', command: { name: 'web', enabled: false } });
    for (const text of ['/web', '/web maybe']) {
      const result = parse(text);
      assert.ok(result.kind === 'problem' && /\/web on or \/web off/.test(result.hint), text);
    }
  });

  it('finds /persona by id or label, ignoring case, and names the personas when it cannot', () => {
    assert.deepEqual(parse('/persona reviewer'), { kind: 'command', command: { name: 'persona', personaId: 'reviewer' } });
    assert.deepEqual(parse('/persona patient teacher'), { kind: 'command', command: { name: 'persona', personaId: 'teacher' } });
    const unknown = parse('/persona pirate');
    assert.ok(unknown.kind === 'problem' && unknown.hint.includes('“pirate”') && unknown.hint.includes('assistant, reviewer, teacher'), JSON.stringify(unknown));
    assert.equal(parse('/persona').kind, 'problem');
  });

  it('reads /model NAME, and /model alone as back to the persona’s model', () => {
    assert.deepEqual(parse('/model gpt-5-mini'), { kind: 'command', command: { name: 'model', model: 'gpt-5-mini' } });
    assert.deepEqual(parse('/model qwen2.5-coder:7b'), { kind: 'command', command: { name: 'model', model: 'qwen2.5-coder:7b' } });
    assert.deepEqual(parse('/model'), { kind: 'command', command: { name: 'model', model: undefined } });
    assert.equal(parse('/model two words').kind, 'problem');
  });

  it('says an unknown command is unknown instead of sending it', () => {
    const result = parse('/frobnicate now');
    assert.equal(result.kind, 'problem');
    assert.match(result.kind === 'problem' ? result.hint : '', /Unknown command \/frobnicate.*\/help/);
  });

  it('sends text that only looks like a command, and // as an escape', () => {
    assert.deepEqual(parse('/usr/bin is on the PATH'), { kind: 'message', text: '/usr/bin is on the PATH' });
    assert.deepEqual(parse('/* a comment */'), { kind: 'message', text: '/* a comment */' });
    assert.deepEqual(parse('//new is a slash command'), { kind: 'message', text: '/new is a slash command' });
    assert.deepEqual(parse(' /new'), { kind: 'message', text: ' /new' }, 'a command starts at the first character');
  });
});

describe('composer: @persona mentions', () => {
  it('a leading mention sends the rest of the message to that persona', () => {
    assert.deepEqual(parse('@reviewer check this'), { kind: 'message', text: 'check this', personaId: 'reviewer' });
    assert.deepEqual(parse('@Reviewer  check\nthis'), { kind: 'message', text: 'check\nthis', personaId: 'reviewer' });
  });

  it('a mention inside the sentence addresses the persona and stays in the text', () => {
    assert.deepEqual(parse('please @teacher, explain closures'), { kind: 'message', text: 'please @teacher, explain closures', personaId: 'teacher' });
    assert.deepEqual(parse('what does @teacher. think'), { kind: 'message', text: 'what does @teacher. think', personaId: 'teacher' });
  });

  it('leaves unknown names, e-mail addresses and decorators alone', () => {
    assert.deepEqual(parse('@pirate ahoy'), { kind: 'message', text: '@pirate ahoy' });
    assert.deepEqual(parse('mail me@reviewer.example'), { kind: 'message', text: 'mail me@reviewer.example' });
    assert.deepEqual(parse('what does @Injectable do'), { kind: 'message', text: 'what does @Injectable do' });
  });

  it('several personas are sent as plain text to the active persona, with a hint', () => {
    const result = parse('@reviewer @teacher compare');
    assert.equal(result.kind, 'message');
    assert.ok(result.kind === 'message');
    assert.equal(result.text, '@reviewer @teacher compare');
    assert.equal(result.personaId, undefined);
    assert.match(result.hint ?? '', /several personas at once is not available yet/);
    assert.deepEqual(parse('@reviewer ask @reviewer again'), { kind: 'message', text: 'ask @reviewer again', personaId: 'reviewer' }, 'the same one twice is one');
  });

  it('a mention with nothing after it asks for the message', () => {
    const result = parse('@reviewer   ');
    assert.ok(result.kind === 'problem' && /after @reviewer/.test(result.hint));
  });
});
