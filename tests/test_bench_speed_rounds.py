"""benchmarks.speed_rounds: ratios per round and the Markdown table (no timing is run here)."""

from benchmarks.speed_rounds import ratios, to_markdown

ROUNDS = [
    {"sieb": (300.0, 330.0), "trafilatura": (60.0, 55.0)},
    {"sieb": (250.0, 300.0), "trafilatura": (50.0, 60.0)},
    {"sieb": (280.0, 280.0), "trafilatura": (40.0, 56.0)},
]


def test_ratios_are_per_round_cold_and_warm():
    assert ratios(ROUNDS, "sieb", "trafilatura") == [(5.0, 6.0), (5.0, 5.0), (7.0, 5.0)]


def test_table_gives_each_round_and_the_median_with_its_range():
    table = to_markdown("cmd", ["sieb", "trafilatura"], {"scrapinghub": ROUNDS}, 2)
    assert "| scrapinghub | 2 | 250.0 / 300.0 | 50.0 / 60.0 | 5.00 | 5.00 |" in table
    assert "5.00 (5.00–7.00)" in table  # cold: median 5.00 of 5, 5, 7
    assert "5.00 (5.00–6.00)" in table  # warm
    assert "`cmd`" in table
