import { choice, choiceList, decimal, filePath, flagSwitch, int, intList, mapped, natsUrls, ok, positive, text, fail } from './parsers';

describe('parsers - numbers', () => {
  it('int takes whole numbers within its range and names the range otherwise', () => {
    const port = int(0, 65535);
    expect(port.parse(' 8080 ')).toEqual({ ok: true, value: 8080 });
    expect(port.parse('0')).toEqual({ ok: true, value: 0 });
    for (const bad of ['', 'http', '-1', '1e3', '80.5', '0x50']) expect(port.parse(bad)).toEqual({ ok: false, error: 'must be a whole number in [0, 65535]' });
    expect(port.parse('70000')).toEqual({ ok: false, error: 'must be within [0, 65535]' });
  });

  it('decimal and positive honour open and closed bounds', () => {
    expect(positive(100).parse('0.5')).toEqual({ ok: true, value: 0.5 });
    expect(positive(100).parse('0')).toEqual({ ok: false, error: 'must be a number in (0, 100]' });
    expect(positive(100).parse('100')).toEqual({ ok: true, value: 100 });
    const ratio = decimal({ min: 0, max: 1, openMin: true, openMax: true });
    expect(ratio.parse('1')).toEqual({ ok: false, error: 'must be a number in (0, 1)' });
    expect(ratio.parse('.5')).toMatchObject({ ok: false });
    expect(decimal({ min: 0, max: 10 }).parse('0')).toEqual({ ok: true, value: 0 });
  });

  it('intList takes comma-separated whole numbers, blanks ignored, and names a bad entry', () => {
    expect(intList(1, 16).parse('1, 2,4,')).toEqual({ ok: true, value: [1, 2, 4] });
    expect(intList(1, 16).parse('1,17')).toEqual({ ok: false, error: '"17": must be within [1, 16]' });
    expect(intList(1, 16).parse(' , ')).toEqual({ ok: false, error: 'must list at least one number' });
    expect(intList(1, 16).show?.([1, 2])).toBe('1,2');
  });
});

describe('parsers - text and choices', () => {
  it('text trims, refuses blanks, and checks a rule', () => {
    expect(text().parse('  a ')).toEqual({ ok: true, value: 'a' });
    expect(text().parse('   ')).toEqual({ ok: false, error: 'must not be empty' });
    const id = text('<id>', { pattern: /^[a-z]+$/, rule: 'lower-case letters' });
    expect(id.parse('A')).toEqual({ ok: false, error: 'must be lower-case letters' });
  });

  it('choice and choiceList accept only the listed words', () => {
    expect(choice(['a', 'b']).parse(' b ')).toEqual({ ok: true, value: 'b' });
    expect(choice(['a', 'b']).parse('c')).toEqual({ ok: false, error: 'must be one of: a, b' });
    expect(choiceList(['x', 'y']).parse('y, x')).toEqual({ ok: true, value: ['y', 'x'] });
    expect(choiceList(['x', 'y']).parse('x,z')).toEqual({ ok: false, error: '"z" must be one of: x, y' });
    expect(choiceList(['x', 'y']).parse(',')).toEqual({ ok: false, error: 'must name at least one of: x, y' });
  });

  it('natsUrls takes one server or a list, blanks ignored, and refuses anything else', () => {
    expect(natsUrls().parse('nats://a:4222, tls://b:4223,')).toEqual({ ok: true, value: ['nats://a:4222', 'tls://b:4223'] });
    expect(natsUrls().parse(' , ')).toEqual({ ok: false, error: 'needs at least one server URL' });
    expect(natsUrls().parse('nats://a:1,http://b')).toEqual({ ok: false, error: '"http://b" is not a nats:// URL' });
  });

  it('natsUrls refuses a user or password in a URL without echoing it, and names the file flags', () => {
    for (const raw of ['nats://admin:s3cret@a:4222', 'nats://a:1,tls://tok3n@b:4222']) {
      const parsed = natsUrls().parse(raw);
      expect(parsed.ok).toBe(false);
      const error = parsed.ok ? '' : parsed.error;
      expect(error).toContain('--nats-nkey-file');
      expect(error).not.toMatch(/s3cret|tok3n|admin/);
    }
  });

  it('flagSwitch reads true/false/1/0; filePath resolves against the working directory', () => {
    expect(flagSwitch().parse('1')).toEqual({ ok: true, value: true });
    expect(flagSwitch().parse('false')).toEqual({ ok: true, value: false });
    expect(flagSwitch().parse('yes')).toMatchObject({ ok: false });
    expect(filePath().parse('rel/dir')).toEqual({ ok: true, value: `${process.cwd()}/rel/dir` });
    expect(filePath().parse(' ')).toEqual({ ok: false, error: 'must not be empty' });
  });

  it('mapped transforms a parsed value and may refuse it', () => {
    const even = mapped(int(0, 10), (n) => (n % 2 === 0 ? ok(n / 2) : fail('must be even')));
    expect(even.parse('4')).toEqual({ ok: true, value: 2 });
    expect(even.parse('3')).toEqual({ ok: false, error: 'must be even' });
    expect(even.parse('x')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
  });
});
