/**
 * The part of the addresses that every row shares («обл. Тюменская, р-н Абатский, с. Абатское, »), so the grid
 * can show what tells the rows apart (street and house) and keep the whole address in the tooltip and the card.
 * The prefix ends at a comma between parts and always leaves the last two parts (street and house), also when
 * every row is on one street. Empty when fewer than two addresses or nothing is shared.
 */
export function sharedAddressPrefix(addresses: readonly (string | null | undefined)[]): string {
  let parts: string[] | null = null;
  let shortest = Number.POSITIVE_INFINITY;
  let n = 0;
  for (const a of addresses) {
    if (!a) continue;
    const p = a.split(',');
    n++;
    shortest = Math.min(shortest, p.length);
    if (parts === null) {
      parts = p;
      continue;
    }
    let k = 0;
    while (k < parts.length && k < p.length && parts[k]!.trim() === p[k]!.trim()) k++;
    if (k < parts.length) parts = parts.slice(0, k);
    if (parts.length === 0) return '';
  }
  if (parts === null || n < 2) return '';
  const keep = Math.min(parts.length, shortest - 2);
  if (keep <= 0) return '';
  return `${parts.slice(0, keep).join(',')},`;
}

/** The address without the shared prefix (and the space after it). */
export function withoutPrefix(address: string, prefix: string): string {
  return prefix && address.startsWith(prefix) ? address.slice(prefix.length).trimStart() : address;
}

/**
 * A prefix learned from some of the rows (a server-paged grid sees a block at a time) narrowed to whole parts that
 * every address of `more` also starts with, still leaving each its last two parts (street and house). Only ever
 * shorter: once narrowed, the rows already shown read the same as the new ones.
 */
export function narrowPrefix(prefix: string, more: readonly (string | null | undefined)[]): string {
  let parts = prefix ? prefix.slice(0, -1).split(',') : [];
  for (const a of more) {
    if (parts.length === 0) return '';
    if (!a) continue;
    const p = a.split(',');
    let k = 0;
    while (k < parts.length && k < p.length - 2 && parts[k] === p[k]) k++;
    if (k < parts.length) parts = parts.slice(0, k);
  }
  return parts.length > 0 ? `${parts.join(',')},` : '';
}
