"""The joined first script (app/bundle.py): modules in dependency order, imports read from the
scope of the module that exports them, every form the joining cannot keep refused by name, and
the page's real bundle a module node accepts."""
import shutil
import subprocess
from pathlib import Path

import pytest

from app.assets import bundle
from app.bundle import BundleError, join

STATIC = Path(__file__).resolve().parent.parent / "static"


def run(text, tmp_path):
    """What a joined module prints when node runs it."""
    script = tmp_path / "joined.mjs"
    script.write_text(text, encoding="utf-8")
    done = subprocess.run([shutil.which("node"), str(script)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_modules_run_once_each_after_what_they_import_with_their_names_and_aliases(tmp_path):
    sources = {
        "main.js": ("import { twice, LOG as log } from './b.js';\nimport {\n  one,\n} from './c.js';\n"
                    "log.push('main');\nconsole.log(twice(one), log.join(' '));\n"),
        "b.js": "import { one, LOG } from './c.js';\nLOG.push('b');\nexport function twice(x) { return 2 * x + one - 1; }\n"
                "export { LOG };\n",
        "c.js": "export const LOG = ['c'];\nconst hidden = 1;\nexport { hidden as one }; // renamed\n",
    }
    assert run(join(sources, "main.js"), tmp_path) == "2 c b main"


def test_a_reexport_and_a_dynamic_import_are_kept(tmp_path):
    sources = {
        "main.js": "import { answer } from './b.js';\nconst later = () => import('./lazy.js');\n"
                   "console.log(answer, typeof later);\n",
        "b.js": "export { value as answer } from './c.js';\n",
        "c.js": "export const value = 42;\n",
    }
    text = join(sources, "main.js")
    assert "import('./lazy.js')" in text  # resolved by the browser against the bundle's URL, the modules' folder
    assert run(text, tmp_path) == "42 function"


@pytest.mark.parametrize("sources, refusal", [
    ({"main.js": "import { a } from './b.js';\n", "b.js": "import { c } from './main.js';\nexport const a = 1;\n"},
     "import cycle"),
    ({"main.js": "import { a } from './gone.js';\n"}, "gone.js is imported but missing"),
    ({"main.js": "export default 1;\n"}, "main.js: cannot join the statement 'export default 1;'"),
    ({"main.js": "import * as b from './b.js';\n", "b.js": "export const a = 1;\n"},
     "main.js: cannot join the statement \"import * as b from './b.js';\""),
    ({"main.js": "import './b.js';\n", "b.js": "export const a = 1;\n"}, "main.js: cannot join the statement"),
    ({"main.js": "export let a = 1;\n"}, "main.js: cannot join the statement 'export let a = 1;'"),
])
def test_a_form_the_joining_cannot_keep_is_refused_with_the_module_named(sources, refusal):
    with pytest.raises(BundleError, match=refusal.replace("*", r"\*").replace("(", r"\(")):
        join(sources, "main.js")


def test_the_pages_bundle_is_a_module_node_accepts(tmp_path):
    script = tmp_path / "bundle.mjs"
    script.write_bytes(bundle(STATIC / "js"))
    subprocess.run([shutil.which("node"), "--check", str(script)], check=True, capture_output=True)
