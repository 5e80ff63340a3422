/** The language catalogues. */
import type { Lang } from '../document.js';
import { EN } from './en.js';
import type { Messages } from './messages.js';
import { PL } from './pl.js';

export const MESSAGES: Readonly<Record<Lang, Messages>> = { en: EN, pl: PL };
export type { Messages };
