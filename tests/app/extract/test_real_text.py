"""Drafting on the shapes real news text takes: no clause fragments as speakers, governments named by
their capital or people, denials that refer back, dates said resolved against the source's date, speakers
already in the library under other spellings, and text in another language refused in plain words."""

from __future__ import annotations

import datetime as dt
import json

from app.cli import main
from app.extract import Proposal, RuleExtractor, apply, propose

PUBLISHED = dt.date(2026, 11, 18)  # a Wednesday


def run(text: str, published: dt.date | None = PUBLISHED) -> list[Proposal]:
    proposals = RuleExtractor().propose(text, published=published)
    for p in proposals:
        assert text[p.start : p.end] == p.quote
    return proposals


def by_quote(proposals: list[Proposal], start: str) -> Proposal:
    found = [p for p in proposals if p.quote.startswith(start)]
    assert len(found) == 1, [(p.actor, p.quote) for p in proposals]
    return found[0]


def test_a_national_denial_answers_the_claim_just_made_and_no_fragment_speaks():
    text = (
        "Kestrian officials believe Ruritania might have trained the divers who reached the pipe. "
        "The Ruritanians deny this, and while the charge looks weak, it is hard to wave away: a Ruritanian "
        "survey ship was logged over the pipeline."
    )
    claim, denial = run(text)
    assert claim.actor == "Kestrian officials" and "Ruritania might" in claim.statement
    assert denial.kind == "denial" and denial.actor == "Government of Ruritania"
    assert denial.quote == "The Ruritanians deny this" and denial.denies == claim.key


def test_the_one_who_was_asked_is_the_speaker():
    (p,) = run(
        "Ms Vale was asked about the reported arms deal in Vienna on Thursday and said her ministry had never "
        "signed a contract for the launchers."
    )
    assert p.actor == "Vale"
    assert p.quote.startswith("her ministry had never signed")


def test_page_furniture_and_asides_are_never_speakers():
    text = (
        "The tanker switched off its transponder before meeting another ship, the harbour authority said on "
        "Sunday.\n\nEventually the transponder came back on, about forty miles to the south.\n\n"
        "Read more: checks on ageing tankers\n\n"
        "While the authority has not said what was transferred, officials in the port believe the cargo was "
        "diesel.\n\nAsked about the cargo, the owner said the ship had been at anchor.\n\n"
        "Others were less sure: an independent engineer, Piet Haas, said the logs had gaps."
    )
    speakers = {p.actor for p in run(text)}
    assert speakers == {"Harbour authority", "Officials in the port", "Owner", "Piet Haas"}


def test_a_first_person_clause_or_a_whatever_clause_is_never_a_speaker():
    """An official channel's own post: "We call on our partners to take note: ..." names no one, and
    "whatever its diplomats say" is an aside; neither becomes a speaker."""
    text = (
        "We call on our partners to take note: the regime in Kestria has become a direct party to the war, "
        "whatever its diplomats say.\n\n"
        "The harbour authority said the convoy would sail on Friday."
    )
    speakers = {p.actor for p in run(text)}
    assert speakers == {"Harbour authority"}


def test_capitals_and_countries_speak_for_their_governments():
    text = (
        "Brussels accused the fisheries ministry of withholding catch data. Moscow said it would send observers. "
        "Valdor, the Ruritanian capital, called the accusation baseless. Valdor said the ships had left. "
        "Kestria says the pipeline was sabotaged, and Kestria's navy is searching the area."
    )
    actors = [p.actor for p in run(text)]
    assert actors == [
        "European Union",
        "Government of Russia",
        "Government of Ruritania",
        "Government of Ruritania",
        "Government of Kestria",
    ]


def test_rejected_the_accusation_and_said_gives_two_denials_of_the_same_claim():
    text = (
        "The minister said cracks in the dam had been caused by poor concrete. "
        "The contractor, Arvo Build, rejected the accusation and said its concrete had passed every test."
    )
    claim, denial, more = run(text)
    assert (denial.kind, denial.denies, denial.actor) == ("denial", claim.key, "Arvo Build")
    assert denial.quote.endswith("rejected the accusation")
    assert (more.kind, more.denies, more.quote) == ("denial", claim.key, "its concrete had passed every test")


def test_dismissed_reports_that_answers_only_a_claim_on_the_same_matter():
    text = (
        "Officials in the port believe the cargo was diesel bound for Ostmark. "
        "Ostmark's trade ministry dismissed reports that it had bought diesel from the tanker."
    )
    claim, denial = run(text)
    assert denial.kind == "denial" and denial.denies == claim.key
    text = (
        "Hauliers said the new toll would add a day's wages to every crossing. "
        "The transport ministry dismissed reports that it had approved the rise, saying it was never asked."
    )
    _claim, denial, more = run(text)
    assert denial.kind == "denial" and denial.denies is None and more.denies is None


