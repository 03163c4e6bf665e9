"""Hyperparameters: the schema shared with the TypeScript API and the cases both sides run."""

import json

import pytest

from conftest import golden, run_main, small_train_args
from toolrec_trainer import hyperparameters as hpm
from toolrec_trainer.hyperparameters import HyperparameterError, defaults, resolve_hyperparameters

CASES = golden("training-hyperparameters-cases.json")["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_shared_cases(case):
    if "errorFields" in case:
        with pytest.raises(HyperparameterError) as e:
            resolve_hyperparameters(case["input"])
        assert [f for f, _ in e.value.details] == case["errorFields"]
        assert e.value.field == case["errorFields"][0]
    else:
        assert resolve_hyperparameters(case["input"]) == {**defaults(), **case["resolved"]}


def test_the_paper_defaults_come_from_the_one_schema_file():
    assert hpm.schema_path().name == "training-hyperparameters.schema.json" and hpm.schema_path().parts[-3:-1] == ("core", "src")
    d = defaults()
    assert d["beta"] == 0.01 and d["learningRate"] == 5e-6 and d["batchSize"] == 32 and d["loraRank"] == 8 and d["warmupRatio"] == 0.1
    assert isinstance(resolve_hyperparameters({"batchSize": 64.0})["batchSize"], int)


def test_a_schema_keyword_the_reader_does_not_check_is_refused(tmp_path, monkeypatch):
    schema = json.loads(hpm.schema_path().read_text())
    schema["properties"]["beta"]["multipleOf"] = 0.01
    (tmp_path / "s.json").write_text(json.dumps(schema))
    monkeypatch.setenv(hpm.SCHEMA_ENV, str(tmp_path / "s.json"))
    with pytest.raises(RuntimeError, match="multipleOf"):
        defaults()


def test_train_refuses_bad_hyperparameters_with_exit_2_naming_the_key(data_dir, tmp_path, capsys):
    rc, lines = run_main(small_train_args(data_dir, tmp_path / "run", "--lora-rank", "0", "--learning-rate", "-1"))
    assert rc == 2
    assert lines[-1]["type"] == "error" and lines[-1]["kind"] == "invalid_input" and lines[-1]["field"] == "learningRate"
    assert "loraRank must be >= 1" in lines[-1]["message"]
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("error: ")
    assert not (tmp_path / "run" / "metrics.jsonl").exists()  # nothing was started
    rc, lines = run_main(small_train_args(data_dir, tmp_path / "run", "--hyperparameters", '{"learning_rate": 1e-4}'))
    assert rc == 2 and lines[-1]["field"] == "learning_rate" and "unknown hyperparameter" in lines[-1]["message"]


def test_hyperparameters_command_prints_the_resolved_object(capsys):
    from toolrec_trainer.__main__ import main

    assert main(["hyperparameters", "--resolve", '{"maxSteps": 10}']) == 0
    assert json.loads(capsys.readouterr().out)["hyperparameters"] == {**defaults(), "maxSteps": 10, "epochs": None}
    assert main(["hyperparameters", "--resolve", '{"gpus": 3}']) == 2
    assert json.loads(capsys.readouterr().out)["fields"] == ["batchSize"]
