"""Run axe-core (the npm package, installed by scripts/test.sh into tests/axe) inside a page."""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parent.parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"

# The page's CSP allows only its own scripts: evaluate axe's source through the driver instead of
# adding a <script> (the driver's evaluation is not subject to the page's CSP).
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ` +
      v.nodes.slice(0, 4).map((n) => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')' : '')).join('; '));
}"""


def axe_source() -> str:
    """axe.min.js's text, or a clear failure saying how to install it (never a silent skip)."""
    if not AXE_JS.exists():
        raise AssertionError(f"axe-core is missing at {AXE_JS}: run `bash scripts/test.sh` "
                             "(it installs it with npm) or `npm install --no-save --prefix tests/axe axe-core`.")
    return AXE_JS.read_text(encoding="utf-8")


def load_axe(page) -> None:
    """Put axe in the page, once."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;undefined")


def serious_violations(page) -> list[str]:
    """Every serious or critical axe violation of the page as it is now."""
    load_axe(page)
    return page.evaluate(RUN_AXE)


# WCAG's enhanced contrast (7:1, 4.5:1 for large text), which axe runs only when asked.
RUN_ENHANCED_CONTRAST = """async (selectors) => {
  const result = await axe.run({ include: selectors.map((s) => [s]) },
    { runOnly: ['color-contrast-enhanced'], resultTypes: ['violations'] });
  return result.violations.flatMap((v) => v.nodes.map((n) =>
    `${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`));
}"""


def enhanced_contrast_violations(page, selectors: list[str]) -> list[str]:
    """Every element under `selectors` whose text is below WCAG's enhanced contrast."""
    load_axe(page)
    return page.evaluate(RUN_ENHANCED_CONTRAST, selectors)
