"""An adversarial list of fragment bait: sentences (and a few short passages) in which a piece of a clause or of a
web page stands where a speaker would, each with the speaker it should get ("a|b" when either spelling is right)
or None when no one speaks and nothing should be drafted. The shapes: straight and curly quotes opening on an
interjection, transcript turns whose label is a clause, questions, participle phrases, relative clauses, "asked
about", headlines run into the text, captions, cookie banners, bylines, "Read more", dates, numbers, capitals,
non-Latin names, particles and hyphens in names ("van der", "al-", "bin"), titles ("Dr", "Sir", "Rep."), and
names that are also words. Every name, place and quote is fictional, written here.

The list is split in two by a hash of the sentence (``half``): rules are tuned on the dev half only; the test
half is scored, not read. Used by test_fragment_bait.py and bench/bench_fragment_bait.py."""

from __future__ import annotations

import zlib

BAIT: list[tuple[str, str | None]] = [
    # --- interjections and answers before the speaker, straight and curly quotes ---
    ('"Never, sir," the witness said, "not once did I see the ledger."', "witness"),
    ("\u201cNever, sir, not once did I see the ledger,\u201d the witness said.", "witness"),
    (
        '"Yes, we sold the permits, and we would do it again," Dagny Holloway-Prem said.',
        "Dagny Holloway-Prem",
    ),
    (
        "\u201cNo, absolutely not, the pumps were tested every week,\u201d said Ruben Ostrava.",
        "Ruben Ostrava",
    ),
    ('"Eventually the ministry will have to pay for all of this," Orla Brennock said.', "Orla Brennock"),
    ("\u201cWell, the figures speak for themselves on the ward,\u201d the nurse said.", "nurse"),
    ('"Sorry, but the ferry will not sail again this winter," the operator said.', "operator"),
    ('"Absolutely not," Ilse Varnholt said.', "Ilse Varnholt|"),
    ("\u201cNever,\u201d he said.", None),
    ('"Perhaps the council will listen this time, perhaps not," said Tobiah Wrenfield.', "Tobiah Wrenfield"),
    ('"Oh, the bridge was always going to fail," a resident said.', "resident"),
    (
        "\u201cMeanwhile, nobody has paid us for the harvest,\u201d the farmers\u2019 union said.",
        "farmers' union",
    ),
    ('"Honestly, we did not know about the leak," Petronella Vask told reporters.', "Petronella Vask"),
    ("\u2018Never again will we trust the board,\u2019 Amadou Kessling said.", "Amadou Kessling"),
    ('"However you read it, the contract was illegal," the auditor said.', "auditor"),
    ('"Indeed, the dam was built on sand," said Dr Imelda O\'Shea-Vance.', "Imelda O'Shea-Vance"),
    # --- adverbs and connectives opening the sentence ---
    ("Eventually, officials said, the road would reopen to lorries.", "officials"),
    ("Meanwhile, the army said it had shot down two drones over the valley.", "army"),
    ("However, the company said the recall of the heaters was voluntary.", "company"),
    ("Still, the mayor said the budget for the harbour was balanced.", "mayor"),
    ("Separately, Kestrian police said three men had been arrested at the port.", "Kestrian police"),
    ("Ultimately the regulator said the tariffs would have to fall.", "regulator"),
    ("Yesterday the minister said the talks with the unions had failed.", "minister"),
    ("Eventually the lorries moved again after the blockade was lifted.", None),
    ("Never before had the river risen so fast in March.", None),
    ("Reportedly, the convoy turned back at the second checkpoint.", None),
    # --- subordinators and conjunctions opening the clause ---
    ("If the minister said the port was safe, he was wrong about the cranes.", None),
    ("While the ministry said the payments were legal, auditors said they were not.", "ministry|auditors"),
    ("When the mayor said the bridge was safe, residents laughed at the meeting.", "mayor|"),
    ("Because the council said the road was closed, the school bus took the long route.", "council|"),
    ("Although the company denied it, the documents show the dumping went on.", "company|"),
    ("And the ministry said nothing at all about the missing funds.", "ministry|"),
    ("But the union said the offer was far too low for its members.", "union"),
    ("Whether the board knew of the leak remains unclear, the inquiry said.", "inquiry"),
    ("Unless the ministry pays, the contractor said, work on the tunnel will stop.", "contractor"),
    ("As the minister said last week, the border will stay open.", "minister|"),
    # --- clauses where the speaker goes ---
    ("That's not what the officials told the families, Greta Moorcroft said.", "Greta Moorcroft"),
    ("That is hard to square with the company's account of the fire, the inspector said.", "inspector"),
    ("It is not clear who ordered the closure of the crossing.", None),
    ("What the officials said at the briefing did not match the logs.", None),
    ("Who told the families the water was safe remains a mystery.", None),
    ("Ms Vale was asked about the reported arms deal in Vienna.", None),
    ("Junot Pallas was asked about the loans on Tuesday and declined to comment.", None),
    ("The Ruritanians deny this, and while the charge looks weak, it is hard to wave away.", "Ruritanians|"),
    ("There is no evidence the money was stolen, the prosecutor said.", "prosecutor"),
    ("Here is what the minister said about the strike on Monday.", None),
    ("This is the worst flood in forty years, the fire chief said.", "fire chief"),
    ("Nobody at the depot said anything about the missing fuel.", None),
    ("Few believe the ceasefire will hold beyond the weekend.", None),
    # --- pronouns with and without someone to stand for ---
    ("He said the deal was off and left the room.", None),
    ("It said the report was wrong and would be withdrawn.", None),
    ("They said the border was shut for the night.", None),
    ("She insisted the vote had been fair from start to finish.", None),
    (
        "Corra Lindqvist said the count was slow. She said the vote had been rigged in two districts.",
        "Corra Lindqvist",
    ),
    ("The Port Authority said the quay was closed. It said repairs would take a month.", "Port Authority"),
    ("Others said the plan for the bypass was reckless.", None),
    ("Some said the vote had been rigged in the north.", None),
    ("Many in the party said the leader should resign before the summer.", "Many in the party|"),
    ("Two said the bus had been speeding before the crash.", None),
    (
        "Several drivers spoke to the paper. One, who asked not to be named, said the brakes had failed twice.",
        "One of the drivers|drivers",
    ),
    # --- participle phrases and "asked about" ---
    (
        "Speaking to reporters outside the court, Halvard Brusk said the verdict would be appealed.",
        "Halvard Brusk",
    ),
    ("Asked about the contract, the spokeswoman said it had been signed legally.", "spokeswoman"),
    (
        "Asked whether the mine would reopen, Brenna Vosk-Tally said no decision had been made.",
        "Brenna Vosk-Tally",
    ),
    ("When asked about the fire, the manager said the alarms had worked as designed.", "manager"),
    ("Asked about the leak, a ministry spokesman declined to comment.", None),
    ("Citing safety concerns, the airline said all flights to Varnholm were cancelled.", "airline"),
    ("Following the vote, the opposition said it would challenge the result in court.", "opposition"),
    (
        "Pressed on the figures, Oskar Lindqvist-Haro said the numbers had been audited.",
        "Oskar Lindqvist-Haro",
    ),
    ("Speaking on condition of anonymity, one official said the convoy had been hit twice.", "official"),
    (
        "Following the plantation sector closely, analysts at Drumlin Bank said wages would rise.",
        "analysts at Drumlin Bank|Drumlin Bank|analysts",
    ),
    ("Having reviewed the footage, the referee said the goal should have stood.", "referee"),
    # --- relative clauses ---
    ("The engineer, who inspected the bridge in May, said the cables were corroded.", "engineer"),
    (
        "Residents who live near the plant said the smell had returned overnight.",
        "Residents|Residents who live near the plant",
    ),
    ("The land that Dalish herders say was seized lies north of the river.", None),
    (
        "A quarry on fields that local farmers had declared common land was closed, officials said.",
        "officials",
    ),
    ("The company, which denies any wrongdoing, said it would cooperate with the inquiry.", "company"),
    ("Those who attended the meeting said the mayor left early.", "Those who attended the meeting|"),
    # --- questions ---
    ("Did the minister say the port would close?", None),
    ("Who said the dam was safe? Nobody at the ministry would answer.", None),
    ("Why did the council say the library was unsafe?", None),
    ("Is the regulator right that the tariffs are too high?", None),
    ("What did the army say about the strike on the school?", None),
    # --- transcript turns whose label is a clause or a page's heading ---
    (
        "ANNA KOVAC: The pumps were never tested.\n\nAnd the other thing: the pumps were never tested properly, "
        "not once in two years.",
        "Anna Kovac",
    ),
    ("But the minister: she knew about the leak for weeks before anyone told the towns.", None),
    ("So the question is: who paid for the extra concrete on the bridge?", None),
    ("If the minister resigns: what then for the port deal and the workers?", None),
    ("That's not what the officials told us: the water was safe to drink, they said.", None),
    ("THAT'S NOT WHAT THE OFFICIALS SAID: the report was finished in March and then buried.", None),
    ("While the inquiry continues: no comment from the board on the missing money.", None),
    ("Because the pumps failed: that is the finding of the second report into the flood.", None),
    ("Never, sir: I never signed a contract with that company in my life.", None),
    ("Yes: the ministry paid the contractor twice for the same stretch of road.", None),
    ("DR ILSE MARNOCK: The outbreak is under control and the wards are open again.", "Ilse Marnock"),
    (
        "Q: Did the army fire first?\n\nGENERAL TAAVI RUUSK: No. We returned fire after the convoy was hit.",
        "Taavi Ruusk|General Taavi Ruusk",
    ),
    (
        "MODERATOR: Thank you. Next question.\n\nSENATOR OLUWASEUN BRANDT-ADEYEMI: The bill will pass, and "
        "it will pass this month.",
        "Oluwaseun Brandt-Adeyemi|Senator Oluwaseun Brandt-Adeyemi",
    ),
    ("Key facts: the reservoir holds four million cubic metres and was built in 1961.", None),
    ("Editor's note: an earlier version of this story misspelled the mayor's name.", None),
    ("Correction: the ministry said the plant would close in June, not July.", "ministry|"),
    # --- page furniture ---
    ("Read more: Minister says port will reopen after the strike", None),
    ("READ MORE: Union rejects pay offer as talks collapse", None),
    ("Related: Council says the budget is balanced for the first time", None),
    (
        "Share this article\n\nThe ministry said the dam was safe and the valves had been replaced.",
        "ministry",
    ),
    ("Advertisement\n\nThe union said the strike would go on until the pay offer improved.", "union"),
    ("Comments (12)\n\nOfficials said the road would reopen to traffic on Friday.", "officials"),
    ("Most read\n\n1. Minister says port will close for a month", None),
    ("Sign up for our newsletter: the best stories from the region, every morning.", None),
    ("Follow us on Twitter for the latest on the floods, the newsroom said.", "newsroom|"),
    ("We use cookies to improve your experience. By continuing, you agree to our policy.", None),
    ("Accept all cookies: we and our partners store and access data on your device.", None),
    ("Subscribe now: unlimited access to every story for the price of a coffee.", None),
    ("Updated 14:32 GMT: The coastguard said two crew were still missing.", "coastguard"),
    ("Breaking: Ministry says port closed after the explosion", None),
    ("BREAKING: The army said it had retaken the bridge over the Velna.", "army"),
    ("Watch: the moment the crane fell, filmed by a resident who said she was terrified.", None),
    ("Listen: the minister told the programme the border would stay open.", "minister|"),
    ("Skip to main content. The council said the bins would be collected on Saturday.", "council"),
    ("\u00a9 2026 Northline Wire. All rights reserved.", None),
    # --- bylines and captions ---
    ("By Marit Solberg-Achebe, Senior Correspondent", None),
    (
        "By Marit Solberg-Achebe\n\nThe ministry said the talks had stalled over the fishing quotas.",
        "ministry",
    ),
    ("Reporting by Tove Lindahl; Editing by Arjun Mehrotra", None),
    ("Additional reporting by Kasimir Ebo in Valdor", None),
    ("Photo: Residents queue for water in Tessaly on Monday. (Ilse Marn/Northline Wire)", None),
    ("Image: Port workers gather at the gate of the terminal.", None),
    ("Caption: Officials inspect the dam wall on Monday morning.", None),
    ("Pictured: harbour master Odile Fenk at the quay on Tuesday.", None),
    ("(Photo by Jonas Ekwueme/Getty Images)", None),
    ("Nessa Callowhill reports from Valdor.", None),
    # --- headlines run into the text ---
    (
        "Port strike ends as union accepts offer The union said on Monday its members had voted to return.",
        "union",
    ),
    ("MINISTER DENIES BRIBE CLAIM The minister said on Friday the payments were legal fees.", "minister"),
    ("Minister says port will reopen", "minister|"),
    ("Dam safe, says regulator", "regulator|"),
    # --- dates, times and numbers at the front ---
    ("March 3, 2026: The ministry said the talks had failed again.", "ministry"),
    ("Tuesday: Officials said the border would reopen at dawn.", "officials"),
    ("12:40 GMT - The army said it had retaken the bridge at Oskol.", "army"),
    (
        "17:05\nThe Galdorian foreign ministry denied the strike had hit a school.",
        "Galdorian foreign ministry",
    ),
    ("3. The committee said the report was flawed in several places.", "committee"),
    ("2026 was the year the harbour finally closed, the council said.", "council"),
    (
        "On 30 November the Osvarian ministry of returns said the camps were full.",
        "Osvarian ministry of returns",
    ),
    ("In a statement on Wednesday the company said the ferry contract was lawful.", "company"),
    ("In Castel the medicines regulator said the pumps had been recalled.", "medicines regulator"),
    ("Last week, 14 said the same thing.", None),
    # --- names: particles, hyphens, titles, non-Latin scripts, names that are words ---
    ("Pieter van der Molen said the dyke would hold through the spring tides.", "Pieter van der Molen"),
    ("Rania al-Khatib said the crossing had been closed since dawn.", "Rania al-Khatib"),
    ("Tariq bin Sulaiman al-Harthy said the port would expand next year.", "Tariq bin Sulaiman al-Harthy"),
    ("Ana de la Fuente Ibarra said the harvest had failed in the south.", "Ana de la Fuente Ibarra"),
    ("Jan ter Horst said the polder would be flooded on purpose.", "Jan ter Horst"),
    (
        "Sir Gideon Ashcombe said the bank had never lent to the company.",
        "Gideon Ashcombe|Sir Gideon Ashcombe",
    ),
    ("Rep. Lorna Tillery (D-Ore.) said the levee bill was dead.", "Lorna Tillery"),
    ("Dr. Kwabena Asamoah-Boateng said the clinic had run out of vaccine.", "Kwabena Asamoah-Boateng"),
    ("Prof Mei-Ling Okonjo said the survey was too small to tell.", "Mei-Ling Okonjo"),
    ("Cllr Thorvald Quarrendon said the baths would close in June.", "Thorvald Quarrendon"),
    ("Gen. Ilkka Saarinen-Moss said the troops would stay until spring.", "Ilkka Saarinen-Moss"),
    (
        "\u0391\u03bb\u03ad\u03be\u03b1\u03bd\u03b4\u03c1\u03bf\u03c2 \u03a0\u03b1\u03c0\u03b1\u03b4\u03ac\u03ba\u03b7\u03c2 "
        "said the ferry would sail on Friday.",
        "\u0391\u03bb\u03ad\u03be\u03b1\u03bd\u03b4\u03c1\u03bf\u03c2 \u03a0\u03b1\u03c0\u03b1\u03b4\u03ac\u03ba\u03b7\u03c2",
    ),
    (
        "\u0414\u043c\u0438\u0442\u0440\u0438\u0439 \u041e\u0440\u043b\u043e\u0432 said the plant had been shut "
        "for repairs.",
        "\u0414\u043c\u0438\u0442\u0440\u0438\u0439 \u041e\u0440\u043b\u043e\u0432",
    ),
    ("Zhou Xiaoling said the shipment had been held at customs for a week.", "Zhou Xiaoling"),
    ("Will Grantley said the ferry would sail on time despite the storm.", "Will Grantley"),
    ("Harriet May said the school would reopen on Monday.", "Harriet May"),
    ("Hope Ashdown said the shelter had run out of blankets.", "Hope Ashdown"),
    ("Earnest Reedling said the contract had been signed in good faith.", "Earnest Reedling"),
    ("Never Again Coalition said the march would go ahead on Saturday.", "Never Again Coalition"),
    ("Read Holdings said its profits had doubled in the first quarter.", "Read Holdings"),
    ("Breaking Ground Trust said the new houses were safe to live in.", "Breaking Ground Trust"),
    ("Yes Bank of Tallmark said the loans had been repaid in full.", "Yes Bank of Tallmark|Yes Bank"),
    ("Live Harbour Festival said the concerts were cancelled because of the storm.", "Live Harbour Festival"),
    ("Still Waters Rowing Club said the regatta would be moved to May.", "Still Waters Rowing Club"),
    ("SAOIRSE NIC AODHA: The ferry timetable will be cut in half from April.", "Saoirse Nic Aodha"),
    ("KEES VAN DER BERG: We never saw the survey before the dyke was raised.", "Kees van der Berg"),
    ("The WHO said the fever clinics would stay open through the winter.", "WHO"),
    ("US officials said the sanctions would be lifted in stages.", "US officials"),
    ("UN monitors said the ceasefire had been broken twice overnight.", "UN monitors"),
    # --- "according to" with a fragment after it ---
    ("The plant will close in June, according to what the officials told staff.", "officials|"),
    (
        "The plant will close in June, according to people familiar with the plans.",
        "People familiar with the plans",
    ),
    ("According to Never Again Coalition, the march drew ten thousand people.", "Never Again Coalition"),
    ("According to the harbour master, Zanele Okonkwo-Brandt, the quay is unsafe.", "Zanele Okonkwo-Brandt"),
    (
        "The road will reopen on Friday, according to a notice posted on the council's website.",
        "council|notice posted on the council's website|",
    ),
    ("According to reports, the minister resigned on Sunday night.", None),
    ("According to some, the vote was rigged from the start.", None),
    # --- appositions and descriptions ---
    ("Tomas Orrin, the port's harbour master, said the quay was closed to ships.", "Tomas Orrin"),
    ("The port's harbour master, Tomas Orrin, said the quay was closed to ships.", "Tomas Orrin"),
    ("Velna's foreign minister, Hanne Krogstad-Ibe, said the embassy would stay open.", "Hanne Krogstad-Ibe"),
    (
        "A senior diplomat in Valdor said the talks were close to collapse.",
        "senior diplomat in Valdor|senior diplomat",
    ),
    ("Two people familiar with the talks said a deal was near.", "Two people familiar with the talks"),
    (
        "People in the queue outside the bank said they had waited since dawn.",
        "People in the queue outside the bank|people",
    ),
    ("The driver, whose name has not been released, told investigators the brakes failed.", "driver"),
    # --- a quote's own words taken for who said them ---
    ('"The bridge is safe," the engineer said, "and the cables are new."', "engineer"),
    ('"We will reopen," said the mill\'s owner, "but not before the spring."', "mill's owner|owner"),
    ('The ministry called the report "a lie told by people who were never there."', "ministry"),
    (
        '"Not before the inquiry reports," Thomasina Ravell-Obi said of the compensation.',
        "Thomasina Ravell-Obi",
    ),
    ('"They found nothing the second time either," the inspector said.', "inspector"),
]

