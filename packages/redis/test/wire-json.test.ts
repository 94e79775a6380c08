import { fromWireJson, toWireJson } from '@anneal/redis';
import { describe, expect, it } from 'vitest';

describe('wire JSON', () => {
  it('tags NaN, ±Infinity and -0 as monitor snapshots do, and reads them back exactly', () => {
    const value = { a: Number.NaN, b: [Infinity, -Infinity, -0, 0, 1.5], c: { d: null, e: 'NaN' } };
    const text = toWireJson(value);
    expect(text).toBe(
      '{"a":{"$number":"NaN"},"b":[{"$number":"Infinity"},{"$number":"-Infinity"},{"$number":"-0"},0,1.5],"c":{"d":null,"e":"NaN"}}',
    );
    const back = fromWireJson(text) as typeof value;
    expect(back).toEqual(value);
    expect(Object.is(back.b[2], -0)).toBe(true);
  });

  it('leaves objects alone that only look like a tag', () => {
    expect(fromWireJson('{"$number":"seven"}')).toEqual({ $number: 'seven' });
    expect(fromWireJson('{"$number":"NaN","x":1}')).toEqual({ $number: 'NaN', x: 1 });
  });

  it('throws SyntaxError on bad JSON', () => {
    expect(() => fromWireJson('{"a":')).toThrow(SyntaxError);
  });
});
