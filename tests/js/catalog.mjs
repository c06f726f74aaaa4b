// The server's settings table (app/protocol/catalog.py), read by running Python: the node tests
// build the page from the real table, never from a copy. Not a test file itself.
// The file is loaded by its path, so a half-finished server package cannot stop these tests.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRINT_CATALOG = [
  'import importlib.util',
  "spec = importlib.util.spec_from_file_location('catalog', 'app/protocol/catalog.py')",
  'module = importlib.util.module_from_spec(spec)',
  'spec.loader.exec_module(module)',
  'print(module.catalog_json())',
].join('\n');

/** The catalog exactly as the page receives it: {settings: [...], booleanWords: {...}}. */
export const CATALOG = JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', ['-c', PRINT_CATALOG],
  { cwd: ROOT, encoding: 'utf-8' }));
