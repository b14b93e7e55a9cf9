"""Generate `.env.example` and the README's settings table from the settings classes.

`python -m deploy.settings_doc` rewrites both; `--check` exits 1 when either is stale.
"""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings

from services.billing.settings import BillingSettings
from services.editing.settings import EditingSettings
from services.gateway.settings import GatewaySettings
from services.generation.settings import GenerationSettings
from services.library.settings import LibrarySettings
from services.optimizer.settings import OptimizerSettings
from services.transform.settings import TransformSettings
from shared.providers.settings import ProviderClients, ProviderSettings, catalog_defaults
from shared.settings import (
    KafkaSettings,
    MongoSettings,
    PlatformSettings,
    S3Settings,
    ServiceSettings,
    TelemetrySettings,
)

REPO = Path(__file__).resolve().parents[1]
ENV_EXAMPLE = REPO / ".env.example"
README = REPO / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"

SHARED: list[tuple[str, type[BaseSettings]]] = [
    ("Every service", PlatformSettings),
    ("Kafka", KafkaSettings),
    ("MongoDB", MongoSettings),
    ("Object store (S3)", S3Settings),
    ("Telemetry", TelemetrySettings),
]
SERVICES: list[tuple[str, type[ServiceSettings]]] = [
    ("Gateway", GatewaySettings),
    ("Library", LibrarySettings),
    ("Billing", BillingSettings),
    ("Generation", GenerationSettings),
    ("Editing", EditingSettings),
    ("Optimizer", OptimizerSettings),
    ("Transform", TransformSettings),
]
Row = tuple[str, str, str]


def rows(settings: type[BaseSettings]) -> Iterator[Row]:
    """(variable, default, description) of every field a settings class reads itself."""
    prefix = str(settings.model_config.get("env_prefix", ""))
    for name, field in settings.model_fields.items():
        if name in ServiceSettings.model_fields and name not in ("host", "port"):
            continue
        if name == "providers" and issubclass(settings, ProviderClients):
            for entry in settings.CALLED:
                defaults = ProviderSettings(**catalog_defaults(entry))
                yield from _nested(f"{prefix}{entry.name}", ProviderSettings, defaults)
            continue
        nested = field.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            yield from _nested(f"{prefix}{name}", nested, _default_model(field))
            continue
        yield f"{prefix}{name}".upper(), _default(field), _describe(field)


def _nested(variable: str, model: type[BaseModel], defaults: Any) -> Iterator[Row]:
    for sub_name, sub in model.model_fields.items():
        default = _default(sub, getattr(defaults, sub_name, None))
        yield f"{variable}__{sub_name}".upper(), default, _describe(sub)


def _default_model(field: FieldInfo) -> Any:
    return field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]


def _default(field: FieldInfo, value: Any = PydanticUndefined) -> str:
    if value is PydanticUndefined:
        if field.default_factory is not None:
            return "(computed)"
        value = field.default
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if value is None or value is PydanticUndefined:
        return ""
    return str(value.value if hasattr(value, "value") else value)


def _describe(field: FieldInfo) -> str:
    return (field.description or "").replace("\n", " ")


def sections() -> list[tuple[str, list[Row]]]:
    return [(title, list(rows(cls))) for title, cls in [*SHARED, *SERVICES]]


def env_example() -> str:
    lines = [
        "# Every setting of every service, with its default (generated: make contracts).",
        "# The development secrets below are refused when STUDIO_ENVIRONMENT=production.",
    ]
    for title, section in sections():
        lines += ["", f"# --- {title}"]
        for variable, default, description in section:
            unset = not default or default == "(computed)"
            assignment = f"# {variable}=" if unset else f"{variable}={default}"
            lines += [f"# {description}", assignment]
    return "\n".join(lines) + "\n"


def readme_table() -> str:
    out = ["| Variable | Default | What it sets |", "|---|---|---|"]
    for title, section in sections():
        out.append(f"| **{title}** | | |")
        out += [f"| `{var}` | `{default}` | {text} |" for var, default, text in section]
    return "\n".join(out)


def readme_with_table(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{readme_table()}\n{END}{tail}"


def stale() -> list[str]:
    problems = []
    if not ENV_EXAMPLE.exists() or ENV_EXAMPLE.read_text() != env_example():
        problems.append(".env.example")
    readme = README.read_text()
    if START not in readme or readme_with_table(readme) != readme:
        problems.append("README.md settings table")
    return problems


def main() -> None:
    if "--check" in sys.argv:
        problems = stale()
        for problem in problems:
            print(f"stale: {problem}")
        sys.exit(1 if problems else 0)
    ENV_EXAMPLE.write_text(env_example())
    README.write_text(readme_with_table(README.read_text()))
    print("wrote .env.example and the README settings table")


if __name__ == "__main__":
    main()
