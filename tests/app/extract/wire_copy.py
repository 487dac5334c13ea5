"""Single sentences and two-sentence pairs in the shapes wire services and broadcasters use every day, each with
its gold: who speaks ("a|b" when either spelling is right), the words said (the quote span; quotation marks and
end punctuation are ignored when compared), claim or denial, and the day said for an article published on
Thursday 2026-03-12. Everything is fictional and written here in the STYLE of wire copy (Reuters, AP, AFP, BBC):
attribution before, after and inside quotes, "according to", unnamed sources, datelines, titles, ages, party
tags, statements and posts, denials, refusals to comment.

The list is split in two halves by a CRC of the sentence (``half``): drafting is fixed on "dev" only, "test" is
scored at the start and the end of a sweep. Used by bench/bench_wire_copy.py and test_wire_copy.py."""

from __future__ import annotations

import zlib

Gold = tuple[str, str, str, str | None]  # speaker, quote, kind, said (ISO) or None


def C(text: str, speaker: str, quote: str, said: str | None = None) -> tuple[str, list[Gold]]:
    return text, [(speaker, quote, "claim", said)]


def D(text: str, speaker: str, quote: str, said: str | None = None) -> tuple[str, list[Gold]]:
    return text, [(speaker, quote, "denial", said)]


def N(text: str) -> tuple[str, list[Gold]]:
    return text, []


def M(text: str, *golds: Gold) -> tuple[str, list[Gold]]:
    return text, list(golds)


MON, TUE, WED, THU, FRI, SAT, SUN = (
    "2026-03-09",
    "2026-03-10",
    "2026-03-11",
    "2026-03-12",
    "2026-03-06",
    "2026-03-07",
    "2026-03-08",
)

