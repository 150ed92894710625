import { createContext } from '@lit/context';
import type { ImiApiOptions } from './api.js';

/** What IMI elements need to reach the server: `apiBase`, the token callback and optionally a fixed locale. */
export type ImiConfig = ImiApiOptions;

/** The configuration an `<imi-provider>` hands down to the elements inside it. */
export const imiContext = createContext<ImiConfig | undefined>(Symbol('imi-config'));

let pageConfig: ImiConfig = { apiBase: '/api/v1' };
const listeners = new Set<(config: ImiConfig) => void>();

/**
 * Sets the page-wide default configuration, used by every element that is not inside an `<imi-provider>`. Fields left
 * out keep their previous value, so `configureImi({ locale: 'fi' })` only changes the locale.
 */
export function configureImi(config: Partial<ImiConfig>): void {
  pageConfig = { ...pageConfig, ...config };
  for (const listener of listeners) listener(pageConfig);
}

export function getImiConfig(): ImiConfig {
  return pageConfig;
}

/** Calls `listener` after every `configureImi()`; returns the function that stops it. */
export function onImiConfigChange(listener: (config: ImiConfig) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
