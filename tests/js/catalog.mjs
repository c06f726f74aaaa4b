// The server's settings table (app/protocol/catalog.py), read by running Python: the node tests
// build the page from the real table, never from a copy. Not a test file itself.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRINT_CATALOG = 'from app.protocol.catalog import catalog_json; print(catalog_json())';

/** The catalog exactly as the page receives it: {settings: [...], booleanWords: {...}}. */
export const CATALOG = JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', ['-c', PRINT_CATALOG],
  { cwd: ROOT, encoding: 'utf-8' }));
