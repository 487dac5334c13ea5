"""From the statements the rule extractor found, in order, to proposals: which statements are denials and which
claim each denial answers (``answers`` chooses among the claims; here is the order of the rules that decide)."""

from __future__ import annotations

from app.extract.answers import (
    ACCUSING_CUES,
    OWN_INTENT,
    REPLY_CUES,
    Found,
    accused_claim,
    answer_earlier,
    answered_claim,
    blames_accuser,
    contradicted,
    credible_link,
    denial_anchor,
    elaborated,
    goes_on,
    latest_other,
    named_account,
    reply_target,
    same_side,
    unheaded,
)
from app.extract.clauses import (
    BARE_DENIAL_WORDS,
    DEMAND,
    JUDGES_THE_ACCUSATION,
    STATEMENT_SUBJECT,
    judged_words,
    lower_first,
    negates,
    replies,
    said_at_its_own_time,
)
from app.extract.lexicon import FALSE_WORDS, content_words
from app.extract.model import Proposal


def link_proposals(text: str, found: list[Found], sentence_starts: dict[int, int]) -> list[Proposal]:
    """The found statements as proposals, in order: each denial linked to the claim it answers (what it says it
    answers, the claim it shares words with, or what its side answered just before), and each claim a denial
    told before it answers linked back."""
    last_index = -10
    said_in: list[int] = []  # the sentence of each proposal
    proposals: list[Proposal] = []
    words: list[set[str]] = []
    seen_spans: set[tuple[int, int]] = set()
    for f in found:
        if f.end - f.start < 3 or (f.start, f.end) in seen_spans:
            continue
        seen_spans.add((f.start, f.end))
        quote = text[f.start : f.end]
        key = f"p{len(proposals) + 1}"
        cw = content_words(quote)
        kind = f.kind
        denies = None
        prev = proposals[-1] if proposals else None
        if f.cue.startswith("neither"):
            pass  # "neither confirmed nor denied": it answers nothing either way
        elif (
            f.answers_previous
            and prev is not None
            and (prev.start >= f.end or prev.end <= f.start)  # "..., after Y said" / "..., a charge X denies"
            and said_in[-1] == f.sentence_index
        ):
            # "X denied ..., after the coastguard said that ...": the answer to what was said before it
            kind, denies = "denial", prev.key
        elif (
            kind == "claim"
            and prev is not None
            and prev.kind == "denial"
            and prev.denies is not None
            and f.sentence_index - last_index <= 1
            and not DEMAND.search(quote)  # "the commission should explain why ...": a demand of its own
            and (
                (
                    (negates(quote) or FALSE_WORDS.search(quote))
                    and (f.speaker.name == prev.actor or f.speaker.collective or same_side(f, prev))
                )
                or (
                    f.speaker.name != prev.actor
                    and same_side(f, prev, strict=True)
                    and f.sentence_index > last_index
                )
                or (
                    # 'X dismissed reports that ... "Every video was made by volunteers," he said.': the same
                    # speaker's own words, quoted in the very next sentence
                    f.speaker.name == prev.actor
                    and f.sentence_index == last_index + 1
                    and text[f.start - 1 : f.start] in '"\u201c'
                )
            )
        ):
            # a denial elaborated: "Officials denied this. “Nothing has been repaired,” a spokesman said." (the
            # same claim, unless its own words point clearly to another)
            kind, denies = "denial", elaborated(f, cw, unheaded(proposals, text), words, prev)
        elif (
            kind == "claim"
            and prev is not None
            and prev.kind == "denial"
            and prev.denies is not None
            and f.sentence_index - last_index == 1
            and len(words[-1] - content_words(prev.actor)) <= BARE_DENIAL_WORDS
            and (f.speaker.name == prev.actor or f.speaker.affiliation == prev.actor)
            and f.cue not in ACCUSING_CUES  # "She accused the government of ...": a claim of its own
            and not said_at_its_own_time(f, prev, text, sentence_starts)
        ):
            # a bare denial, then its reason in the next sentence: "X rejected the accusation. Every permit
            # followed the rules, it said." / "“That is untrue,” X said. “Every check was done.”"
            kind, denies = "denial", elaborated(f, cw, proposals, words, prev)
        elif f.elaborates and prev is not None and prev.kind == "denial" and prev.denies is None:
            denies = None  # goes on from a denial that answers nothing here
        elif f.elaborates and goes_on(f, prev, last_index):
            # the denial goes on in the same sentence: "rejected the accusation and said ...", "denied that,
            # and its director said ..." answers the same claim, unless its words point to another one
            kind, denies = "denial", elaborated(f, cw, proposals, words, prev)
        elif (
            kind == "claim"
            and negates(quote)
            and not DEMAND.search(quote)
            and (anchor := denial_anchor(f, proposals, said_in))
        ):
            # the same side contradicts again a little later: "Its engineers said no water had left the dam."
            kind, denies = "denial", elaborated(f, cw, proposals, words, anchor)
        elif kind == "denial":
            denies = answered_claim(
                f, cw - content_words(f.speaker.name), unheaded(proposals, text), words, quote
            )
            if denies is None and prev is not None and goes_on(f, prev, last_index):
                denies = prev.denies
            if denies is None:
                denies = accused_claim(f, proposals, words)  # the side the claim is about answers it
            if denies is None and (f.cue in REPLY_CUES or replies(f, text, sentence_starts)):
                denies = latest_other(f, proposals)  # "hit back, saying ...": the other side's last word
        elif (
            kind == "claim"
            and JUDGES_THE_ACCUSATION.match(quote)
            # "the claim that the city had hid anything was ...": the claim whose words it repeats
            and (target := answered_claim(f, judged_words(quote, cw), proposals, words, quote)) is not None
        ):
            # "The party said the allegation was an excuse prepared in advance": what another side says of
            # the accusation (or the report) answers it
            kind, denies = "denial", target
        elif kind == "claim" and (f.cue in REPLY_CUES or replies(f, text, sentence_starts)):
            # "X countered that ...", "In response, X said ...": a reply to the other side's latest word
            target = reply_target(f, cw - content_words(f.speaker.name), proposals, words)
            if target is not None:
                kind, denies = "denial", target
        elif (
            kind == "claim"
            and (negates(quote) or (FALSE_WORDS.search(quote) and STATEMENT_SUBJECT.match(quote)))
            and (target := accused_claim(f, proposals, words)) is not None
        ):
            # the side a claim is about answers it with a negation: "Tallmark had test-fired a missile",
            # then "Tallmark's space agency said no missile had been launched"
            kind, denies = "denial", target
        elif (
            kind == "claim"
            and (target := accused_claim(f, proposals, words)) is not None
            and blames_accuser(f, cw, proposals, target)
        ):
            # the accused side blames its accuser: "the militia's office said the army itself had fired"
            kind, denies = "denial", target
        elif negates(quote):
            # "no contract had been signed" after "the government had signed a contract": a denial
            target = contradicted(f, cw - content_words(f.speaker.name), proposals, words, quote)
            if target is None:
                target = named_account(f, quote, proposals)
            if target is not None:
                kind, denies = "denial", target
        if denies is not None and not credible_link(f, quote, cw, denies, proposals, words, text):
            # a statement the rules took for a denial only by its link stays a claim, and so does an intent
            kind, denies = ("claim" if OWN_INTENT.match(quote) else f.kind), None
        sp = f.speaker
        direct = f.start > 0 and text[f.start - 1] in '\u201c"\u2018'
        if f.start == sentence_starts.get(f.sentence_index) and not direct:
            statement = quote.rstrip(" .,;:") + "."  # the whole sentence names the speaker already
        elif direct:
            statement = f"{sp.name}: \u201c{quote.rstrip(' ,;:')}\u201d"
        else:
            statement = f"{sp.name} said {lower_first(quote)}".rstrip(" .,;:") + "."
        proposals.append(
            Proposal(
                key=key,
                kind=kind,
                quote=quote,
                start=f.start,
                end=f.end,
                statement=statement,
                actor=sp.name,
                role=sp.role,
                affiliation=sp.affiliation,
                said=f.said,
                denies=denies,
                denies_claim_id=None,
                cue=f.cue,
                confidence=f.confidence,
            )
        )
        words.append(cw)
        said_in.append(f.sentence_index)
        last_index = f.sentence_index
        if kind == "claim":
            answer_earlier(proposals, words, said_in, text)
    return proposals
