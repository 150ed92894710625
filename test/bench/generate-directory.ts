import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { searchFields } from '../../server/modules/authorities/service.js';

interface Template {
  id: string;
  country_code: string;
  official_name: string;
  official_name_lang: string;
  designation: Record<string, string>;
  description: Record<string, string>;
  region: string | null;
  city: string | null;
  languages: string[];
  key_rank: number;
}

/**
 * Share of generated authorities cloned from each kind of demo authority: like the real network, most are local or
 * regional bodies for services and crafts, few are health-profession regulators.
 */
const weightByRank = [0, 0.05, 0.1, 0.45, 0.3, 0.1];

function pick<T>(items: T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** A small seeded PRNG (mulberry32), so that every run generates the same directory. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Adds `count` active authorities to a database that holds the demo network, cloned from the demo authorities of each
 * state with their own district names, cities and competences, in batches through `unnest`.
 */
export async function generateDirectory(client: pg.ClientBase, count: number, log: (line: string) => void = () => {}): Promise<void> {
  const random = seeded(20260529);
  const templates = (await client.query<Template>(
    `select id, country_code, official_name, official_name_lang, designation, description, region, city, languages,
            row_number() over (partition by country_code order by created_at, id) - 1 as key_rank
       from authority where coordinator_kind = 'NONE' order by country_code, created_at, id`,
  )).rows;
  const competences = (await client.query<{ authority_id: string; area_code: string; ref_kind: string; ref_id: number }>(
    'select authority_id, area_code, ref_kind, ref_id from competence')).rows;
  const areas = (await client.query<{ authority_id: string; area_code: string }>('select authority_id, area_code from authority_area')).rows;
  const competencesOf = groupBy(competences, (x) => x.authority_id);
  const areasOf = groupBy(areas, (x) => x.authority_id);
  const keywords = (await client.query<{ id: number }>(`select id from keyword where kind = 'service-activity'`)).rows.map((r) => r.id);
  const byCountry = new Map<string, Template[]>();
  for (const t of templates) byCountry.set(t.country_code, [...(byCountry.get(t.country_code) ?? []), t]);
  const citiesOf = new Map<string, string[]>();
  for (const [country, list] of byCountry) citiesOf.set(country, [...new Set(list.map((t) => t.city).filter((c): c is string => Boolean(c)))]);
  const countries = [...byCountry.keys()];

  const batch = 2000;
  for (let done = 0; done < count; done += batch) {
    const a: Record<string, unknown[]> = { id: [], country: [], name: [], lang: [], designation: [], description: [], region: [], city: [], languages: [], search: [], sort: [], cityNorm: [], regionNorm: [] };
    const c: { authority: string[]; area: string[]; kind: string[]; ref: number[] } = { authority: [], area: [], kind: [], ref: [] };
    const aa: { authority: string[]; area: string[] } = { authority: [], area: [] };
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const country = pick(countries, random);
      const list = byCountry.get(country)!;
      let roll = random();
      const rank = weightByRank.findIndex((w) => (roll -= w) < 0);
      const template = list.find((t) => Number(t.key_rank) === (rank < 0 ? 4 : rank)) ?? pick(list, random);
      const city = pick(citiesOf.get(country)!, random);
      const suffix = `${city} ${1 + Math.floor(random() * 400)}`;
      const designation = Object.fromEntries(Object.entries(template.designation).map(([l, text]) => [l, `${text} – ${suffix}`]));
      const officialName = `${template.official_name} – ${suffix}`;
      const id = randomUUID();
      const fields = searchFields({ officialName, designation, city, region: template.region });
      a.id.push(id); a.country.push(country); a.name.push(officialName); a.lang.push(template.official_name_lang);
      a.designation.push(JSON.stringify(designation)); a.description.push(JSON.stringify(template.description));
      a.region.push(template.region); a.city.push(city); a.languages.push(`{${template.languages.join(',')}}`);
      a.search.push(fields.searchText); a.sort.push(fields.sortName); a.cityNorm.push(fields.cityNorm); a.regionNorm.push(fields.regionNorm);
      const own = competencesOf.get(template.id) ?? [];
      const seen = new Set<string>();
      for (const x of own) {
        seen.add(`${x.area_code}:${x.ref_kind}:${x.ref_id}`);
        c.authority.push(id); c.area.push(x.area_code); c.kind.push(x.ref_kind); c.ref.push(x.ref_id);
      }
      const ownAreas = (areasOf.get(template.id) ?? []).map((x) => x.area_code);
      for (const area of ownAreas) {
        aa.authority.push(id); aa.area.push(area);
      }
      if (ownAreas.includes('SERVICES')) {
        const extra = pick(keywords, random);
        if (!seen.has(`SERVICES:keyword:${extra}`)) {
          c.authority.push(id); c.area.push('SERVICES'); c.kind.push('keyword'); c.ref.push(extra);
        }
      }
    }
    await client.query('begin');
    await client.query(
      `insert into authority (id, country_code, official_name, official_name_lang, designation, description, region, city, languages,
                              coordinator_kind, status, search_text, sort_name, city_norm, region_norm, version, created_at, updated_at)
       select id, country, name, lang, designation::jsonb, description::jsonb, region, city, languages::text[], 'NONE', 'active',
              search, sort, city_norm, region_norm, 1, now(), now()
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[])
           as t(id, country, name, lang, designation, description, region, city, languages, search, sort, city_norm, region_norm)`,
      [a.id, a.country, a.name, a.lang, a.designation, a.description, a.region, a.city, a.languages, a.search, a.sort, a.cityNorm, a.regionNorm],
    );
    await client.query(
      `insert into authority_area (authority_id, area_code, allocation) select a, b, false from unnest($1::uuid[], $2::text[]) as t(a, b)`,
      [aa.authority, aa.area],
    );
    await client.query(
      `insert into competence (authority_id, area_code, ref_kind, ref_id) select * from unnest($1::uuid[], $2::text[], $3::text[], $4::int[])`,
      [c.authority, c.area, c.kind, c.ref],
    );
    await client.query('commit');
    if ((done / batch) % 10 === 0) log(`  generated ${Math.min(count, done + batch)} / ${count} authorities`);
  }
  // A steady-state directory: visibility map set (index-only scans) and fresh statistics.
  await client.query('vacuum analyze');
}
