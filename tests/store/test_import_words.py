"""Why an import refused a row reads in the member's language, field names included.

The reasons were English literals (and the field a check names was filled in English),
so a Spanish or German member read "its content warning is not text" in English.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peerhaven.core.i18n import N_, use_language
from peerhaven.store.import_checks import RowRefused, text
from peerhaven.store.importing import NOT_YOURS, ImportReport


@pytest.fixture
def spanish() -> Iterator[None]:
    use_language("es")
    yield
    use_language("en")


@pytest.mark.usefixtures("spanish")
def test_a_refused_field_is_named_in_the_members_language() -> None:
    with pytest.raises(RowRefused) as refused:
        text(5, N_("content warning"))
    assert str(refused.value) == "el campo «aviso de contenido» no es texto"


@pytest.mark.usefixtures("spanish")
def test_the_import_report_counts_reasons_in_the_members_language() -> None:
    report = ImportReport()
    report.refuse("events", NOT_YOURS, 2)
    assert report.refused == {"events": {"no lo firmó ninguna de tus identidades": 2}}


def test_in_english_the_reasons_are_unchanged() -> None:
    use_language("en")
    report = ImportReport()
    report.refuse("events", NOT_YOURS)
    assert report.refused == {"events": {"it is not signed by one of your personas": 1}}
