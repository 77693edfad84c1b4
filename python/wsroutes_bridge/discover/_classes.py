"""Recognising a framework's objects and codes without importing the framework."""

from __future__ import annotations

from typing import Any, Optional


def defined_in(obj: Any, package: str, class_name: Optional[str] = None) -> bool:
    """Whether a class of `obj`'s MRO comes from `package` (and is named `class_name`)."""
    for cls in type(obj).__mro__:
        module = getattr(cls, "__module__", "") or ""
        in_package = module == package or module.startswith(package + ".")
        if in_package and (class_name is None or cls.__name__ == class_name):
            return True
    return False


def internal_error_code(code: int) -> bool:
    """Close codes frameworks use for an internal error (PRODUCT.md section 4): 1011, Falcon's
    3011, and 3000/4000 + an HTTP 5xx status."""
    return code in (1011, 3011) or 3500 <= code <= 3599 or 4500 <= code <= 4599