# fmt: off
WIRE: list[tuple[str, list[Gold]]] = [
    # --- attribution after an indirect statement, days ---
    C("The dam on the Lusk river is close to bursting, the regional governor said on Monday.", "regional governor|governor", "The dam on the Lusk river is close to bursting", MON),
    C("Talks with the dockers' union will resume next week, the Tallow Port Company said on Tuesday.", "Tallow Port Company", "Talks with the dockers' union will resume next week", TUE),
    C("Prices of bread have risen by a third since January, the statistics office said Wednesday.", "statistics office", "Prices of bread have risen by a third since January", WED),
    C("At least 14 people were killed when the bus left the road near Brenholt, police said.", "police", "At least 14 people were killed when the bus left the road near Brenholt"),
    C("Three soldiers were wounded in the attack, the army said in a statement.", "army", "Three soldiers were wounded in the attack"),
    C("The ceasefire was holding along most of the front line, a military spokesman said on Sunday.", "military spokesman|spokesman", "The ceasefire was holding along most of the front line", SUN),
    C("The airport will stay closed until at least Friday, the transport ministry said.", "transport ministry", "The airport will stay closed until at least Friday"),
    C("Rescue teams had pulled 31 survivors from the rubble, the civil defence agency said on Saturday.", "civil defence agency", "Rescue teams had pulled 31 survivors from the rubble", SAT),
    # --- speaker first, "said" + that clause ---
    C("Prime Minister Dana Reyes said on Monday that the government would not raise fuel taxes this year.", "Dana Reyes", "the government would not raise fuel taxes this year", MON),
    C("Foreign Minister Arno Wilk said the talks in Essary had been \"constructive but difficult\".", "Arno Wilk", "the talks in Essary had been \"constructive but difficult\""),
    C("President Ilse Marrow told reporters on Tuesday that her country would not send troops.", "Ilse Marrow", "her country would not send troops", TUE),
    C("Gen. Tomas Kerr, the army chief of staff, said the offensive had stalled.", "Tomas Kerr", "the offensive had stalled"),
    C("Dr Hana Pell, who leads the infectious diseases unit at Kessel General, said cases were rising.", "Hana Pell", "cases were rising"),
    C("Sen. Corbin Hale, R-Texas, said the bill would \"gut the border budget\".", "Corbin Hale", "the bill would \"gut the border budget\""),
    C("Rep. Maris Dunn, D-Ohio, said Wednesday that she would vote against the package.", "Maris Dunn", "she would vote against the package", WED),
    C("Mayor Lena Fosse said the city would open three more shelters before winter.", "Lena Fosse", "the city would open three more shelters before winter"),
    C("Interior Minister Pavel Ostrov said on Thursday the border crossing at Dravia would reopen.", "Pavel Ostrov", "the border crossing at Dravia would reopen", THU),
    C("Chancellor Ruth Ebner said the coalition had agreed on a budget.", "Ruth Ebner", "the coalition had agreed on a budget"),
    # --- quote first, inverted verbs ---
    C("\"We will not leave our homes,\" said Maria Oduya, 54, a teacher in the village.", "Maria Oduya", "We will not leave our homes"),
    C("\"The water reached the second floor in minutes,\" said Karel Benn, a 37-year-old shopkeeper.", "Karel Benn", "The water reached the second floor in minutes"),
    C("\u201cThis is the worst harvest in twenty years,\u201d said Joseph Ambe, who farms near Morvan.", "Joseph Ambe", "This is the worst harvest in twenty years"),
    C("\u201cThe port is working normally,\u201d a spokeswoman for the company said.", "spokeswoman|company spokeswoman", "The port is working normally"),
    C("\"There is no shortage of fuel,\" Energy Minister Ola Brandt told reporters.", "Ola Brandt", "There is no shortage of fuel"),
    C("\"We have done nothing wrong,\" Vetter said.", "Vetter", "We have done nothing wrong"),
    C("\u201cThe army is ready,\u201d Kerr told state television on Monday.", "Kerr", "The army is ready", MON),
    C("\u201cIt was chaos,\u201d said one witness, who gave only her first name, Alma.", "witness|one witness|Alma", "It was chaos"),
    C("\"We are running out of everything: water, medicine, bread,\" said Samir Hadad, a doctor at the Morvan clinic.", "Samir Hadad", "We are running out of everything: water, medicine, bread"),
    C("\"I saw the smoke from my window,\" said Petra Lind, 71.", "Petra Lind", "I saw the smoke from my window"),
    # --- attribution inside the quote ---
    C("\u201cThe strike will go ahead,\u201d union leader Bo Karlsen said, \u201cunless the company improves its offer.\u201d", "Bo Karlsen", "The strike will go ahead,\u201d union leader Bo Karlsen said, \u201cunless the company improves its offer"),
    C("\"We are not at war,\" the minister said, \"but we are preparing for one.\"", "minister", "We are not at war,\" the minister said, \"but we are preparing for one"),
    # --- colon quotes ---
    C("The president said on Tuesday: \"Our borders are closed to anyone who comes with weapons.\"", "president", "Our borders are closed to anyone who comes with weapons", TUE),
    C("In a statement, the ministry said: \u201cThe situation is under control.\u201d", "ministry", "The situation is under control"),
    C("Reyes told parliament: \"We will balance the budget by 2028.\"", "Reyes", "We will balance the budget by 2028"),
    # --- according to ---
    C("At least 40 people have died in the floods, according to the health ministry.", "health ministry", "At least 40 people have died in the floods"),
    C("According to the Kessel Electoral Commission, turnout was 61 percent.", "Kessel Electoral Commission", "turnout was 61 percent"),
    C("The convoy was turned back at the border, according to two drivers.", "two drivers|drivers", "The convoy was turned back at the border"),
    C("Exports fell 4.2% in February, according to customs data released on Wednesday.", "customs data", "Exports fell 4.2% in February", WED),
    C("The company plans to cut 1,200 jobs, according to a memo seen by Reuters.", "memo|memo seen by Reuters", "The company plans to cut 1,200 jobs"),
    C("According to a police statement, the suspect was arrested at his home in Brenholt on Sunday.", "police statement|police", "the suspect was arrested at his home in Brenholt on Sunday"),
    C("The minister resigned after a row with the prime minister, according to three people familiar with the matter.", "three people familiar with the matter|people familiar with the matter", "The minister resigned after a row with the prime minister"),
    # --- anonymous sourcing ---
    C("A senior Western official said the missiles had been moved closer to the border.", "senior Western official|Western official", "the missiles had been moved closer to the border"),
    C("The deal could be signed as early as next week, two sources told Reuters.", "two sources|sources", "The deal could be signed as early as next week"),
    C("An official who spoke on condition of anonymity said the talks had broken down.", "official", "the talks had broken down"),
    C("The talks had broken down, said an official who asked not to be named because he was not authorised to speak to the media.", "official", "The talks had broken down"),
    C("A diplomat in Essary, speaking on condition of anonymity, said the envoy would arrive on Friday.", "diplomat", "the envoy would arrive on Friday"),
    C("Two people briefed on the discussions said the bank would raise rates by half a point.", "two people briefed on the discussions|people briefed on the discussions", "the bank would raise rates by half a point"),
    C("A source close to the investigation told AFP that the driver had been drinking.", "source close to the investigation|source", "the driver had been drinking"),
    C("A government source said the cabinet would meet on Saturday.", "government source", "the cabinet would meet on Saturday"),
    C("Officials said privately that the vote would be postponed.", "officials", "the vote would be postponed"),
    # --- declined to comment, did not respond: nothing said ---
    N("The Tallow Port Company declined to comment."),
    N("A spokesman for the ministry did not respond to a request for comment."),
    N("Representatives for Vetter did not immediately respond to requests for comment on Tuesday."),
    N("The embassy did not reply to an email seeking comment."),
    N("Kessel's foreign ministry could not immediately be reached for comment."),
    N("The company declined to comment on the report, citing an ongoing investigation."),
    N("Reuters could not independently verify the report."),
    N("AFP was unable to independently confirm the figures."),
    # --- denials ---
    D("Velmorra has denied any involvement in the attack.", "Velmorra", "any involvement in the attack"),
    D("The ministry denied that its forces had fired on civilians.", "ministry", "its forces had fired on civilians"),
    D("Vetter has denied wrongdoing.", "Vetter", "wrongdoing"),
    D("The company has repeatedly denied the allegations.", "company", "the allegations"),
    D("Kessel denies arming the rebels.", "Kessel", "arming the rebels"),
    D("\u201cThese claims are completely false,\u201d the spokesman said.", "spokesman", "These claims are completely false"),
    D("The army dismissed the report as \"fake news\".", "army", "the report as \"fake news\""),
    D("Marrow's office rejected the accusation on Wednesday, calling it \"baseless\".", "Marrow's office|office", "the accusation on Wednesday, calling it \"baseless\"", WED),
    D("The defence ministry said the video was fabricated.", "defence ministry", "the video was fabricated"),
    D("Ostrov said the allegations were \"absurd and untrue\".", "Ostrov", "the allegations were \"absurd and untrue\""),
    D("\"We categorically deny these reports,\" the embassy said in a statement on Sunday.", "embassy", "We categorically deny these reports", SUN),
    D("The club denied reports that the coach had been sacked.", "club", "reports that the coach had been sacked"),
    D("Police denied using excessive force.", "police", "using excessive force"),
    # --- has previously said, has said ---
    C("Reyes has previously said she would not seek a second term.", "Reyes", "she would not seek a second term"),
    C("The government has said the new law is needed to fight terrorism.", "government", "the new law is needed to fight terrorism"),
    C("Velmorra has long said the islands belong to it.", "Velmorra", "the islands belong to it"),
    C("The central bank has said it expects inflation to fall below 3% by the end of the year.", "central bank", "it expects inflation to fall below 3% by the end of the year"),
    # --- told X ---
    C("Kerr told reporters in Brenholt that the army had retaken the bridge.", "Kerr", "the army had retaken the bridge"),
    C("\"Nobody is negotiating with terrorists,\" Ostrov told AFP.", "Ostrov", "Nobody is negotiating with terrorists"),
    C("Marrow told state TV on Sunday that elections would be held in the autumn.", "Marrow", "elections would be held in the autumn", SUN),
    C("The envoy told the BBC that the ceasefire could collapse at any moment.", "envoy", "the ceasefire could collapse at any moment"),
    C("\"We need more ambulances,\" Pell told the BBC's Today programme.", "Pell", "We need more ambulances"),
    C("Wilk told Reuters in an interview on Monday that Kessel was ready to resume talks.", "Wilk", "Kessel was ready to resume talks", MON),
    C("Fosse told a news conference that the water was safe to drink.", "Fosse", "the water was safe to drink"),
    C("A police officer at the scene told The Associated Press that four people had been arrested.", "police officer|officer", "four people had been arrested"),
    C("Brandt told lawmakers on Wednesday that the grid had enough capacity for the winter.", "Brandt", "the grid had enough capacity for the winter", WED),
    C("The mayor told local radio the bridge would be closed for a month.", "mayor", "the bridge would be closed for a month"),
    # --- statements, posts ---
    C("In a post on X, Reyes said the vote was \"a victory for every family in this country\".", "Reyes", "the vote was \"a victory for every family in this country\""),
    C("The rebels said in a statement on Telegram that they had captured two villages.", "rebels", "they had captured two villages"),
    C("Hale wrote on X that the bill was \"dead on arrival\".", "Hale", "the bill was \"dead on arrival\""),
    C("The ministry said in a statement that the strikes had hit \"military targets only\".", "ministry", "the strikes had hit \"military targets only\""),
    C("In a video posted on Telegram, the commander said his men had held the town for three days.", "commander", "his men had held the town for three days"),
    C("The company said in a filing on Tuesday that it would close two plants.", "company", "it would close two plants", TUE),
    C("Marrow said in a televised address that the state of emergency would be lifted.", "Marrow", "the state of emergency would be lifted"),
    C("The foreign ministry said on its website that the ambassador had been recalled.", "foreign ministry", "the ambassador had been recalled"),
    # --- speaking to, in an interview ---
    C("Speaking to reporters on Monday, Wilk said the sanctions were working.", "Wilk", "the sanctions were working", MON),
    C("Speaking at a rally in Morvan, Hale said the election had been stolen.", "Hale", "the election had been stolen"),
    C("Reyes said in an interview with the Kessel Herald that she would not resign.", "Reyes", "she would not resign"),
    C("In an interview with AFP, the former general said the war could last for years.", "former general|general", "the war could last for years"),
    C("Speaking on condition of anonymity, a senior aide said the president was unwell.", "senior aide|aide", "the president was unwell"),
    C("Speaking after the meeting, Ebner said there had been \"real progress\".", "Ebner", "there had been \"real progress\""),
    # --- cited as saying, quoted as saying ---
    C("The Tass news agency cited Ostrov as saying the exercises would end on Friday.", "Ostrov", "the exercises would end on Friday"),
    C("State media quoted Marrow as saying the country would \"never surrender\".", "Marrow", "the country would \"never surrender\""),
    C("Kerr was cited by the Brenholt Times as saying the army needed more shells.", "Kerr", "the army needed more shells"),
    C("The Interfax agency quoted a senior official as saying talks would resume in April.", "senior official|official", "talks would resume in April"),
    # --- added, insisted, warned ---
    C("Wilk warned that the region was \"on the brink of a wider war\".", "Wilk", "the region was \"on the brink of a wider war\""),
    C("The central bank governor warned on Thursday that inflation would stay high.", "central bank governor|governor", "inflation would stay high", THU),
    C("Ebner insisted the budget was balanced.", "Ebner", "the budget was balanced"),
    C("The minister insisted on Tuesday that there would be no early election.", "minister", "there would be no early election", TUE),
    C("\"We will rebuild,\" he added.", "", "We will rebuild"),
    C("The company added that no one had been hurt.", "company", "no one had been hurt"),
    C("Fosse added that the shelters would stay open all night.", "Fosse", "the shelters would stay open all night"),
    C("The UN's refugee agency warned that the camps were overcrowded.", "UN's refugee agency|refugee agency|UN refugee agency", "the camps were overcrowded"),
    C("Doctors warned the hospital could run out of oxygen within days.", "doctors", "the hospital could run out of oxygen within days"),
    # --- said + day + inversion shapes ---
    C("\"It's a sad day for Kessel,\" said Reyes on Friday.", "Reyes", "It's a sad day for Kessel", FRI),
    C("The bridge was hit twice overnight, said Yuri Salk, the regional governor.", "Yuri Salk", "The bridge was hit twice overnight"),
    C("Turnout was the lowest since 1991, said Anika Roth, a political scientist at Kessel University.", "Anika Roth", "Turnout was the lowest since 1991"),
    C("Production will restart next month, said a spokesperson for the mine's owner, Brenholt Metals.", "spokesperson", "Production will restart next month"),
    # --- appositives with ages and titles ---
    C("Tomas Ruud, 48, a fisherman from Lusk, said his boat had been seized.", "Tomas Ruud", "his boat had been seized"),
    C("Lina Sorrel, the head of the nurses' union, said staff had not been paid for two months.", "Lina Sorrel", "staff had not been paid for two months"),
    C("The governor of the central bank, Ivo Mertens, said rates would stay on hold.", "Ivo Mertens", "rates would stay on hold"),
    C("Anna Brix, a spokeswoman for the Tallow Port Company, said the cranes were working again.", "Anna Brix", "the cranes were working again"),
    C("Jonas Ek, 19, a student, said police had beaten him.", "Jonas Ek", "police had beaten him"),
    C("Retired colonel Mats Vide, now an analyst in Essary, said the attack showed poor planning.", "Mats Vide", "the attack showed poor planning"),
    C("Kessel's health minister, Sara Lund, said on Monday that the outbreak was under control.", "Sara Lund", "the outbreak was under control", MON),
    C("The head of the UN mission, Paulo Reis, said the convoy had been looted.", "Paulo Reis", "the convoy had been looted"),
    # --- datelines ---
    C("KESSEL, March 12 (Reuters) - Kessel's central bank raised its main interest rate on Thursday, the bank said.", "bank|central bank", "Kessel's central bank raised its main interest rate on Thursday", THU),
    C("BRENHOLT (AP) - Flooding has forced 20,000 people from their homes, officials said Wednesday.", "officials", "Flooding has forced 20,000 people from their homes", WED),
    C("MORVAN, Velmorra (AFP) - Velmorra's army said Tuesday it had shot down six drones overnight.", "Velmorra's army|army", "it had shot down six drones overnight", TUE),
    C("ESSARY, March 11 (Reuters) - Talks between Kessel and Velmorra ended without a deal on Wednesday, a diplomat said.", "diplomat", "Talks between Kessel and Velmorra ended without a deal on Wednesday", WED),
    C("LUSK, Ostrelia, March 10 (AP) - The president said Tuesday he would veto the bill.", "president", "he would veto the bill", TUE),
    C("DRAVIA (Reuters) - Ostrelia will send 500 troops to the border, its defence minister said on Monday.", "defence minister", "Ostrelia will send 500 troops to the border", MON),
    # --- headlines (no full stop): a summary, not a statement ---
    N("Kessel says talks with Velmorra 'constructive'"),
    N("UPDATE 2-Ostrelia central bank holds rates, signals cut in June"),
    N("Velmorra denies shelling border town"),
    N("Floods kill 40 in Brenholt - officials"),
    # --- UK and US dates ---
    C("The minister said on 4 March that the report would be published within weeks.", "minister", "the report would be published within weeks", "2026-03-04"),
    C("Hale said on March 2 that he would not run again.", "Hale", "he would not run again", "2026-03-02"),
    C("In a letter dated 28 February, the regulator said the bank had broken the rules.", "regulator", "the bank had broken the rules", "2026-02-28"),
    C("Speaking on 9 March, Ebner said the coalition was stable.", "Ebner", "the coalition was stable", "2026-03-09"),
    # --- transcripts ---
    M("Q: Will the border reopen? A: Not this week, the minister said.", ("minister", "Not this week", "claim", None)),
    # --- two sides in one sentence ---
    M("Kessel says the strike hit an arms depot; Velmorra says it hit a school.", ("Kessel", "the strike hit an arms depot", "claim", None), ("Velmorra", "it hit a school", "claim", None)),
    M("Police put the crowd at 5,000, while organisers said more than 20,000 had marched.", ("organisers", "more than 20,000 had marched", "claim", None)),
    # --- tails ---
    M("Velmorra accuses Kessel of shelling the town, a charge Kessel denies.", ("Velmorra", "Kessel of shelling the town", "claim", None), ("Kessel", "a charge Kessel denies", "denial", None)),
    M("The union says 300 workers were laid off, a figure the company disputes.", ("union", "300 workers were laid off", "claim", None), ("company", "a figure the company disputes", "denial", None)),
    # --- two-sentence pairs: the second sentence carries on ---
    M("\"We were not warned,\" said Erik Vos, 60. \"The water came at night.\"", ("Erik Vos", "We were not warned", "claim", None), ("Erik Vos", "The water came at night", "claim", None)),
    M("Reyes said the economy would grow 2% this year. She said unemployment would fall.", ("Reyes", "the economy would grow 2% this year", "claim", None), ("Reyes", "unemployment would fall", "claim", None)),
    M("The ministry said 12 soldiers had been killed. It said the attackers had fled across the border.", ("ministry", "12 soldiers had been killed", "claim", None), ("ministry", "the attackers had fled across the border", "claim", None)),
    M("Kerr spoke to reporters at the front. \"We have enough shells for now,\" he said.", ("Kerr", "We have enough shells for now", "claim", None)),
    M("Vetter was charged with fraud in January. He has denied the charges.", ("Vetter", "the charges", "denial", None)),
    M("The company was fined $2 million on Monday. It said it would appeal.", ("company", "it would appeal", "claim", None)),
    M("Ostrov arrived in Essary on Tuesday. He told reporters the visit was \"long overdue\".", ("Ostrov", "the visit was \"long overdue\"", "claim", TUE)),
    M("Witnesses said the gunmen arrived on motorbikes. One said they fired into the market.", ("witnesses", "the gunmen arrived on motorbikes", "claim", None), ("one|witness", "they fired into the market", "claim", None)),
]

