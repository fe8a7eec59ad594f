"""Issue 15, section 1: one `Settings` travels; it comes from the environment, a TOML file and
explicit values, in that order of strength."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.settings import DEFAULT_STAGES, Settings, load_settings, read_config


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsgraph.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_issue15_environment_then_file_then_explicit_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "from_the_environment")
    monkeypatch.setenv("NEWSGRAPH_BATCH_SIZE", "5")
    monkeypatch.setenv("NEWSGRAPH_WRITE_BATCH", "7")
    path = _config(
        tmp_path,
        'spacy_model = "from_the_file"\nbatch_size = 3\nstages = ["entities", "dates"]\n'
        'fetch_timeout = 5\n[language_models]\nFR = "fr_core_news_md"\n',
    )
    settings = load_settings(path, batch_size=2)
    assert settings.spacy_model == "from_the_file"  # the file beats the environment
    assert settings.batch_size == 2  # an explicit value beats the file
    assert settings.write_batch == 7  # the environment, where the file says nothing
    assert settings.stages == ("entities", "dates")
    assert settings.language_models == {"fr": "fr_core_news_md"}
    assert settings.fetch_timeout == 5
    assert load_settings().spacy_model == "from_the_environment"
    assert Settings().stages == DEFAULT_STAGES


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('spacy_modle = "x"\n', "unknown setting 'spacy_modle'"),
        ("batch_size = '8'\n", "setting 'batch_size' wants int"),
        ("batch_size = true\n", "setting 'batch_size' wants int"),
        ('stages = "entities"\n', "setting 'stages' wants tuple"),
        ("stages = [1]\n", "setting 'stages' wants tuple"),
        ("spacy_model = \n", "not a TOML file"),
    ],
)
def test_issue15_a_bad_config_file_is_one_line_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(InputError, match=message) as refused:
        read_config(path)
    assert refused.value.origin == str(path) and "\n" not in refused.value.one_line()


def test_issue15_a_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="config file not found"):
        load_settings(tmp_path / "absent.toml")


def test_issue15_settings_travel_to_worker_processes_whole() -> None:
    import pickle

    settings = Settings(spacy_model="blank:en", stages=("dates",), language_models={"fr": "x"})
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert hash(settings) == hash(settings.with_(language_models={"fr": "x"}))


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("NEWSGRAPH_BATCH_SIZE", "abc", "a whole number, 1 or more"),
        ("NEWSGRAPH_MAX_BYTES", "-5", "a whole number, 1 or more"),
        ("NEWSGRAPH_MAX_ANALYSE_CHARS", "-1", "a whole number, 0 or more"),
        ("NEWSGRAPH_ERROR_POLICY", "bogus", "one of record, raise"),
    ],
)
def test_audit_item9_a_bad_environment_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, allowed: str
) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.settings import SettingError, Settings

    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingError, match=f"{variable} .* is '?{value}'?: {allowed}"):
        Settings()
    result = CliRunner().invoke(app, ["extract", "-", "--no-nlp"], input="Some text here.")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and variable in result.stderr
    assert allowed in result.stderr and result.stderr.strip().endswith("[E100]")


def test_audit_item9_explicit_values_are_checked_too() -> None:
    from newsgraph.settings import SettingError, Settings

    with pytest.raises(SettingError, match="error_policy"):
        Settings(error_policy="ignore")
    with pytest.raises(ValueError, match="NEWSGRAPH_WRITE_BATCH"):  # a ValueError as before
        Settings(write_batch=0)
