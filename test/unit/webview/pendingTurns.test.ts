import * as assert from 'node:assert/strict';
import { MAX_PAGE_TURNS, TURNS_PER_GROUP } from '../../../src/core/transcriptPaging';
import { PendingTurns } from '../../../src/webview/pendingTurns';
import { makeTurn } from '../conversation/support';

/** Just what PendingTurns touches of a group element: its classes, data, attributes and siblings, in a list. */
class FakeGroup {
  readonly classes = new Set<string>();
  readonly classList = { add: (c: string) => this.classes.add(c), remove: (c: string) => this.classes.delete(c), contains: (c: string) => this.classes.has(c) };
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  constructor(private readonly list: FakeGroup[]) {}
  get previousElementSibling(): FakeGroup | null { return this.list[this.list.indexOf(this) - 1] ?? null; }
  get nextElementSibling(): FakeGroup | null { return this.list[this.list.indexOf(this) + 1] ?? null; }
  setAttribute(name: string, value: string): void { this.attributes.set(name, value); }
  removeAttribute(name: string): void { this.attributes.delete(name); }
  remove(): void { this.list.splice(this.list.indexOf(this), 1); }
}

const asElement = (group: FakeGroup) => group as unknown as HTMLElement;
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `turn-${from + i}`);

/** `groups` groups of ids only (nothing sent yet), as a transcript of groups × TURNS_PER_GROUP older turns opens. */
function setUp(groups: number) {
  const requests: Array<{ transcriptId: string; turnIds: string[] }> = [];
  const pending = new PendingTurns((transcriptId, turnIds) => requests.push({ transcriptId, turnIds }));
  pending.reset('t1');
  const list: FakeGroup[] = [];
  for (let g = 0; g < groups; g++) {
    const group = new FakeGroup(list);
    list.push(group);
    pending.add(asElement(group), ids(g * TURNS_PER_GROUP, TURNS_PER_GROUP));
  }
  return { pending, list, requests };
}

describe('PendingTurns: older turns paged in from the host', () => {
  it('a group whose turns are not here asks for them with its neighbours’, up to one page, and is handed back when they come', () => {
    const { pending, list, requests } = setUp(20);
    const wanted = asElement(list[10]);
    assert.equal(pending.take(wanted), undefined, 'not built while its turns are missing');
    assert.equal(requests.length, 1);
    const asked = requests[0].turnIds;
    assert.equal(asked.length, MAX_PAGE_TURNS);
    assert.deepEqual(asked.slice(0, TURNS_PER_GROUP), ids(250, TURNS_PER_GROUP), 'its own turns first');
    assert.ok(asked.includes('turn-225') && asked.includes('turn-275'), 'then the groups above and below');
    assert.equal(list[10].attributes.get('aria-busy'), 'true');

    // Asking again for the same group asks for nothing already on its way.
    assert.equal(pending.take(wanted), undefined);
    assert.equal(requests.length, 1);

    const ready = pending.fill('t1', asked, asked.map((id) => makeTurn(Number(id.slice(5)))));
    assert.deepEqual(ready, [wanted], 'only the wanted group is handed back to be built');
    assert.equal(list[9].attributes.has('aria-busy'), false, 'neighbours that came along are no longer busy');
    const turns = pending.take(wanted);
    assert.deepEqual(turns?.map((t) => t.id), ids(250, TURNS_PER_GROUP));
    assert.equal(pending.has('turn-250'), false);
    assert.equal(list[10].classes.has('pending'), false);
    // A neighbour that came along is built at once when it nears the viewport.
    assert.equal(pending.take(asElement(list[9]))?.length, TURNS_PER_GROUP);
    assert.equal(requests.length, 1);
  });

  it('ignores a page of a transcript that was replaced since', () => {
    const { pending, list, requests } = setUp(3);
    pending.take(asElement(list[0]));
    pending.reset('t2');
    assert.deepEqual(pending.fill('t1', requests[0].turnIds, requests[0].turnIds.map((id) => makeTurn(Number(id.slice(5))))), []);
  });

  it('drops the places of turns the host no longer has, and the group when none is left', () => {
    const { pending, list, requests } = setUp(2);
    const first = asElement(list[0]);
    pending.take(first);
    const asked = requests[0].turnIds;
    const kept = asked.filter((id) => id !== 'turn-3');
    const ready = pending.fill('t1', asked, kept.map((id) => makeTurn(Number(id.slice(5)))));
    assert.deepEqual(ready, [first]);
    assert.equal(pending.has('turn-3'), false);
    assert.equal(pending.take(first)?.length, TURNS_PER_GROUP - 1);

    const second = list[1];
    for (const id of ids(25, 25)) pending.remove(id);
    assert.equal(list.includes(second), false, 'an emptied group leaves the page');
    assert.equal(pending.size, 0);
  });

  it('keeps a newer state of a turn that is not built yet, and the turns here for the context share', () => {
    const { pending } = setUp(1);
    assert.equal(pending.update(makeTurn(4, { userText: 'changed in another window' })), true);
    assert.equal(pending.update(makeTurn(99)), false, 'a turn it does not hold is not its business');
    assert.deepEqual(pending.loadedTurns().map((t) => t.userText), ['changed in another window']);
  });
});
