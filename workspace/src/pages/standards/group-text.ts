/** A tariff or a norm kept in 10⁻⁴ units, as people read it: 48_800 → «4,88». */
export const unitsText = (x: number): string => (x / 10_000).toLocaleString('ru-RU', { maximumFractionDigits: 4 });

/** A standard group by what makes it one: «Абатский муниципальный район, все МО, МКД, центральное». */
export const groupKeyText = (key: { municipal_district: string; settlement: string; house_type: string; heating_type: string }): string =>
  `${key.municipal_district}, ${key.settlement === 'все' ? 'все МО' : key.settlement}, ${key.house_type}, ${key.heating_type}`;
