import * as assert from 'node:assert/strict';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import { deleteStoredResponses, describeDeleteOutcome } from '../../../src/core/provider/storedResponses';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from './support';

describe('deleting stored responses on the server', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => {
    baseURL = await server.start();
  });
  after(() => server.stop());
  beforeEach(() => server.restoreDefaults());

  it('deletes what is stored, counts what was already gone, and the server has none left', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const first = await provider.stream(requestFor('one'), new DeltaRecorder());
    const second = await provider.stream(requestFor('two'), new DeltaRecorder());
    assert.ok(first.responseId && second.responseId);
    const ids = [first.responseId, second.responseId, 'resp_never_stored', first.responseId];

    const outcome = await deleteStoredResponses(provider, ids);
    assert.deepEqual(outcome, { deleted: 2, alreadyGone: 1, failed: [] }, 'a repeated id is deleted once');
    assert.equal(server.deleteRequests.length, 3);
    assert.equal(server.hasResponse(first.responseId), false);
    assert.equal(server.hasResponse(second.responseId), false);
    assert.equal(describeDeleteOutcome(outcome), 'Deleted 2 stored responses on the server; 1 was already gone.');

    const again = await deleteStoredResponses(provider, [first.responseId]);
    assert.deepEqual(again, { deleted: 0, alreadyGone: 1, failed: [] }, 'deleting twice is not a failure');
  });

  it('names why a delete failed, and never includes the key', async () => {
    const provider = new ResponsesProvider(settingsFor('http://127.0.0.1:9/v1'), new RecordingLogger());
    const outcome = await deleteStoredResponses(provider, ['resp_a', 'resp_b']);
    assert.equal(outcome.deleted, 0);
    assert.deepEqual(outcome.failed.map((f) => f.id).sort(), ['resp_a', 'resp_b']);
    assert.match(outcome.failed[0].reason, /connection|ECONNREFUSED/i);
    assert.match(describeDeleteOutcome(outcome), /^Deleted 0 stored responses on the server; 2 failed \(/);
  });
});
