/** The dataset a command works on: the argument, or the bundled sample. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled sample `data/` of the installed package. */
export function sampleFolder(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
}

export function datasetArgument(argument: string | undefined): string {
  if (argument !== undefined && argument !== '') return argument;
  const sample = sampleFolder();
  const relative = path.relative(process.cwd(), sample);
  return relative !== '' && !relative.startsWith('..') ? relative : sample;
}

export const DATA_ROOT_FLAG = '--data-root <dir>';
export const DATA_ROOT_HELP = 'let the manifest name files inside this folder (default: only inside the dataset folder)';

/** The load options of `--data-root`. */
export function loadOptions(options: { readonly dataRoot?: string }): { root?: string } {
  return options.dataRoot !== undefined ? { root: options.dataRoot } : {};
}
