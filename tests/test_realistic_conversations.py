"""The realistic conversation sets, written independently of the training data (from the README and
the demo supplier file only), against the real servers with the demo data. Frozen when written."""

import pytest

from benchmarks.conversation_eval import SETS, fingerprint, pass_rate, run_all, training_lexicon

# The sets as they were written; a change to them is a change to the yardstick and must be deliberate.
FROZEN = {
    "en": "5fcdffe57b2e38f0c31daabb9e09862a9aa21b711f7fb2ae9ab9f0a2993451eb",
    "nl": "85c37c4739f6d8e957412a23e894100e400c5c173c258c7689069e6adc5a4672",
}
# A regression floor, not a quality figure: this set was written from the README and fixed against, so it measures
# the training style (docs/evaluation.md has the independent sets and RESULTS.md their figures). Measured 0.85 with
# the 3-minute training of 2026-12-07 (0.92 with the 7-minute one); the floor leaves room for the differences
# between seeds.
REQUIRED_PASS_RATE = 0.80


@pytest.mark.parametrize("language", sorted(SETS))
def test_the_conversation_sets_are_unchanged(language):
    assert fingerprint(SETS[language]) == FROZEN[language]


@pytest.mark.model
@pytest.mark.servers
def test_the_realistic_conversations_are_handled(servers, capsys):
    results = run_all(servers.say, training_lexicon())
    everything = [r for per_language in results.values() for r in per_language]
    failed = [r for r in everything if not r.passed]
    rate = pass_rate(everything)
    summary = ", ".join(f"{lang}: {pass_rate(r):.0%}" for lang, r in results.items())
    report = "\n\n".join(r.transcript() for r in failed)
    assert rate >= REQUIRED_PASS_RATE, f"{rate:.0%} passed ({summary}); failed:\n{report}"
