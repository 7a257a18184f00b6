import { LineSplitter, MAX_LINE_LENGTH } from './line-splitter';

describe('line-splitter', () => {
  it('splits on \\n and \\r\\n across chunks, keeping empty lines', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('get_st')).toEqual([]);
    expect(splitter.push('ate\r\n\nho')).toEqual(['get_state', '']);
    expect(splitter.push('me\n')).toEqual(['home']);
  });

  it('gives up on an endless line', () => {
    expect(new LineSplitter().push('x'.repeat(MAX_LINE_LENGTH + 1))).toBeNull();
  });
});
