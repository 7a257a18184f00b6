import { SocketError } from '@fleet/contracts';
import { DEV_OPERATOR_TOKEN } from '@fleet/fleet-runner';
import { io, type Socket } from 'socket.io-client';
import { recordRow } from './reliability-report';
import { clientRate, ms, sleep, within } from './support/client-watch';
import { startFaultFleet, type FaultFleet } from './support/fault-fleet';
import { scrape, total } from './support/metrics';

jest.setTimeout(90_000);

const FLOOD_PER_SECOND = 1000;
const FLOOD_MS = 2000;
const TARGET_RATE_HZ = 8;
const ASSERT_RATE_HZ = 5;

/** An operator socket without the contract's typing, so it can send what the contract forbids. */
function rawClient(url: string): Socket {
  return io(url, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500, auth: { token: DEV_OPERATOR_TOKEN } });
}

/** Emits `event` with `args` and an ack; resolves with what came back, or `timeout`/`disconnected`. */
async function ask(socket: Socket, event: string, ...args: unknown[]): Promise<unknown> {
  try {
    return await socket.timeout(5000).emitWithAck(event, ...args);
  } catch (error) {
    return socket.connected ? 'timeout' : 'disconnected';
  }
}

function isError(reply: unknown): reply is { error: string } {
  return typeof reply === 'object' && reply !== null && 'error' in reply && typeof reply.error === 'string' && reply.error.length > 0;
}