def test_called_it_baseless_and_the_report_politically_motivated():
    text = (
        "The tanker met another ship off the cape, the harbour authority said. "
        "Satellite images show the two ships side by side, its director, Marta Lind, said. "
        "The ship's owner, Kelso Shipping, called it baseless."
    )
    _a, b, c = run(text)
    assert c.kind == "denial" and c.actor == "Kelso Shipping" and c.denies == b.key
    text = (
        "According to a report by the regional trade council, producers received energy below market rates. "
        "The minister said exports would grow. Ostmark's government called the report politically motivated."
    )
    report, _minister, denial = run(text)
    assert denial.kind == "denial" and denial.denies == report.key


def test_a_negated_statement_on_the_same_matter_is_a_denial():
    text = (
        "The health minister said the government had signed a contract for two million doses. "
        "The manufacturer, Lindqvist Pharma, said no contract had been signed."
    )
    claim, denial = run(text)
    assert denial.kind == "denial" and denial.denies == claim.key


def test_dates_said_come_from_the_attribution_and_the_source_date():
    text = (
        "Trade Minister Daniel Okafor told journalists on 10 November that imports had doubled. "
        "The steel board rejected the accusation on Monday. "
        "Parliament's speaker, Aurel Fenn, said the committee would meet on 2 December. "
        "Brandt said last week that the dam was safe."
    )
    said = [p.said for p in run(text)]
    assert said == [dt.date(2026, 11, 10), dt.date(2026, 11, 16), None, dt.date(2026, 11, 9)]


def test_a_source_without_a_date_uses_the_date_its_text_gives_and_never_invents_a_year():
    dated = (
        "VELNA, 4 March 2026 (Northline) - The army said on Tuesday that rebels had fired on one of its posts.\n\n"
        "A doctor said yesterday that no truck had arrived."
    )
    assert [p.said for p in run(dated, published=None)] == [dt.date(2026, 3, 3), dt.date(2026, 3, 3)]
    undated = (
        "The mining company Orlen Metals said on Monday that it had been promised a permit.\n\n"
        "Radek told journalists on 3 March that the field would be tendered again."
    )
    assert [p.said for p in run(undated, published=None)] == [None, None]


def test_a_speaker_already_in_the_library_is_matched_across_spellings(lib):
    lena = lib.actors.create(
        name="Lena Marie-Osk", role="Environment Minister", affiliation="Tarsia", aliases=["Lena-Marie Osk"]
    )
    body = (
        "Tarsia's environment minister, Lena-Marie Osk, said on Thursday that the cracks were caused by poor "
        "concrete.\n\nMarie-Osk told parliament that an inquiry would report by the end of January."
    )
    src = lib.sources.create(title="Dam", body=body, published="2026-11-27").after
    extraction = propose(lib, src.id)
    assert [p.actor for p in extraction.proposals] == ["Lena Marie-Osk", "Lena Marie-Osk"]
    apply(lib, src.id, extraction.proposals)
    assert [a.name for a in lib.actors.list().items] == ["Lena Marie-Osk"]
    assert lib.actors.get(lena.after.id).claim_count == 2


def test_text_in_another_language_is_refused_in_plain_words(lib, tmp_path, capsys):
    german = (
        "Die Hafenbehörde erklärte am Sonntag, der Tanker habe sein Ortungssystem neun Stunden lang abgeschaltet. "
        "Die Reederei wies die Vorwürfe als haltlos zurück und sagte, das Schiff habe vor Anker gelegen."
    )
    src = lib.sources.create(title="Tanker", body=german).after
    extraction = propose(lib, src.id)
    assert not extraction.proposals
    assert extraction.notice.startswith("Drafting supports English text")
    marked = lib.sources.create(
        title="Tanker", body="The minister said the port was open.", language="fr"
    ).after
    assert propose(lib, marked.id).notice.startswith("Drafting supports English text; this source is marked")


