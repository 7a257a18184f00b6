import { handleCameraLine, initialCameraState } from './camera-sim';

describe('camera-sim', () => {
  it('drops the connection without a reply on get_exposing_time before any exposure', () => {
    expect(handleCameraLine(initialCameraState(), 'get_exposing_time', 1000)).toEqual({ reply: null, close: true });
  });

  it.each(['', 'bogus', 'GET_STATE', 'start_exposure now'])('replies empty then closes on %j', (line) => {
    expect(handleCameraLine(initialCameraState(), line, 0)).toEqual({ reply: '', close: true });
  });

  it('exposes: state, growing exposing time, then the last duration after stop', () => {
    const cam = initialCameraState();
    expect(handleCameraLine(cam, 'get_state', 0).reply).toBe('idle');
    expect(handleCameraLine(cam, 'start_exposure', 10_000)).toEqual({ reply: 'ok', close: false });
    expect(handleCameraLine(cam, 'get_state', 10_100).reply).toBe('exposing');
    expect(handleCameraLine(cam, 'get_exposing_time', 11_500).reply).toBe('1.500');
    expect(handleCameraLine(cam, 'stop_exposure', 12_250).reply).toBe('ok');
    expect(handleCameraLine(cam, 'get_state', 13_000).reply).toBe('idle');
    expect(handleCameraLine(cam, 'get_exposing_time', 20_000).reply).toBe('2.250');
  });

  it('restarts the exposure on a start while exposing', () => {
    const cam = initialCameraState();
    handleCameraLine(cam, 'start_exposure', 0);
    expect(handleCameraLine(cam, 'start_exposure', 5000).reply).toBe('ok');
    expect(handleCameraLine(cam, 'get_exposing_time', 5200).reply).toBe('0.200');
  });

  it('accepts a trailing carriage return and surrounding blanks', () => {
    expect(handleCameraLine(initialCameraState(), ' get_state \r', 0).reply).toBe('idle');
  });

  it('reports unknown after a fault until the next start or stop', () => {
    const cam = initialCameraState();
    cam.unknown = true;
    expect(handleCameraLine(cam, 'get_state', 0).reply).toBe('unknown');
    handleCameraLine(cam, 'stop_exposure', 1);
    expect(handleCameraLine(cam, 'get_state', 2).reply).toBe('idle');
  });
});
