"""The evidence next to a verdict on a large onderzoek (issue 23): above a hundred answers, those
without words of their own are counted per value; every toelichting and document stays."""

from __future__ import annotations

from opslag.bewijs import Bewijsregel
from web.samenvatten import MAX_REGELS, samenvatten


def _regel(n: int, waarde: str | None, toelichting: str | None = None) -> Bewijsregel:
    return Bewijsregel(n, f"partner {n}", waarde, toelichting, None, None, False)


def test_veel_kale_antwoorden_worden_geteld() -> None:
    regels = [_regel(n, "ja" if n % 3 else "nee") for n in range(MAX_REGELS + 50)]
    regels += [_regel(1000 + n, "deels", f"uitleg {n}") for n in range(7)]
    getoond, geteld = samenvatten({"ind": regels, "klein": regels[:5]})
    assert [r.toelichting for r in getoond["ind"]] == [f"uitleg {n}" for n in range(7)]
    assert geteld == {
        "ind": "En 150 antwoorden zonder toelichting of document: 100 × Ja, 50 × Nee."
    }
    assert getoond["klein"] == regels[:5]
    assert samenvatten({"ind": regels}, alles=True) == ({"ind": regels}, {})
