import pytest
from pydantic import ValidationError

from deploy import settings_doc
from services.generation.settings import GenerationSettings
from services.library.settings import LibrarySettings


def test_env_example_and_readme_table_are_current() -> None:
    assert settings_doc.stale() == [], "run `make contracts`"


def test_every_setting_is_described() -> None:
    for title, rows in settings_doc.sections():
        for variable, _, description in rows:
            assert description, f"{title}: {variable} has no description"


def test_pieces_and_nested_settings_read_their_own_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092")
    monkeypatch.setenv("GENERATION_WORKER__CONCURRENCY", "12")
    monkeypatch.setenv("GENERATION_PORT", "9100")
    settings = GenerationSettings()
    assert settings.kafka.bootstrap_servers == "kafka-1:9092,kafka-2:9092"
    assert settings.worker.concurrency == 12
    assert settings.port == 9100


def test_production_refuses_development_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="S3_SECRET_KEY"):
        LibrarySettings()
    monkeypatch.setenv("S3_SECRET_KEY", "a-real-secret")
    with pytest.raises(ValidationError, match="STUDIO_INTERNAL_TOKEN"):
        LibrarySettings()
    monkeypatch.setenv("STUDIO_INTERNAL_TOKEN", "another-real-secret")
    assert LibrarySettings().platform.environment == "production"
