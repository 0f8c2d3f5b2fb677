"""Block's __init__ stores through its slot descriptors and behaves as the dataclass' own."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from sieb.article import Block, BlockKind, _store_through_slots


def test_defaults_and_keywords_are_the_fields() -> None:
    params = list(inspect.signature(Block.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in dataclasses.fields(Block)]
    for param, item in zip(params, dataclasses.fields(Block), strict=True):
        assert param.default == (inspect.Parameter.empty if item.default is dataclasses.MISSING
                                 else item.default)


def test_a_block_is_the_same_value_and_stays_frozen() -> None:
    block = Block(BlockKind.LIST, "a\nb", items=("a", "b"), ordered=True)
    assert (block.kind, block.text, block.items, block.ordered, block.level) == (
        BlockKind.LIST, "a\nb", ("a", "b"), True, 0)
    assert block == Block.from_dict(block.to_dict())
    assert dataclasses.replace(block, text="c").text == "c"
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "c"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Block()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Block(BlockKind.PARAGRAPH, unknown=1)  # type: ignore[call-arg]


def test_classes_with_other_fields_are_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        values: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        _store_through_slots(WithFactory)
