"""Line rules in the other languages the cleaner knows, on pasted text we wrote: a pointer
to another article, a call to subscribe, a dangling "read more:" line at the end."""
# ruff: noqa: E501  (article text is kept as written, one paragraph a line)

from __future__ import annotations

import pytest

from newsprism.clean import clean_document, rules
from newsprism.model import Article, Document

GERMAN = """Die Stadtwerke erhöhen zum ersten Januar die Preise für Fernwärme um durchschnittlich zwölf Prozent, wie das Unternehmen am Montag mitteilte.
Lesen Sie auch: Stadtrat beschließt neues Parkkonzept für die Innenstadt
Als Grund nannte der Versorger die gestiegenen Kosten für Erdgas, mit dem drei der fünf Heizkraftwerke betrieben werden. Kunden sollen bis Ende November informiert werden.
Zum Newsletter anmelden
Mehr zum Thema:"""

SPANISH = """El ayuntamiento aprobó el martes un plan para renovar el alumbrado público de cuarenta calles del centro histórico antes del verano.
Lea también: La ciudad abre dos nuevas bibliotecas de barrio
Según el concejal de obras, la inversión será de 2,3 millones de euros y permitirá reducir el consumo eléctrico a la mitad.
Suscríbete a nuestro boletín para recibir las noticias del día."""


def _clean(text: str) -> Article:
    return clean_document(Document("pasted.txt", text.encode("utf-8"), "text/plain"))


def test_clean_rules_german_read_also_subscribe_and_dangling_lines_removed() -> None:
    art = _clean(GERMAN)
    assert art.text.split("\n") == [GERMAN.split("\n")[0], GERMAN.split("\n")[2]]
    kinds = {(r.kind, r.text) for r in art.removed}
    assert (
        "related",
        "Lesen Sie auch: Stadtrat beschließt neues Parkkonzept für die Innenstadt",
    ) in kinds
    assert ("promo", "Zum Newsletter anmelden") in kinds
    assert ("related", "Mehr zum Thema:") in kinds


def test_clean_rules_spanish_read_also_and_subscribe_removed() -> None:
    art = _clean(SPANISH)
    assert "Lea también" not in art.text and "Suscríbete" not in art.text
    assert art.text.endswith("reducir el consumo eléctrico a la mitad.")


@pytest.mark.parametrize(
    "line",
    [
        "Der Minister sagte, man solle den Bericht auch lesen, bevor man urteile.",
        "Les élus ont voté pour lire aussi le rapport de la commission en séance.",
        "Ingredientes: harina, agua, sal.",
    ],
)
def test_clean_rules_sentences_using_the_cue_words_are_not_furniture(line: str) -> None:
    assert not rules.is_related_inline(line)
    assert not rules.is_related_heading(line)
    assert not rules.is_promo(line)


def test_clean_rules_colon_line_inside_the_text_is_kept() -> None:
    text = "\n".join(
        [
            SPANISH.split("\n")[0],
            "Ingredientes del plan:",
            SPANISH.split("\n")[2],
        ]
    )
    assert "Ingredientes del plan:" in _clean(text).text.split("\n")
