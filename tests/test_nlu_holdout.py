"""Intent recognition on messages the model never saw (tests/nlu/holdout_*.yml)."""

import pytest

from benchmarks.nlu_eval import language_outcomes, macro_f1, per_language, predict


@pytest.fixture(scope="module")
def predictions(model_path):
    return per_language(predict(model_path))


@pytest.mark.model
@pytest.mark.parametrize("language", ["en", "nl"])
def test_intent_macro_f1_is_at_least_0_90(predictions, language):
    score = macro_f1(predictions[language])
    wrong = [(p.text, p.expected, p.predicted) for p in predictions[language] if p.expected != p.predicted]
    assert score >= 0.90, f"{language}: macro-F1 {score:.3f}; wrong: {wrong[:30]}"


@pytest.mark.model
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_trained_model_recognises_the_message_language(predictions, language):
    """The word lists stored in the model decide most held-out messages and get almost none wrong
    (an undecided message keeps the conversation's language)."""
    outcomes = language_outcomes(predictions[language])
    total = sum(outcomes.values())
    assert outcomes["right"] >= 0.9 * total, outcomes
    assert outcomes["wrong"] <= 0.01 * total, outcomes
