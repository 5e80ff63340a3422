/**
 * The §7 sentences state negative savings (issue 14): a share above the
 * stand-alone cost is said in words in English and Polish, not left out;
 * SCRB with a negative remaining benefit and a nucleolus not computed are
 * said too.
 */
import { describe, expect, it } from 'vitest';
import { EN } from './i18n/en.js';
import { PL } from './i18n/pl.js';

describe('cost-sharing sentences', () => {
  const shares = [
    { name: 'Pawłów', share: 2_335_335, se: 0, saving: -335_335 },
    { name: 'Quercus', share: 1_635_335, se: 0, saving: 64_665 },
  ];

  it('say a negative saving in English and Polish', () => {
    const en = EN.shapleySplit(3_970_670, true, 0, shares);
    expect(en).toContain('Pawłów 2.34 M PLN, paying 335 k PLN more than going alone');
    expect(en).toContain('Quercus 1.64 M PLN, saving 65 k PLN against going alone');
    expect(PL.shapleySplit(3_970_670, true, 0, shares)).toMatch(/Pawłów .*, o 335 tys\. zł więcej niż przy działaniu samodzielnie/);
  });

  it('name SCRB players with a negative remaining benefit, and a nucleolus not computed', () => {
    const text = EN.otherRules([{ name: 'A', share: 16 }], undefined, ['A']);
    expect(text).toContain('(A would gain less than its separable cost, so it pays that cost and no part of the rest)');
    expect(text).toContain('The nucleolus is not computed here');
  });

  it('say when the nucleolus is computed in some bill groups only', () => {
    const nucleolus = [{ name: 'B', share: 7 }];
    expect(EN.otherRules([{ name: 'A', share: 16 }], nucleolus, [], true)).toContain('By the nucleolus: B ');
    expect(EN.otherRules([{ name: 'A', share: 16 }], nucleolus, [], false)).toContain(
      'By the nucleolus, in the bill groups where it is computed (at most 12 players, stand-alone costs that cover the bill): B ',
    );
    expect(PL.otherRules([{ name: 'A', share: 16 }], nucleolus, [], false)).toContain('Według nukleolusa — w grupach rozliczeniowych, w których go wyznaczono');
  });

  it('count one resident in the singular', () => {
    const text = EN.outsideOption([
      { name: 'Platerówka', residents: 1 },
      { name: 'Rudna', residents: 3 },
    ]);
    expect(text).toContain('1 resident of Platerówka and 3 residents of Rudna');
    expect(PL.outsideOption([{ name: 'Platerówka', residents: 1 }])).toContain('1 mieszkańca gminy Platerówka');
  });
});
