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
from dataclasses import dataclass

from app.extract.dates import resolve_date
from app.extract.lexicon import (
    ANAPHORIC_OBJECT,
    AUXILIARY,
    CALLED_FALSE,
    DEMONSTRATIVE,
    DV,
    FALSE_WORDS,
    NEGATION,
    QUOTE_PAIRS,
    RV,
    STOPWORDS,
    TAIL_OK,
    TURN_NOT_SPEAKERS,
    TURN_RE,
    content_words,
)
from app.extract.model import Proposal
from app.extract.speakers import (
    Speaker,
    State,
    dateline_length,
    document_speaker,
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


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


class RuleExtractor:
    """Proposes attributed claims and denials with rules over sentences (English news style)."""

    name = "rules"

    def propose(self, text: str, *, published: dt.date | None = None) -> list[Proposal]:
        state = State()
        found: list[_Found] = []
        sentences = split_sentences(text)
        for index, sent in enumerate(sentences):
            for f in self._sentence(text, sent, state, published):
                f.sentence_index = index
                found.append(f)
        return self._proposals(text, found, {i: sent.start for i, sent in enumerate(sentences)})

    # ---- one sentence
    def _sentence(self, text: str, sent: Sentence, state: State, published: dt.date | None) -> list[_Found]:
        s = sent.text
        base = sent.start
        results: list[_Found] = []
        said = resolve_date(s, published)

        # 0. a transcript turn: "MR. SULLIVAN: ..." / "Dana Reyes: ..." (each statement of the turn)
        turn = TURN_RE.match(text, _paragraph_start(text, sent.start))
        if turn is not None and turn.group("label").strip().upper() in (
            "Q",
            "QUESTION",
            "REPORTER",
            "MODERATOR",
        ):
            return []  # a question is not a claim, whatever it quotes
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
            verb = vm.group(0)
            kind = "denial" if (DV.fullmatch(verb) or FALSE_WORDS.search(seg)) else "claim"
            conf = 0.9 if s[:1] in '\u201c"' else 0.75
            when = resolve_date(s[sep:], published) or said
            c_start += dateline_length(s[c_start:c_end])
            return [self._found(text, kind, base + c_start, base + c_end, sp, verb, when, conf)]

        # 3. speaker first: "X said (that) CONTENT." / "X denied (that) CONTENT." / "X called the report baseless."
        vm = RV.search(s) or None
        dm = DV.search(s)
        first = min((m for m in (vm, dm) if m is not None), key=lambda m: m.start(), default=None)
        if (
            first is not None
            and s[: first.start()].count(" ") <= 14
            and not s[: first.start()].count("\u201c")
        ):
            np = s[: first.start()]
            sp = parse_speaker(np, state)
            if sp is not None:
                rest_start = first.end()
                rest = s[rest_start:]
                if first is dm:
                    # a denial: the whole sentence is the quote ("Officials denied this." says little alone)
                    content = s.rstrip(".!? ")
                    anaphoric = bool(ANAPHORIC_OBJECT.match(rest)) or len(content_words(rest)) <= 3
                    return [
                        self._found(
                            text,
                            "denial",
                            base,
                            base + len(content),
                            sp,
                            first.group(0),
                            said,
                            0.8,
                            anaphoric=anaphoric,
                        )
                    ]
                skip = re.match(
                    r"^(?:\s+(?:reporters|journalists|the press|parliament|lawmakers|the (?:\w+ )?(?:agency|newspaper|"
                    r"broadcaster|channel|paper)|[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,3}|him|her|them|us|me))?"
                    r"(?:\s+(?:on|late on|early on|last|this|in|at|during|after)\s+[\w\- ]{2,30}?(?=\s+that\b|,|\s+[a-z]))?"
                    r"(?:\s*,)?(?:\s+that\b)?[\s:,]*",
                    rest,
                )
                offset = rest_start + (skip.end() if skip else 0)
                content = s[offset:].rstrip(".!? ")
                said = resolve_date(s[:offset], published) or said
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
                                r"baseless|false|untrue|lies|nonsense|fabricat",
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
        # 4. "X called the report baseless" without a reporting verb first
        cm = CALLED_FALSE.search(s)
        if cm is not None and s[: cm.start()].count(" ") <= 12:
            sp = parse_speaker(s[: cm.start()], state)
            if sp is not None:
                content = s.rstrip(".!? ")
                return [
                    self._found(
                        text, "denial", base, base + len(content), sp, cm.group(1), said, 0.75, anaphoric=True
                    )
                ]
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

    def _found(self, text, kind, start, end, speaker, cue, said, conf, *, anaphoric=False) -> _Found:
        while start < end and text[start] in " ,:;\u201c\"'\u2018":
            start += 1
        while end > start and text[end - 1] in " ,;:\u201d\"'\u2019":
            end -= 1
        return _Found(kind, start, end, speaker, cue.lower(), said, conf, 0, anaphoric)

    # ---- proposals and denial links
    def _proposals(self, text: str, found: list[_Found], sentence_starts: dict[int, int]) -> list[Proposal]:
        last_index = -10
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
                and NEGATION.search(quote)
                and (f.speaker.name == prev.actor or f.speaker.collective)
            ):
                # a denial elaborated: "Officials denied this. “Nothing has been repaired,” a spokesman said."
                kind, denies = "denial", prev.denies
            elif kind == "denial":
                denies = self._target(f, cw - content_words(f.speaker.name), proposals, words, quote)
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
            last_index = f.sentence_index
        return proposals

    def _target(
        self, f: _Found, cw: set[str], proposals: list[Proposal], words: list[set[str]], quote: str
    ) -> str | None:
        best, best_score = None, 0.0
        for i in range(len(proposals) - 1, -1, -1):
            p = proposals[i]
            if p.kind != "claim" or p.actor == f.speaker.name:
                continue
            overlap = len(cw & words[i])
            distance = len(proposals) - i
            score = overlap - 0.05 * distance
            if overlap >= 2 and score > best_score:
                best, best_score = p.key, score
        if best is None and (f.anaphoric or len(cw) <= 3):
            # "X denied this": the claim it answers is usually the story's lead claim or the one just before
            claims = [i for i, p in enumerate(proposals) if p.kind == "claim" and p.actor != f.speaker.name]
            if claims and DEMONSTRATIVE.search(quote):
                return proposals[claims[-1]].key  # "denied this": what was just said
            if claims:
                lead = claims[0]  # "rejected the report": the story's lead claim unless words say otherwise
                scored = [
                    (len(cw & words[i]) + (0.6 if i == lead else 0) - 0.05 * (len(proposals) - i), i)
                    for i in claims
                ]
                return proposals[max(scored)[1]].key
        return best


def _lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text.split()[0] not in ("I",):
        first = text.split()[0]
        if first.lower() in STOPWORDS or first.lower() in ("we", "our", "there", "it"):
            return text[0].lower() + text[1:]
    return text
