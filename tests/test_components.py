"""The project's graph components train, are stored in a model and load again (what `rasa train` and
the Rasa server do), on a small piece of training data."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.language_detector import LanguageDetector
from components.message_focus import MessageFocus
from components.supplier_matcher import SupplierMatcher


def examples():
    def example(text, intent, language):
        return Message.build(text, intent, intent_metadata={"language": language})

    return TrainingData(
        [
            example("hoe vergroten we onze invloed op de leverancier", "ask_leverage", "nl"),
            example("wat moeten we doen aan kinderarbeid", "ask_supplier_advice", "nl"),
            example("how do we increase our leverage over the supplier", "ask_leverage", "en"),
            example("what should we do about child labour", "ask_supplier_advice", "en"),
        ]
    )


def trained_and_loaded(component_class, tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource(component_class.__name__)
    context = ExecutionContext(GraphSchema({}), "test")
    component_class.create({}, storage, resource, context).train(examples())
    return component_class.load({}, storage, resource, context)


def test_the_language_detector_keeps_its_word_lists_in_the_model(tmp_path):
    detector = trained_and_loaded(LanguageDetector, tmp_path)
    dutch, english = Message.build("wat doen we aan de invloed"), Message.build("what do we do about leverage")
    detector.process([dutch, english])
    assert dutch.get("language_detection") == {"language": "nl", "explicit": False}
    assert english.get("language_detection") == {"language": "en", "explicit": False}


def test_the_supplier_matcher_keeps_the_common_words_in_the_model(tmp_path):
    matcher = trained_and_loaded(SupplierMatcher, tmp_path)
    assert {"leverage", "invloed", "kinderarbeid"} <= matcher.common_words
    assert "riverbank" not in matcher.common_words


def test_message_focus_needs_no_training():
    focus = MessageFocus.create({}, None, None, None)
    message = Message.build("<b>wat is een actieplan?</b>")
    focus.process([message])
    assert message.get("text") == "wat is een actieplan?"


def test_every_component_in_the_config_is_registered_with_the_recipe():
    """`rasa train` finds a custom component only through its @DefaultV1Recipe.register decorator."""
    import importlib

    import yaml
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    from tests.project import ROOT

    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"] + config["policies"] if c["name"].startswith("components.")]
    assert len(names) == 6
    for name in names:
        importlib.import_module(name.rsplit(".", 1)[0])
        assert DefaultV1Recipe._from_registry(name).clazz.__name__ == name.rsplit(".", 1)[1]


def test_an_unknown_name_is_the_longest_run_of_uncommon_words():
    """In "need advice on bergen trawlers", the name the records lack is "bergen trawlers"; typed contractions
    ("whos") and one short unknown word inside a sentence ("the factory stuff") are not names."""
    from components.supplier_matcher import unknown_name

    common = frozenset("need advice on what should we do about the factory contact there".split())
    assert unknown_name("need advice on bergen trawlers", common)["value"] == "bergen trawlers"
    assert unknown_name("what should we do about fjordlaks?", common)["value"] == "fjordlaks"
    assert unknown_name("whos the contact there", common) is None
    assert unknown_name("whos there", common) is None  # a short message: only the contraction list keeps it out
    assert unknown_name("what about the factory stuff", common) is None
    assert unknown_name("need advice on bergen trawlers", common)["unknown_name"] is True
