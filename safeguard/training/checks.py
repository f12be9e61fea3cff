"""Configuration checks: a threshold must be one of its scale's points."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def rating_scales(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name in ("KNOWLEDGE", "CONFIDENCE"):
        scale = getattr(settings, f"TRAINING_{name}_SCALE")
        threshold = getattr(settings, f"TRAINING_{name}_THRESHOLD")
        if not isinstance(scale, list) or len(scale) < 2:
            errors.append(Error(f"TRAINING_{name}_SCALE must list two or more points"))
        elif threshold not in scale:
            errors.append(
                Error(
                    f"TRAINING_{name}_THRESHOLD {threshold!r} is not a point of its scale",
                    hint=f"Choose one of: {', '.join(scale)}",
                )
            )
    return errors
