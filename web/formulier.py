"""What a form sent comes back to: after an action the console redirects to the form's page
(post/redirect/get), and this carries the outcome over, in the server-side session: a message
for the page, or the errors per field with the values that were sent. The page shows each error
between the field's label and the field (NL Design System), ties it to the field with
`aria-invalid` and `aria-describedby`, puts the focus on the first wrong field, and keeps what
the inspector chose."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from markupsafe import Markup, escape

from opslag.fouten import OngeldigeInvoer

# Fields never sent back to a page: the token, and where to go back to.
NIET_TERUG = ("csrf", "terug")


class Veldfout(OngeldigeInvoer):
    """Input the web console refuses, per field of the form (in the console's own words)."""

    def __init__(self, velden: dict[str, str]) -> None:
        super().__init__("; ".join(velden.values()))
        self.velden = velden


@dataclass
class Terugmelding:
    """What the next page of a session shows, once."""

    tekst: str | None = None  # a message for the whole page
    fout: bool = False
    formulier: str | None = None  # the id of the form the errors belong to
    velden: dict[str, str] = field(default_factory=dict)  # field name -> error
    algemeen: str | None = None  # an error of the form that belongs to no single field
    waarden: dict[str, str] = field(default_factory=dict)  # what was sent, to show again
    nieuwe_uitnodiging: int | None = None
    voorbeeld: str | None = None  # a chapter's text to preview (not saved)

    def naar_json(self) -> dict[str, Any]:
        """As stored in the session."""
        return asdict(self)

    @classmethod
    def uit_json(cls, data: dict[str, Any] | None) -> Terugmelding:
        """From the session (anything unexpected is dropped)."""
        if not isinstance(data, dict):
            return cls()
        bekend = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**bekend)
        except TypeError:
            return cls()


def anker(formulier: str, veld: str) -> str:
    """The HTML id of a field of a form (labels point at it)."""
    return f"{formulier}-{veld}".replace("_", "-")


class Formulieren:
    """The forms of one page as the previous request left them: errors and values."""

    def __init__(self, t: Terugmelding) -> None:
        self._t = t
        self._gefocust = False

    def fout(self, formulier: str, veld: str) -> str | None:
        """The error of a field, if this form was sent with one."""
        return self._t.velden.get(veld) if self._t.formulier == formulier else None

    def algemeen(self, formulier: str) -> str | None:
        """An error of the form as a whole."""
        return self._t.algemeen if self._t.formulier == formulier else None

    def heeft_fouten(self, formulier: str) -> bool:
        """Whether this form came back with an error."""
        return self._t.formulier == formulier and bool(self._t.velden or self._t.algemeen)

    def verzonden(self, formulier: str) -> bool:
        """Whether the values of this form come back (it was sent and refused)."""
        return self.heeft_fouten(formulier)

    def waarde(self, formulier: str, veld: str, standaard: Any = "") -> Any:
        """What the field shows: what was sent when the form came back, else `standaard`."""
        if self.verzonden(formulier):
            return self._t.waarden.get(veld, "")
        return standaard

    def gekozen(self, formulier: str, veld: str, waarde: str, standaard: bool) -> Markup:
        """` checked` for a radio button or checkbox that was (or, fresh, is) chosen."""
        aan = self._t.waarden.get(veld) == waarde if self.verzonden(formulier) else standaard
        return Markup(" checked") if aan else Markup("")

    def melding(self, formulier: str, veld: str) -> Markup:
        """The error between label and field, with the id the field points at."""
        tekst = self.fout(formulier, veld)
        if tekst is None:
            return Markup("")
        return Markup(
            '<p class="veldfout" id="{id}-fout"><span class="verborgen">Fout: </span>{t}</p>'
        ).format(id=anker(formulier, veld), t=tekst)

    def algemene_melding(self, formulier: str) -> Markup:
        """The error of the form as a whole, at its top; focused when no field is wrong."""
        tekst = self.algemeen(formulier)
        if tekst is None:
            return Markup("")
        focus = "" if self._t.velden else self._focus()
        return Markup(
            '<p class="veldfout" id="{id}-fout" tabindex="-1"{f}>'
            '<span class="verborgen">Fout: </span>{t}</p>'
        ).format(id=escape(formulier), f=Markup(focus), t=tekst)

    def kenmerken(self, formulier: str, veld: str, hint: str | None = None) -> Markup:
        """The field's attributes: its description (hint and error) and, when wrong,
        `aria-invalid` and the focus (the first wrong field of the page)."""
        beschreven = [hint] if hint else []
        delen = []
        if self.fout(formulier, veld) is not None:
            beschreven.append(f"{anker(formulier, veld)}-fout")
            delen.append(' aria-invalid="true"')
            delen.append(self._focus())
        if beschreven:
            delen.insert(0, ' aria-describedby="{}"'.format(escape(" ".join(beschreven))))
        return Markup("".join(delen))

    def groep(self, formulier: str, veld: str) -> Markup:
        """A fieldset's attributes: described by its error, if it has one."""
        if self.fout(formulier, veld) is None:
            return Markup("")
        return Markup(' aria-describedby="{}-fout"').format(anker(formulier, veld))

    def focus(self, formulier: str, veld: str) -> Markup:
        """The focus for the first choice of a wrong group (when it is the first error)."""
        return Markup(self._focus()) if self.fout(formulier, veld) is not None else Markup("")

    def _focus(self) -> str:
        if self._gefocust:
            return ""
        self._gefocust = True
        return " autofocus"
