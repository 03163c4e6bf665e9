"""The repository root, found the way @toolrec/config finds it (packages/config/src/paths.ts):
the nearest folder above this file whose package.json declares npm workspaces."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def repo_root() -> Path:
    here = Path(__file__).resolve().parent
    for d in (here, *here.parents):
        manifest = d / "package.json"
        if manifest.is_file():
            try:
                if isinstance(json.loads(manifest.read_text(encoding="utf-8")).get("workspaces"), list):
                    return d
            except ValueError:
                pass  # an unreadable package.json is not the root; keep walking
    raise RuntimeError(f"no ToolRec repository (a package.json with workspaces) above {here}")


def repo_path(*parts: str) -> Path:
    return repo_root().joinpath(*parts)
