import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { IParseOptions, MarkerForm } from '../script';

/** The marker forms a user can switch on in the settings, besides the percent form. */
const OPTIONAL_FORMS: MarkerForm[] = ['codecell', 'prompt'];

/**
 * Parse options from the `jupyterlab-cellscript:scripts` settings: `marker` (default `%%`)
 * and `markerForms` (`{ codecell: boolean, prompt: boolean }`); the percent form is always on.
 */
export function parseOptionsFromSettings(
  settings: ReadonlyPartialJSONObject
): IParseOptions {
  const marker =
    typeof settings.marker === 'string' && settings.marker.trim() !== ''
      ? settings.marker.trim()
      : '%%';
  const chosen = (settings.markerForms ?? {}) as Record<string, unknown>;
  const forms: MarkerForm[] = [
    'percent',
    ...OPTIONAL_FORMS.filter(form => chosen[form] === true)
  ];
  return { marker, forms };
}
