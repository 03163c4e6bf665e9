"""Training hyperparameters: names, defaults and ranges from the one JSON Schema file that the
TypeScript API reads too (packages/core/src/training-hyperparameters.schema.json; the TS twin
of this module is packages/core/src/training.ts). Keys are camelCase and stable.

`resolve_hyperparameters(given)` fills the paper's defaults and raises HyperparameterError
naming the key for unknown keys, wrong types and out-of-range values, exactly as
resolveTrainingHyperparameters does (both run the cases of
packages/core/test-support/golden/training-hyperparameters-cases.json).
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .paths import repo_path

SCHEMA_ENV = "TOOLREC_HYPERPARAMETERS_SCHEMA"
SCHEMA_PARTS = ("packages", "core", "src", "training-hyperparameters.schema.json")
#: The keywords a property may use; anything else is refused rather than silently ignored.
KNOWN_KEYWORDS = {"type", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "description"}


class HyperparameterError(ValueError):
    """Invalid hyperparameters; `field` names the first offending key, `details` all of them."""

    def __init__(self, details: List[Tuple[str, str]]) -> None:
        self.details = details
        self.field = details[0][0]
        super().__init__("; ".join(message for _, message in details))


def schema_path() -> Path:
    env = os.environ.get(SCHEMA_ENV)
    return Path(env) if env else repo_path(*SCHEMA_PARTS)


@lru_cache(maxsize=None)
def _load_schema(path: str) -> Dict[str, Any]:
    try:
        schema = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise RuntimeError(f"{path}: the hyperparameter schema is missing (run from the ToolRec repository, or set {SCHEMA_ENV})") from e
    for key, spec in schema["properties"].items():
        unknown = set(spec) - KNOWN_KEYWORDS
        if unknown:
            raise RuntimeError(f"{path}: {key} uses keywords this reader does not check: {', '.join(sorted(unknown))}")
    return schema


def schema() -> Dict[str, Any]:
    return _load_schema(str(schema_path()))


def specs() -> Dict[str, Dict[str, Any]]:
    return schema()["properties"]


def defaults() -> Dict[str, Any]:
    return {k: v["default"] for k, v in specs().items()}


def _check(spec: Mapping[str, Any], value: Any) -> Optional[str]:
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    if value is None:
        return None if "null" in types else "must be a number, not null"
    # JSON booleans are not numbers; NaN and infinities are not JSON numbers.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return f"must be a finite number, got {json.dumps(value) if isinstance(value, (str, bool)) else value!r}"
    if "integer" in types and float(value) != int(value):
        return f"must be an integer, got {value}"
    if "minimum" in spec and value < spec["minimum"]:
        return f"must be >= {spec['minimum']}, got {value}"
    if "exclusiveMinimum" in spec and value <= spec["exclusiveMinimum"]:
        return f"must be > {spec['exclusiveMinimum']}, got {value}"
    if "maximum" in spec and value > spec["maximum"]:
        return f"must be <= {spec['maximum']}, got {value}"
    if "exclusiveMaximum" in spec and value >= spec["exclusiveMaximum"]:
        return f"must be < {spec['exclusiveMaximum']}, got {value}"
    return None


def resolve_hyperparameters(given: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The given hyperparameters with the defaults filled in; raises HyperparameterError."""
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise HyperparameterError([("hyperparameters", "hyperparameters must be an object of camelCase keys")])
    sp = specs()
    errors: List[Tuple[str, str]] = []
    out = defaults()
    for key, value in given.items():
        if key not in sp:
            errors.append((key, f'unknown hyperparameter "{key}"; known: {", ".join(sp)}'))
            continue
        problem = _check(sp[key], value)
        if problem:
            errors.append((key, f"{key} {problem}"))
            continue
        types = sp[key]["type"] if isinstance(sp[key]["type"], list) else [sp[key]["type"]]
        out[key] = int(value) if value is not None and "integer" in types else (float(value) if value is not None else None)
    epochs_given = given.get("epochs") is not None
    steps_given = given.get("maxSteps") is not None
    if epochs_given and steps_given:
        errors.append(("maxSteps", "give epochs or maxSteps, not both"))
    elif steps_given:
        out["epochs"] = None
    elif out["epochs"] is None:
        errors.append(("epochs", "give epochs or maxSteps"))
    gpus = out["gpus"]
    if gpus > 1 and out["batchSize"] % gpus != 0:
        errors.append(("batchSize", f"batchSize ({out['batchSize']}) must be a multiple of gpus ({gpus}): each GPU takes an equal share of the batch"))
    if errors:
        raise HyperparameterError(errors)
    return out


def parse_hyperparameters_arg(text: str) -> Dict[str, Any]:
    """--hyperparameters: a JSON object, or @FILE holding one."""
    source = "--hyperparameters"
    if text.startswith("@"):
        source = text[1:]
        text = Path(source).read_text(encoding="utf-8")
    try:
        value = json.loads(text)
    except ValueError as e:
        raise HyperparameterError([("hyperparameters", f"{source}: not valid JSON ({e})")]) from e
    if not isinstance(value, dict):
        raise HyperparameterError([("hyperparameters", f"{source}: expected a JSON object of camelCase keys")])
    return value


def kebab(key: str) -> str:
    """learningRate -> learning-rate (the command-line flag of a key)."""
    return "".join("-" + c.lower() if c.isupper() else c for c in key)
