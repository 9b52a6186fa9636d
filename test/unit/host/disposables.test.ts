import * as assert from 'node:assert/strict';
import { DisposableOwner, DisposableStore } from '../../../src/host/disposables';

const recorder = (log: string[], name: string) => ({ dispose: () => void log.push(name) });

describe('DisposableStore', () => {
  it('disposes everything it holds once, newest first', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(recorder(log, 'a'));
    store.add(recorder(log, 'b'));
    store.dispose();
    store.dispose();
    assert.deepEqual(log, ['b', 'a']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes at once what is added after it was disposed, and returns what it was given', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.dispose();
    const item = recorder(log, 'late');
    assert.equal(store.add(item), item);
    assert.deepEqual(log, ['late']);
  });

  it('lets one item go early, and a failing item stops no other', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    const early = store.add(recorder(log, 'early'));
    store.add(recorder(log, 'kept'));
    store.add({ dispose: () => { throw new Error('boom'); } });
    store.delete(early);
    assert.throws(() => store.dispose(), /boom/);
    assert.deepEqual(log, ['early', 'kept']);
  });

  it('is the base of owners that _register what they hold', () => {
    const log: string[] = [];
    class Owner extends DisposableOwner {
      readonly thing = this._register(recorder(log, 'thing'));
    }
    new Owner().dispose();
    assert.deepEqual(log, ['thing']);
  });
});
