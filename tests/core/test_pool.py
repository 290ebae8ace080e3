"""The pool of figure parts: every value comes back whole, and a part shared by many figures is
held once."""

from __future__ import annotations

import json

import pytest

from dashboard.core.output.pool import MIN_CHARS, REF, Pool, referenced, resolve, sparse

GEOMETRY = [round(30.5 + i / 1000, 4) for i in range(200)]


def figure(colour: str, text: str) -> dict[str, object]:
    return {
        "data": [
            {"type": "scatter", "x": GEOMETRY, "y": GEOMETRY[::-1], "fillcolor": colour},
            {"type": "scatter", "x": [1, 2], "text": [text]},
        ],
        "layout": {"height": 700, "title": {"text": "Large attacks on Kyiv by district"}},
    }


@pytest.mark.parametrize(
    "value",
    [
        figure("#fff", "a"),
        [figure("#fff", "a"), figure("#000", "b")],
        {"short": [1, 2, 3], "none": None, "text": "x" * 500},
        [],
        {},
        "plain",
        3.5,
    ],
)
def test_every_value_comes_back_whole(value: object):
    pool = Pool()
    sent = pool.add(value)
    assert resolve(sent, pool.parts) == value
    assert resolve(json.loads(json.dumps(sent)), json.loads(json.dumps(pool.parts))) == value


def test_a_shared_geometry_is_held_once():
    pool = Pool()
    figures = [
        pool.add(figure(colour, f"window {i}")) for i, colour in enumerate(["#a", "#b"] * 20)
    ]
    whole = len(json.dumps([figure("#a", "w")] * 40))
    sent = len(json.dumps([figures, pool.parts]))
    assert sent < whole / 10
    # the coordinate lists are two parts of the pool, whatever the number of figures
    assert sum(1 for p in pool.parts if p in (GEOMETRY, GEOMETRY[::-1])) == 2


def test_small_values_stay_in_place():
    pool = Pool()
    value = {"x": [1, 2], "name": "short"}
    assert pool.add(value) == value
    assert pool.parts == []
    assert len(json.dumps(value)) < MIN_CHARS


def test_a_reference_is_one_key():
    pool = Pool(min_chars=1)
    sent = pool.add({"a": [1, 2, 3]})
    assert set(sent) == {REF}


def test_a_send_of_some_values_carries_only_the_parts_they_refer_to():
    pool = Pool()
    first = pool.add(figure("#a", "first " + "x" * MIN_CHARS))
    second = pool.add(figure("#b", "second " + "y" * MIN_CHARS))
    parts = sparse(pool.parts, second)
    assert resolve(second, parts) == figure("#b", "second " + "y" * MIN_CHARS)
    # the first figure's own parts are left out (None keeps the indices), the shared kept
    assert referenced(first, pool.parts) - referenced(second, pool.parts)
    assert {at for at, part in enumerate(parts) if part is not None} == referenced(
        second, pool.parts
    )
    assert len(json.dumps(parts)) < len(json.dumps(pool.parts))
    assert sparse(pool.parts, {"plain": 1}) == []
