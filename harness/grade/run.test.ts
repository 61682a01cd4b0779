import { parseShard, shardOf } from './run';

describe('shards', () => {
  const names = ['e', 'a', 'd', 'c', 'b', 'f', 'g'].map((name) => ({ name }));

  it('split the name-sorted list round-robin: every submission in exactly one shard', () => {
    const shards = [1, 2, 3].map((i) => shardOf(names, i, 3).map((s) => s.name));
    expect(shards).toEqual([['a', 'd', 'g'], ['b', 'e'], ['c', 'f']]);
    expect(shards.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(shardOf(names, 1, 1).map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('parse i/n and reject what is not a shard, saying what is expected', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow('--shard requires i/n with 1 ≤ i ≤ n (e.g. 2/4), got 0/4.');
    expect(() => parseShard('5/4')).toThrow('got 5/4');
    expect(() => parseShard('two')).toThrow('got "two"');
  });
});
