// What deployed the variants, in HTML, for every page of a run (index.html, load.html): the banners that say a
// run was emulated or served by something that is not ScyllaDB, and the version cells of each variant. One
// wording, so no page of an emulated run can read as measured on ScyllaDB.
import type { VariantResult } from './results.ts';
import { esc } from './format.ts';

type Deployed = Pick<VariantResult, 'versions' | 'versionsSource' | 'emulatedBy' | 'servedBy'>;

export const BANNER_CSS = `.banner{padding:.5rem .75rem;border-radius:4px;font-weight:600}
.banner-info{background:#e0f2fe;color:#0c4a6e;font-weight:400}.banner-warn{background:#fef3c7;color:#78350f}`;

/** "Emulated, not deployed" and "Not ScyllaDB" banners; empty when every variant ran on ScyllaDB. */
export function deploymentBanners(variants: readonly Deployed[]): string {
  const emulation = [...new Set(variants.map((v) => v.emulatedBy).filter((x): x is string => x !== undefined))];
  const emulated = emulation.length
    ? `<p class="banner banner-info" role="note">Emulated, not deployed: ${esc(emulation.join('; '))}. ScyllaDB and operator versions below are the ones emulated; limitations observed here are "emulated", never "reproduced".</p>\n`
    : '';
  const servedBy = [...new Set(variants.map((v) => v.servedBy).filter((x): x is string => x !== undefined))];
  const served = servedBy.length ? `<p class="banner banner-info" role="note">Not ScyllaDB: served by ${esc(servedBy.join('; '))}. No ScyllaDB or operator version is reported for it.</p>\n` : '';
  return `${emulated}${served}`;
}

/** The version columns of a table of variants (scylla, operator, ...), sorted by name. */
export function versionKeys(variants: readonly Deployed[]): string[] {
  return [...new Set(variants.flatMap((v) => Object.keys(v.versions)))].sort();
}

/** One `<td>` per version column, marked with where the version comes from when not deployed. */
export function versionCells(v: Deployed, keys: readonly string[]): string {
  return keys.map((k) => `<td>${esc(v.versions[k] ?? '')}${v.versionsSource && v.versionsSource !== 'deployed' ? ` <small>(${esc(v.versionsSource)})</small>` : ''}</td>`).join('');
}
