"""Own the page's first script: every module main.js imports statically, directly or not, joined
into one ES module, so a first visit fetches one file instead of forty (over HTTP/1.1, six at a
time, the forty cost more than their bytes). The sources stay the modules they are (node tests
and the lazy features import them one by one); only what travels is joined, at serve time.

Each module becomes a function scope that runs once, in dependency order, and hands back its
exports: `import { a, b as c } from './x.js'` reads them from x's scope, `export` is dropped from
declarations and their names are returned. This holds for the forms the page uses (no cycles,
no `export let` reassigned later, no default or namespace imports); any other form is refused
with the module named, so a new one cannot slip through unnoticed. `import()` is left as it is:
the joined file is served from the modules' own folder, so its relative URLs still resolve.
"""
import re

# `import … from './x.js'` and `export … from './x.js'`, over several lines if need be; `import('./x.js')` is not one.
STATIC_IMPORT = re.compile(r"^\s*(?:import|export)\b[^;'\"(]*?\bfrom\s*['\"]\./([\w.-]+\.js)['\"]", re.MULTILINE)
IMPORT = re.compile(r"^import\s*\{([^}]*)\}\s*from\s*'\./([\w.-]+\.js)';?[ \t]*(//.*)?$", re.MULTILINE)
EXPORT_FROM = re.compile(r"^export\s*\{([^}]*)\}\s*from\s*'\./([\w.-]+\.js)';?[ \t]*(//.*)?$", re.MULTILINE)
EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?[ \t]*(//.*)?$", re.MULTILINE)
EXPORT_DECLARATION = re.compile(r"^export\s+((?:async\s+)?function\*?|const|class)\s+([\w$]+)", re.MULTILINE)
LEFT_OVER = re.compile(r"^(import\b(?!\s*\()|export\b)", re.MULTILINE)


class BundleError(ValueError):
    """A module uses a form of import or export the joining does not handle."""


def scope_name(module):
    return "$module_" + re.sub(r"\W", "_", module[:-3])


def bindings(clause):
    """`a, b as c` → [(imported or local name, name it is given)]."""
    pairs = []
    for part in clause.split(","):
        words = part.split()
        if len(words) == 1:
            pairs.append((words[0], words[0]))
        elif len(words) == 3 and words[1] == "as":
            pairs.append((words[0], words[2]))
        elif words:
            raise BundleError(f"cannot read the bindings {clause.strip()!r}")
    return pairs


def order(sources, entry):
    """The modules entry reaches, each after every module it imports (a cycle is refused)."""
    done, visiting, ordered = set(), set(), []

    def visit(name):
        if name in done:
            return
        if name in visiting:
            raise BundleError(f"import cycle through {name}")
        if name not in sources:
            raise BundleError(f"{name} is imported but missing")
        visiting.add(name)
        for imported in STATIC_IMPORT.findall(sources[name]):
            visit(imported)
        visiting.discard(name)
        done.add(name)
        ordered.append(name)

    visit(entry)
    return ordered


def scoped(name, text):
    """One module's text as a function scope that returns its exports."""
    exports = []

    def take_import(match):
        names = ", ".join(f"{a}: {b}" if a != b else a for a, b in bindings(match.group(1)))
        return f"const {{ {names} }} = {scope_name(match.group(2))};"

    def take_reexport(match):
        exports.extend((f"{scope_name(match.group(2))}.{a}", b) for a, b in bindings(match.group(1)))
        return ""

    def take_list(match):
        exports.extend(bindings(match.group(1)))
        return ""

    def take_declaration(match):
        exports.append((match.group(2), match.group(2)))
        return f"{match.group(1)} {match.group(2)}"

    text = IMPORT.sub(take_import, text)
    text = EXPORT_FROM.sub(take_reexport, text)
    text = EXPORT_LIST.sub(take_list, text)
    text = EXPORT_DECLARATION.sub(take_declaration, text)
    left = LEFT_OVER.search(text)
    if left:
        line = text[left.start():].split("\n", 1)[0]
        raise BundleError(f"{name}: cannot join the statement {line[:60]!r}")
    returned = ", ".join(local if local == exported else f"{exported}: {local}" for local, exported in exports)
    return f"const {scope_name(name)} = (() => {{\n{text.rstrip()}\nreturn {{ {returned} }};\n}})();\n"


def join(sources, entry):
    """The bundle's text: sources maps module name → text (slimmed or not); entry runs last."""
    return "".join(scoped(name, sources[name]) for name in order(sources, entry))
