from pathlib import Path

import pytest
from pydantic import ValidationError

from deploy import settings_doc
from services.editing.settings import EditingSettings
from services.generation.settings import GenerationSettings
from services.library.settings import LibrarySettings
from services.transform.settings import TransformSettings
from shared.providers.settings import ProviderSettings
from shared.settings import S3Settings


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


def test_each_called_provider_reads_its_own_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATION_STABILITY__API_KEY", "sk-test")
    monkeypatch.setenv("GENERATION_HUGGINGFACE__RATE_PER_S", "2.5")
    monkeypatch.setenv("EDITING_WAVESPEED__API_KEY", "ignored: editing calls no WaveSpeed")
    generation = GenerationSettings()
    assert sorted(generation.providers) == ["google", "huggingface", "stability", "wavespeed"]
    stability = generation.providers["stability"]
    assert stability.api_key is not None
    assert stability.api_key.get_secret_value() == "sk-test"
    assert stability.base_url == "https://api.stability.ai"
    assert stability.rate_per_s == 15.0
    assert generation.providers["huggingface"].rate_per_s == 2.5
    assert generation.providers["google"].api_key is None
    assert sorted(EditingSettings().providers) == ["google", "stability"]


def test_a_provider_no_adapter_calls_is_refused() -> None:
    with pytest.raises(ValidationError, match="no adapter here calls huggingface"):
        TransformSettings(providers={"huggingface": ProviderSettings(base_url="x")})


def test_production_refuses_development_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="S3_SECRET_KEY"):
        LibrarySettings()
    monkeypatch.setenv("S3_SECRET_KEY", "a-real-secret")
    with pytest.raises(ValidationError, match="STUDIO_INTERNAL_TOKEN"):
        LibrarySettings()
    monkeypatch.setenv("STUDIO_INTERNAL_TOKEN", "another-real-secret")
    assert LibrarySettings().platform.environment == "production"


def test_settings_read_mounted_files_named_by_file_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secrets = {"S3_SECRET_KEY": "s3-from-a-file", "GENERATION_STABILITY__API_KEY": "sk-file"}
    for name, value in secrets.items():
        (tmp_path / name).write_text(value + "\n")
        monkeypatch.setenv(f"{name}_FILE", str(tmp_path / name))
    (tmp_path / "concurrency").write_text("7")
    monkeypatch.setenv("GENERATION_WORKER__CONCURRENCY_FILE", str(tmp_path / "concurrency"))
    settings = GenerationSettings()
    assert settings.s3.secret_key.get_secret_value() == "s3-from-a-file"
    assert settings.worker.concurrency == 7
    key = settings.providers["stability"].api_key
    assert key is not None
    assert key.get_secret_value() == "sk-file"


def test_a_variable_given_twice_or_an_unreadable_file_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "another program's"))
    assert GenerationSettings().port == 8003, "other programs' *_FILE variables are theirs"
    monkeypatch.setenv("S3_SECRET_KEY", "inline")
    monkeypatch.setenv("S3_SECRET_KEY_FILE", str(tmp_path / "key"))
    with pytest.raises(ValueError, match="give S3_SECRET_KEY or S3_SECRET_KEY_FILE, not both"):
        GenerationSettings()
    monkeypatch.delenv("S3_SECRET_KEY")
    with pytest.raises(ValueError, match="S3_SECRET_KEY_FILE: cannot read"):
        GenerationSettings()


def test_download_urls_last_a_day_and_at_most_what_s3_signs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert S3Settings().presign_ttl_s == 86_400
    monkeypatch.setenv("S3_PRESIGN_TTL_S", "604801")
    with pytest.raises(ValidationError, match="presign_ttl_s"):
        S3Settings()


@pytest.mark.parametrize(
    ("given", "named"),
    [
        (None, ("127.0.0.1:8333", False)),
        ("media.example.com:9000", ("media.example.com:9000", False)),
        ("https://media.example.com", ("media.example.com", True)),
        ("http://10.0.0.5:8333/", ("10.0.0.5:8333", False)),
    ],
)
def test_the_public_endpoint_is_a_host_or_an_origin(
    given: str | None, named: tuple[str, bool]
) -> None:
    assert S3Settings(public_endpoint=given).presigned_endpoint() == named


def test_a_public_endpoint_with_a_path_is_refused() -> None:
    with pytest.raises(ValidationError, match="origin"):
        S3Settings(public_endpoint="https://media.example.com/studio")
