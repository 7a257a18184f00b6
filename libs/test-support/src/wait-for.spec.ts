import { WaitTimeoutError, waitFor } from './wait-for';

describe('wait-for - polling', () => {
  it('resolves with the first truthy value', async () => {
    let n = 0;
    await expect(waitFor('n to reach 3', () => (++n >= 3 ? n : undefined), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('names what it waited for when it times out', async () => {
    await expect(waitFor('the impossible', () => false, { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      new WaitTimeoutError('timed out after 30 ms waiting for the impossible'),
    );
  });
});
