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
from types import ModuleType

import numpy as np

from sieb.blocks import Segmentation
from sieb.compiled import compiled_module
from sieb.container import MainContainer
from sieb.errors import SiebError
from sieb.features import (
    BASE_FEATURES,
    CONTEXT_FEATURES,
    context_features,
    context_features_of,
    page_matrix,
)

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


def elementwise_module() -> ModuleType | None:
    """sieb.text._matrix (the networks' elementwise steps, compiled) unless SIEB_PURE_PYTHON is
    set or it is not built; imported on first use (sieb.text.model imports this module)."""
    return compiled_module("sieb.text._matrix")


class CompiledStage:
    """Stage.predict of a stage whose members have one hidden layer, for rows given in two parts
    (the stage-one columns, then the context columns: no stacked copy), with the elementwise steps
    by sieb.text._matrix, each the IEEE operation numpy applies, in numpy's order. The matrix
    products and the exponential are numpy's calls on arrays of the same shapes as in
    Stage.predict (so BLAS sums alike, and threads alike)."""

    __slots__ = ("matrix", "members", "output_bias", "parts", "split", "width")

    def __init__(self, stage: Stage, split: int, matrix: ModuleType) -> None:
        self.matrix = matrix
        self.members = tuple(
            (first.weights, first.bias, last.weights) for first, last in stage.members
        )
        self.output_bias = np.concatenate([last.bias for _, last in stage.members])
        self.split, self.width = split, len(stage.mean)
        self.parts = tuple(
            (np.ascontiguousarray(stage.mean[cols]), np.ascontiguousarray(stage.scale[cols]))
            for cols in (slice(0, split), slice(split, None))
        )

    def predict(self, rows: np.ndarray, context: np.ndarray | None = None) -> np.ndarray:
        """Stage.predict of the rows (with `context` appended to each row, when given)."""
        matrix = self.matrix
        n = len(rows)
        x = np.empty((n, self.width))
        (mean, scale), (context_mean, context_scale) = self.parts
        matrix.standardize(rows, mean, scale, x[:, : self.split])
        if context is not None:
            matrix.standardize(context, context_mean, context_scale, x[:, self.split :])
        z = np.empty((n, len(self.members)))
        for k, (weights, bias, output_weights) in enumerate(self.members):
            hidden = x @ weights
            matrix.add_bias_relu(hidden, bias)
            np.matmul(hidden, output_weights, out=z[:, k : k + 1])
        matrix.negated_clipped_logits(z, self.output_bias, _Z_MIN, _Z_MAX)
        np.exp(z, out=z)
        p = np.empty(n)
        matrix.mean_sigmoid(z, p)
        return p


def compiled_stage(stage: Stage, split: int) -> CompiledStage | None:
    """The compiled form of `stage` when sieb.text._matrix is in use, every member has one hidden
    layer of one width and it gives Stage.predict's bits on random rows of several lengths."""
    matrix = elementwise_module()
    if matrix is None or stage.mean.shape[0] < split:
        return None
    shapes = {tuple(layer.weights.shape for layer in layers) for layers in stage.members}
    if len(shapes) != 1 or len(next(iter(shapes))) != 2 or next(iter(shapes))[1][1] != 1:
        return None
    compiled = CompiledStage(stage, split, matrix)
    rng = np.random.default_rng(split)
    for n in (1, 2, 3, 17, 61, 200, 513):
        rows = rng.normal(0.0, 3.0, (n, len(stage.mean))) * stage.scale + stage.mean
        rows[rng.random(rows.shape) < 0.2] = 0.0
        context = rows[:, split:].copy() if split < len(stage.mean) else None
        got = compiled.predict(rows[:, :split].copy(), context)
        if got.tobytes() != stage.predict(rows).tobytes():
            return None
    return compiled


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Both stages and the decision threshold; `compiled`: both stages' CompiledStage, when
    they are in use."""

    stage1: Stage
    stage2: Stage
    threshold: float
    meta: dict
    compiled: tuple[CompiledStage, CompiledStage] | None = None

    def __reduce__(self) -> tuple:
        """Pickled without the compiled stages: they are made (and checked) again on loading."""
        return block_model, (self.stage1, self.stage2, self.threshold, self.meta)


def block_model(stage1: Stage, stage2: Stage, threshold: float, meta: dict) -> BlockModel:
    """The model of these stages, with their compiled forms when both are in use."""
    first = compiled_stage(stage1, len(BASE_FEATURES))
    second = compiled_stage(stage2, len(BASE_FEATURES))
    return BlockModel(
        stage1, stage2, threshold, meta, (first, second) if first and second else None
    )


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
    return block_model(
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
    if model.compiled is not None:
        stage1, stage2 = model.compiled
        first = stage1.predict(rows)
        return stage2.predict(rows, context_features_of(first, seg)).tolist()
    first = model.stage1.predict(rows).tolist()
    second_rows = np.hstack([rows, context_features(first, seg)])
    return model.stage2.predict(second_rows).tolist()
