"""Split an article's text into the pieces the reader shows: plain, claim and boilerplate.

Pure Python over offsets, no Django: the template renders each piece escaped, so article
text never goes through `|safe`, and the browser's text equals `article.body` exactly,
which is what lets a text selection become character offsets again.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise


@dataclass(frozen=True)
class ClaimSpan:
    id: int
    start: int
    end: int
    status: str = "new"


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    claim_id: int | None = None
    status: str = ""
    boilerplate: bool = False
    # The first piece of its claim: where the claim's anchor goes.
    first: bool = False
    # Other claims that cover this piece too (overlapping spans).
    also: tuple[int, ...] = ()

    @property
    def also_ids(self) -> str:
        return " ".join(map(str, self.also))


def _winner(active: Iterable[ClaimSpan]) -> ClaimSpan | None:
    """Where claims overlap, the shortest one shows (it is the most specific); ties go to
    the one that starts first, then the lowest id, so the result never depends on order."""
    return min(active, key=lambda c: (c.end - c.start, c.start, c.id), default=None)


def segments(
    body: str, claims: Sequence[ClaimSpan], boilerplate: Iterable[Sequence[int]] = ()
) -> list[Segment]:
    """Cut `body` into consecutive segments that together are exactly `body`.

    Spans outside the text are clipped, empty ones ignored. A stretch covered by several
    claims belongs to one of them (see `_winner`) and names the others in `also`.
    """
    size = len(body)

    def clip(start: int, end: int) -> tuple[int, int]:
        return max(0, min(start, size)), max(0, min(end, size))

    spans = [
        ClaimSpan(c.id, *clip(c.start, c.end), c.status)
        for c in claims
        if clip(c.start, c.end)[0] < clip(c.start, c.end)[1]
    ]
    grey = [clip(int(s[0]), int(s[1])) for s in boilerplate if len(s) >= 2]
    grey = [(a, b) for a, b in grey if a < b]

    cuts = sorted(
        {
            0,
            size,
            *(c.start for c in spans),
            *(c.end for c in spans),
            *(a for a, _ in grey),
            *(b for _, b in grey),
        }
    )
    starts: dict[int, list[ClaimSpan]] = {}
    for c in spans:
        starts.setdefault(c.start, []).append(c)
    grey_delta: dict[int, int] = {}
    for a, b in grey:
        grey_delta[a] = grey_delta.get(a, 0) + 1
        grey_delta[b] = grey_delta.get(b, 0) - 1

    out: list[Segment] = []
    seen: set[int] = set()
    active: list[ClaimSpan] = []
    grey_depth = 0
    for left, right in pairwise(cuts):
        active = [c for c in active if c.end > left] + starts.get(left, [])
        grey_depth += grey_delta.get(left, 0)
        win = _winner(active)
        claim_id = win.id if win else None
        is_grey = grey_depth > 0
        also = tuple(sorted(c.id for c in active if win is None or c.id != win.id))
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.claim_id == claim_id
            and previous.boilerplate == is_grey
            and previous.also == also
        ):
            out[-1] = replace(previous, end=right, text=body[previous.start : right])
            continue
        first = claim_id is not None and claim_id not in seen
        if claim_id is not None:
            seen.add(claim_id)
        out.append(
            Segment(
                left,
                right,
                body[left:right],
                claim_id,
                win.status if win else "",
                is_grey,
                first,
                also,
            )
        )
    return out


@dataclass(frozen=True)
class InContext:
    before: str
    quote: str
    after: str
    cut_before: bool
    cut_after: bool


def in_context(body: str, start: int, end: int, *, radius: int = 320) -> InContext:
    """The quote with up to `radius` characters either side, cut at a paragraph or a word."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    lo = max(0, start - radius)
    hi = min(len(body), end + radius)
    if lo > 0:
        paragraph = body.rfind("\n", lo, start)
        space = body.find(" ", lo, start)
        lo = paragraph + 1 if paragraph != -1 else (space + 1 if space != -1 else lo)
    if hi < len(body):
        paragraph = body.find("\n", end, hi)
        space = body.rfind(" ", end, hi)
        hi = paragraph if paragraph != -1 else (space if space != -1 else hi)
    return InContext(
        before=body[lo:start].lstrip(),
        quote=body[start:end],
        after=body[end:hi].rstrip(),
        cut_before=lo > 0,
        cut_after=hi < len(body),
    )
