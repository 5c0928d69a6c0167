import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from './cp1251.ts';

describe('encodeCp1251', () => {
  it('round-trips every character of the code page through the platform decoder', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = new TextDecoder('windows-1251').decode(all.filter((b) => b !== 0x98));
    expect(encodeCp1251(text)).toEqual(all.filter((b) => b !== 0x98));
  });

  it('encodes registry text and replaces what the code page lacks with «?»', () => {
    const text = 'Исх. № 12/ТС; «Тюменьводоканал»; ёЁ';
    expect(new TextDecoder('windows-1251').decode(encodeCp1251(text))).toBe(text);
    expect(new TextDecoder('windows-1251').decode(encodeCp1251('м³ − ✓'))).toBe('м? ? ?');
  });
});
