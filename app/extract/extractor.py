"""The rule-based extractor: attributed statements and denials in English news text.

Pipeline: sentences (quotation-aware, ``app.sentences``) -> attribution patterns (speaker first, speaker last,
"according to", direct quotation) -> speaker phrase parsed into name, role and affiliation, with later references
resolved (``speakers``) -> date said resolved against the publication date (``dates``) -> denials linked to the
claim they answer (``links``: content-word overlap, then proximity).

Only the standard library; nothing is downloaded. Every proposal's quote is ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from app.extract.answers import (
    REPORTS_THAT,
    Found,
)
from app.extract.clauses import (
    ACCUSED_WHEN,
    ALLEGATION_SUBJECT,
    APPOSED_NAME,
    ASIDE_THAT,
    COLON_QUOTE,
    COLON_QUOTE_TOLD,
    CONCEDED,
    CONCEDING,
    CONTINUATION,
    COORDINATED,
    HOW_MUCH_SAID,
    JOINED_SUBORDINATE,
    PLACE_OR_WHEN,
    PREDICATE_AFTER,
    RECIPIENT_VERBS,
    RELATIVE_BEFORE,
    REPORTED_IN_QUESTION,
    SKIP_PLAIN,
    SKIP_RECIPIENT,
    TOLD_WHOM_WHEN,
    TRAILING_ATTRIBUTION,
    according_apposition,
    unattributed,
)
from app.extract.dates import (
    date_in_text,
    names_a_day,
    resolve_date,
)
from app.extract.gate import gated
from app.extract.heads import verb_first_subject
from app.extract.interviews import interview_answers
from app.extract.lexicon import (
    ANAPHORIC_OBJECT,
    AUXILIARY,
    CALLED_ANAPHOR,
    CALLED_FALSE,
    CALLED_FLAWED,
    DENIAL_END,
    DV,
    ELABORATION,
    FALSE_WORDS,
    LEADING_PHRASE,
    NEGATION,
    QUOTE_PAIRS,
    ROLE_RE,
    RV,
    TAIL_OK,
    TURN_NOT_SPEAKERS,
    TURN_RE,
    calls_a_statement_false,
    content_words,
)
from app.extract.limits import LONGEST_SENTENCE, MOST_STATEMENTS
from app.extract.links import link_proposals
from app.extract.model import Proposal
from app.extract.neighbours import day_of_the_act, paragraph_start, quoted_or_setting, split_found
from app.extract.occasions import occasion_dates
from app.extract.persons import from_capitals
from app.extract.places import capitals_in
from app.extract.repeats import without_repeats
from app.extract.speaker_phrases import STATEMENT_FROM, without_asides
from app.extract.speakers import (
    ISSUED_BY,
    RELATIVE_RUNS_ON,
    Speaker,
    State,
    dateline_length,
    document_speaker,
    parse_speaker,
    register,
)
from app.extract.subjects import (
    BARE_NOUNS,
    answered_after,
    delayed_names,
    found,
    not_a_turn,
    saying_participle,
    subject_first,
    subject_of_saying,
)
from app.extract.tails import with_denial_tail
from app.extract.wire import (
    no_comment,
    note_subject,
    two_sides,
    wire_statement,
    with_quote_resumed,
    with_what_was_added,
)
from app.sentences import Sentence, split_sentences


class RuleExtractor:
    """Proposes attributed claims and denials with rules over sentences (English news style)."""

    name = "rules"

    def __init__(self) -> None:
        # (start, end) of the last text's sentences that report speech but name no speaker the rules accept:
        # said so to the analyst rather than given an invented speaker
        self.unattributed: list[tuple[int, int]] = []
        self.turn_names: dict[str, str] = {}  # a transcript's role label -> the name it was first given with
        self.unread = 0  # passages too long to be a sentence (app.extract.limits)
        self.stopped: tuple[int, int] | None = None  # statements drafted, and where drafting stopped

    def propose(self, text: str, *, published: dt.date | None = None, title: str = "") -> list[Proposal]:
        issued = ISSUED_BY.match(title) or ISSUED_BY.match(text)
        state = State(text=text, capitals=capitals_in(text), issuer=issued.group("issuer") if issued else "")
        published = published or date_in_text(text)  # "VELNA, 4 March 2026 -": the text's own date
        found: list[Found] = []
        sentences = split_sentences(text)
        self.unattributed = []
        self.turn_names = {}
        act: tuple[Speaker, dt.date, int] | None = None  # who just acted on a given day, in which paragraph
        self.unread, self.stopped = 0, None
        for index, sent in enumerate(sentences):
            if len(sent.text) > LONGEST_SENTENCE:  # a table or list run together: no sentence of prose
                self.unread += 1
                continue
            if len(found) >= MOST_STATEMENTS:
                self.stopped = (len(found), sent.start)
                break
            results = with_denial_tail(  # "..., a charge X denies": the claim, then X's denial of it
                text, sent, state, published, lambda part: self._sentence(text, part, state, published)
            )
            if results is None:  # "X says ...; Y says ...": each side's statement alone
                results = two_sides(
                    sent,
                    state,
                    lambda part, nested: self._sentence(text, part, state, published, nested=nested),
                )
            if results is None:  # "X did not respond to a request for comment, but has denied ..."
                results = no_comment(text, sent, state)
            if results is None:  # "State media quoted X as saying ...", "..., X said when asked ..."
                results = wire_statement(
                    text, sent, state, published, lambda p: self._sentence(text, p, state, published)
                )
            if results is None:
                results = self._sentence(text, sent, state, published)
            results = with_what_was_added(text, answered_after(text, results, state, published))
            results = with_quote_resumed(text, sent.end, results)  # '"...," X said, "and ..."'
            results = split_found(text, sent, results, state, published)
            for f in results:
                f.sentence_index = index
                found.append(f)
            if not results and unattributed(sent.text):
                self.unattributed.append((sent.start, sent.end))
            if not results:
                note_subject(state, sent.text[dateline_length(sent.text) :])  # and the people it names
            act = day_of_the_act(text, sent, results, state, published, act)
        delayed_names(found)  # "The former chairman of X said ..." then "Anselm Tolland said ..."
        # an unlabelled interview's answers, each in its place (the rest keeps its order)
        for answer in interview_answers(text, found, sentences, state, published):
            at = next((k for k, f in enumerate(found) if f.start > answer.start), len(found))
            found.insert(at, answer)
        found = gated(found, sentences, self.unattributed)  # the one gate every drafted speaker passes
        found = without_repeats(text, found)  # a standfirst or pull quote repeating the story: drafted once
        dates = occasion_dates(text, found, sentences, published)
        proposals = link_proposals(text, found, {i: sent.start for i, sent in enumerate(sentences)})
        return [replace(p, said=dates.get((p.start, p.end), p.said)) for p in proposals]

    # ---- one sentence
    def _sentence(
        self, text: str, sent: Sentence, state: State, published: dt.date | None, *, nested: bool = False
    ) -> list[Found]:
        s = sent.text
        base = sent.start
        sp: Speaker | None
        results: list[Found] = []
        said = resolve_date(s, published)

        # 0. a transcript turn: "MR. SULLIVAN: ..." / "Dana Reyes: ..." (each statement of the turn)
        turn = None if nested else TURN_RE.match(text, paragraph_start(text, sent.start))
        if turn is not None and turn.group("label").strip().upper() in (
            "Q",
            "QUESTION",
            "REPORTER",
            "MODERATOR",
        ):
            if s.rstrip().endswith("?") or REPORTED_IN_QUESTION.search(s) is None:
                return []  # a question is not a claim
            # "QUESTION (Ilse Marn): The guild said on Sunday that ...": what the question reports others said
            # (a past statement told in full; "The rebels say ...?" leads into the question)
            turn = None
        if turn is not None and not_a_turn(turn.group("label")):
            turn = None  # "Others were less sure:", "Read more:", "Notes to editors:" open no turn
        if turn is not None and turn.group("label").strip().upper() not in TURN_NOT_SPEAKERS:
            label = re.sub(r"^(MR|MRS|MS|DR)\.?\s+", "", turn.group("label"), flags=re.I).strip()
            label = from_capitals(label) if label.isupper() else label
            who = turn.group("who")
            if who and not who[:1].isupper():
                who = None  # "(recorded)", "(via video link)": a note on the turn, not a name
            if who and "," not in who and label.upper() == turn.group("label").strip():
                self.turn_names[label] = (
                    who  # "SPOKESPERSON (Jadwiga Vorhees-Lepik):" names the later turns too
                )
            if label in self.turn_names:
                label = self.turn_names[label]
            if "press secretary" not in label.lower() and "moderator" not in label.lower():
                sp = parse_speaker(label, state) or register(state, Speaker(label))
                body_start = max(sent.start, turn.end())
                seg = text[body_start : sent.end].rstrip()
                # a correspondent's turn reports others: "A spokesman told me the minister had ...", "She says
                # ..."; the turn's label speaks only what its turn does not give to someone else
                inner = self._sentence(
                    text, Sentence(body_start, sent.end, seg, sent.paragraph), state, published, nested=True
                )
                if inner and all(f.speaker.name != sp.name for f in inner):
                    return inner
                if (
                    len(seg.split()) >= 7
                    and not seg.endswith("?")
                    and not re.match(
                        r"^(thanks|thank you|good (morning|afternoon|evening)|let me|i want to)\b", seg, re.I
                    )
                ):
                    seg = seg.rstrip(".!")
                    return [
                        found(text, "claim", body_start, body_start + len(seg), sp, "transcript", said, 0.5)
                    ]
            return []
        # a wire dateline opening the story ("KESSEL, March 3 (Meridian Wire) - ") is not part of any sentence
        cut = dateline_length(s)
        if cut:
            s, base = s[cut:], base + cut
        # 1. "According to X, CONTENT." / "CONTENT, according to X."
        m = re.match(r"^According to (?P<spk>[^,]{2,120}),\s*(?P<content>.+?)[.!?\"\u201d]*$", s)
        if m:
            # "According to Ana Pell, the harbour master, CONTENT": the apposition is who, not what
            ap = according_apposition(s, m.start("content"), m.group("spk"))
            both = f"{m.group('spk')}, {ap.group('ap')}" if ap is not None else ""
            sp = parse_speaker(both, state) if both else None
            start = ap.end() if sp is not None and ap is not None else m.start("content")
            sp = sp or parse_speaker(m.group("spk"), state) or document_speaker(m.group("spk"), state)
            if sp is not None:
                return [
                    found(
                        text,
                        "claim",
                        base + start,
                        base + m.end("content"),
                        sp,
                        "according to",
                        said,
                        0.8,
                    )
                ]
        m = re.match(r"^(?P<content>.+?),\s*according to (?P<spk>[^,]{2,160}?)(?:,[^.]*)?[.!?]?$", s)
        if m:
            # "..., according to the port director, Zanele Okonkwo": the role, then who holds it
            named = APPOSED_NAME.match(s, m.end("spk"))
            sp = (
                parse_speaker(f"{m.group('spk')}, {named.group('name')}", state)
                if named is not None
                else None
            )
            sp = sp or parse_speaker(m.group("spk"), state) or document_speaker(m.group("spk"), state)
            content = m.group("content")
            issued = STATEMENT_FROM.match(m.group("spk").strip())  # "a statement from X": X's own words
            if sp is not None and not nested and not issued and (RV.search(content) or DV.search(content)):
                # "The driver told investigators the bus slid, according to the sheriff's office": what the
                # content's own subject said, which the office passes on
                part = Sentence(base + m.start("content"), base + m.end("content"), content, sent.paragraph)
                inner = self._sentence(text, part, state, published, nested=True)
                if inner and all(f.speaker.name != sp.name for f in inner):
                    for f in inner:  # "..., said on Tuesday, according to X": a day after the content
                        f.said = f.said or resolve_date(s[m.end("content") :], published)
                    return inner
            if sp is not None:
                return [
                    found(
                        text,
                        "claim",
                        base + m.start("content"),
                        base + m.end("content"),
                        sp,
                        "according to",
                        resolve_date(
                            s[m.end("content") :], published
                        ),  # "left on Friday, according to X": an event's day
                        0.8,
                    )
                ]

        # 2. speaker last: "“QUOTE,” X said." / "CONTENT, X told reporters on Monday, in ..." / "“QUOTE,” said X."
        verbs = sorted(list(RV.finditer(s)) + list(DV.finditer(s)), key=lambda m: m.start(), reverse=True)
        for vm in verbs:
            pre = s[: vm.start()]
            sep = max(pre.rfind(","), pre.rfind("\u201d"), pre.rfind('"'))
            if (
                s[:1] == "\u2018"
            ):  # "\u2018We will reopen,\u2019 Ana Pell said": a quote in single marks (not O\u2019Hara)
                sep = max([sep] + [q.end() - 1 for q in re.finditer(r"[,.!?]\u2019", pre)])
            if sep <= 0:
                continue
            np = pre[sep + 1 :].strip()
            if not np and RELATIVE_BEFORE.search(pre):
                continue  # "X, who was appointed in March, said ...": the subject speaks, what follows is said
            if not np and pre.rstrip().endswith(","):
                # "..., the UN humanitarian coordinator, Ines Varga, said": the speaker is the last segments
                segments = pre.rstrip(" ,").split(",")
                for k in (2, 1):
                    if len(segments) > k and all(len(x.split()) <= 8 for x in segments[-k:]):
                        candidate = ",".join(segments[-k:]).strip()
                        probe = parse_speaker(
                            candidate, State(list(state.speakers), state.last, state.last_collective)
                        )
                        if probe is not None:
                            np = candidate
                            sep = len(",".join(segments[:-k]))
                            break
            after = s[vm.end() :]
            after_clause = re.split(r",|\.\s|[.!?]$", after, maxsplit=1)[0]
            # "\u201cQUOTE,\u201d Ana Pell told a rally outside the port gates": all after the verb is a tail
            quoted = quoted_or_setting(s, sep, np, after_clause)
            if len(after_clause.split()) > (16 if quoted else 8) or re.search(
                r"\bthat\b|[\u201c\"]", after_clause
            ):
                continue
            if (
                np
                and after_clause.strip()
                and (
                    AUXILIARY.search(after_clause)
                    or not (quoted or TAIL_OK.match(after_clause.strip()) or len(after_clause.split()) <= 6)
                )
            ):
                continue  # "X said Iran would ...": what follows the verb is the content, not a tail
            inverted = not np
            if inverted:  # "said X" / "said X, the minister": the speaker follows the verb
                rest = after.strip().rstrip(".!?")
                np = re.sub(
                    r"\s+(on|in|at|late|early|last|this|during|after|before|when|while|who)\b.*$", "", rest
                )
                np = re.sub(r",\s*who\b.*$", "", np)
            elif len(np.split()) > 12 or RELATIVE_RUNS_ON.search(np):
                continue  # "a quarry on fields that local farmers had declared as ...": not who said what precedes
            elif (
                re.match(r"(?:and|but)\s", np)
                and after_clause.strip()
                and not TAIL_OK.match(after_clause.strip())
            ):
                continue  # "..., and the army said the militia was responsible": what was said follows
            sp = parse_speaker(np, state) or subject_of_saying(np, vm.group(0), state, inverted=inverted)
            if sp is None:
                continue
            c_start, c_end = 0, sep
            seg = s[c_start:c_end]
            c_start += len(seg) - len(seg.lstrip("\u201c\"'\u2018 "))
            seg = s[c_start:c_end].rstrip(',\u201d\u2019" ')
            c_end = c_start + len(seg)
            if len(seg.split()) < 3:
                continue
            lead = LEADING_PHRASE.match(s)
            if lead is not None and lead.end() >= sep:
                continue  # "In a statement issued late on Tuesday, the company said its cap ...": an opening phrase
            predicate = PREDICATE_AFTER.match(s, vm.end())
            if (
                predicate is not None
                and s[:1] not in '\u201c"'
                and len(seg.split()) <= 6
                and len(np.split()) <= 3
                and not (AUXILIARY.search(seg) or RV.search(seg))
            ):
                # "The folk song, she said yesterday, was in another mode", "The government's own forces, she
                # said, had never used drones": the subject, then what it was said to be, around who said it
                c_end = len(s.rstrip(' .!?"\u201d'))
            elif (
                not inverted  # "The bank failed, said Ana Pell": before an inverted verb is what was said
                and len(seg.split()) <= 6
                and s[:1] not in '\u201c"'
                and ROLE_RE.search(seg)
                and not (AUXILIARY.search(seg) or RV.search(seg))
            ):
                continue  # "Ostria's defence minister, Karol Nemec, dismissed ...": a description, not content
            elif (
                not inverted
                and len(seg.split()) <= 4
                and re.match(r"(?:the|a|an|its|his|her|their)\s", seg, re.I)
                and not (AUXILIARY.search(seg) or RV.search(seg) or NEGATION.search(seg))
            ):
                continue  # "The road builder, Hallgren Construction, refuted ...": who it is, not what was said
            verb = vm.group(0)
            kind = "denial" if (DV.fullmatch(verb) or FALSE_WORDS.search(seg)) else "claim"
            conf = 0.9 if s[:1] in '\u201c"' else 0.75
            when = resolve_date(s[sep:], published)  # a date inside what was said is not when it was said
            c_start += dateline_length(s[c_start:c_end])
            # '"The allegation is absurd," she said': what it judges is what was just alleged
            judged = kind == "denial" and ALLEGATION_SUBJECT.match(s[c_start:c_end]) is not None
            return [found(text, kind, base + c_start, base + c_end, sp, verb, when, conf, anaphoric=judged)]

        # 3. speaker first: "X said (that) CONTENT." / "X denied (that) CONTENT." / "X called the report baseless."
        lead = LEADING_PHRASE.match(s)
        # "In a statement on Sunday, after a draft was reported in the press, the ministry said ...": a verb inside
        # the opening phrase is not the sentence's
        lead_end = (
            lead.end()
            if lead is not None and "\u201c" not in lead.group(0) and '"' not in lead.group(0)
            else 0
        )
        joined = JOINED_SUBORDINATE.match(s)
        if joined is not None and (
            RV.search(s, 0, joined.start("joint")) or DV.search(s, 0, joined.start("joint"))
        ):
            joined = None
        if joined is not None and (RV.search(s, joined.end()) or DV.search(s, joined.end())):
            lead_end = max(lead_end, joined.end())
        rm = RV.search(s, lead_end)
        dm = DV.search(s, lead_end)
        if lead_end and rm is None and dm is None:
            rm, dm = RV.search(s), DV.search(s)
        first = min((m for m in (rm, dm) if m is not None), key=lambda m: m.start(), default=None)
        # "A convoy came under fire on Wednesday, and the army said ...": the speaker opens the last clause
        joined_at = COORDINATED.search(s, 0, first.start()) if first is not None else None
        np_start = joined_at.end() if joined_at is not None else 0
        if first is not None:  # "X calls it a stunt; commission says ...": a speaker never spans a semicolon
            np_start = max(np_start, s.rfind(";", 0, first.start()) + 1)
        # (and the clause after it, in a headline's English, drops its article: "commission" is "the commission")
        headline = (
            first is not None and ";" in s[:np_start] and BARE_NOUNS.fullmatch(s[np_start : first.start()])
        )
        verb_first = verb_first_subject(s[np_start : first.start()]) if first is not None else None
        np_start += (
            verb_first or 0
        )  # "Visit the lock and the keeper says": the subject of the clause after "and"
        if joined is not None and lead_end == joined.end():
            np_start = max(np_start, lead_end)
        if (
            first is not None
            and without_asides(s[max(np_start, lead_end) : first.start()]).count(" ")
            <= (24 if re.search(r"\basked\b", s[: first.start()]) else 14)
            and not s[: first.start()].count("\u201c")
            and s[: first.start()].count('"') % 2 == 0  # 'called it "a lie told over ...': a quote's verb
        ):
            np = ("the " if headline else "") + s[np_start : first.start()].strip()
            sp = subject_first(np, first.group(0), text, base + np_start, state)
            if sp is not None:
                rest_start = first.end()
                rest = s[rest_start:]
                if first is dm:
                    return self._denial_first(text, s, base, first, sp, published, state=state)
                # "told reporters", "told the Daily Ledger", "told Reuters": a recipient only after a verb that
                # takes one ("officials believe Ruritania might ..." keeps its subject)
                recipient = SKIP_RECIPIENT if RECIPIENT_VERBS.fullmatch(first.group(0)) else SKIP_PLAIN
                skip = recipient.match(rest)
                offset = rest_start + (skip.end() if skip else 0)
                # "wrote to the ministry on Tuesday that", "said in a short statement on Thursday that": to whom or
                # where, and when, up to what was said
                told = (
                    TOLD_WHOM_WHEN.match(s, rest_start)
                    if recipient is SKIP_RECIPIENT or PLACE_OR_WHEN.match(rest)
                    else None
                )
                if told is not None and told.end() > offset and names_a_day(told.group("whom")):
                    offset = told.end()  # "told a meeting of councillors on Tuesday that": to whom and when
                aside = ASIDE_THAT.match(s, rest_start)  # "said, without giving evidence, that ..."
                if aside is not None and aside.end() > offset:
                    offset = aside.end()
                if first.group(0).startswith("neither"):
                    if not re.match(r"\s*that\b", rest):
                        # "neither confirmed nor denied the report": nothing is told (but a clause joined after it
                        # may tell something: "..., and the monitoring mission said it had no observers there")
                        joint = re.search(r",\s*(?:and|but)\s+", rest)
                        if joint is None:
                            return []
                        c0 = rest_start + joint.end()
                        part = Sentence(base + c0, base + len(s), s[c0:], -1)
                        return self._sentence(text, part, state, published, nested=True)
                    offset = first.start()  # "neither confirmed nor denied that ...": the words say it
                colon = (
                    COLON_QUOTE.match(s, offset)
                    or COLON_QUOTE.match(s, rest_start)
                    or (COLON_QUOTE_TOLD.match(s, rest_start) if recipient is SKIP_RECIPIENT else None)
                )
                if (
                    colon is not None and colon.end() > offset
                ):  # "said at a news conference in Kessel on Monday: “...": where and when
                    offset = colon.end()
                content = s[offset:].rstrip(".!? ")
                if HOW_MUCH_SAID.match(content):
                    return []  # "has said little in public": how much was said, not what
                tail = TRAILING_ATTRIBUTION.search(content)
                if tail is not None and tail.start() > 8:  # "..., in a statement issued on Thursday"
                    attribution = content[tail.start() :]
                    content = content[: tail.start()]
                else:
                    attribution = ""
                said = resolve_date(s[max(np_start, dateline_length(s)) : offset], published) or resolve_date(
                    attribution, published
                )
                accused_when = (
                    ACCUSED_WHEN.match(content) if first.group(0).lower().startswith("accus") else None
                )
                if (
                    said is None and accused_when is not None
                ):  # "accused Tavria on Monday of ...": when accused
                    said = resolve_date(accused_when.group("when"), published)
                is_deny = first is dm
                if is_deny:
                    kind = "denial"
                    anaphoric = bool(ANAPHORIC_OBJECT.match(content))
                    if content and len(content) >= 3:
                        return [
                            found(
                                text,
                                kind,
                                base + offset,
                                base + offset + len(content),
                                sp,
                                first.group(0),
                                said,
                                0.8,
                                anaphoric=anaphoric,
                            )
                        ]
                elif len(content) >= 8:
                    cm = CALLED_FALSE.search(s)
                    cm = cm if cm is not None and calls_a_statement_false(cm) else None
                    kind = (
                        "denial"
                        if (
                            FALSE_WORDS.search(content)
                            and re.search(
                                r"\b(not|no|never)\b|"
                                r"baseless|false|untrue|lies|nonsense|fabricat|provocation|propaganda|smear|"
                                r"fiction|hoax|absurd|misleading|distort|reject|den(?:y|ies|ied)|refute|dismiss",
                                content,
                                re.I,
                            )
                        )
                        else "claim"
                    )
                    if cm is not None:
                        kind = "denial"
                    split = CONCEDED.search(content) if CONCEDING.fullmatch(first.group(0)) else None
                    if split is not None:
                        # "acknowledged that the ministry had paid, but said every report was delivered": what is
                        # conceded is a claim, what follows "but said" answers the other side
                        start2 = base + offset + split.end()
                        return [
                            found(
                                text,
                                "claim",
                                base + offset,
                                base + offset + split.start(),
                                sp,
                                first.group(0),
                                said,
                                0.8,
                            ),
                            found(
                                text,
                                "denial",
                                start2,
                                base + offset + len(content),
                                sp,
                                "but said",
                                said,
                                0.75,
                            ),
                        ]
                    return [
                        found(
                            text,
                            kind,
                            base + offset,
                            base + offset + len(content),
                            sp,
                            first.group(0),
                            said,
                            0.8,
                            anaphoric=kind == "denial" and bool(ANAPHORIC_OBJECT.match(content)),
                        )
                    ]
        # 4. "X called the report baseless" / "X called it politically motivated" without a reporting verb first
        cm = CALLED_ANAPHOR.search(s) or CALLED_FALSE.search(s) or CALLED_FLAWED.search(s)
        cut = 0  # "..., but the harbour master called it baseless": the last clause's subject
        if cm is not None:
            opening = JOINED_SUBORDINATE.match(s)
            opening = None if opening is None or RV.search(s, 0, opening.start("joint")) else opening
            opening = opening or LEADING_PHRASE.match(s)  # "Because the river is still rising, X called ..."
            cut = opening.end() if opening is not None and opening.end() <= cm.start() else 0
            co = COORDINATED.search(s, cut, cm.start())
            cut = co.end() if co is not None else cut
        if cm is not None and without_asides(s[cut : cm.start()]).count(" ") <= 12:
            sp = parse_speaker(s[cut : cm.start()], state)
            if sp is not None and cm.re is CALLED_FALSE and not calls_a_statement_false(cm):
                # "called the payments an insult to every voter": a judgement of an act, told as a claim
                end = len(s.rstrip(' .!?"\u201d'))
                when = resolve_date(s[: cm.start()], published)
                return [found(text, "claim", base + cm.start(), base + end, sp, "called", when, 0.7)]
            if sp is not None:
                return self._denial_first(text, s, base, cm, sp, published, cue=cm.group(1), state=state)
        # 4b. "Regulators grounded six jets on Tuesday, saying CONTENT": the sentence's subject said what
        # follows "saying"
        participle = saying_participle(text, s, base, state, published)
        if participle is not None:
            return [participle]
        # 5. a quotation continuing the last speaker's words: a paragraph that is only a quotation
        if s[:1] in '\u201c"' and state.last is not None and len(s) > 20 and not RV.search(s):
            q = QUOTE_PAIRS.match(s)
            if q:
                g = "q" if q.group("q") else "q2"
                kind = "denial" if FALSE_WORDS.search(q.group(g)) else "claim"
                outside = (
                    s[: q.start(g)] + s[q.end(g) :]
                )  # a day inside the quotation is not when it was said
                when = resolve_date(outside, published)
                return [
                    found(text, kind, base + q.start(g), base + q.end(g), state.last, "quotation", when, 0.5)
                ]
        return results

    def _denial_first(
        self,
        text: str,
        s: str,
        base: int,
        verb: re.Match[str],
        sp: Speaker,
        published: dt.date | None,
        *,
        cue: str | None = None,
        state: State | None = None,
    ) -> list[Found]:
        """'X denied this', 'X rejected the accusation and said CONTENT', 'X dismissed reports that CONTENT':
        the denial's own clause (from the sentence's start: 'Officials denied this.' says little alone), then
        what it goes on to say, answering the same claim."""
        rest = s[verb.end() :]
        more = ELABORATION.search(rest)
        aside = DENIAL_END.search(rest)
        joined = CONTINUATION.search(rest)  # "..., and its director, Otto Lind, said every bid was public"
        stop = min([m.start() for m in (more, aside, joined) if m is not None] or [len(rest)])
        clause = s[: verb.end() + stop].rstrip(" ,.!?")
        obj = rest[:stop]
        when = resolve_date(clause[dateline_length(clause) :], published)
        reported = REPORTS_THAT.match(obj)  # "dismissed reports that he had met officials": its own content
        anaphoric = not reported and (
            bool(ANAPHORIC_OBJECT.match(obj))
            or len(content_words(obj)) <= 3
            or CALLED_ANAPHOR.fullmatch(verb.group(0)) is not None  # "called the report alarmist in a post"
        )
        cue = cue or verb.group(0)
        out = [found(text, "denial", base, base + len(clause), sp, cue, when, 0.8, anaphoric=anaphoric)]
        if more is not None and (aside is None or more.start() <= aside.start()):
            c0 = verb.end() + more.end()
            skip = SKIP_PLAIN.match(s[c0 - 1 :]) if s[c0 - 1 : c0].isspace() else None
            if skip is not None and names_a_day(skip.group(0)):
                # "dismissed reports that ..., saying on Monday that ...": the day of the whole answer
                when = resolve_date(skip.group(0), published)
                out[0].said = when
                c0 += skip.end() - 1
            tail = DENIAL_END.search(s, c0)
            content = s[c0 : tail.start() if tail else len(s)].rstrip(" ,.!?")
            if len(content.split()) >= 3:
                f = found(text, "denial", base + c0, base + c0 + len(content), sp, cue, when, 0.7)
                f.elaborates = True
                out.append(f)
        elif joined is not None and joined.start() == stop and state is not None:
            c0 = verb.end() + joined.end()
            part = Sentence(base + c0, base + len(s), s[c0:], -1)
            for f in self._sentence(text, part, state, published, nested=True):
                f.elaborates = True
                out.append(f)
        return out
