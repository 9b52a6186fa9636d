import * as assert from 'node:assert/strict';
import { describeServerCleanup, planServerCleanup } from '../../../src/core/store/sharedResponses';
import { turn, useLibraryRoot } from './support';

const summary = (id: string, storedResponseIds: string[], trashedAt?: number) => ({ id, storedResponseIds, ...(trashedAt !== undefined ? { trashedAt } : {}) });

describe('Stored responses shared between conversations', () => {
  it('keeps on the server what a live fork still uses and removes the rest', () => {
    const plan = planServerCleanup('source', [summary('source', ['r1', 'r2', 'r3']), summary('fork', ['r1', 'r9']), summary('other', ['r7'])]);
    assert.deepEqual(plan, { remove: ['r2', 'r3'], keep: ['r1'] });
  });

  it('keeps everything a duplicate holds too', () => {
    assert.deepEqual(planServerCleanup('a', [summary('a', ['r1', 'r2']), summary('copy', ['r2', 'r1'])]), { remove: [], keep: ['r1', 'r2'] });
  });

  it('a conversation in the trash holds nothing back', () => {
    assert.deepEqual(planServerCleanup('a', [summary('a', ['r1', 'r2']), summary('fork', ['r1'], 1_700_000_000_000)]), { remove: ['r1', 'r2'], keep: [] });
  });

  it('counts each response once, and nothing for a conversation that is not listed', () => {
    assert.deepEqual(planServerCleanup('a', [summary('a', ['r1', 'r1'])]), { remove: ['r1'], keep: [] });
    assert.deepEqual(planServerCleanup('gone', [summary('a', ['r1'])]), { remove: [], keep: [] });
  });

  describe('the confirmation says how many are kept because another conversation uses them', () => {
    it('both removed and kept', () => {
      assert.equal(
        describeServerCleanup({ remove: ['r2', 'r3'], keep: ['r1'] }),
        'The server still keeps the 2 responses it stored for this conversation unless you remove them too. ' +
          '1 more stays on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses it.',
      );
    });

    it('only kept', () => {
      assert.equal(describeServerCleanup({ remove: [], keep: ['r1', 'r2'] }), 'Its 2 stored responses stay on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses them.');
    });

    it('only removed, or nothing stored', () => {
      assert.equal(describeServerCleanup({ remove: ['r1'], keep: [] }), 'The server still keeps the 1 response it stored for this conversation unless you remove it too.');
      assert.equal(describeServerCleanup({ remove: [], keep: [] }), '');
    });
  });

  describe('with forks and duplicates made by the library', () => {
    const { library } = useLibraryRoot();

    it('a fork shares the responses up to its turn; deleting the source on the server leaves those', async () => {
      const lib = await library();
      const source = await lib.create();
      for (const i of [1, 2, 3]) await source.commit(turn(i, { responseStored: true }));
      const fork = await lib.createFrom(source.turns.slice(0, 2), { title: 'Fork', forkedFrom: { conversationId: source.id, turnId: 'turn-0002' } });
      await fork.commit(turn(4, { responseStored: true }));

      assert.deepEqual(planServerCleanup(source.id, await lib.list()), { remove: ['resp_3'], keep: ['resp_1', 'resp_2'] });
      assert.deepEqual(planServerCleanup(fork.id, await lib.list()), { remove: ['resp_4'], keep: ['resp_1', 'resp_2'] });

      await lib.trash(fork.id);
      assert.deepEqual(planServerCleanup(source.id, await lib.list()), { remove: ['resp_1', 'resp_2', 'resp_3'], keep: [] }, 'once the fork is in the trash');
    });
  });
});
