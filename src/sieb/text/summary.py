"""Stage 3g of text mode: a lead that the body repeats is the page's summary.

Pages often print their summary (the meta description, a teaser's text) between the headline and
the article, and the article then opens with, or later gives, the same paragraph. Taken for the
lead by the rules, the first copy would put that paragraph into the body text twice. When a kept
line further down repeats the lead word for word, the lead leaves the body text and becomes the
`Article.description`; the copy in the body stays.
"""

from __future__ import annotations

from sieb.article import LineRole
from sieb.text.lines import LineFeatures
from sieb.text.roles import Decision, first_index_of

_SUMMARY = Decision(LineRole.LEAD, False, "summary the body repeats below: the description")


def with_summary(
    feats: list[LineFeatures], decisions: list[Decision]
) -> tuple[list[Decision], int]:
    """`decisions` with a kept lead that a kept line below repeats dropped, and the lead's index
    (-1 when the page has no such lead)."""
    lead = first_index_of(decisions, LineRole.LEAD)
    if lead < 0:
        return decisions, -1
    line = feats[lead]
    if line.repeats < 2 or not decisions[lead].kept:
        return decisions, -1
    text = line.text
    for k in range(lead + 1, len(feats)):
        if decisions[k].kept and feats[k].text == text:
            out = list(decisions)
            out[lead] = _SUMMARY
            return out, lead
    return decisions, -1