# the test half's entries drafted with a speaker they do not name when the half was scored, once, at the end of the
# round that wrote the list (bench/RESULTS.md, "One gate for every drafted speaker"); no rule was tuned on them
KNOWN_FRAGMENTS = {
    "The land that Dalish herders say was seized lies north of the river.",
    "Most read\n\n1. Minister says port will close for a month",
    "Breaking: Ministry says port closed after the explosion",
    "MINISTER DENIES BRIBE CLAIM The minister said on Friday the payments were legal fees.",
    "Still Waters Rowing Club said the regatta would be moved to May.",
    "According to reports, the minister resigned on Sunday night.",
}

# bait around a real speaker: every speaker of real_shapes.SWEEP_SPEAKERS in each frame should come out as
# itself, never as a fragment holding it ("In a statement on Monday the ministry") and never lost to the bait
# (written after the list was scored; bench_fragment_bait.py --sweep measures it; its frame "In a statement on
# Monday {s} said" was tuned on: a name after a day now closes the setting)
BAIT_FRAMES: list[str] = [
    '"Never, sir, the ferry will not sail again," {s} said.',
    "\u201cYes, the ferry will sail on Friday,\u201d said {s}.",
    "Eventually, {s} said, the ferry would sail again.",
    "Asked about the ferry, {s} said it would sail on Friday.",
    "Speaking to reporters on Monday, {s} said the ferry would sail.",
    "In a statement on Monday {s} said the ferry would sail on Friday.",
    "Read more: Ferry to sail on Friday\n\n{S} said the ferry would sail on Friday.",
    "By Marit Solberg-Achebe\n\n{S} said the ferry would sail on Friday.",
    "Updated 14:32 GMT: {S} said the ferry would sail on Friday.",
    "Meanwhile {s} said the ferry would sail on Friday.",
    "If the ferry sails on Friday, {s} said, the harbour will reopen.",
    "Share this article\n\n{S} said the ferry would sail on Friday.",
    "Following the vote, {s} said the ferry would sail on Friday.",
    "Yesterday {s} said the ferry would sail on Friday.",
    "That is simply not true, {s} said of the report that the ferry had been sold.",
    "Comments (14)\n\n{S} said the ferry would sail on Friday.",
]


def bait_sweep() -> list[tuple[str, str]]:
    """Every speaker of the real-shapes sweep in every bait frame, with the speaker it should get."""
    from tests.app.extract.real_shapes import SWEEP_SPEAKERS

    return [
        (frame.format(s=said, S=said[:1].upper() + said[1:]), expected)
        for frame in BAIT_FRAMES
        for said, expected in SWEEP_SPEAKERS
    ]


def half(sentence: str) -> str:
    """'dev' or 'test' by a hash of the sentence (stable across runs and machines)."""
    return "dev" if zlib.crc32(sentence.encode("utf-8")) % 2 == 0 else "test"