def test_the_command_line_says_why_nothing_was_drafted_and_asks_for_a_missing_date(tmp_path, capsys):
    library = tmp_path / "x.briefdesk"
    german = tmp_path / "tanker.txt"
    german.write_text(
        "Tanker\n\nDie Hafenbehörde erklärte am Sonntag, der Tanker habe sein Ortungssystem neun Stunden lang "
        "abgeschaltet. Die Reederei wies die Vorwürfe als haltlos zurück und sagte, das Schiff liege vor Anker.\n",
        encoding="utf-8",
    )
    undated = tmp_path / "permit.txt"
    undated.write_text(
        "Permit row\n\nThe mining company Orlen Metals said on Monday that it had been promised a permit.\n",
        encoding="utf-8",
    )
    assert main(["--library", str(library), "import", str(german), str(undated)]) == 0
    capsys.readouterr()
    assert main(["--library", str(library), "extract", "1"]) == 0
    assert capsys.readouterr().out.startswith("Drafting supports English text")
    assert main(["--library", str(library), "extract", "2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["proposals"][0]["said"] is None
    assert "set its date (briefdesk source set s2 --published YYYY-MM-DD" in payload["notice"]


def test_the_same_side_going_on_answers_the_same_claim():
    text = (
        "Delta Grains said the tender had been rigged in favour of Harvest Trading. "
        "The agency denied that, and its director, Otto Lind, said every bid had been opened in public."
    )
    claim, denial, more = run(text)
    assert (denial.quote, denial.denies) == ("The agency denied that", claim.key)
    assert (more.actor, more.kind, more.denies) == ("Otto Lind", "denial", claim.key)
    text = (
        "Clear Rivers said toxic water from the mine had leaked into the river. "
        "The operator, Kessel Copper, rejected the allegation. "
        "Its chief executive, Lars Moen, said the tailings dam had been inspected in May. "
        "Its engineers said no water had left the dam."
    )
    claim, denial, explanation, contradiction = run(text)
    assert denial.denies == claim.key
    # the side's next sentence gives its reason: it answers the same claim (the analyst sees both together)
    assert explanation.kind == "denial" and explanation.denies == claim.key
    assert contradiction.kind == "denial" and contradiction.denies == claim.key
    text = (
        "Clear Rivers said toxic water from the mine had leaked into the river. "
        "The operator, Kessel Copper, rejected the allegation. "
        "Anglers at Redhill said the fishing season would open in May."
    )
    claim, denial, other = run(text)
    assert denial.denies == claim.key
    assert other.kind == "claim" and other.denies is None  # another side's news, not part of the denial


def test_a_denial_told_first_answers_the_claim_reported_after_it():
    text = (
        "ARVEN, Aug 18 - The central bank of Meridia on Monday rejected a report that it was preparing to limit "
        "cash withdrawals.\n\n"
        "The business weekly Kapital had reported that the bank's board discussed a temporary cap at a meeting "
        "last month.\n\n"
        "\u201cNo such proposal has been made,\u201d the bank's governor, Helena Strand, said.\n\n"
        "Analysts said the run on branches would fade."
    )
    denial, report, governor, analysts = run(text)
    assert (report.actor, report.kind) == ("Kapital", "claim")
    assert denial.kind == "denial" and denial.denies == report.key
    assert governor.kind == "denial" and governor.denies == report.key
    assert analysts.denies is None


def test_a_negated_statement_about_another_sides_account_answers_it():
    text = (
        "Harrow Watch said satellite images showed 150 vehicles at a base near the border. "
        "Ministry spokesman Luis Carreira said the pictures showed a routine exercise. "
        "The group's director, Amira Haddad, said the ministry's explanation did not match the images."
    )
    claim, explanation, answer = run(text)
    assert answer.kind == "denial" and answer.denies == explanation.key


def test_the_accusation_is_the_claim_made_as_one_and_an_organisation_is_it():
    text = (
        "The digital affairs ministry accused Orvia of launching a cyber attack on the tax office. "
        "Its adviser, Karl Lind, said the attackers had used servers in three countries. "
        "Orvia's embassy in Tallmark rejected the accusation as baseless."
    )
    accusation, _adviser, denial = run(text)
    assert denial.actor == "Orvia's embassy in Tallmark" and denial.denies == accusation.key
    text = (
        "Norland Bank hid trading losses from its auditors last year, the Lorn Courier reported on Wednesday. "
        "The bank called the report misleading. It rejected suggestions that it had hidden any losses."
    )
    report, first, second = run(text)
    assert [first.actor, second.actor] == ["Norland Bank", "Norland Bank"]
    assert first.denies == report.key and second.denies == report.key


def test_speech_with_no_speaker_drafting_can_name_is_reported_not_invented(lib, tmp_path, capsys):
    body = (
        "The documents show that the deal was signed in June by a state-owned company, the paper said.\n\n"
        "Dana Reyes said the bridge would reopen next week.\n\n"
        "Relations between the two countries have been tense since a fishing dispute in the spring."
    )
    src = lib.sources.create(title="Deal", body=body, published="2026-11-18").after
    extraction = propose(lib, src.id)
    assert [p.actor for p in extraction.proposals] == ["Dana Reyes"]
    assert extraction.unattributed == (
        "The documents show that the deal was signed in June by a state-owned company, the paper said.",
    )
    library = lib.path  # a file, or a team library's address
    lib.close()
    assert main(["--library", str(library), "extract", str(src.id)]) == 0
    out = capsys.readouterr().out
    assert "1 sentence reporting speech without a speaker drafting could recognise was left out" in out
    assert "  - The documents show that the deal was signed in June" in out


def test_a_saved_pages_headline_is_not_drafted_and_a_relative_clause_is_not_the_speaker(lib):
    body = (
        "Minister denies bribery claim, vows to sue\n\n"
        "The Vessar Herald reported on Monday that the transport minister took a payment from a road builder. "
        "The Northern Alliance, whose fighters hold the hills above the road, said the payment was made in cash. "
        "The road builder, Hallgren Construction, refuted the report."
    )
    src = lib.sources.create(
        title="Minister denies bribery claim, vows to sue", body=body, published="2026-11-18"
    ).after
    proposals = propose(lib, src.id).proposals
    assert not any(p.quote.startswith("Minister denies") for p in proposals)
    assert "Northern Alliance" in [p.actor for p in proposals]
    assert not any("whose fighters" in p.actor for p in proposals)
    assert not any(p.quote.strip(" ,") == "The road builder" for p in proposals)