# a second batch: the same services' everyday shapes with other verbs, sources and places
WIRE += [
    C("Police said the gunman had been shot dead by officers.", "police", "the gunman had been shot dead by officers"),
    C("Officials said the fire started in a kitchen on the ground floor.", "officials", "the fire started in a kitchen on the ground floor"),
    C("The White Harbour authority said all ferries had been cancelled on Saturday.", "White Harbour authority", "all ferries had been cancelled on Saturday", SAT),
    C("Residents said they had heard at least five explosions.", "residents", "they had heard at least five explosions"),
    C("Witnesses told AFP the soldiers fired tear gas at the crowd.", "witnesses", "the soldiers fired tear gas at the crowd"),
    C("Local media reported that the governor had fled the city.", "local media", "the governor had fled the city"),
    C("The Kessel Herald reported on Monday that the minister would resign.", "Kessel Herald", "the minister would resign", MON),
    C("State news agency Ostra said the president had signed the decree.", "Ostra|state news agency Ostra", "the president had signed the decree"),
    C("The agency said the quake had a magnitude of 6.1.", "agency", "the quake had a magnitude of 6.1"),
    C("The World Food Programme said half the population needed aid.", "World Food Programme", "half the population needed aid"),
    C("Amnesty said the arrests were \"a blatant attack on free speech\".", "Amnesty", "the arrests were \"a blatant attack on free speech\""),
    C("The opposition said the vote had been marred by fraud.", "opposition", "the vote had been marred by fraud"),
    C("Analysts said the cut was larger than expected.", "analysts", "the cut was larger than expected"),
    C("Prosecutors said Vetter had moved $4 million to an account in Essary.", "prosecutors", "Vetter had moved $4 million to an account in Essary"),
    C("His lawyer, Mira Stahl, said he would plead not guilty.", "Mira Stahl", "he would plead not guilty"),
    C("The judge said the evidence was \"overwhelming\".", "judge", "the evidence was \"overwhelming\""),
    C("Firefighters said the blaze was under control by midnight.", "firefighters", "the blaze was under control by midnight"),
    C("The coastguard said two bodies had been recovered.", "coastguard", "two bodies had been recovered"),
    C("The weather service said more snow was expected on Sunday.", "weather service", "more snow was expected on Sunday"),
    C("The IMF said on Tuesday it had reached a staff-level agreement with Ostrelia.", "IMF", "it had reached a staff-level agreement with Ostrelia", TUE),
    C("NATO Secretary General Lars Holm said the alliance would defend every inch of its territory.", "Lars Holm", "the alliance would defend every inch of its territory"),
    C("UN Secretary-General Ada Mensah called on both sides to stop the fighting.", "Ada Mensah", "both sides to stop the fighting"),
    C("Pope Clement said he was praying for the victims.", "Pope Clement|Clement", "he was praying for the victims"),
    C("King Harald of Dravia said the nation was in mourning.", "King Harald|Harald", "the nation was in mourning"),
    C("Lord Ashby, a former defence secretary, said the cuts were reckless.", "Lord Ashby", "the cuts were reckless"),
    C("Sir Colin Wade said the inquiry had been a whitewash.", "Colin Wade|Sir Colin Wade", "the inquiry had been a whitewash"),
    C("Mr Wade said he would appeal.", "Wade|Mr Wade", "he would appeal"),
    C("Ms Fosse told the BBC the council had run out of money.", "Fosse|Ms Fosse", "the council had run out of money"),
    C("Mrs Lund said the hospital had been warned about the leak.", "Lund|Mrs Lund", "the hospital had been warned about the leak"),
    C("Professor Ingrid Sol, of Kessel University, said the data were incomplete.", "Ingrid Sol", "the data were incomplete"),
    C("Capt. Rolf Aune, a police spokesman, said the road would reopen later in the day.", "Rolf Aune", "the road would reopen later in the day"),
    C("Lt. Col. Dag Viken said the unit had lost contact with the patrol.", "Dag Viken", "the unit had lost contact with the patrol"),
    C("Gov. Nell Parr, a Republican, said the state would sue.", "Nell Parr", "the state would sue"),
    C("Sen. Ward Ames, D-N.Y., said the vote was a disgrace.", "Ward Ames", "the vote was a disgrace"),
    C("House Speaker Len Cobb told reporters the bill would pass next week.", "Len Cobb", "the bill would pass next week"),
    C("White House spokeswoman Kara Lin said the president had been briefed.", "Kara Lin", "the president had been briefed"),
    C("Presidential spokesman Ivo Petrak said the claims were being checked.", "Ivo Petrak", "the claims were being checked"),
    C("Ostrelian Foreign Minister Bela Ranc said on Saturday the envoy had been expelled.", "Bela Ranc", "the envoy had been expelled", SAT),
    C("Velmorra's ambassador to the UN, Hugo Farr, said the resolution was one-sided.", "Hugo Farr", "the resolution was one-sided"),
    # quote first, more
    C("\"The economy is in recession,\" said Ivo Mertens, the central bank governor.", "Ivo Mertens", "The economy is in recession"),
    C("\"We are doing everything we can,\" a police spokesman told reporters.", "police spokesman|spokesman", "We are doing everything we can"),
    C("\u201cThe ceasefire is dead,\u201d a rebel commander told AFP by telephone.", "rebel commander|commander", "The ceasefire is dead"),
    C("\"They took everything,\" said one woman, who did not want to give her name.", "woman|one woman", "They took everything"),
    C("\"This is a historic day,\" Reyes wrote on X.", "Reyes", "This is a historic day"),
    C("\"No one will be left behind,\" the president said in his New Year address.", "president", "No one will be left behind"),
    C("\u201cWe have not received a single dollar,\u201d said Kofi Mensa, the mayor of Lusk.", "Kofi Mensa", "We have not received a single dollar"),
    C("\"The shelling has not stopped since dawn,\" a resident of Brenholt told the BBC.", "resident", "The shelling has not stopped since dawn"),
    C("\"I am innocent,\" Vetter told the court.", "Vetter", "I am innocent"),
    C("\"It's too early to say,\" Pell said when asked whether the outbreak had peaked.", "Pell", "It's too early to say"),
    C("\"We are very concerned,\" said a European diplomat.", "European diplomat|diplomat", "We are very concerned"),
    C("\"Prices will keep rising,\" said Olga Nemec, chief economist at Tallow Bank.", "Olga Nemec", "Prices will keep rising"),
    C("\"I have never seen anything like it,\" said the village chief, Amadou Sy.", "Amadou Sy", "I have never seen anything like it"),
    C("\u201cThe bridge is gone,\u201d the mayor of Lusk, Kofi Mensa, told local radio.", "Kofi Mensa", "The bridge is gone"),
    # said with extra phrasing
    C("Reyes said on Monday she was \"deeply saddened\" by the deaths.", "Reyes", "she was \"deeply saddened\" by the deaths", MON),
    C("The army said late on Tuesday that it had pushed back the attack.", "army", "it had pushed back the attack", TUE),
    C("The ministry said early on Sunday that the power had been restored.", "ministry", "the power had been restored", SUN),
    C("The regulator said last week it was investigating the bank.", "regulator", "it was investigating the bank"),
    C("The government said on Friday it would hold a referendum in June.", "government", "it would hold a referendum in June", FRI),
    C("Ebner said after talks in Essary that a deal was close.", "Ebner", "a deal was close"),
    C("Wilk said at a news conference in Kessel that the sanctions would stay.", "Wilk", "the sanctions would stay"),
    C("The agency said in its monthly report that demand would fall.", "agency", "demand would fall"),
    C("Marrow, speaking in Morvan, said the army would not be withdrawn.", "Marrow", "the army would not be withdrawn"),
    C("Hale, who chairs the budget committee, said the numbers did not add up.", "Hale", "the numbers did not add up"),
    C("Pell, 52, said the vaccine supply was \"critically low\".", "Pell", "the vaccine supply was \"critically low\""),
    C("The minister, who took office in January, said the reforms would continue.", "minister", "the reforms would continue"),
    C("Reyes, speaking alongside Ebner, said the two countries would build a pipeline.", "Reyes", "the two countries would build a pipeline"),
    # said + according to layered
    C("The ministry said 80 people had been detained, according to state television.", "ministry", "80 people had been detained"),
    C("Around 300 people were evacuated, the fire brigade said, according to local media.", "fire brigade", "Around 300 people were evacuated"),
    # cited
    C("The report cited unnamed officials as saying the plan had been shelved.", "unnamed officials|officials", "the plan had been shelved"),
    C("Bloomberg, citing people familiar with the matter, reported that the merger was off.", "people familiar with the matter|Bloomberg", "the merger was off"),
    C("The newspaper, citing a leaked memo, said the company had known about the defect.", "newspaper|memo", "the company had known about the defect"),
    # more denials
    D("Dravia has consistently denied that it supplies weapons to the rebels.", "Dravia", "it supplies weapons to the rebels"),
    D("The presidency denied on Monday that the president was ill.", "presidency", "the president was ill", MON),
    D("The company said the allegations were \"without merit\".", "company", "the allegations were \"without merit\""),
    D("Vetter's lawyer said his client \"strenuously denies\" the charges.", "Vetter's lawyer|lawyer", "his client \"strenuously denies\" the charges"),
    D("Ostrelia rejected the findings of the inquiry as biased.", "Ostrelia", "the findings of the inquiry as biased"),
    D("\"This is a lie,\" Ostrov said of the report.", "Ostrov", "This is a lie"),
    D("The army said reports of a massacre were \"pure fabrication\".", "army", "reports of a massacre were \"pure fabrication\""),
    D("The embassy said there was \"no truth\" to the reports.", "embassy", "there was \"no truth\" to the reports"),
    D("Hale denied having any contact with the lobbyist.", "Hale", "having any contact with the lobbyist"),
    D("The minister denied on Tuesday that she had misled parliament.", "minister", "she had misled parliament", TUE),
    D("Velmorra's foreign ministry dismissed the accusations as \"groundless\".", "Velmorra's foreign ministry|foreign ministry", "the accusations as \"groundless\""),
    D("A spokesman for the club said the report was \"simply untrue\".", "spokesman", "the report was \"simply untrue\""),
    D("Kessel has denied targeting civilians.", "Kessel", "targeting civilians"),
    D("The group denied responsibility for the bombing.", "group", "responsibility for the bombing"),
    # more anonymous and group sources
    C("A senior official at the ministry, who declined to be named, said the plan was dead.", "senior official|official", "the plan was dead"),
    C("Three diplomats said the vote had been delayed until April.", "three diplomats|diplomats", "the vote had been delayed until April"),
    C("People close to the president said he had been angered by the leak.", "people close to the president", "he had been angered by the leak"),
    C("A person familiar with the plans said the launch would slip to May.", "person familiar with the plans|person", "the launch would slip to May"),
    C("Security sources said the attackers had crossed from Velmorra.", "security sources", "the attackers had crossed from Velmorra"),
    C("Medical sources said 17 of the wounded were children.", "medical sources", "17 of the wounded were children"),
    C("A hospital official said the morgue was full.", "hospital official|official", "the morgue was full"),
    C("An aid worker in Morvan, who asked not to be identified for security reasons, said food had run out.", "aid worker", "food had run out"),
    C("One Western diplomat said the sanctions had \"no teeth\".", "Western diplomat|diplomat", "the sanctions had \"no teeth\""),
    C("Industry sources told Reuters that output had fallen by a fifth.", "industry sources", "output had fallen by a fifth"),
    # organisations and governments by capital
    C("Kessel said on Wednesday it would expel four Velmorran diplomats.", "Kessel", "it would expel four Velmorran diplomats", WED),
    C("Essary has said it will not recognise the result.", "Essary", "it will not recognise the result"),
    C("Washington said the sanctions would take effect immediately.", "Washington", "the sanctions would take effect immediately"),
    C("The Kremlin said the talks had been \"useful\".", "Kremlin", "the talks had been \"useful\""),
    C("Downing Street said the prime minister had full confidence in the minister.", "Downing Street", "the prime minister had full confidence in the minister"),
    C("The Pentagon said two service members had been injured.", "Pentagon", "two service members had been injured"),
    C("The Tallow Port Company said its profits had doubled.", "Tallow Port Company", "its profits had doubled"),
    C("Brenholt Metals said in a stock exchange filing that its chief executive had resigned.", "Brenholt Metals", "its chief executive had resigned"),
    # BBC shapes
    C("Speaking to the BBC, Lund said the hospital was \"at breaking point\".", "Lund", "the hospital was \"at breaking point\""),
    C("Wade told BBC Radio 4's Today programme the inquiry had \"failed the families\".", "Wade", "the inquiry had \"failed the families\""),
    C("A Home Office spokesperson said: \"We are determined to stop the boats.\"", "Home Office spokesperson|spokesperson", "We are determined to stop the boats"),
    C("In a statement, the council said: \"Our thoughts are with the family.\"", "council", "Our thoughts are with the family"),
    C("The BBC understands the minister will announce the plan on Monday.", "BBC", "the minister will announce the plan on Monday"),
    C("Ms Lund told BBC News she had been \"shocked\" by the figures.", "Lund|Ms Lund", "she had been \"shocked\" by the figures"),
    C("Police Scotland said a 34-year-old man had been arrested.", "Police Scotland", "a 34-year-old man had been arrested"),
    C("A spokesperson for the trust said: \"We apologise to the family.\"", "spokesperson", "We apologise to the family"),
    # AFP translated quotes
    C("\"We will resist until the end,\" the rebel leader said in Spanish.", "rebel leader|leader", "We will resist until the end"),
    C("\u201cThe regime is finished,\u201d he told AFP in Arabic.", "", "The regime is finished"),
    C("\"Our children are hungry,\" said Fatou Diallo, 33, speaking in Wolof through an interpreter.", "Fatou Diallo", "Our children are hungry"),
    C("\"We have been abandoned,\" a fisherman told AFP, asking not to be named.", "fisherman", "We have been abandoned"),
    # AP shapes
    C("The man, who spoke on condition of anonymity because he feared reprisals, said soldiers had burned his house.", "man", "soldiers had burned his house"),
    C("The official spoke on condition of anonymity to discuss internal deliberations and said no decision had been made.", "official", "no decision had been made"),
    C("Cobb told The Associated Press on Tuesday that he had the votes.", "Cobb", "he had the votes", TUE),
    C("Parr said Thursday the state would appeal the ruling.", "Parr", "the state would appeal the ruling", THU),
    C("The sheriff's office said a deputy had been wounded.", "sheriff's office", "a deputy had been wounded"),
    # Reuters shapes
    C("The ministry did not give a reason for the delay, but a source said funding had run out.", "source", "funding had run out"),
    C("Two of the sources said the talks could collapse.", "two of the sources|sources", "the talks could collapse"),
    C("Holm told Reuters the alliance was \"watching closely\".", "Holm", "the alliance was \"watching closely\""),
    C("A company spokesperson said in an emailed statement that it was reviewing the claims.", "company spokesperson|spokesperson", "it was reviewing the claims"),
    C("The bank said in a note to clients that it expected two more rate cuts.", "bank", "it expected two more rate cuts"),
    # -- more speakers-after, hedges, and modal statements
    C("The delay could cost the company $500 million, analysts at Tallow Bank said.", "analysts at Tallow Bank|analysts", "The delay could cost the company $500 million"),
    C("The pipeline is expected to be finished by 2028, the operator said.", "operator", "The pipeline is expected to be finished by 2028"),
    C("Shops in the capital were shut and streets were empty, witnesses said.", "witnesses", "Shops in the capital were shut and streets were empty"),
    C("More than 2,000 homes were without power, the utility said.", "utility", "More than 2,000 homes were without power"),
    C("The ship was carrying 40,000 tonnes of grain, the port authority said.", "port authority", "The ship was carrying 40,000 tonnes of grain"),
    C("The vote was 52-48, the speaker's office said.", "speaker's office", "The vote was 52-48"),
    C("No one was hurt, a police spokeswoman said.", "police spokeswoman|spokeswoman", "No one was hurt"),
    C("The suspect is due in court on Monday, police said.", "police", "The suspect is due in court on Monday"),
    C("The museum will reopen in the spring, its director, Nils Berg, said.", "Nils Berg", "The museum will reopen in the spring"),
    C("The rebels now control most of the north, said Tamar Ives, an analyst at the Essary Institute.", "Tamar Ives", "The rebels now control most of the north"),
    # more insisted/argued/acknowledged/stressed/noted
    C("Ebner acknowledged that the coalition was divided.", "Ebner", "the coalition was divided"),
    C("Wilk stressed that Kessel wanted a peaceful solution.", "Wilk", "Kessel wanted a peaceful solution"),
    C("The report noted that deaths had fallen for a third year.", "report", "deaths had fallen for a third year"),
    C("Critics argue the law will be used against journalists.", "critics", "the law will be used against journalists"),
    C("The company maintains that its products are safe.", "company", "its products are safe"),
    C("Hale claimed the election had been rigged.", "Hale", "the election had been rigged"),
    C("Reyes vowed to rebuild every home destroyed by the storm.", "Reyes", "to rebuild every home destroyed by the storm"),
    C("The minister admitted mistakes had been made.", "minister", "mistakes had been made"),
    C("Pell confirmed that two more cases had been found.", "Pell", "two more cases had been found"),
    C("The army announced on Saturday that it had captured the airport.", "army", "it had captured the airport", SAT),
    C("Marrow promised that elections would be free and fair.", "Marrow", "elections would be free and fair"),
    C("Doctors at the hospital reported that most of the wounded had gunshot injuries.", "doctors", "most of the wounded had gunshot injuries"),
    C("The union accused the company of breaking the agreement.", "union", "the company of breaking the agreement"),
    C("Velmorra accused Kessel of violating the truce.", "Velmorra", "Kessel of violating the truce"),
    # quotes with "says" (present tense, features/BBC)
    C("\"We just want to go home,\" says Amira, 12.", "Amira", "We just want to go home"),
    C("Farmer Olav Strand says the drought has cost him half his herd.", "Olav Strand", "the drought has cost him half his herd"),
    C("The charity says demand at food banks has doubled.", "charity", "demand at food banks has doubled"),
    C("\"It feels like the end of the world,\" says Greta Holm, who runs the village shop.", "Greta Holm", "It feels like the end of the world"),
    # more two-sentence pairs
    M("Ostrov did not say when the troops would leave. \"That depends on Velmorra,\" he said.", ("Ostrov", "That depends on Velmorra", "claim", None)),
    M("Asked whether she would resign, Reyes said: \"No.\" She said the investigation would clear her.", ("Reyes", "No", "claim", None), ("Reyes", "the investigation would clear her", "claim", None)),
    M("The company declined to comment. It has previously said its mines meet every safety standard.", ("company", "its mines meet every safety standard", "claim", None)),
    M("Lund was asked about the waiting lists. \"They are too long, and I am sorry,\" she said.", ("Lund", "They are too long, and I am sorry", "claim", None)),
    M("Police said the driver fled. A man was later arrested, they said.", ("police", "the driver fled", "claim", None), ("police", "A man was later arrested", "claim", None)),
    M("Kerr visited the front on Monday. He said morale was high.", ("Kerr", "morale was high", "claim", None)),
    M("The embassy did not respond to a request for comment. Velmorra has denied similar accusations in the past.", ("Velmorra", "similar accusations in the past", "denial", None)),
    M("Wilk met Ranc in Essary. Both said the meeting had been \"frank\".", ("Wilk|both", "the meeting had been \"frank\"", "claim", None)),
    M("\"We will not pay,\" said Bo Karlsen. \"Not a single krona.\"", ("Bo Karlsen", "We will not pay", "claim", None), ("Bo Karlsen", "Not a single krona", "claim", None)),
    M("The strike began at dawn. Union leader Bo Karlsen said it would last 48 hours.", ("Bo Karlsen", "it would last 48 hours", "claim", None)),
    # said + "that" + a second clause joined by "and that"
    C("The ministry said the ship had been seized and that its crew were being questioned.", "ministry", "the ship had been seized and that its crew were being questioned"),
    C("Mertens said inflation had peaked but warned against cutting rates too soon.", "Mertens", "inflation had peaked"),
    # quotes with attribution mid-sentence, pronouns after a name in a prior sentence
    M("Ida Varga, 45, lost her shop in the fire. \"Everything is gone,\" she said.", ("Ida Varga", "Everything is gone", "claim", None)),
    M("Sen. Ward Ames called the ruling \"a disgrace\". He said Democrats would fight it.", ("Ward Ames", "Democrats would fight it", "claim", None)),
    # said by a body in the passive
    C("The strike was called off, it was announced on Tuesday.", "", "The strike was called off"),
    N("It was not immediately clear how many people had been killed."),
    N("The cause of the fire was not known."),
    N("Kessel and Velmorra have fought two wars since 1991."),
    N("The talks are due to resume on Monday."),
    N("Vetter, 58, was arrested in January."),
    N("Reuters has asked the ministry for comment."),
    N("Hale is expected to speak on Friday."),
    # more statements with "in a statement"
    C("The European Commission said in a statement that it would study the proposal.", "European Commission", "it would study the proposal"),
    C("\"The decision is final,\" the federation said in a statement.", "federation", "The decision is final"),
    C("The ministry said in a statement posted on Facebook that the curfew had been extended.", "ministry", "the curfew had been extended"),
    C("In a joint statement, the two leaders said they would \"work together for peace\".", "two leaders|leaders", "they would \"work together for peace\""),
    C("The palace said in a brief statement that the king was resting.", "palace", "the king was resting"),
    C("In a statement on Monday, the group said it had lost contact with its staff in Morvan.", "group", "it had lost contact with its staff in Morvan", MON),
    # more told reporters / told AFP / told journalists
    C("Holm told journalists in Essary that no troops would be sent.", "Holm", "no troops would be sent"),
    C("The governor told a local television station that the dam was safe.", "governor", "the dam was safe"),
    C("A senior commander told Reuters that the offensive would start within days.", "senior commander|commander", "the offensive would start within days"),
    C("Mensa told AFP by telephone that the town was surrounded.", "Mensa", "the town was surrounded"),
    C("An eyewitness told the BBC that he saw three bodies in the street.", "eyewitness", "he saw three bodies in the street"),
    C("Ranc told the UN Security Council on Monday that Velmorra would not back down.", "Ranc", "Velmorra would not back down", MON),
    C("Strand told the Tallow Courier the rains had come too late.", "Strand", "the rains had come too late"),
    # more AP/US
    C("\"We're going to win this,\" Cobb said Tuesday at the Capitol.", "Cobb", "We're going to win this", TUE),
    C("Ames, speaking on the Senate floor, said the bill was \"a betrayal\".", "Ames", "the bill was \"a betrayal\""),
    C("The Justice Department said in a court filing that the documents were classified.", "Justice Department", "the documents were classified"),
    C("Parr's office said in an email that the governor had no public events scheduled.", "Parr's office|office", "the governor had no public events scheduled"),
    C("Federal officials said the outbreak had spread to six states.", "federal officials|officials", "the outbreak had spread to six states"),
    # more according to shapes
    C("According to witnesses, the troops opened fire without warning.", "witnesses", "the troops opened fire without warning"),
    C("The attack killed 23 people, according to a tally by AFP.", "tally|AFP", "The attack killed 23 people"),
    C("According to Ostrov, the army had withdrawn from the town.", "Ostrov", "the army had withdrawn from the town"),
    C("The company is worth about $3 billion, according to people familiar with the deal.", "people familiar with the deal", "The company is worth about $3 billion"),
    C("Unemployment rose to 7.4% in February, according to official figures.", "official figures", "Unemployment rose to 7.4% in February"),
    C("According to the UN, more than a million people have fled their homes.", "UN", "more than a million people have fled their homes"),
    # more dates
    C("Reyes said on Thursday that she would travel to Essary next week.", "Reyes", "she would travel to Essary next week", THU),
    C("The army said on March 8 that it had lost two helicopters.", "army", "it had lost two helicopters", "2026-03-08"),
    C("On Wednesday, Ebner said the talks had collapsed.", "Ebner", "the talks had collapsed", WED),
    C("Earlier on Monday, the ministry said the border was open.", "ministry", "the border was open", MON),
    C("Hale said in February that he would not vote for the budget.", "Hale", "he would not vote for the budget"),
    C("Last month, Wilk said Kessel would \"never\" give up the islands.", "Wilk", "Kessel would \"never\" give up the islands"),
    C("On Sunday, police said the protest had been peaceful.", "police", "the protest had been peaceful", SUN),
    C("Mertens told parliament on 10 March that rates would stay high.", "Mertens", "rates would stay high", "2026-03-10"),
]
# fmt: on


def half(text: str) -> str:
    """'dev' or 'test', by a CRC of the sentence: fixed before anything is run, never chosen by result."""
    return "dev" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "test"
