"""The domain split by topic (domain/) is exactly the domain.yml it replaces."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_domain_folder_equals_the_single_file():
    from rasa.shared.core.domain import Domain

    single, folder = Domain.load(str(ROOT / "domain.yml")), Domain.load(str(ROOT / "domain"))
    assert folder.as_dict() == single.as_dict()
    assert folder.fingerprint() == single.fingerprint()
