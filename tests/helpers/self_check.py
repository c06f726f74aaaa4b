"""A scalar path's self-check made to refuse, as on a machine whose BLAS rounds otherwise."""
import contextlib


@contextlib.contextmanager
def refusing(monkeypatch, module, reason):
    """`module.available()` answers from a self-check that finds `reason`; the real answer after."""
    monkeypatch.setattr(module, "self_check", lambda: reason)
    module.available.cache_clear()
    try:
        yield
    finally:
        module.available.cache_clear()
