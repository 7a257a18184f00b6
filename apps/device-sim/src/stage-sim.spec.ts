import { handleStageLine, initialStageState, type StageState } from './stage-sim';

const timing = { homeMs: 1000, speedMmPerS: 100 };

function send(state: StageState, line: string, now: number): string | null {
  return handleStageLine(state, timing, line, now).reply;
}

/** A stage homed at t=0 and idle at 0 mm from t=1000. */
function homedStage(): StageState {
  const stage = initialStageState(0);
  send(stage, 'home', 0);
  return stage;
}

describe('stage-sim', () => {
  it('starts unhomed and refuses to move until homed', () => {
    const stage = initialStageState(0);
    expect(send(stage, 'get_state', 0)).toBe('unhomed');
    expect(send(stage, 'move_to 10', 0)).toBe('error not homed');
  });

  it('homes for homeMs, refusing moves meanwhile, then is idle at 0 mm', () => {
    const stage = initialStageState(0);
    expect(send(stage, 'home', 0)).toBe('ok');
    expect(send(stage, 'get_state', 999)).toBe('homing');
    expect(send(stage, 'move_to 10', 999)).toBe('error not homed');
    expect(send(stage, 'get_state', 1000)).toBe('idle');
    expect(send(stage, 'get_position', 1000)).toBe('0.000');
  });

  it('moves at the configured speed, position computed from time, then idles at the target', () => {
    const stage = homedStage();
    expect(send(stage, 'move_to 50', 2000)).toBe('ok');
    expect(send(stage, 'get_state', 2100)).toBe('moving');
    expect(send(stage, 'get_position', 2250)).toBe('25.000');
    expect(send(stage, 'get_position', 2600)).toBe('50.000');
    expect(send(stage, 'get_state', 2600)).toBe('idle');
  });

  it('retargets on a move_to while moving, from the current position', () => {
    const stage = homedStage();
    send(stage, 'move_to 100', 2000);
    expect(send(stage, 'move_to 10', 2200)).toBe('ok');
    expect(send(stage, 'get_position', 2300)).toBe('10.000');
    expect(send(stage, 'get_state', 2300)).toBe('idle');
  });

  it('stops where it is', () => {
    const stage = homedStage();
    send(stage, 'move_to 100', 2000);
    expect(send(stage, 'stop', 2333)).toBe('ok');
    expect(send(stage, 'get_state', 5000)).toBe('idle');
    expect(send(stage, 'get_position', 5000)).toBe('33.300');
  });

  it.each([
    ['move_to', 'error bad argument'],
    ['move_to abc', 'error bad argument'],
    ['move_to 1e2', 'error bad argument'],
    ['move_to 1 2', 'error bad argument'],
    ['move_to -0.5', 'error out of range'],
    ['move_to 300.001', 'error out of range'],
    ['jump', 'error unknown command'],
    ['', 'error unknown command'],
  ])('answers %j with %j and keeps the connection', (line, expected) => {
    const stage = homedStage();
    expect(handleStageLine(stage, timing, line, 2000)).toEqual({ reply: expected, close: false });
  });

  it('refuses home while moving with error busy', () => {
    const stage = homedStage();
    send(stage, 'move_to 100', 2000);
    expect(send(stage, 'home', 2100)).toBe('error busy');
  });

  it('in fault refuses home and move_to until reset, which leaves it unhomed', () => {
    const stage = homedStage();
    stage.phase = 'fault';
    expect(send(stage, 'home', 2000)).toBe('error fault');
    expect(send(stage, 'move_to 5', 2000)).toBe('error fault');
    expect(send(stage, 'reset', 2000)).toBe('ok');
    expect(send(stage, 'get_state', 2000)).toBe('unhomed');
  });

  it('reset outside fault changes nothing', () => {
    const stage = homedStage();
    expect(send(stage, 'reset', 2000)).toBe('ok');
    expect(send(stage, 'get_state', 2000)).toBe('idle');
  });
});
