"""Severity per case: scale, scope, irremediable character and likelihood, read from the record
(risk type, notes, country rating, unions prohibited), irreversible harm first, the reasoning shown."""

from decimal import Decimal

from actions.advice import render
from actions.advice.advice import advise_country, order_by_severity
from actions.advice.priority import SupplierFacts, compare
from actions.advice.render_records import compare_messages
from actions.reference import catalogue


def context(iso2):
    from actions.advice.advice import country_context

    return country_context(catalogue.country_by_code(iso2))


def ordered(codes, iso2="PT", notes=""):
    return [(r.code, r.tier) for r in order_by_severity(codes, notes, context(iso2))]


def test_irreversible_harm_comes_first_even_when_its_type_ranks_lower():
    """Deforestation was a fixed tier 3 like working hours; it cannot be undone, so it leads."""
    assert ordered(["working_hours", "living_wage", "deforestation"]) == [
        ("deforestation", 2),
        ("working_hours", 3),
        ("living_wage", 3),
    ]


def test_serious_harm_in_the_notes_makes_a_safety_risk_irreversible_and_very_severe():
    assert ordered(["living_wage", "health_safety"]) == [("health_safety", 2), ("living_wage", 3)]
    notes = "Fire in March: two workers died, eleven injured."
    assert ordered(["living_wage", "deforestation", "health_safety"], notes=notes) == [
        ("health_safety", 1),
        ("deforestation", 2),
        ("living_wage", 3),
    ]


def test_communities_or_many_people_in_the_notes_widen_the_scope():
    assert ordered(["water"], "CL") == [("water", 3)]
    assert ordered(["water"], "CL", "Water use conflicts with Atacameño communities") == [("water", 2)]
    assert ordered(["environment"], "CL", "Dust affects 1.200 people nearby") == [("environment", 3)]


def test_likelihood_orders_risks_of_equal_severity():
    # same severity (significant); in Portugal (ITUC 2) the recorded order stays ...
    assert ordered(["living_wage", "freedom_of_association"]) == [
        ("living_wage", 3),
        ("freedom_of_association", 3),
    ]
    # ... but when the notes report union busting, that risk is more likely and comes first
    notes = "Union busting reported: organisers dismissed."
    assert ordered(["living_wage", "freedom_of_association", "environment"], notes=notes)[0] == (
        "freedom_of_association",
        3,
    )


def test_the_reasoning_is_shown_in_one_line_per_risk_in_both_languages():
    advice = advise_country("CN", "electronics", ["working_hours", "forced_labour"])
    nl = render.risk_lines(advice, "nl").splitlines()
    en = render.risk_lines(advice, "en").splitlines()
    assert len(nl) == len(en) == 4  # a line per risk and a line of reasoning under each
    assert en[0].startswith("• Forced labour (severity: very severe)")
    assert en[1] == (  # in plain words, not "scale: high; scope: not recorded"
        "  Why: hard or impossible to undo; grave harm to people; how many people it affects is not recorded;"
        " likely, as independent unions are prohibited by law in China."
    )
    assert nl[1] == (
        "  Waarom: moeilijk of niet terug te draaien; ernstige schade voor mensen; hoeveel mensen het raakt, is niet"
        " vastgelegd; waarschijnlijk, want in China zijn onafhankelijke vakbonden bij wet verboden."
    )
    bangladesh = advise_country("BD", "garments", ["living_wage"])
    assert render.risk_lines(bangladesh, "en").splitlines()[1] == (
        "  Why: considerable harm; how many people it affects is not recorded;"
        " likely, as Bangladesh is rated 5 in the ITUC Global Rights Index 2025."
    )


def test_an_issue_the_notes_call_fixed_comes_after_the_open_ones():
    notes = "Fire exits blocked in 2024; fire safety issues repaired in May 2025. Overtime reported."
    advice = advise_country("BD", "garments", ["health_safety", "working_hours"])
    assert advice.risks[0].code == "health_safety"  # without notes: the safety risk first
    ordered = order_by_severity(["health_safety", "working_hours"], notes)
    assert [r.code for r in ordered] == ["working_hours", "health_safety"]
    assert ("likelihood_fixed", ()) in ordered[1].reasons


def facts(name, risks, notes="", iso2="BR"):
    return SupplierFacts(hash(name) % 1000, name, iso2, tuple(risks), Decimal(10), 2, 1, Decimal(1000), notes)


def test_a_deforestation_case_comes_before_a_case_with_more_but_reversible_risks():
    forest = facts("Forest Soy", ["deforestation"])
    wages = facts("Wage Textiles", ["living_wage", "working_hours"])
    result = compare(wages, forest)
    assert (result.first.facts.name, result.reason) == ("Forest Soy", "severity")
    [(_key, values)] = compare_messages(result, "en")
    assert "Forest Soy has more severe risks (deforestation: severe)" in values["reason"]


def test_the_same_risk_weighs_more_where_the_record_reports_deaths():
    quiet = facts("Quiet Works", ["health_safety"])
    fatal = facts("Fatal Works", ["health_safety"], notes="Boiler explosion killed a worker in 2025.")
    assert compare(quiet, fatal).first.facts.name == "Fatal Works"
