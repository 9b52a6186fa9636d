import * as assert from 'node:assert/strict';
import OpenAI, { type APIError } from 'openai';
import type { ResponseCreateParamsStreaming, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';

/** One fake server per suite, reached through the real SDK, reset after every test. */
export function useFakeServer() {
  const context = { server: new FakeResponsesServer(), client: undefined as unknown as OpenAI, baseURL: '' };
  before(async () => {
    context.baseURL = await context.server.start();
    context.client = new OpenAI({ apiKey: 'sk-fake-server-tests', baseURL: context.baseURL, maxRetries: 0 });
  });
  afterEach(() => {
    context.server.restoreDefaults();
    context.server.clearRequests();
  });
  after(() => context.server.stop());
  return context;
}

/** Every event of a streamed response, through the SDK's own SSE parser. */
export async function streamEvents(client: OpenAI, params: Omit<ResponseCreateParamsStreaming, 'stream'>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const event of await client.responses.create({ ...params, stream: true })) events.push(event);
  assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i), 'sequence numbers count from 0 without gaps');
  return events;
}

/** The raw SSE of a request, parsed by hand: for shapes the SDK would throw on before a test could see them. */
export async function rawEvents(baseURL: string, body: Record<string, unknown>) {
  const response = await fetch(`${baseURL}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const events = text.split('\n\n').filter(Boolean).map((block) => {
    const [eventLine, dataLine] = block.split('\n');
    const data = JSON.parse(dataLine.slice('data: '.length)) as { type: string; sequence_number: number };
    assert.equal(eventLine, `event: ${data.type}`, 'the event line names the data type');
    return data;
  });
  return { response, events };
}

/** The APIError a request is rejected with. */
export async function rejectionOf(request: Promise<unknown>): Promise<APIError> {
  try {
    await request;
  } catch (error) {
    return error as APIError;
  }
  assert.fail('the request was not rejected');
}

/** Event types without the text deltas' repetitions, so an order reads at a glance. */
export function collapsedTypes(events: { type: string }[]): string[] {
  return events.map((e) => e.type).filter((type, i, all) => !(type.endsWith('.delta') && all[i - 1] === type));
}

export type EventOf<T extends ResponseStreamEvent['type']> = Extract<ResponseStreamEvent, { type: T }>;

export function eventsOf<T extends ResponseStreamEvent['type']>(events: ResponseStreamEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

export function completedResponse(events: ResponseStreamEvent[]) {
  const last = events.at(-1);
  assert.equal(last?.type, 'response.completed');
  return (last as EventOf<'response.completed'>).response;
}