describe('faults - hostile Socket.IO input', () => {
  let f: FaultFleet;
  let attacker: Socket;

  beforeAll(async () => {
    f = await startFaultFleet({ cameras: 2, stages: 1 });
    attacker = rawClient(f.fleet.gatewayUrl);
    await within(new Promise<void>((resolve) => attacker.once('snapshot', () => resolve())), 10_000, 'the attacker to connect');
  }, 60_000);

  afterAll(async () => {
    attacker?.close();
    await f?.stop();
  });

  it('answers wrong events, wrong types and huge payloads with errors, survives a 1,000/s flood, and leaves other clients unaffected', async () => {
    const gatewayPid = f.fleet.gateway.pid();
    const invalidBefore = total(await scrape(f.gatewayMetricsUrl()), 'fleet_gateway_invalid_inputs_total');
    const onWireBefore = f.probe.controlCommands;

    // Wrong event names and wrong argument types: each answered with an error through the ack.
    // The known events among them (10) stay within the burst allowance (twice 5/s), so the rate
    // limit does not answer for the validation.
    const malformed: Array<[string, ...unknown[]]> = [
      ['launch', { deviceId: 'camera-1' }],
      ['', 1],
      ['__proto__', {}],
      ['x'.repeat(500)],
      ['command', 42],
      ['command', 'start camera-1'],
      ['command', null],
      ['command', { deviceId: 'cam.1', command: 'start' }],
      ['command', { deviceId: 'camera-1', command: 7, args: 'fast' }],
      ['command', { deviceId: '>', command: 'x'.repeat(60_000) }],
      ['alarm:ack', { alarmId: ['a'] }],
      ['alarm:action', 'acknowledge everything'],
      ['alarm:action', { action: 'shelve', alarmId: 'a', reason: '', durationMs: 1e12 }],
      ['alarm:action', { action: 'out-of-service', deviceId: 'camera-1.>', reason: 'x'.repeat(600) }],
    ];
    const answers = await Promise.all(malformed.map(([event, ...args]) => ask(attacker, event, ...args)));
    malformed.forEach(([event], i) => console.log(`${event.slice(0, 20) || '(empty)'} -> ${JSON.stringify(answers[i]).slice(0, 120)}`));
    const answeredWithError = answers.filter(isError).length;

    // Commands without an ack: nothing is executed (the sender could never learn the outcome).
    for (let i = 0; i < 5; i++) attacker.emit('command', { deviceId: 'camera-1', command: 'start', requestId: `no-ack-${i}` });
    await sleep(500);
    const noAckLeaks = f.probe.controlCommands - onWireBefore;
    expect(f.operator.stateOf('camera-1')).toBe('Idle');

    // A huge payload (1 MB, over the 64 KB message limit) closes that connection; it comes back by itself.
    const dropped = new Promise<void>((resolve) => attacker.once('disconnect', () => resolve()));
    attacker.emit('command', { deviceId: 'camera-1', command: 'start', blob: 'x'.repeat(1024 * 1024) }, () => undefined);
    await within(dropped, 5000, 'the gateway to drop the huge payload');
    await within(new Promise<void>((resolve) => attacker.once('snapshot', () => resolve())), 10_000, 'the attacker to reconnect');

    // The flood: 1,000 commands a second from the attacker, while an operator works normally.
    const floodStart = Date.now();
    const pending: Array<Promise<unknown>> = [];
    const ticks = FLOOD_MS / 10;
    for (let tick = 0; tick < ticks; tick++) {
      for (let i = 0; i < FLOOD_PER_SECOND / 100; i++) {
        pending.push(ask(attacker, 'command', { deviceId: 'stage-1', command: 'move_to', args: { position: 10 } }));
      }
      await sleep(10);
    }
    const operatorAsked = Date.now();
    const operatorReply = await f.operator.command({ deviceId: 'camera-2', command: 'start' });
    const operatorMs = Date.now() - operatorAsked;
    const floodReplies = await Promise.all(pending);
    const floodEnd = Date.now();
    const rateLimited = floodReplies.filter((r) => isError(r) && r.error === SocketError.rateLimited).length;
    const floodErrors = floodReplies.filter(isError).length;
    const floodData = floodReplies.filter((r) => typeof r === 'object' && r !== null && 'data' in r).length;
    console.log(`flood: ${floodReplies.length} commands in ${ms(floodEnd - floodStart)}; ${rateLimited} "rate limited", ${floodData} answered by the controller, ${floodReplies.length - floodErrors - floodData} unanswered`);
    console.log(`operator command during the flood: ${JSON.stringify(operatorReply)} in ${ms(operatorMs)}`);
    const rates = f.fleet.devices.map((d) => clientRate(f.operator, d.deviceId, floodStart));
    const slowest = Math.min(...rates);

    const invalidDelta = total(await scrape(f.gatewayMetricsUrl()), 'fleet_gateway_invalid_inputs_total') - invalidBefore;
    const crashed = f.fleet.gateway.pid() !== gatewayPid || !f.fleet.gateway.running() || !f.fleet.controller.running();
    const unanswered = floodReplies.length - floodErrors - floodData;
    recordRow('hostile-socket', {
      fault: 'hostile Socket.IO input',
      target: '0 crashes; errors go back to the client',
      measured: `${crashed ? 1 : 0} crashes; ${answeredWithError}/${malformed.length} malformed requests answered with an error; ${floodReplies.length - unanswered}/${floodReplies.length} flood commands answered (${rateLimited} "rate limited"); huge payload: connection closed, client back by itself; ${invalidDelta} counted invalid`,
      pass: !crashed && answeredWithError === malformed.length && unanswered === 0 && noAckLeaks === 0,
    });
    recordRow('hostile-socket', {
      fault: 'hostile Socket.IO input',
      target: `other clients unaffected during a ${FLOOD_PER_SECOND}/s flood (status ≥ ${TARGET_RATE_HZ}/s, commands accepted)`,
      measured: `${slowest.toFixed(1)} status/s (slowest device); operator command ${'data' in operatorReply && operatorReply.data.accepted ? 'accepted' : 'NOT accepted'} in ${ms(operatorMs)}`,
      pass: slowest >= TARGET_RATE_HZ && 'data' in operatorReply && operatorReply.data.accepted,
    });
    expect(crashed).toBe(false);
    expect(answers.map(isError)).toEqual(malformed.map(() => true));
    expect(noAckLeaks).toBe(0);
    expect(unanswered).toBe(0);
    expect(rateLimited).toBeGreaterThan(floodReplies.length * 0.9);
    expect(invalidDelta).toBeGreaterThanOrEqual(12);
    expect(operatorReply).toEqual({ data: expect.objectContaining({ accepted: true, state: 'Exposing' }) });
    expect(slowest).toBeGreaterThanOrEqual(ASSERT_RATE_HZ);
  });
});
