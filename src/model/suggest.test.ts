import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from './suggest.js';

const municipalities = [
  { id: '0402073', label: 'Jabłonowo Pomorskie' },
  { id: '0402042', label: 'Brzozie' },
  { id: '0402011', label: 'Brodnica' },
];
const services = [{ id: 'preschool' }, { id: 'nursery' }, { id: 'primary_school' }];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['0402043', '0402042', 1],
    ['preschool', 'prechool', 1],
    ['ab', 'ba', 1], // adjacent transposition counts once
    ['0402042', '0400242', 1],
    ['abc', 'ca', 3], // optimal string alignment, not full Damerau (which says 2)
  ])('%j ↔ %j = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('suggest', () => {
  it('finds an id one digit off, preferring the longer common prefix on a tie', () => {
    // 0402073 and 0402042 are both one edit from 0402043; 0402042 shares "040204"
    expect(suggest('0402043', municipalities)?.id).toBe('0402042');
    expect(suggest('0402074', municipalities)?.id).toBe('0402073');
  });

  it('finds a misspelt service id, ignoring case', () => {
    expect(suggest('Prechool', services)?.id).toBe('preschool');
    expect(suggest('primary-school', services)?.id).toBe('primary_school');
  });

  it('matches a name typed instead of the id, ignoring case and diacritics', () => {
    expect(suggest('brzozie', municipalities)?.id).toBe('0402042');
    expect(suggest('JABLONOWO POMORSKIE', municipalities)?.id).toBe('0402073');
  });

  it('suggests nothing when nothing is close', () => {
    expect(suggest('1465011', municipalities)).toBeUndefined();
    expect(suggest('library', services)).toBeUndefined();
    expect(suggest('', services)).toBeUndefined();
    expect(suggest('   ', services)).toBeUndefined();
  });

  it('allows one edit for short ids (⌈len/4⌉) and at most two for long ones', () => {
    const short = [{ id: 'gp' }];
    expect(suggest('gq', short)?.id).toBe('gp');
    expect(suggest('xq', short)).toBeUndefined();
    // "primary_school" has 14 letters: ⌈14/4⌉ = 4, capped at 2
    expect(suggest('primery_schol', services)?.id).toBe('primary_school');
    expect(suggest('primery_schl', services)).toBeUndefined();
  });

  it('prefers the closest id, and the first on a full tie', () => {
    const candidates = [{ id: 'ab12' }, { id: 'ab13' }, { id: 'ab14' }];
    expect(suggest('ab14', [{ id: 'ab12' }, { id: 'ab14' }])?.id).toBe('ab14');
    expect(suggest('ab15', candidates)?.id).toBe('ab12');
  });
});

describe('didYouMean', () => {
  it('formats the suggestion with its label', () => {
    expect(didYouMean('0402043', municipalities)).toBe('; did you mean "0402042" (Brzozie)?');
    expect(didYouMean('prechool', services)).toBe('; did you mean "preschool"?');
  });

  it('is empty without a suggestion', () => {
    expect(didYouMean('xyz', services)).toBe('');
  });
});
