"""Score blocks with the fitted two-stage model: block alone, then block among its neighbours.

The weights are data (`sieb/data/block_model.json`), produced by `training/fit_block_model.py`,
which records beside them the set it was fitted on and the scores on the set it was not.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from sieb.blocks import Segmentation
from sieb.container import MainContainer
from sieb.errors import SiebError
from sieb.features import BASE_FEATURES, CONTEXT_FEATURES, context_features, page_matrix

MODEL_FILE = "block_model.json"


@dataclass(frozen=True, slots=True)
class Layer:
    """One dense layer: y = activation(x @ weights + bias)."""

    weights: np.ndarray
    bias: np.ndarray


@dataclass(frozen=True, slots=True)
class Stage:
    """Standardise, then the mean probability of an ensemble of small ReLU networks."""

    mean: np.ndarray
    scale: np.ndarray
    members: tuple[tuple[Layer, ...], ...]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        x0 = np.subtract(rows, self.mean, dtype=np.float64)
        x0 /= self.scale
        total = np.zeros(x0.shape[0])
        for layers in self.members:
            x = x0
            for layer in layers[:-1]:
                x = x @ layer.weights
                x += layer.bias
                np.maximum(x, 0.0, out=x)
            z = x @ layers[-1].weights
            z += layers[-1].bias
            total += _sigmoid(z.ravel())
        return total / len(self.members)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) with z clipped to [-30, 30], in place (by the ufuncs: `np.clip` costs
    microseconds of Python wrapping per call)."""
    np.maximum(z, _Z_MIN, out=z)
    np.minimum(z, _Z_MAX, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.divide(1.0, z, out=z)


_Z_MIN, _Z_MAX = -30.0, 30.0


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Both stages and the decision threshold."""

    stage1: Stage
    stage2: Stage
    threshold: float
    meta: dict


def stage_from_dict(data: dict, n_features: int) -> Stage:
    """One stage from its JSON form, checking its feature count."""
    members = tuple(
        tuple(
            Layer(
                np.asarray(layer["weights"], dtype=np.float64),
                np.asarray(layer["bias"], dtype=np.float64),
            )
            for layer in member["layers"]
        )
        for member in data["members"]
    )
    mean = np.asarray(data["mean"], dtype=np.float64)
    if mean.shape != (n_features,):
        raise SiebError(f"block model expects {mean.shape} features, code has {n_features}")
    return Stage(mean, np.asarray(data["scale"], dtype=np.float64), members)


def model_from_dict(data: dict) -> BlockModel:
    """Build a model from its JSON form, checking that its features match the code's."""
    if tuple(data["features"]) != BASE_FEATURES or tuple(data["context_features"]) != (
        CONTEXT_FEATURES
    ):
        raise SiebError(
            "block model was fitted on other features; rerun training/fit_block_model.py"
        )
    return BlockModel(
        stage_from_dict(data["stage1"], len(BASE_FEATURES)),
        stage_from_dict(data["stage2"], len(BASE_FEATURES) + len(CONTEXT_FEATURES)),
        float(data["threshold"]),
        {k: v for k, v in data.items() if k not in ("stage1", "stage2")},
    )


def read_model_data(packaged_file: str, path: str | None) -> dict:
    """The JSON of a fitted model: the file at `path`, else the one packaged in sieb/data."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("sieb.data").joinpath(packaged_file).read_text(encoding="utf-8")
    return json.loads(text)


def load_model(path: str | None = None) -> BlockModel:
    """The packaged model, or the one at `path` (or SIEB_MODEL_PATH, for held-out benchmarks)."""
    return _load(path or os.environ.get("SIEB_MODEL_PATH") or None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> BlockModel:
    return model_from_dict(read_model_data(MODEL_FILE, path))


def block_rows(
    seg: Segmentation, main: MainContainer, title: str | None, body_hint: str | None = None
) -> np.ndarray:
    """Stage-one feature rows of every block."""
    return page_matrix(seg, main.element, main.inside, title, body_hint)


def score_blocks(
    seg: Segmentation,
    main: MainContainer,
    model: BlockModel,
    title: str | None = None,
    body_hint: str | None = None,
) -> list[float]:
    """Probability that each block is article body."""
    if not seg.blocks:
        return []
    rows = block_rows(seg, main, title, body_hint)
    first = model.stage1.predict(rows).tolist()
    second_rows = np.hstack([rows, context_features(first, seg)])
    return model.stage2.predict(second_rows).tolist()
