"""The rule-based extractor: attributed statements and denials in English news text.

Pipeline: sentences (quotation-aware, ``app.sentences``) -> attribution patterns (speaker first, speaker last,
"according to", direct quotation) -> speaker phrase parsed into name, role and affiliation, with later references
resolved (``speakers``) -> date said resolved against the publication date (``dates``) -> denials linked to the
claim they answer (content-word overlap, then proximity).

Only the standard library; nothing is downloaded. Every proposal's quote is ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from app.extract.dates import date_in_text, resolve_date
from app.extract.lexicon import (
    ANAPHORIC_OBJECT,
    AUXILIARY,
    CALLED_ANAPHOR,
    CALLED_FALSE,
    DEMONSTRATIVE,
    DENIAL_END,
    DV,
    ELABORATION,
    FALSE_WORDS,
    NEGATION,
    NOT_SPEAKER_WORDS,
    QUOTE_PAIRS,
    ROLE_RE,
    RV,
    STOPWORDS,
    TAIL_OK,
    TURN_NOT_SPEAKERS,
    TURN_RE,
    content_words,
)
from app.extract.model import Proposal
from app.extract.places import capitals_in
from app.extract.speakers import (
    Speaker,
    State,
    dateline_length,
    document_speaker,
    is_fragment,
    parse_speaker,
    register,
)
from app.sentences import Sentence, split_sentences


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    speaker: Speaker
    cue: str
    said: dt.date | None
    confidence: float
    sentence_index: int
    anaphoric: bool = False
    elaborates: bool = False  # goes on with the denial just before it: answers the same claim


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


class RuleExtractor:
    """Proposes attributed claims and denials with rules over sentences (English news style)."""

    name = "rules"

    def __init__(self) -> None:
        # (start, end) of the last text's sentences that report speech but name no speaker the rules accept:
        # said so to the analyst rather than given an invented speaker
        self.unattributed: list[tuple[int, int]] = []

    def propose(self, text: str, *, published: dt.date | None = None) -> list[Proposal]:
        state = State(text=text, capitals=capitals_in(text))
        published = published or date_in_text(text)  # "VELNA, 4 March 2026 -": the text's own date
        found: list[_Found] = []
        sentences = split_sentences(text)
        self.unattributed = []
        for index, sent in enumerate(sentences):
            results = self._sentence(text, sent, state, published)
            for f in results:
                f.sentence_index = index
                found.append(f)
            if not results and _unattributed(sent.text):
                self.unattributed.append((sent.start, sent.end))
        return self._proposals(text, found, {i: sent.start for i, sent in enumerate(sentences)})

    # ---- one sentence
    def _sentence(
        self, text: str, sent: Sentence, state: State, published: dt.date | None, *, nested: bool = False
    ) -> list[_Found]:
        s = sent.text
        base = sent.start
        sp: Speaker | None
        results: list[_Found] = []
        said = resolve_date(s, published)

        # 0. a transcript turn: "MR. SULLIVAN: ..." / "Dana Reyes: ..." (each statement of the turn)
        turn = None if nested else TURN_RE.match(text, _paragraph_start(text, sent.start))
        if turn is not None and turn.group("label").strip().upper() in (
            "Q",
            "QUESTION",
            "REPORTER",
            "MODERATOR",
        ):
            return []  # a question is not a claim, whatever it quotes
        if turn is not None and (
            is_fragment(turn.group("label")) or turn.group("label").split()[0].lower() in NOT_SPEAKER_WORDS
        ):
            turn = None  # "Others were less sure: ...", "Read more: ..." are not a transcript's turns
        if turn is not None and turn.group("label").strip().upper() not in TURN_NOT_SPEAKERS:
            label = re.sub(r"^(MR|MRS|MS|DR)\.?\s+", "", turn.group("label"), flags=re.I).strip()
            label = label.title() if label.isupper() else label
            if "press secretary" not in label.lower() and "moderator" not in label.lower():
                sp = parse_speaker(label, state) or register(state, Speaker(label))
                body_start = max(sent.start, turn.end())
                seg = text[body_start : sent.end].rstrip()
                if (
                    len(seg.split()) >= 7
                    and not seg.endswith("?")
                    and not re.match(
                        r"^(thanks|thank you|good (morning|afternoon|evening)|let me|i want to)\b", seg, re.I
                    )
                ):
                    seg = seg.rstrip(".!")
                    return [
                        self._found(
                            text, "claim", body_start, body_start + len(seg), sp, "transcript", said, 0.5
                        )
                    ]
            return []
        # a wire dateline opening the story ("KESSEL, March 3 (Meridian Wire) - ") is not part of any sentence
        cut = dateline_length(s)
        if cut:
            s, base = s[cut:], base + cut
        # 1. "According to X, CONTENT." / "CONTENT, according to X."
        m = re.match(r"^According to (?P<spk>[^,]{2,120}),\s*(?P<content>.+?)[.!?\"\u201d]*$", s)
        if m:
            sp = parse_speaker(m.group("spk"), state) or document_speaker(m.group("spk"), state)
            if sp is not None:
                return [
                    self._found(
                        text,
                        "claim",
                        base + m.start("content"),
                        base + m.end("content"),
                        sp,
                        "according to",
                        said,
                        0.8,
                    )
                ]
        m = re.match(r"^(?P<content>.+?),\s*according to (?P<spk>[^,]{2,160}?)(?:,[^.]*)?[.!?]?$", s)
        if m:
            sp = parse_speaker(m.group("spk"), state) or document_speaker(m.group("spk"), state)
            if sp is not None:
                return [
                    self._found(
                        text,
                        "claim",
                        base + m.start("content"),
                        base + m.end("content"),
                        sp,
                        "according to",
                        said,
                        0.8,
                    )
                ]

        # 2. speaker last: "“QUOTE,” X said." / "CONTENT, X told reporters on Monday, in ..." / "“QUOTE,” said X."
        verbs = sorted(list(RV.finditer(s)) + list(DV.finditer(s)), key=lambda m: m.start(), reverse=True)
        for vm in verbs:
            pre = s[: vm.start()]
            sep = max(pre.rfind(","), pre.rfind("\u201d"), pre.rfind('"'))
            if sep <= 0:
                continue
            np = pre[sep + 1 :].strip()
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
            if len(after_clause.split()) > 8 or re.search(r"\bthat\b|[\u201c\"]", after_clause):
                continue
            if (
                np
                and after_clause.strip()
                and (
                    AUXILIARY.search(after_clause)
                    or not (TAIL_OK.match(after_clause.strip()) or len(after_clause.split()) <= 6)
                )
            ):
                continue  # "X said Iran would ...": what follows the verb is the content, not a tail
            if not np:  # "said X" / "said X, the minister": the speaker follows the verb
                rest = after.strip().rstrip(".!?")
                np = re.sub(
                    r"\s+(on|in|at|late|early|last|this|during|after|before|when|while|who)\b.*$", "", rest
                )
                np = re.sub(r",\s*who\b.*$", "", np)
            elif len(np.split()) > 12:
                continue
            sp = parse_speaker(np, state)
            if sp is None:
                continue
            c_start, c_end = 0, sep
            seg = s[c_start:c_end]
            c_start += len(seg) - len(seg.lstrip("\u201c\"'\u2018 "))
            seg = s[c_start:c_end].rstrip(',\u201d" ')
            c_end = c_start + len(seg)
            if len(seg.split()) < 3:
                continue
            if (
                len(seg.split()) <= 6
                and s[:1] not in '\u201c"'
                and ROLE_RE.search(seg)
                and not (AUXILIARY.search(seg) or RV.search(seg))
            ):
                continue  # "Ostria's defence minister, Karol Nemec, dismissed ...": a description, not content
            if (
                len(seg.split()) <= 4
                and re.match(r"(?:the|a|an|its|his|her|their)\s", seg, re.I)
                and not (AUXILIARY.search(seg) or RV.search(seg) or NEGATION.search(seg))
            ):
                continue  # "The road builder, Hallgren Construction, refuted ...": who it is, not what was said
            verb = vm.group(0)
            kind = "denial" if (DV.fullmatch(verb) or FALSE_WORDS.search(seg)) else "claim"
            conf = 0.9 if s[:1] in '\u201c"' else 0.75
            when = resolve_date(s[sep:], published)  # a date inside what was said is not when it was said
            c_start += dateline_length(s[c_start:c_end])
            return [self._found(text, kind, base + c_start, base + c_end, sp, verb, when, conf)]

        # 3. speaker first: "X said (that) CONTENT." / "X denied (that) CONTENT." / "X called the report baseless."
        rm = RV.search(s)
        dm = DV.search(s)
        first = min((m for m in (rm, dm) if m is not None), key=lambda m: m.start(), default=None)
        if (
            first is not None
            and s[: first.start()].count(" ") <= (24 if re.search(r"\basked\b", s[: first.start()]) else 14)
            and not s[: first.start()].count("\u201c")
        ):
            np = s[: first.start()]
            sp = parse_speaker(np, state)
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
                content = s[offset:].rstrip(".!? ")
                tail = TRAILING_ATTRIBUTION.search(content)
                if tail is not None and tail.start() > 8:  # "..., in a statement issued on Thursday"
                    attribution = content[tail.start() :]
                    content = content[: tail.start()]
                else:
                    attribution = ""
                said = resolve_date(s[dateline_length(s) : offset], published) or resolve_date(
                    attribution, published
                )
                is_deny = first is dm
                if is_deny:
                    kind = "denial"
                    anaphoric = bool(ANAPHORIC_OBJECT.match(content))
                    if content and len(content) >= 3:
                        return [
                            self._found(
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
                    kind = (
                        "denial"
                        if (
                            FALSE_WORDS.search(content)
                            and re.search(
                                r"\b(not|no|never)\b|"
                                r"baseless|false|untrue|lies|nonsense|fabricat|provocation|propaganda|smear|"
                                r"fiction|hoax|absurd|misleading|distort",
                                content,
                                re.I,
                            )
                        )
                        else "claim"
                    )
                    if cm is not None:
                        kind = "denial"
                    return [
                        self._found(
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
        cm = CALLED_ANAPHOR.search(s) or CALLED_FALSE.search(s)
        if cm is not None and s[: cm.start()].count(" ") <= 12:
            sp = parse_speaker(s[: cm.start()], state)
            if sp is not None:
                return self._denial_first(text, s, base, cm, sp, published, cue=cm.group(1), state=state)
        # 5. a quotation continuing the last speaker's words: a paragraph that is only a quotation
        if s[:1] in '\u201c"' and state.last is not None and len(s) > 20 and not RV.search(s):
            q = QUOTE_PAIRS.match(s)
            if q:
                g = "q" if q.group("q") else "q2"
                kind = "denial" if FALSE_WORDS.search(q.group(g)) else "claim"
                return [
                    self._found(
                        text, kind, base + q.start(g), base + q.end(g), state.last, "quotation", said, 0.5
                    )
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
    ) -> list[_Found]:
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
        anaphoric = not reported and (bool(ANAPHORIC_OBJECT.match(obj)) or len(content_words(obj)) <= 3)
        cue = cue or verb.group(0)
        out = [self._found(text, "denial", base, base + len(clause), sp, cue, when, 0.8, anaphoric=anaphoric)]
        if more is not None and (aside is None or more.start() <= aside.start()):
            c0 = verb.end() + more.end()
            tail = DENIAL_END.search(s, c0)
            content = s[c0 : tail.start() if tail else len(s)].rstrip(" ,.!?")
            if len(content.split()) >= 3:
                f = self._found(text, "denial", base + c0, base + c0 + len(content), sp, cue, when, 0.7)
                f.elaborates = True
                out.append(f)
        elif joined is not None and joined.start() == stop and state is not None:
            c0 = verb.end() + joined.end()
            part = Sentence(base + c0, base + len(s), s[c0:], -1)
            for f in self._sentence(text, part, state, published, nested=True):
                f.elaborates = True
                out.append(f)
        return out

    def _found(
        self,
        text: str,
        kind: str,
        start: int,
        end: int,
        speaker: Speaker,
        cue: str,
        said: dt.date | None,
        conf: float,
        *,
        anaphoric: bool = False,
    ) -> _Found:
        while start < end and text[start] in " ,:;\u201c\"'\u2018":
            start += 1
        while end > start and text[end - 1] in " ,;:\u201d\"'\u2019":
            end -= 1
        return _Found(kind, start, end, speaker, cue.lower(), said, conf, 0, anaphoric)

    # ---- proposals and denial links
    def _proposals(self, text: str, found: list[_Found], sentence_starts: dict[int, int]) -> list[Proposal]:
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
            if (
                kind == "claim"
                and prev is not None
                and prev.kind == "denial"
                and prev.denies is not None
                and f.sentence_index - last_index <= 1
                and (
                    (
                        (NEGATION.search(quote) or FALSE_WORDS.search(quote))
                        and (f.speaker.name == prev.actor or f.speaker.collective or self._same_side(f, prev))
                    )
                    or (
                        f.speaker.name != prev.actor
                        and self._same_side(f, prev, strict=True)
                        and f.sentence_index > last_index
                    )
                )
            ):
                # a denial elaborated: "Officials denied this. “Nothing has been repaired,” a spokesman said."
                kind, denies = "denial", prev.denies
            elif f.elaborates and prev is not None and prev.kind == "denial" and prev.denies is None:
                denies = None  # goes on from a denial that answers nothing here
            elif f.elaborates and self._goes_on(f, prev, last_index):
                # the denial goes on in the same sentence: "rejected the accusation and said ...", "denied that,
                # and its director said ..." answers the same claim, unless its words point to another one
                kind, denies = "denial", self._elaborated(f, cw, proposals, words, prev)
            elif (
                kind == "claim" and NEGATION.search(quote) and (anchor := self._anchor(f, proposals, said_in))
            ):
                # the same side contradicts again a little later: "Its engineers said no water had left the dam."
                kind, denies = "denial", self._elaborated(f, cw, proposals, words, anchor)
            elif kind == "denial":
                denies = self._target(f, cw - content_words(f.speaker.name), proposals, words, quote)
                if denies is None and self._goes_on(f, prev, last_index):
                    denies = prev.denies  # type: ignore[union-attr]
            elif NEGATION.search(quote):
                # "no contract had been signed" after "the government had signed a contract": a denial
                target = self._contradicted(f, cw - content_words(f.speaker.name), proposals, words)
                if target is None:
                    target = self._named_account(f, quote, proposals)
                if target is not None:
                    kind, denies = "denial", target
            sp = f.speaker
            direct = f.start > 0 and text[f.start - 1] in '\u201c"\u2018'
            if f.start == sentence_starts.get(f.sentence_index) and not direct:
                statement = quote.rstrip(" .,;:") + "."  # the whole sentence names the speaker already
            elif direct:
                statement = f"{sp.name}: \u201c{quote.rstrip(' ,;:')}\u201d"
            else:
                statement = f"{sp.name} said {_lower_first(quote)}".rstrip(" .,;:") + "."
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
                self._answer_earlier(proposals, words, said_in)
        return proposals

    def _answer_earlier(self, proposals: list[Proposal], words: list[set[str]], said_in: list[int]) -> None:
        """A denial told before the claim it answers ("The ministry yesterday rejected claims by a monitoring
        group ...", then what the group said): linked when the claim comes, if it is the other side's first
        claim after the denial and the denial names that side, shares words with the claim, calls it a report
        and the claim is one, or opens the story."""
        new = len(proposals) - 1
        claim = proposals[new]
        for j in range(new - 1, -1, -1):
            d = proposals[j]
            if said_in[new] - said_in[j] > 6:
                break
            if d.kind == "claim" and not _one_side(d, claim):
                return  # another side's claim came between: the denial (if any) had its chance
            if d.kind != "denial" or d.denies is not None or _one_side(d, claim):
                continue
            dw = words[j] - content_words(d.actor)
            named = bool(dw & _side_words(claim))
            shared = len(dw & words[new]) >= 2
            reported = REPORTS_THAT.search(d.quote) or REPORT_OBJECT.search(d.quote)
            report = reported and (claim.cue == "reported" or DOCUMENTISH.search(claim.actor))
            opens = said_in[j] <= 1 and said_in[new] - said_in[j] <= 3
            if named or shared or report or opens:
                proposals[j] = replace(d, denies=claim.key)
            return

    def _elaborated(
        self, f: _Found, cw: set[str], proposals: list[Proposal], words: list[set[str]], prev: Proposal | None
    ) -> str | None:
        assert prev is not None
        target = prev.denies
        index = {p.key: i for i, p in enumerate(proposals)}
        own = len(cw & words[index[target]]) if target in index else 0
        best, best_overlap = target, own
        side = {f.speaker.name, prev.actor}
        for i, p in enumerate(proposals):
            if p.kind != "claim" or p.actor in side or p.affiliation in side:
                continue
            if len(cw & words[i]) > best_overlap:
                best, best_overlap = p.key, len(cw & words[i])
        return best

    def _anchor(self, f: _Found, proposals: list[Proposal], said_in: list[int]) -> Proposal | None:
        """The same side's linked denial among the last few proposals (within four sentences), if any."""
        for back in range(len(proposals) - 1, max(-1, len(proposals) - 6), -1):
            if said_in[back] < f.sentence_index - 4:
                break
            q = proposals[back]
            if q.kind == "denial" and q.denies is not None:
                return q if self._same_side(f, q) else None
        return None

    def _goes_on(self, f: _Found, prev: Proposal | None, last_index: int) -> bool:
        """Whether ``f`` follows straight on from a linked denial by the same side."""
        if prev is None or prev.kind != "denial" or prev.denies is None or f.sentence_index - last_index > 1:
            return False
        return self._same_side(f, prev)

    @staticmethod
    def _same_side(f: _Found, prev: Proposal, *, strict: bool = False) -> bool:
        sp = f.speaker
        if sp.name == prev.actor or prev.actor in (sp.affiliation, sp.role):
            return True
        mine = content_words(" ".join((sp.name, sp.role, sp.affiliation))) - _GENERIC_SIDE
        theirs = content_words(" ".join((prev.actor, prev.role, prev.affiliation))) - _GENERIC_SIDE
        if mine & theirs:
            return True
        if re.search(r"\bgovernment\b", prev.actor + " " + prev.role, re.I) and (
            not sp.affiliation or sp.affiliation in prev.actor or sp.affiliation == prev.affiliation
        ):
            # "The government called the report a fabrication. Trade minister Paul Okoro said ...": its member
            return bool(
                re.search(
                    r"\b(minist\w+|officials?|spokes\w+|president|premier)\b", sp.role + " " + sp.name, re.I
                )
            )
        if strict:
            return False
        # "a company spokeswoman" after "Lindqvist Pharma", "its spokesman" after the ministry
        return bool(
            re.search(
                r"\b(company|firm|ministry|agency|government|spokes\w+)\b", sp.role + " " + sp.name, re.I
            )
        )

    def _contradicted(
        self, f: _Found, cw: set[str], proposals: list[Proposal], words: list[set[str]]
    ) -> str | None:
        """The other side's claim a negated statement contradicts: it shares at least two content words."""
        best, best_overlap = None, 1
        for i in range(len(proposals) - 1, -1, -1):
            p = proposals[i]
            if p.kind != "claim" or p.actor == f.speaker.name or _side_of(f.speaker, p):
                continue
            overlap = len(cw & words[i])
            if overlap > best_overlap:
                best, best_overlap = p.key, overlap
        return best

    def _named_account(self, f: _Found, quote: str, proposals: list[Proposal]) -> str | None:
        """ "the ministry's explanation did not match the images": a negated statement about another side's
        account answers that side's latest run of claims."""
        m = NAMED_ACCOUNT.search(quote)
        if m is None:
            return None
        who = content_words(m.group("who"))
        sp = f.speaker
        others = [
            i
            for i, p in enumerate(proposals)
            if p.kind == "claim" and p.actor != sp.name and sp.name not in (p.affiliation,)
        ]
        named = [i for i in others if who & _side_words(proposals[i])]
        if not named:
            return None
        return proposals[self._run_start(proposals, named, named[-1])].key

    @staticmethod
    def _run_start(proposals: list[Proposal], others: list[int], latest: int) -> int:
        """The first of the claims made in a row by the side that made claim ``latest``."""
        side = _side_words(proposals[latest])
        first = latest
        for i in reversed([i for i in others if i < latest]):
            if not (_side_words(proposals[i]) & side) or any(
                p.kind == "claim" and i < j < first and j not in others for j, p in enumerate(proposals)
            ):
                break
            first = i
        return first

    def _target(
        self, f: _Found, cw: set[str], proposals: list[Proposal], words: list[set[str]], quote: str
    ) -> str | None:
        """The claim a denial answers: the one its words share most with; for 'this', 'the claim', 'the
        accusation' (or few words of its own), the latest claim of another side unless an earlier one shares
        clearly more words."""
        sp = f.speaker
        sides = {x for x in (sp.name, sp.affiliation) if x}
        others = [
            i
            for i, p in enumerate(proposals)
            if p.kind == "claim" and p.actor != sp.name and not (sides & {p.actor, p.affiliation} - {""})
        ]
        if not others:
            return None
        best, best_overlap, best_score = None, 0, 0.0
        for i in reversed(others):
            overlap = len(cw & words[i])
            score = overlap - 0.05 * (len(proposals) - i)
            if overlap >= 2 and score > best_score:
                best, best_overlap, best_score = i, overlap, score
        if REPORTS_THAT.search(quote):
            # "dismissed reports that it had bought fuel": the claim sharing most words, if any does
            scored = [(len(cw & words[i]), i) for i in others]
            top = max(scored)
            return proposals[top[1]].key if top[0] >= 1 else None
        if ACCUSATION_OBJECT.search(quote):
            # "rejected the accusation": the claim made as an accusation, when one was ("X accused Y of ...")
            accusations = [i for i in others if proposals[i].cue in ACCUSING_CUES]
            if accusations:
                return proposals[accusations[-1]].key
        if REPORT_OBJECT.search(quote):
            # "rejected the report", "called the documents forgeries": a claim a report or document makes
            documents = [
                i for i in others if DOCUMENTISH.search(proposals[i].actor) or proposals[i].cue == "reported"
            ]
            if documents:
                return proposals[self._run_start(proposals, others, documents[-1])].key
        named = [i for i in others if cw & _side_words(proposals[i])]
        if named and (f.anaphoric or len(cw) <= 4):
            # "disputed the agency's figures", "rejected the union's account": the claims of whom it names
            return proposals[self._run_start(proposals, named, named[-1])].key
        if f.anaphoric or len(cw) <= 3:
            latest = others[-1]
            if best is not None and best != latest and best_overlap >= len(cw & words[latest]) + 2:
                return proposals[best].key
            if DEMONSTRATIVE.search(quote) or CALLED_IT.search(quote):
                return proposals[latest].key  # "denied this": what was just said
            # "rejected the accusation": the first of the claims the other side has just made in a row
            return proposals[self._run_start(proposals, others, latest)].key
        return proposals[best].key if best is not None else None


RECIPIENT_VERBS = re.compile(r"told|tells|informed|assured|assures|briefed|warned|reminded|promised", re.I)
_WHEN = (
    r"(?:\s+(?:yesterday|today|tonight|again|also|earlier|later|repeatedly|publicly)\b)?"
    r"(?:\s+(?:on|late on|early on|last|this|in|at|during|after)\s+[\w\- ]{2,30}?(?=\s+that\b|,|\s+[a-z]))?"
)
SKIP_RECIPIENT = re.compile(
    r"^(?:\s+(?:reporters|journalists|the press|parliament|lawmakers|the (?:\w+ )?(?:agency|newspaper|"
    r"broadcaster|channel|paper|assembly|committee|council)|[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,3}|him|her|them|us|me))?"
    + _WHEN
    + r"(?:\s*,)?(?:\s+that\b)?[\s:,]*"
)
SKIP_PLAIN = re.compile(r"^" + _WHEN + r"(?:\s*,)?(?:\s+that\b)?[\s:,]*")
TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:in an? (?:statement|letter|interview|post|speech|briefing|news conference|press release|report)\b"
    r"|(?:speaking|writing) (?:on|in|at|to)\b)[^,]*$",
    re.I,
)
ACCUSATION_OBJECT = re.compile(
    r"\b(?:the|this|that|these|those) (?:accusations?|allegations?|charges?)\b", re.I
)
ACCUSING_CUES = frozenset({"accused", "accuses", "alleged", "alleges", "charged", "blamed", "blames"})
REPORT_OBJECT = re.compile(
    r"\b(?:the|this|that|these|those|its|their) (?:report|reports|findings|study|survey|documents?|"
    r"papers|article|story|figures|reporting|data)\b",
    re.I,
)
DOCUMENTISH = re.compile(
    r"\b(?:report|reports|documents?|papers|study|survey|figures|data|records|newspaper|paper|gazette|"
    r"ledger|times|post|herald|courier|tribune|journal|broadcaster|magazine|agency report)\b",
    re.I,
)
CONTINUATION = re.compile(
    r",\s*and\s+(?=(?:its|his|her|their|the|a|an)\b[^,.]{0,60}(?:,[^,.]{2,60},)?\s*(?:said|added|insisted|told)\b)",
    re.I,
)
REPORTS_THAT = re.compile(
    r"\s*(?:\w+\s+)?(?:reports?|claims?|suggestions?|allegations?|accusations?|rumou?rs?|speculation)\s+that\b",
    re.I,
)
NAMED_ACCOUNT = re.compile(
    r"\b(?:the\s+)?(?P<who>[\w\-]+(?:\s+[\w\-]+)?)['\u2019]s?\s+(?:own\s+)?(?:account|explanation|claims?|"
    r"figures?|version|statement|story|report|assertion|numbers?|count|estimate|denial|data|findings|"
    r"description|picture|timeline|narrative)\b",
    re.I,
)
_GENERIC_SIDE = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "minister", "director"}
CALLED_IT = re.compile(
    r"\b(?:called|calls|described|branded|labelled|labeled|termed)\s+(?:it|this|that)\b", re.I
)


