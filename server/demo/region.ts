/**
 * Districts and settlements of the demo region, with ОКТМО codes and how many houses each gets. Names
 * and codes depend on the seed only, not on the number of houses: a bigger demo is the same region, denser.
 */
import { apportion } from './apportion.ts';
import type { District, Settlement } from './model.ts';
import type { DemoParams } from './params.ts';
import type { Rng } from './prng.ts';

/** «Абатский» → «Абатского»: every district name of the region is an adjective in -ский. */
function genitiveOfAdjective(name: string): string {
  return name.endsWith('ий') ? `${name.slice(0, -2)}ого` : name;
}

function makeDistricts(params: DemoParams): District[] {
  return params.districts.map((d, index) => {
    const city = d.kind === 'город';
    return {
      index,
      name: d.name,
      kind: d.kind,
      fullName: city ? `город ${d.name}` : `${d.name} муниципальный район`,
      addressPart: city ? `г. ${d.name}` : `р-н. ${d.name}`,
      genitive: city ? `г. ${d.genitive ?? d.name}` : `${genitiveOfAdjective(d.name)} района`,
      oktmo3: d.oktmo,
      settlements: [],
    };
  });
}

/** Village sizes fall off like a Zipf law: a few large villages, many small ones. */
function villageWeights(count: number, exponent: number, rng: Rng): number[] {
  const ranks = rng.shuffled(Array.from({ length: count }, (_, i) => i + 1));
  return ranks.map((r) => 1 / r ** exponent);
}

function makeSettlements(district: District, houses: number, params: DemoParams, rng: Rng, nextIndex: () => number): Settlement[] {
  const region = params.region.oktmoRegion;
  if (district.kind === 'город') {
    return [{
      index: nextIndex(), district, name: `г. ${district.name}`, cls: 'город',
      oktmo: `${region}${district.oktmo3}000001`, gasified: true, houseCount: houses,
    }];
  }
  const spec = params.districts[district.index];
  const centre = spec?.centre ?? `с. ${district.name}`;
  const centreBase = centre.replace(/^\S+\s/, '');
  const villages = rng.shuffled(params.settlementNames.filter((n) => n !== centreBase)).slice(0, spec?.settlements ?? 10);
  const kinds = Object.fromEntries(params.settlementKinds.map((k) => [k.prefix, k.weight]));
  const names = [centre, ...villages.map((v) => `${rng.weighted(kinds)} ${v}`)];
  const share = params.houses.centreShare;
  const village = villageWeights(villages.length, params.houses.villageZipf, rng);
  const villageTotal = village.reduce((a, b) => a + b, 0);
  const weights = [share, ...village.map((w) => ((1 - share) * w) / villageTotal)];
  const counts = apportion(houses, weights);
  return names.map((name, i) => {
    // ОКТМО: 71 603 401 101 — district, rural settlement (villages grouped by three), locality in it.
    const group = Math.floor(i / 3);
    const oktmo = `${region}${district.oktmo3}${401 + 3 * group}${101 + (i % 3)}`;
    return {
      index: nextIndex(), district, name, cls: i === 0 ? 'centre' : 'село', oktmo,
      gasified: i === 0 || rng.chance(params.houses.gasifiedVillageShare), houseCount: counts[i] ?? 0,
    };
  });
}

/** The region's districts with their settlements; house counts add up to `houses`. */
export function buildRegion(params: DemoParams, houses: number, rng: Rng): District[] {
  const districts = makeDistricts(params);
  const counts = apportion(houses, params.districts.map((d) => d.weight));
  let index = 0;
  const nextIndex = (): number => index++;
  for (const d of districts) {
    d.settlements = makeSettlements(d, counts[d.index] ?? 0, params, rng.fork('settlements', d.name), nextIndex);
  }
  return districts;
}
