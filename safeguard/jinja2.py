"""The Jinja environment: app templates, the GOV.UK Frontend macros, and a few globals."""

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, PrefixLoader

from safeguard.core import presenters


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    # The GOV.UK macros expect undefined values to chain quietly, as Nunjucks does.
    options["undefined"] = ChainableUndefined
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    env = Environment(**options)  # noqa: S701 - autoescape comes from Django's options
    env.loader = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "service_name": settings.SERVICE_NAME,
            "phase": settings.PHASE,
        }
    )
    env.filters.update(
        {
            "date": presenters.format_date,
            "datetime": presenters.format_datetime,
            "number": presenters.format_number,
        }
    )
    return env