def _unattributed(s: str) -> bool:
    """A statement reported with a verb of saying ("..., the source said") whose speaker the rules could not
    name: not a question, a quotation alone, or a verb under negation ("declined to say")."""
    if s.rstrip().endswith("?") or len(s.split()) < 6:
        return False
    verbs = [m.group(0) for m in RV.finditer(s)] + [m.group(0) for m in DV.finditer(s)]
    return any(v in _SAYING for v in verbs)


_SAYING = frozenset(
    [
        "said",
        "says",
        "told",
        "stated",
        "added",
        "insisted",
        "claimed",
        "alleged",
        "accused",
        "denied",
        "denies",
        "rejected",
        "dismissed",
    ]
)


def _side_of(sp: Speaker, p: Proposal) -> bool:
    """Whether a speaker belongs to a proposal's side: "The agency's director" and the environment agency."""
    if sp.affiliation and (sp.affiliation == p.actor or sp.affiliation in (p.affiliation,)):
        return True
    mine = content_words(sp.affiliation) - _GENERIC_SIDE
    return bool(mine and mine <= content_words(p.actor + " " + p.affiliation))


def _one_side(a: Proposal, b: Proposal) -> bool:
    """Whether two proposals speak for the same side (the same actor, or one's affiliation is the other)."""
    return a.actor == b.actor or bool({a.actor, a.affiliation} & {b.actor, b.affiliation} - {""})


def _side_words(p: Proposal) -> set[str]:
    """Who a claim speaks for, as words: 'general staff' and 'Andrei Vasko (general staff spokesman)' share."""
    return content_words(" ".join((p.actor, p.role, p.affiliation))) - {
        "spokesman",
        "spokeswoman",
        "official",
    }


def _lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text.split()[0] not in ("I",):
        first = text.split()[0]
        if first.lower() in STOPWORDS or first.lower() in ("we", "our", "there", "it"):
            return text[0].lower() + text[1:]
    return text
