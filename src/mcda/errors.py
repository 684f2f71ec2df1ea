"""Input problems reported with where and what, in English and bokmål.

Every loader collects :class:`Issue` objects and raises one :class:`InputError`.
The CLI prints ``error.message("en")`` on one line; the app shows
``error.message(lang)`` in the page. Nothing here ever prints a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["en", "nb"]

# fields of the workshop forms, named as the pages name them: column -> (English, bokmål)
FIELD_PLACES: dict[str, tuple[str, str]] = {
    "display_name": ("the display name", "visningsnavnet"),
    "criteria": ("the chosen criteria", "de valgte kriteriene"),
    "mode": ("the weighting mode", "vektingsmåten"),
    "aggregation": ("the aggregation", "aggregeringen"),
    "workshop_name": ("the workshop's name", "navnet på arbeidsmøtet"),
    "weight_set_name": ("the weight set's name", "navnet på vektsettet"),
    "problem.id": ("the problem's id", "problemets id"),
    "nodes": ("the chosen nodes of the value tree", "de valgte nodene i verditreet"),
}

# problem code -> (English, bokmål); fields are filled from Issue.details.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_not_found": ("file not found", "fant ikke filen"),
    "file_unreadable": ("cannot be read: {reason}", "kan ikke leses: {reason}"),
    "not_utf8": (
        "is not UTF-8 text; save it as UTF-8",
        "er ikke UTF-8-tekst; lagre filen som UTF-8",
    ),
    "empty_file": ("is empty", "er tom"),
    "yaml_syntax": ("is not valid YAML: {reason}", "er ikke gyldig YAML: {reason_nb}"),
    "json_syntax": ("is not valid JSON: {reason}", "er ikke gyldig JSON: {reason}"),
    "csv_syntax": ("is not valid CSV: {reason}", "er ikke gyldig CSV: {reason}"),
    "schema": ("{reason}", "{reason_nb}"),
    "missing_column": (
        "column is missing; expected {expected}",
        "kolonnen mangler; forventet {expected}",
    ),
    "unknown_column": (
        "is not a criterion id in the criteria file nor a known column; expected one of {expected}",
        "er verken en kriterie-id i kriteriefilen eller en kjent kolonne; forventet en av {expected}",
    ),
    "duplicate_column": ("appears more than once", "forekommer mer enn én gang"),
    "not_number": (
        "is not a number; expected a number with a dot as decimal separator, or an empty cell for a missing value",
        "er ikke et tall; forventet et tall med punktum som desimaltegn, eller en tom celle for manglende verdi",
    ),
    "not_finite": ("is not a finite number", "er ikke et endelig tall"),
    "outside_scale": (
        "is outside the criterion's scale; expected a score from {min} to {max}",
        "er utenfor kriteriets skala; forventet en skår fra {min} til {max}",
    ),
    "range_order": (
        "does not bracket the value {value_}; expected {low_col} ≤ value ≤ {high_col}",
        "omslutter ikke verdien {value_}; forventet {low_col} ≤ verdi ≤ {high_col}",
    ),
    "bad_date": (
        "is not a date; expected YYYY-MM-DD",
        "er ikke en dato; forventet ÅÅÅÅ-MM-DD",
    ),
    "empty_id": ("id is empty", "id-en er tom"),
    "bad_id": (
        "is not a valid id; expected at most 200 letters, digits, '_' or '-', starting with a letter or digit",
        "er ikke en gyldig id; forventet høyst 200 bokstaver, sifre, '_' eller '-', "
        "som starter med bokstav eller siffer",
    ),
    "duplicate_id": (
        "duplicates an id already used on line {first_line}; ids must be unique",
        "gjentar en id som allerede er brukt på linje {first_line}; id-er må være unike",
    ),
    "ragged_row": (
        "has {found} cells; expected {expected} like the header",
        "har {found} celler; forventet {expected} som overskriftsraden",
    ),
    "no_rows": ("has no data rows", "har ingen datarader"),
    "too_few_alternatives": (
        "has {found} alternative(s); at least 2 are needed to rank",
        "har {found} alternativ(er); minst 2 trengs for å rangere",
    ),
    "interval_undefined": (
        "has no value at all and no scale, so a missing value's range cannot be known; give a scale, a "
        "<criterion>_min/_max range or at least one value",
        "har ingen verdier og ingen skala, så intervallet for en manglende verdi kan ikke bestemmes; oppgi en "
        "skala, et <kriterium>_min/_max-intervall eller minst én verdi",
    ),
    "no_criteria": ("defines no criteria", "definerer ingen kriterier"),
    "unknown_direction": (
        "is not a direction; expected 'benefit' or 'cost'",
        "er ikke en retning; forventet 'benefit' (nytte) eller 'cost' (kostnad)",
    ),
    "negative_weight": (
        "is negative; weights must be 0 or more",
        "er negativ; vekter må være 0 eller mer",
    ),
    "weights_all_zero": (
        "all weights are zero; at least one must be positive",
        "alle vektene er null; minst én må være positiv",
    ),
    "weight_missing": (
        "has no weight; expected a weight for every criterion ({expected})",
        "mangler vekt; forventet en vekt for hvert kriterium ({expected})",
    ),
    "weight_unknown": (
        "is not a criterion of this problem; expected one of {expected}",
        "er ikke et kriterium i dette problemet; forventet en av {expected}",
    ),
    "pairwise_header": (
        "header must be an empty first cell followed by the criterion ids, e.g. ',a,b,c'",
        "overskriften må være en tom første celle fulgt av kriterie-id-ene, f.eks. ',a,b,c'",
    ),
    "pairwise_not_square": (
        "the matrix has {rows} rows and {cols} columns; expected a square matrix",
        "matrisen har {rows} rader og {cols} kolonner; forventet en kvadratisk matrise",
    ),
    "pairwise_label_mismatch": (
        "row id '{row_id}' does not match column id '{col_id}' at the same position",
        "rad-id '{row_id}' stemmer ikke med kolonne-id '{col_id}' på samme plass",
    ),
    "pairwise_not_number": (
        "is not a number; expected a positive number or a fraction such as 1/3",
        "er ikke et tall; forventet et positivt tall eller en brøk som 1/3",
    ),
    "pairwise_not_positive": (
        "is not positive; pairwise judgments must be > 0",
        "er ikke positiv; parvise vurderinger må være > 0",
    ),
    "pairwise_diagonal": ("must be 1 on the diagonal", "må være 1 på diagonalen"),
    "pairwise_out_of_range": (
        "is far off the scale; a judgment must lie between 1/1,000,000 and 1,000,000"
        " (Saaty's scale runs from 1/9 to 9)",
        "ligger langt utenfor skalaen; en vurdering må ligge mellom 1/1 000 000 og 1 000 000"
        " (Saaty-skalaen går fra 1/9 til 9)",
    ),
    "pairwise_not_reciprocal": (
        "is not the reciprocal of the mirror cell ({mirror_cell} = {mirror_value}); expected {expected}",
        "er ikke den resiproke verdien av speilcellen ({mirror_cell} = {mirror_value}); forventet {expected}",
    ),
    "pairwise_too_small": (
        "has {n} item(s); at least 2 are needed",
        "har {n} element(er); minst 2 trengs",
    ),
    "pairwise_criteria_mismatch": (
        "compares {found}; expected exactly the criteria {expected}",
        "sammenligner {found}; forventet nøyaktig kriteriene {expected}",
    ),
    "source_unknown_pair": (
        "refers to {what} '{name}' which is not in the problem",
        "viser til {what} '{name}' som ikke finnes i problemet",
    ),
    "source_kind": (
        "is not a provenance kind; expected published, expert_judgment or missing",
        "er ikke en kildetype; forventet published, expert_judgment eller missing",
    ),
    "source_required": (
        "is empty; a {kind} value needs '{field}'",
        "er tom; en verdi av typen {kind} trenger '{field}'",
    ),
    "source_value_conflict": (
        "says '{kind}' but the data cell is {state}",
        "sier '{kind}', men datacellen er {state}",
    ),
    "source_nb_alone": (
        "has a bokmål source without the source it translates; fill in 'source' too",
        "har en kilde på bokmål uten kilden den oversetter; fyll inn 'source' også",
    ),
    "source_nb_keys": (
        "the bokmål source cites {found}, but the source cites {expected}; a translation cites the same sources",
        "kilden på bokmål viser til {found}, men kilden viser til {expected}; en oversettelse viser til de samme "
        "kildene",
    ),
    "source_duplicate": (
        "repeats the provenance of ({alternative}, {criterion}) from line {first_line}",
        "gjentar kilden for ({alternative}, {criterion}) fra linje {first_line}",
    ),
    "missing_values": (
        "{count_en} missing: {cells}. Choose a missing-value policy "
        "(treat them as intervals, drop the criteria, drop the alternatives, or use the worst observed value)",
        "{count_nb} mangler: {cells_nb}. Velg hvordan manglende verdier skal behandles "
        "(som intervaller, utelat kriteriene, utelat alternativene eller bruk dårligste observerte verdi)",
    ),
    "method_unknown": (
        "is not a ranking method; expected one of {expected}",
        "er ikke en rangeringsmetode; forventet en av {expected}",
    ),
    "normalization_unknown": (
        "is not a normalisation for {method}; expected one of {expected}",
        "er ikke en normalisering for {method}; forventet en av {expected}",
    ),
    "method_failed": (
        "{method} cannot rank this problem: {reason}",
        "{method} kan ikke rangere dette problemet: {reason_nb}",
    ),
    "parameter_invalid": ("{reason}", "{reason_nb}"),
    "entropy_negative": (
        "entropy weights need values of 0 or more (each value is a share of its criterion's total); "
        "{criterion} of {position} is {value}",
        "entropivekter krever verdier på 0 eller mer (hver verdi er en andel av kriteriets sum); "
        "{criterion_nb} for {position_nb} er {value_nb}",
    ),
    "data_range_unbounded": (
        "{criterion} of {position} is {value}; its range (its uncertainty range, or ±{percent} of it) reaches "
        "beyond the largest number that can be computed with (about 1.8 × 10³⁰⁸): give a smaller spread "
        "or check the value",
        "{criterion_nb} for {position_nb} er {value_nb}; intervallet (usikkerhetsintervallet, eller ±{percent_nb} av "
        "verdien) går utover det største tallet som kan regnes med (omtrent 1,8 × 10³⁰⁸): velg en mindre spredning "
        "eller sjekk verdien",
    ),
    # --- workshops (mcda.workshop) ---
    "workshop_key_invalid": (
        "this facilitator key does not open any workshop; use the key you were given when the workshop was created",
        "denne nøkkelen åpner ikke noe arbeidsmøte; bruk møtelederens nøkkel, som du fikk da arbeidsmøtet "
        "ble opprettet",
    ),
    "workshop_token_invalid": (
        "this member token does not belong to any workshop; join again with the workshop's link or code",
        "denne deltakernøkkelen hører ikke til noe arbeidsmøte; bli med på nytt med arbeidsmøtets lenke "
        "eller deltakerkode",
    ),
    # --- roles and sign-in (mcda.hosting) ---
    "role_forbidden": (
        "as {role_en} you may not {action_en}; only the secretariat may, after signing in",
        "som {role_nb} kan du ikke {action_nb}; det kan bare sekretariatet, etter å ha logget inn",
    ),
    "too_many_attempts": (
        "too many wrong tries from this browser; wait {seconds} seconds and try again",
        "for mange feil forsøk fra denne nettleseren; vent {seconds} sekunder og prøv igjen",
    ),
    "passphrase_wrong": (
        "this passphrase is not the secretariat's",
        "dette er ikke sekretariatets passfrase",
    ),
    "workshop_join_code_invalid": (
        "no workshop has this join code; check the code or the link",
        "ingen arbeidsmøter har denne koden; kontroller koden eller lenken",
    ),
    "workshop_round_closed": (
        "round {round} is closed; submissions are no longer accepted",
        "runde {round} er lukket; svar tas ikke lenger imot",
    ),
    "workshop_round_open": (
        "round {round} is still open; close it first",
        "runde {round} er fortsatt åpen; lukk den først",
    ),
    "workshop_unknown": (
        "there is no workshop with number {id}; choose one from the list",
        "det finnes ikke noe arbeidsmøte med nummer {id}; velg et fra listen",
    ),
    "workshop_round_not_closed": (
        "round {round} is still open; its result is shown once the facilitator has closed it",
        "runde {round} er fortsatt åpen; resultatet vises når møtelederen har lukket den",
    ),
    "workshop_round_unknown": (
        "the workshop has no round {round}; it has rounds 1 to {last}",
        "arbeidsmøtet har ingen runde {round}; det har runde 1 til {last}",
    ),
    "workshop_no_submissions": (
        "round {round} has no submissions, so there is no group result",
        "runde {round} har ingen svar, så det finnes ikke noe grupperesultat",
    ),
    "workshop_title_invalid": (
        "a workshop needs a name of 1 to {max} characters",
        "et arbeidsmøte trenger et navn på 1 til {max} tegn",
    ),
    "database_busy": (
        "the database is busy (locked by another change, or out of connections) and stayed busy through "
        "several retries; nothing was changed, try again in a moment",
        "databasen er opptatt (låst av en annen endring, eller uten ledige tilkoblinger) også etter flere "
        "forsøk; ingenting ble endret, prøv igjen om litt",
    ),
    # --- the database's schema and its backups (mcda.storage.migrations, mcda.storage.backup) ---
    "database_schema_newer": (
        "has schema revision {revision}, which this version of the tool does not know (it knows up to {head}): "
        "a newer version has upgraded it; run that version, or restore a backup made with this one; nothing was "
        "changed",
        "har skjemarevisjon {revision}, som denne versjonen av verktøyet ikke kjenner (den kjenner til og med "
        "{head}): en nyere versjon har oppgradert databasen; bruk den versjonen, eller gjenopprett en "
        "sikkerhetskopi tatt med denne; ingenting ble endret",
    ),
    "database_schema_mismatch": (
        "has tables named as this tool's but laid out differently ({difference}; {differences} difference(s) in "
        "all), so it was not made by this tool or was changed by hand; nothing was changed",
        "har tabeller med samme navn som verktøyets, men med en annen oppbygning ({difference}; {differences} "
        "avvik i alt), så den er ikke laget av dette verktøyet eller er endret for hånd; ingenting ble endret",
    ),
    "database_missing": (
        "does not exist; check --url or MCDA_DATABASE_URL",
        "finnes ikke; kontroller --url eller MCDA_DATABASE_URL",
    ),
    "backup_exists": (
        "already exists; choose another file or pass --overwrite",
        "finnes allerede; velg en annen fil eller bruk --overwrite",
    ),
    "backup_unsupported": (
        "is a {backend} database; backups are made of SQLite files and PostgreSQL databases",
        "er en {backend}-database; sikkerhetskopier tas av SQLite-filer og PostgreSQL-databaser",
    ),
    "backup_not_sqlite": (
        "is not an SQLite database (it does not start with 'SQLite format 3'); nothing was restored",
        "er ikke en SQLite-database (den begynner ikke med «SQLite format 3»); ingenting ble gjenopprettet",
    ),
    "backup_damaged": (
        "is damaged ({reason}); nothing was restored",
        "er skadet ({reason}); ingenting ble gjenopprettet",
    ),
    "backup_not_ours": (
        "is not a backup of this tool's database (it lacks the tables {missing}); nothing was restored",
        "er ikke en sikkerhetskopi av verktøyets database (tabellene {missing} mangler); ingenting ble gjenopprettet",
    ),
    "restore_in_use_sqlite": (
        "is in use: another program has it open ({reason}); stop the app and anything else using the file, then "
        "restore again; nothing was restored",
        "er i bruk: et annet program har den åpen ({reason}); stopp appen og alt annet som bruker filen, og "
        "gjenopprett på nytt; ingenting ble gjenopprettet",
    ),
    "restore_in_use_postgres": (
        "is in use: {sessions} other session(s) are connected ({who}); stop the app's processes, then restore "
        "again; nothing was restored",
        "er i bruk: {sessions} andre økt(er) er koblet til ({who}); stopp appens prosesser, og gjenopprett på "
        "nytt; ingenting ble gjenopprettet",
    ),
    "pg_tool_missing": (
        "{tool} is not on the PATH; install the PostgreSQL client programs (Debian/Ubuntu: apt install "
        "postgresql-client) of the server's major version or newer",
        "{tool} finnes ikke i PATH; installer PostgreSQL-klientprogrammene (Debian/Ubuntu: apt install "
        "postgresql-client) i serverens hovedversjon eller nyere",
    ),
    "pg_tool_failed": (
        "{tool} failed: {reason}; nothing was changed",
        "{tool} mislyktes: {reason}; ingenting ble endret",
    ),
    "weight_set_name_invalid": (
        "a weight set needs a name of 1 to {max} characters (this one has {length})",
        "et vektsett trenger et navn på 1 til {max} tegn (dette har {length})",
    ),
    "problem_id_invalid": (
        "a problem id must be one line of at most {max} characters (this one has {length})",
        "en problem-id må være én linje på høyst {max} tegn (denne har {length})",
    ),
    "workshop_name_empty": (
        "a display name is needed",
        "et visningsnavn trengs",
    ),
    "workshop_name_too_long": (
        "has {length} characters; a display name may have at most {max}",
        "har {length} tegn; et visningsnavn kan ha høyst {max}",
    ),
    "workshop_name_control": (
        "contains a control character such as a line break; use plain text on one line",
        "inneholder et kontrolltegn som et linjeskift; bruk vanlig tekst på én linje",
    ),
    "workshop_name_taken": (
        "is already used by another member of this workshop; choose another name",
        "er allerede brukt av en annen deltaker i dette arbeidsmøtet; velg et annet navn",
    ),
    "workshop_mode_unknown": (
        "is not a workshop mode; expected 'ahp' (pairwise comparisons), 'direct' (direct weights), 'swing' "
        "(swing weighting), 'tree' (pairwise comparisons node by node in the value tree) or 'scores' (scoring "
        "positions on criteria)",
        "er ikke en arbeidsmåte for arbeidsmøtet; forventet 'ahp' (parvise sammenligninger), 'direct' (direkte "
        "vekter), 'swing' (swingvekting), 'tree' (parvise sammenligninger node for node i verditreet) eller "
        "'scores' (skåring av posisjoner på kriterier)",
    ),
    # --- scoring rounds (mcda.workshop.scoring) ---
    "scoring_cells_and_criteria": (
        "give either cells or whole criteria, not both",
        "oppgi enten celler eller hele kriterier, ikke begge",
    ),
    "scoring_cell_shape": (
        "cell {k} is not a pair (position id, criterion id)",
        "celle {k} er ikke et par (posisjons-id, kriterie-id)",
    ),
    "scoring_position_unknown": (
        "is not a position in this problem",
        "er ikke en posisjon i dette problemet",
    ),
    "scoring_criterion_unscaled": (
        "is a measured criterion without a score scale; only criteria with an ordinal scale (levels described "
        "in words) can be scored in a workshop",
        "er et målt kriterium uten skåreskala; bare kriterier med en ordinal skala (nivåer beskrevet med ord) "
        "kan skåres i et arbeidsmøte",
    ),
    "scoring_cell_duplicate": ("is chosen more than once", "er valgt mer enn én gang"),
    "scoring_no_cells": (
        "there are no cells to score: choose cells or criteria with a score scale",
        "det er ingen celler å skåre: velg celler eller kriterier med skåreskala",
    ),
    "scoring_expected_mapping": (
        "expected scores as a mapping position id -> criterion id -> score (or None for don't know)",
        "forventet skårer som en tilordning posisjons-id -> kriterie-id -> skår (eller None for «vet ikke»)",
    ),
    "scoring_cell_not_asked": (
        "is not one of the cells this workshop scores",
        "er ikke en av cellene dette arbeidsmøtet skårer",
    ),
    "scoring_not_a_level": (
        "is not a score; expected one of the levels {levels}, or don't know",
        "er ikke en skår; forventet et av nivåene {levels}, eller «vet ikke»",
    ),
    "scoring_fraction": (
        "is not a whole level; the scale is ordinal, expected one of {levels}",
        "er ikke et helt nivå; skalaen er ordinal, forventet et av {levels}",
    ),
    "scoring_off_scale": (
        "is off the criterion's scale; expected one of the levels {levels}",
        "er utenfor kriteriets skala; forventet et av nivåene {levels}",
    ),
    "scoring_nothing": (
        "every answer is don't know (or missing); score at least one cell, or do not submit",
        "alle svarene er «vet ikke» (eller mangler); skår minst én celle, eller la være å sende inn",
    ),
    "scoring_rationale_too_long": (
        "the rationale has {length} characters; at most {max} are allowed",
        "begrunnelsen har {length} tegn; høyst {max} er tillatt",
    ),
    "scoring_rationale_invalid": (
        "the rationale must be plain text of at most {max} characters",
        "begrunnelsen må være vanlig tekst på høyst {max} tegn",
    ),
    "scoring_not_a_scoring_workshop": (
        "this workshop weighs criteria; scores belong to a scoring workshop (mode 'scores')",
        "dette arbeidsmøtet vekter kriterier; skårer hører til et skåringsmøte (arbeidsmåte 'scores')",
    ),
    "scoring_cells_need_scores_mode": (
        "cells are chosen only for a scoring workshop (mode 'scores')",
        "celler velges bare for et skåringsmøte (arbeidsmåte 'scores')",
    ),
    "scoring_no_weights": (
        "a scoring workshop gives scores, not weights; accept the round's scores instead",
        "et skåringsmøte gir skårer, ikke vekter; godta rundens skårer i stedet",
    ),
    "scoring_use_check_scores": (
        "this workshop scores positions; check answers with check_scores",
        "dette arbeidsmøtet skårer posisjoner; sjekk svarene med check_scores",
    ),
    "scoring_rationales_only_scores": (
        "rationales are given only in a scoring workshop",
        "begrunnelser gis bare i et skåringsmøte",
    ),
    "workshop_criteria_too_few": (
        "{found} criteria chosen; at least 2 are needed to weigh",
        "{found} kriterier valgt; minst 2 trengs for å vekte",
    ),
    "workshop_criteria_duplicate": (
        "is chosen more than once",
        "er valgt mer enn én gang",
    ),
    "workshop_expected_matrix": (
        "expected a pairwise comparison matrix (a list of {n} rows of {n} numbers, in the order {criteria})",
        "forventet en parvis sammenligningsmatrise (en liste med {n} rader med {n} tall, i rekkefølgen {criteria})",
    ),
    "workshop_expected_swing": (
        'expected a swing ranking: {{"order": [the criteria, the swing to improve first first], "points": '
        "{{criterion id: 0–100, the first 100}}}} over {criteria}",
        'forventet en rangering av sprang: {{"order": [kriteriene, det som bør forbedres først, først], '
        '"points": {{kriterie-id: 0–100, den første 100}}}} over {criteria}',
    ),
    "workshop_expected_tree": (
        "expected one pairwise comparison matrix per chosen node, as a mapping node id -> matrix ({nodes})",
        "forventet én parvis sammenligningsmatrise per valgt node, som en tilordning node-id -> matrise ({nodes})",
    ),
    "workshop_node_not_chosen": (
        "is not weighed in this round; expected matrices for exactly {expected}",
        "vektes ikke i denne runden; forventet matriser for nøyaktig {expected}",
    ),
    "workshop_node_missing": (
        "has no matrix; every node chosen for the round needs one",
        "mangler matrise; hver node som er valgt for runden, trenger én",
    ),
    "workshop_node_unknown": (
        "is not a node of the value tree with two or more children; expected some of {expected}",
        "er ikke en node i verditreet med to eller flere barn; forventet noen av {expected}",
    ),
    "workshop_nodes_empty": (
        "no node chosen; choose at least one of {expected}",
        "ingen node valgt; velg minst én av {expected}",
    ),
    "workshop_nodes_need_tree": (
        "nodes are chosen only in a workshop that weighs the value tree node by node (mode 'tree')",
        "noder velges bare i et arbeidsmøte som vekter verditreet node for node (vektingsmåten «tree»)",
    ),
    "workshop_tree_flat": (
        "the problem has no value tree over the chosen criteria; weigh them with AHP, direct points or swings",
        "problemet har ikke noe verditre over de valgte kriteriene; vekt dem med AHP, direkte poeng eller swingvekting",
    ),
    "workshop_expected_weights": (
        "expected a weight for each criterion as a mapping criterion id -> weight ({criteria})",
        "forventet en vekt for hvert kriterium som en tilordning kriterie-id -> vekt ({criteria})",
    ),
    "workshop_aggregation_unknown": (
        "is not an aggregation of this workshop's group weights; expected one of {expected}",
        "er ikke en aggregering av gruppevektene i dette arbeidsmøtet; forventet en av {expected}",
    ),
    "workshop_geomean_undefined": (
        "the geometric mean of the members' weights is zero for every criterion (each criterion has a zero "
        "weight from some member); use the arithmetic mean",
        "det geometriske gjennomsnittet av deltakernes vekter er null for alle kriterier (hvert kriterium har "
        "vekt null fra en deltaker); bruk det aritmetiske gjennomsnittet",
    ),
    "tree_group_id": (
        "group '{name}': the id is 'root', a criterion id or another group's id; a group needs an id of its own",
        "gruppen '{name}': id-en er 'root', en kriterie-id eller en annen gruppes id; en gruppe trenger en egen id",
    ),
    "tree_empty_group": (
        "group '{group}' has no children; list the criteria or groups under it, or remove it",
        "gruppen '{group}' har ingen barn; før opp kriteriene eller gruppene under den, eller fjern den",
    ),
    "tree_unknown_child": (
        "group '{group}' names '{child}', which is neither a criterion nor a group; expected one of {expected}",
        "gruppen '{group}' nevner '{child}', som verken er et kriterium eller en gruppe; forventet en av {expected}",
    ),
    "tree_child_twice": (
        "group '{group}' names '{child}', which is already under group '{other}'; each criterion and group "
        "belongs to exactly one group",
        "gruppen '{group}' nevner '{child}', som allerede står under gruppen '{other}'; hvert kriterium og hver "
        "gruppe hører til nøyaktig én gruppe",
    ),
    "tree_criterion_ungrouped": (
        "criterion '{child}' is in no group; with groups, every criterion must be under exactly one group",
        "kriteriet '{child}' er ikke i noen gruppe; når det finnes grupper, må hvert kriterium stå under nøyaktig "
        "én gruppe",
    ),
    "tree_cycle": (
        "group '{group}' is inside itself ({path}); a group cannot contain itself",
        "gruppen '{group}' ligger inni seg selv ({path}); en gruppe kan ikke inneholde seg selv",
    ),
    "tree_node_unweighed": (
        "node '{node}' has no weights; give a pairwise file named {node}.csv (or weights) for it",
        "noden '{node}' har ingen vekter; gi en fil med parvise sammenligninger som heter {node}.csv (eller vekter)",
    ),
    "tree_node_children": (
        "does not match the children of node '{node}'; expected exactly {expected}",
        "stemmer ikke med barna til noden '{node}'; forventet nøyaktig {expected}",
    ),
    "tree_unknown_node": (
        "is not a node of the value tree (the file name must be the node's id); expected one of {expected}",
        "er ikke en node i verditreet (filnavnet må være nodens id); forventet en av {expected}",
    ),
    "swing_first_not_100": (
        "the swing ranked first must have 100 points; the others are given relative to it",
        "spranget som er rangert først, må ha 100 poeng; de andre gis i forhold til det",
    ),
    "swing_points_range": (
        "is outside 0–100; a swing's points are relative to the first swing's 100",
        "er utenfor 0–100; poengene for et sprang er i forhold til det første sprangets 100",
    ),
    "swing_order": (
        "has more points than a swing ranked above it ({above}); raise that one or change the order",
        "har flere poeng enn et sprang som er rangert over det ({above}); øk det eller endre rekkefølgen",
    ),
    "swing_incomplete": (
        "the swing order must name each of {expected} exactly once",
        "rekkefølgen av sprang må nevne hvert av {expected} nøyaktig én gang",
    ),
    "scenario_format": (
        'is not a scenario file; expected a JSON object with "format": "{expected}" (written by mcda export '
        "--format json)",
        'er ikke en scenariofil; forventet et JSON-objekt med "format": "{expected}" (skrevet av mcda export '
        "--format json)",
    ),
    "scenario_version": (
        "has scenario format version {found}; this tool reads versions 1 to {expected}",
        "har scenarioformat versjon {found}; dette verktøyet leser versjon 1 til {expected}",
    ),
    "scenario_invalid": ("{reason}", "{reason}"),
    "scenario_hash_mismatch": (
        "the inputs do not match their SHA-256 (recorded {recorded}…, computed {computed}…); the file was changed "
        "after it was saved",
        "inndataene stemmer ikke med SHA-256-summen (lagret {recorded}…, beregnet {computed}…); filen er endret "
        "etter at den ble lagret",
    ),
    "scenario_weights_mismatch": (
        "the weights differ from those computed from the pairwise judgments (largest difference {difference})",
        "vektene avviker fra dem som beregnes fra de parvise sammenligningene (største avvik {difference})",
    ),
    "export_write_failed": ("cannot be written: {reason}", "kan ikke skrives: {reason}"),
    # --- input hardening (mcda.text_input) ---
    "control_character": (
        "contains the control character {char}; names, ids and labels must be plain text on one line",
        "inneholder kontrolltegnet {char}; navn, id-er og etiketter må være vanlig tekst på én linje",
    ),
    "control_character_text": (
        "contains the control character {char}; text may hold tabs and line breaks but no other control characters",
        "inneholder kontrolltegnet {char}; tekst kan ha tabulatorer og linjeskift, men ingen andre kontrolltegn",
    ),
    "file_too_large": (
        "is {size} bytes; a file may be at most {max} bytes ({max_mb} MB)",
        "er {size} byte; en fil kan være høyst {max} byte ({max_mb} MB)",
    ),
    "too_many_rows": (
        "has more than {max} {what}; split the problem or shorten the file",
        "har mer enn {max} {what_nb}; del opp problemet eller kort ned filen",
    ),
    "too_deep": (
        "nests lists or mappings more than {max} levels deep",
        "har lister eller tilordninger nøstet mer enn {max} nivåer dypt",
    ),
    "number_too_long": (
        "is a number of {length} characters; at most {max} are accepted",
        "er et tall på {length} tegn; høyst {max} godtas",
    ),
    "render_failed": (
        "the chart '{chart}' could not be drawn ({reason}); the export was stopped",
        "figuren '{chart}' kunne ikke tegnes ({reason}); eksporten ble stoppet",
    ),
    "outlook_unknown": (
        "is not a {what} of the problem; expected one of {expected}",
        "er ikke et {what_nb} i problemet; forventet en av {expected}",
    ),
    "outlook_unknown_source": (
        "is not a source key in the bibliography",
        "er ikke en kildenøkkel i litteraturlisten",
    ),
    "outlook_judgment_unscaled": (
        "is not scored on a scale; a judgment change needs a scored criterion, otherwise a published source",
        "skåres ikke på en skala; en vurderingsendring krever et skåret kriterium, ellers en publisert kilde",
    ),
    "outlook_on_missing": (
        "cannot {kind} a missing value; use set with a source or a judgment",
        "kan ikke bruke {kind} på en manglende verdi; bruk set med kilde eller vurdering",
    ),
    "outlook_off_scale": (
        "{kind} gives {result}, outside the criterion's scale {min} to {max}",
        "{kind} gir {result}, utenfor kriteriets skala fra {min} til {max}",
    ),
    "outlook_none": ("no outlook was given", "ingen fremtidsbilder er valgt"),
    "outlook_duplicate": ("outlook given more than once", "fremtidsbildet er valgt mer enn én gang"),
    "outlook_probability_unknown": (
        "is not one of the outlooks; expected {expected}",
        "er ikke et av fremtidsbildene; forventet {expected}",
    ),
    "outlook_probability_missing": ("outlook has no probability", "fremtidsbildet mangler sannsynlighet"),
    "outlook_probability_negative": (
        "is not a probability; expected a number ≥ 0",
        "er ikke en sannsynlighet; forventet et tall ≥ 0",
    ),
    "outlook_probability_zero": (
        "the outlook probabilities are all zero",
        "sannsynlighetene for fremtidsbildene er alle null",
    ),
    "value_chain_unknown_stage": (
        "is not a stage of the map; expected one of {expected}",
        "er ikke et ledd i kartet; forventet et av {expected}",
    ),
    "value_chain_position_twice": (
        "is placed in more than one chain (first in '{first}')",
        "er plassert i mer enn én verdikjede (først i «{first}»)",
    ),
    "value_chain_unplaced": (
        "the position is not placed in any value chain",
        "posisjonen er ikke plassert i noen verdikjede",
    ),
    "value_chain_unknown_position": (
        "is not a position of the problem; expected one of {expected}",
        "er ikke en posisjon i problemet; forventet en av {expected}",
    ),
    # --- scenario files of tree rounds (mcda.tree_judgments) ---
    "scenario_tree_judgment_changed": (
        "the member's matrix no longer gives the local weights recorded with it (largest difference {difference}); "
        "the judgments were changed after the weights were computed",
        "deltakerens matrise gir ikke lenger de lokale vektene som er lagret sammen med den (største avvik "
        "{difference}); vurderingene er endret etter at vektene ble beregnet",
    ),
    "scenario_tree_local_mismatch": (
        "the group's local weights ({aggregation}) computed from the members' matrices differ from the stored ones "
        "(largest difference {difference})",
        "gruppens lokale vekter ({aggregation}) beregnet fra deltakernes matriser avviker fra de lagrede (største "
        "avvik {difference})",
    ),
}


@dataclass(frozen=True)
class Issue:
    """One problem in one input, located as precisely as the input allows."""

    code: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    # the place in a YAML/JSON file in words, (English, bokmål); shown instead of ``column``
    place: tuple[str, str] | None = None

    def message(self, lang: Lang = "en") -> str:
        en, nb = MESSAGES.get(self.code, ("{code}", "{code}"))
        template = nb if lang == "nb" else en
        fields = {k: _fmt(v) for k, v in self.details.items()}
        if "count" in self.details:  # "1 value is" / "2 values are", "1 verdi" / "2 verdier"
            one = str(self.details["count"]) == "1"
            fields.setdefault("count_en", f"{self.details['count']} {'value is' if one else 'values are'}")
            fields.setdefault("count_nb", f"{self.details['count']} {'verdi' if one else 'verdier'}")
        text = template.format_map(_Details(code=self.code, **fields))
        return f"{self.location(lang)}{text}"

    def location(self, lang: Lang = "en") -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"{'linje' if lang == 'nb' else 'line'} {self.line}")
        if self.place is not None:
            parts.append(self.place[1] if lang == "nb" else self.place[0])
        elif self.column is not None:
            parts.append(f"{'kolonne' if lang == 'nb' else 'column'} '{_shown(self.column)}'")
        where = ", ".join(parts)
        value = "" if self.value is None else f"{'verdi' if lang == 'nb' else 'value'} '{_shown(self.value)}' "
        if where:
            return f"{where}: {value}"
        return value


# characters never accepted in input text (mcda.text_input): C0/C1 controls but tab, line feed and
# carriage return, lone surrogates and Unicode non-characters; a name also refuses line breaks
BAD_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
SINGLE_LINE_BAD = re.compile(f"[{BAD_ALWAYS}\t\n\r\u2028\u2029]")


def escape_char(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: object, limit: int = 80) -> str:
    """Text safe to quote in a message: control characters written as escapes, cut to ``limit``."""
    s = text if isinstance(text, str) else str(text)
    if len(s) > limit:
        s = s[:limit] + "…"
    if not SINGLE_LINE_BAD.search(s):
        return s
    return SINGLE_LINE_BAD.sub(lambda m: escape_char(m.group()), s)


def _shown(text: str) -> str:
    return shown(text, limit=200)


class _Details(dict):
    """Message fields; a missing bokmål field (``reason_nb``) falls back to the English one."""

    def __missing__(self, key: str) -> str:
        if key.endswith("_nb") and key[:-3] in self:
            return self[key[:-3]]
        raise KeyError(key)


def _fmt(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return _shown(", ".join(str(v) for v in value))
    return _shown(str(value))


class InputError(ValueError):
    """Raised for bad input; carries every issue found, not only the first."""

    def __init__(self, issues: list[Issue] | Issue):
        self.issues: list[Issue] = [issues] if isinstance(issues, Issue) else list(issues)
        if not self.issues:
            raise ValueError("InputError needs at least one issue")
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "en", limit: int = 1) -> str:
        """The first ``limit`` issues on one line, with a count of the rest."""
        shown = [issue.message(lang) for issue in self.issues[:limit]]
        rest = len(self.issues) - len(shown)
        if rest > 0:
            shown.append(f"(og {rest} til)" if lang == "nb" else f"(and {rest} more)")
        return "; ".join(shown)

    def in_file(self, file: str) -> InputError:
        """The same issues, those without a file named as coming from ``file``."""
        from dataclasses import replace

        return InputError([issue if issue.file else replace(issue, file=file) for issue in self.issues])

    def messages(self, lang: Lang = "en") -> list[str]:
        return [issue.message(lang) for issue in self.issues]


class IssueCollector:
    """Collects issues while a loader keeps going, then raises them together."""

    def __init__(self, file: str | None = None):
        self.file = file
        self.issues: list[Issue] = []

    def add(
        self,
        code: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        file: str | None = None,
        **details: object,
    ) -> None:
        self.issues.append(
            Issue(
                code=code,
                file=file if file is not None else self.file,
                line=line,
                column=column,
                value=None if value is None else str(value),
                details=details,
            )
        )

    def raise_if_any(self) -> None:
        if self.issues:
            raise InputError(self.issues)
