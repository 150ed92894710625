import { describe, expect, it } from 'vitest';
import { loadDemoNetwork } from '../../server/db/seeders/demo.js';
import { loadReferenceData, states } from '../../server/db/seeders/reference.js';
import { localeCodes } from '../../server/modules/reference/locales.js';

const data = loadReferenceData();
const network = loadDemoNetwork();

function missingLocales(texts: Record<string, string> | undefined): string[] {
  return localeCodes.filter((code) => !texts?.[code]?.trim());
}

/** Locales in which more than `share` of the names are the English name unchanged: a sign of untranslated copies. */
function copiedFromEnglish(items: { names: Record<string, string> }[], share: number): string[] {
  return localeCodes.filter((code) => code !== 'en' && items.filter((i) => i.names[code] === i.names.en).length > items.length * share);
}

describe('reference seed data', () => {
  it('names every area, sector, profession and keyword in all 26 locales', () => {
    const incomplete = [
      ...data.areas.flatMap((a) => [...missingLocales(a.names), ...missingLocales(a.legalBasisTitle)].map((l) => `area ${a.code}: ${l}`)),
      ...data.sectors.flatMap((s) => missingLocales(s.names).map((l) => `sector ${s.code}: ${l}`)),
      ...data.professions.flatMap((p) => missingLocales(p.names).map((l) => `profession ${p.code}: ${l}`)),
      ...data.keywords.flatMap((k) => missingLocales(k.names).map((l) => `keyword ${k.code}: ${l}`)),
    ];
    expect(incomplete).toEqual([]);
  });

  it('translates rather than copies the English names', () => {
    expect(copiedFromEnglish(data.professions, 0.15)).toEqual([]);
    expect(copiedFromEnglish(data.keywords, 0.1)).toEqual([]);
    expect(copiedFromEnglish(data.areas, 0.5)).toEqual([]);
  });

  it('has the professions, sectoral professions, national titles and keywords the directory needs', () => {
    expect(data.areas.map((a) => a.code)).toEqual(expect.arrayContaining(['PQ', 'SERVICES']));
    expect(data.professions.length).toBeGreaterThanOrEqual(60);
    expect(data.professions.filter((p) => p.sectoral).map((p) => p.code).sort()).toEqual([
      'architect', 'dental-practitioner', 'doctor-of-medicine', 'general-care-nurse', 'midwife', 'pharmacist', 'veterinary-surgeon',
    ]);
    const sectors = new Set(data.sectors.map((s) => s.code));
    expect(data.professions.filter((p) => !sectors.has(p.sector))).toEqual([]);
    const professions = new Set(data.professions.map((p) => p.code));
    expect(data.nationalProfessions.filter((n) => !professions.has(n.profession))).toEqual([]);
    for (const country of Object.keys(states)) {
      expect(data.nationalProfessions.filter((n) => n.country === country).length, country).toBeGreaterThanOrEqual(5);
    }
    expect(data.keywords.length).toBeGreaterThanOrEqual(80);
    expect(new Set(data.keywords.map((k) => k.code)).size).toBe(data.keywords.length);
    expect(new Set(data.professions.map((p) => p.code)).size).toBe(data.professions.length);
  });

  it('knows the nurse in the words people type, in many languages', () => {
    const nurse = data.professions.find((p) => p.code === 'general-care-nurse')!;
    const all = [...Object.values(nurse.names), ...Object.values(nurse.terms ?? {}).flat()].map((t) => t.toLowerCase());
    expect(all).toEqual(expect.arrayContaining(['krankenschwester', 'infirmière', 'pielęgniarka', 'sairaanhoitaja']));
  });
});

describe('demo network', () => {
  it('has every state with its NIMIC and at least four competent authorities', () => {
    expect(network.map((s) => s.country).sort()).toEqual(Object.keys(states).sort());
    for (const state of network) {
      expect(state.authorities.filter((a) => a.coordinatorKind === 'NIMIC'), state.country).toHaveLength(1);
      expect(state.authorities.filter((a) => a.coordinatorKind === 'NONE').length, state.country).toBeGreaterThanOrEqual(4);
      const first = state.authorities.find((a) => a.key === 'ca1')!;
      expect(first.areas.PQ?.professions, state.country).toEqual(expect.arrayContaining(['general-care-nurse', 'doctor-of-medicine']));
    }
  });

  it('gives every authority an official name in its own language and designations in English and the state\'s languages', () => {
    for (const state of network) {
      for (const authority of state.authorities) {
        const where = `${state.country}/${authority.key}`;
        expect(states[state.country].languages, where).toContain(authority.officialNameLang);
        for (const lang of ['en', ...states[state.country].languages]) {
          expect(authority.designation[lang], `${where} designation ${lang}`).toBeTruthy();
          expect(authority.description[lang], `${where} description ${lang}`).toBeTruthy();
        }
      }
    }
  });
});
