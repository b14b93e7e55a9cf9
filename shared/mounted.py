"""Settings given as files: `X_FILE=/run/secrets/x` reads as `X`, the file's content (without a
final newline), as Docker and Kubernetes mount secrets. Only a settings class's own variables
(`X` under its prefix) are read so; giving both `X` and `X_FILE` is refused: which one wins
would be a guess."""

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource
from pydantic_settings.sources.utils import parse_env_vars

SUFFIX = "_FILE"


def file_values(prefix: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """`{X: content}` for every `X_FILE` variable of `environ` (the process's by default) whose
    name starts with `prefix` (a settings class's own: other programs' `*_FILE` variables are
    theirs)."""
    environ = os.environ if environ is None else environ
    names = {name.upper() for name in environ}
    values: dict[str, str] = {}
    for name, path in environ.items():
        upper = name.upper()
        if not prefix or not upper.startswith(prefix.upper()) or not upper.endswith(SUFFIX):
            continue
        target = name[: -len(SUFFIX)]
        if target.upper() in names:
            raise ValueError(f"give {target} or {name}, not both")
        values[target] = _read(name, path)
    return values


def environment(prefix: str) -> dict[str, str]:
    """The process's variables, with the `X_FILE` ones under `prefix` read as `X`."""
    return {**os.environ, **file_values(prefix)}


def _read(name: str, path: str) -> str:
    try:
        return Path(path).read_text().removesuffix("\n")
    except OSError as exc:
        raise ValueError(f"{name}: cannot read {path}: {exc.strerror}") from exc


class MountedFiles(EnvSettingsSource):
    """The `X_FILE` variables, read as the environment variables `X` they stand for."""

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(
            file_values(self.env_prefix),
            self.case_sensitive,
            self.env_ignore_empty,
            self.env_parse_none_str,
        )


class StudioSettings(BaseSettings):
    """Base of every settings class: the environment, then the `X_FILE` variables (after any
    `own_sources` a class adds ahead of them)."""

    @classmethod
    def own_sources(
        cls, settings_cls: type[BaseSettings]
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Sources a settings class reads before the environment (none by default)."""
        return ()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        mounted = MountedFiles(settings_cls)
        own = cls.own_sources(settings_cls)
        return (init_settings, *own, env_settings, mounted, dotenv_settings, file_secret_settings)
