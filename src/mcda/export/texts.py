"""Every sentence, heading and label of the exports, in English and bokmål, in one place.

Terms follow ``shared/domain/GLOSSARY.md`` (vektsett, nærhetskoeffisient, konsistensforhold
(CR), ekspertvurdering, manglende verdi, kilde, ...). Numbers in running text follow the
language: ``0,7123`` and ``25 %`` in bokmål, ``0.7123`` and ``25%`` in English.
"""

from __future__ import annotations

from ..errors import Lang
from ..formatting import format_as
from ..models import LocalizedText

TEXTS: dict[str, tuple[str, str]] = {  # key -> (English, bokmål); fields filled by str.format
    # --- document -------------------------------------------------------------------------
    "report_title": ("Multi-criteria analysis: {name}", "Flerkriterieanalyse: {name}"),
    "report_subtitle": (
        "{method} · weight set «{weights}» · {date}",
        "{method} · vektsett «{weights}» · {date}",
    ),
    "slide_subtitle": (
        "Multi-criteria analysis with {method} · weight set «{weights}» · {date}",
        "Flerkriterieanalyse med {method} · vektsett «{weights}» · {date}",
    ),
    "figure": ("Figure", "Figur"),
    "table": ("Table", "Tabell"),
    "figure_omitted": ("chart in the Word and PowerPoint exports", "diagram i Word- og PowerPoint-eksporten"),
    "more_rows": ("… and {n} more rows (see the full report)", "… og {n} rader til (se hele rapporten)"),
    "yes": ("yes", "ja"),
    "no": ("no", "nei"),
    # --- sections -------------------------------------------------------------------------
    "sec_intro": ("What was ranked, and why", "Hva som er rangert, og hvorfor"),
    "sec_weights": ("Criteria and weights", "Kriterier og vekter"),
    "sec_ranking": ("Ranking", "Rangering"),
    "sec_contributions": ("Contribution of each criterion", "Bidrag per kriterium"),
    "sec_consistency": ("Consistency of the pairwise comparisons", "Konsistens i de parvise sammenligningene"),
    "sec_consensus": ("Consensus in the group", "Konsensus i gruppen"),
    "sec_workshop": ("Workshop", "Arbeidsmøte"),
    "sec_comparison": ("Comparison of rankings", "Sammenligning av rangeringer"),
    "sec_robustness": ("Robustness", "Robusthet"),
    "sec_method": ("Method and conventions", "Metode og konvensjoner"),
    "sec_data": ("Decision matrix and data basis", "Beslutningsmatrise og datagrunnlag"),
    "sec_provenance": ("Appendix: every value and its source", "Vedlegg: alle verdier og deres kilde"),
    "sec_sources": ("Sources", "Kilder"),
    # --- sheets (at most 31 characters) ---------------------------------------------------
    "sheet_ranking": ("Ranking", "Rangering"),
    "sheet_weights": ("Weights", "Vekter"),
    "sheet_matrix": ("Decision matrix", "Beslutningsmatrise"),
    "sheet_provenance": ("Values and sources", "Verdier og kilder"),
    "sheet_sources": ("Sources", "Kilder"),
    "sheet_method": ("Method", "Metode"),
    "sheet_consistency": ("Consistency", "Konsistens"),
    "sheet_consensus": ("Consensus", "Konsensus"),
    "sheet_workshop": ("Workshop", "Arbeidsmøte"),
    "sheet_comparison": ("Comparison", "Sammenligning"),
    "sheet_robustness": ("Robustness", "Robusthet"),
    # --- column labels --------------------------------------------------------------------
    "col_rank": ("Rank", "Plass"),
    "col_id": ("Id", "Id"),
    "col_position": ("Position", "Posisjon"),
    "col_stage": ("Value-chain stage", "Verdikjedeledd"),
    "col_score": ("Score: {label}", "Skår: {label}"),
    "col_contribution": ("Contribution: {criterion}", "Bidrag: {criterion}"),
    "col_criterion": ("Criterion", "Kriterium"),
    "col_criterion_id": ("Criterion id", "Kriterie-id"),
    "col_direction": ("Direction", "Retning"),
    "col_unit": ("Unit", "Enhet"),
    "col_weight_set": ("Weight in the weight set", "Vekt i vektsettet"),
    "col_weight_used": ("Weight used", "Vekt brukt"),
    "col_note": ("Note", "Merknad"),
    "col_value": ("Value", "Verdi"),
    "col_kind": ("Kind", "Type"),
    "col_source": ("Source", "Kilde"),
    "col_author": ("Judged by", "Vurdert av"),
    "col_date": ("Date", "Dato"),
    "col_rationale": ("Rationale", "Begrunnelse"),
    "col_used": ("Used in the ranking", "Brukt i rangeringen"),
    "col_key": ("Key", "Nøkkel"),
    "col_citation": ("Reference", "Referanse"),
    "col_topic": ("Topic", "Emne"),
    "col_explanation": ("Explanation", "Forklaring"),
    "col_quantity": ("Quantity", "Størrelse"),
    "col_judgment": ("Judgment (row over column)", "Vurdering (rad mot kolonne)"),
    "col_now": ("Now", "Nå"),
    "col_consistent_value": ("Consistent value", "Konsistent verdi"),
    "col_scale_value": ("Nearest scale value", "Nærmeste skalaverdi"),
    "col_member": ("Member", "Medlem"),
    "col_consistent": ("Consistent (CR ≤ {threshold})", "Konsistent (CR ≤ {threshold})"),
    "col_group": ("Group", "Gruppen"),
    "col_ranking": ("Ranking", "Rangering"),
    "col_place": ("Place {k}", "Plass {k}"),
    "col_confidence": ("Confidence factor", "Konfidensfaktor"),
    # --- intro ----------------------------------------------------------------------------
    "msg_intro": (
        "{positions} assessed against {criteria}",
        "{positions} vurdert mot {criteria}",
    ),
    "intro_ranked": (
        "{alternatives} are ranked with {method} against {criteria}. The weights are the weight set «{weights}»: "
        "{origin}.",
        "{alternatives} er rangert med {method} mot {criteria}. Vektene er vektsettet «{weights}»: {origin}.",
    ),
    "n_alternatives": ("{count} (candidate positions)", "{count} (kandidatposisjoner)"),
    "n_alternatives_some": (
        "{used} of {count} (candidate positions; {k} left out because values are missing)",
        "{used} av {count} (kandidatposisjoner; {k} er utelatt fordi verdier mangler)",
    ),
    "n_criteria": ("{count}", "{count}"),
    "n_criteria_some": (
        "{used} of the {count} ({k} left out because values are missing)",
        "{used} av i alt {count} ({k} er utelatt fordi verdier mangler)",
    ),
    "intro_purpose": (
        "The ranking is a basis for the expert group's discussion, not a substitute for it: it shows what follows "
        "from the stated values and weights.",
        "Rangeringen er et grunnlag for ekspertgruppens drøfting, ikke en erstatning for den: den viser hva som "
        "følger av de oppgitte verdiene og vektene.",
    ),
    "intro_basis": ("The data basis:", "Datagrunnlaget:"),
    "count_published": ("{count}, each with its source", "{count}, hvert med kilde"),
    "count_expert": (
        "{count}: scores given by people, with author, date and rationale",
        "{count}: skårer satt av fagpersoner, med hvem, dato og begrunnelse",
    ),
    "count_missing": ("{count}: {policy}", "{count}: {policy}"),
    "count_unspecified": ("{count}", "{count}"),
    # --- weights --------------------------------------------------------------------------
    "msg_weights_equal": ("All criteria weigh the same ({w} each)", "Alle kriteriene veier likt ({w} hver)"),
    "msg_weights_equal_used": (
        "The {k} criteria used weigh the same ({w} each)",
        "De {k} kriteriene som inngår, veier likt ({w} hver)",
    ),
    "msg_weights_top": ("«{criterion}» weighs most ({w})", "«{criterion}» veier tyngst ({w})"),
    "weights_how": ("How the weights were obtained: {origin}.", "Slik er vektene fastsatt: {origin}."),
    "weights_rescaled": (
        "The weights of the criteria left out are shared among the others in proportion, so the weights used "
        "sum to 100 %.",
        "Vektene til kriteriene som er utelatt, er fordelt forholdsmessig på de andre, slik at vektene som er "
        "brukt, summerer seg til 100 %.",
    ),
    "weights_caption": ("Weights used, by criterion", "Vektene som er brukt, per kriterium"),
    "weights_table": ("Criteria and weights", "Kriterier og vekter"),
    "left_out_missing": ("left out: missing values", "utelatt: manglende verdier"),
    "judgment_matrix": ("Pairwise comparisons: {who}", "Parvise sammenligninger: {who}"),
    # --- ranking --------------------------------------------------------------------------
    "msg_top": ("{name} ranks first with {method}", "{name} rangeres først med {method}"),
    "msg_top_tied": ("{names} share first place with {method}", "{names} deler førsteplassen med {method}"),
    "ranking_score": (
        "Score: {label} ({direction}). Place 1 is best; alternatives with the same score share the best place "
        "(1, 1, 3).",
        "Skår: {label} ({direction}). Plass 1 er best; alternativer med samme skår deler beste plass (1, 1, 3).",
    ),
    "ranking_table": ("Ranking with {method}", "Rangering med {method}"),
    "ranking_caption": ("Scores with {method}", "Skår med {method}"),
    "contributions_basis": ("Each bar is made of: {basis}.", "Hver søyle består av: {basis}."),
    "msg_contribution": ("For {name}, «{criterion}» counts most", "For {name} teller «{criterion}» mest"),
    "contributions_caption": ("Contribution of each criterion", "Bidrag fra hvert kriterium"),
    # --- consistency ----------------------------------------------------------------------
    "cr_explained": (
        "The consistency ratio (CR) measures how far the pairwise comparisons contradict each other (0 = fully "
        "consistent). By Saaty's rule of thumb a CR up to {threshold} is acceptable; above it the judgments should "
        "be revised.",
        "Konsistensforholdet (CR) måler hvor mye de parvise sammenligningene motsier hverandre (0 = helt "
        "konsistent). Etter Saatys tommelfingerregel er CR til og med {threshold} akseptabelt; over dette bør "
        "vurderingene revideres.",
    ),
    "cr_group": (
        "For a group, CR is that of the group matrix (the element-wise geometric mean of the members' judgments); "
        "each member's CR is listed too.",
        "For en gruppe gjelder CR gruppematrisen (det elementvise geometriske gjennomsnittet av medlemmenes "
        "vurderinger); CR for hvert medlem står også oppført.",
    ),
    "msg_consistent": (
        "The judgments are consistent (CR = {cr} ≤ {threshold})",
        "Vurderingene er konsistente (CR = {cr} ≤ {threshold})",
    ),
    "msg_inconsistent": (
        "The judgments should be revised (CR = {cr} > {threshold})",
        "Vurderingene bør revideres (CR = {cr} > {threshold})",
    ),
    "consistency_table": ("Consistency figures", "Konsistenstall"),
    "hints_intro": (
        "The judgments that disagree most with the derived priorities, with the value that would fit them:",
        "Vurderingene som avviker mest fra prioritetsvektoren, med verdien som ville passe:",
    ),
    "hints_table": ("Most inconsistent judgments", "Mest inkonsistente vurderinger"),
    "members_table": ("Consistency per member", "Konsistens per medlem"),
    "q_lambda": ("λmax (principal eigenvalue)", "λmax (største egenverdi)"),
    "q_ci": ("CI = (λmax − n)/(n − 1)", "CI = (λmax − n)/(n − 1)"),
    "q_ri": ("RI (random index)", "RI (tilfeldig indeks)"),
    "q_cr": ("consistency ratio CR = CI/RI", "konsistensforhold CR = CI/RI"),
    "q_threshold": ("threshold", "grense"),
    "q_priority": ("priority vector", "prioritetsvektor"),
    "q_ri_table": ("random-index table", "RI-tabell"),
    "eigenvector": ("eigenvector method", "egenvektormetoden"),
    "geometric": ("geometric mean of the rows", "geometrisk gjennomsnitt av radene"),
    "ri_saaty": (
        "Saaty (1980) for n ≤ 10, Alonso–Lamata (2006) above",
        "Saaty (1980) for n ≤ 10, Alonso–Lamata (2006) over",
    ),
    "ri_alonso-lamata": ("Alonso–Lamata (2006)", "Alonso–Lamata (2006)"),
    # --- consensus ------------------------------------------------------------------------
    "s_explained": (
        "The consensus indicator S* (Goepel 2018) runs from 0 % (no agreement) to 100 % (full agreement) and is "
        "corrected for the judgment scale (M = 9). Bands: very low < 50 % ≤ low < 62.5 % ≤ moderate < 75 % ≤ "
        "high < 87.5 % ≤ very high.",
        "Konsensusindikatoren S* (Goepel 2018) går fra 0 % (ingen enighet) til 100 % (full enighet) og er "
        "korrigert for vurderingsskalaen (M = 9). Nivåer: svært lav < 50 % ≤ lav < 62,5 % ≤ moderat < 75 % ≤ "
        "høy < 87,5 % ≤ svært høy.",
    ),
    "msg_consensus": ("Consensus in the group is {band} (S* = {s})", "Enigheten i gruppen er {band} (S* = {s})"),
    "msg_consensus_none": ("Group weights from {k} members", "Gruppevekter fra {k} medlemmer"),
    "consensus_method": ("Group weights: {aggregation}.", "Gruppevektene: {aggregation}."),
    "consensus_table": ("Consensus figures", "Konsensustall"),
    "member_weights_table": ("Weights per member and for the group", "Vekter per medlem og for gruppen"),
    "q_s_star": ("consensus indicator S*", "konsensusindikator S*"),
    "q_band": ("level", "nivå"),
    "q_members": ("members", "medlemmer"),
    "q_aggregation": ("aggregation", "aggregering"),
    "q_group_cr": ("CR of the group matrix", "CR for gruppematrisen"),
    "aij": (
        "aggregation of individual judgments (AIJ): geometric mean of the judgments, then the priorities",
        "aggregering av individuelle vurderinger (AIJ): geometrisk gjennomsnitt av vurderingene, deretter prioritetene",
    ),
    "aip": (
        "aggregation of individual priorities (AIP): geometric mean of the members' priorities",
        "aggregering av individuelle prioriteter (AIP): geometrisk gjennomsnitt av medlemmenes prioriteter",
    ),
    # --- workshop -------------------------------------------------------------------------
    "msg_workshop": ("Workshop", "Arbeidsmøte"),
    "workshop_table": ("Workshop", "Arbeidsmøte"),
    # --- workshop section (mcda.export.workshop) --------------------------------------------
    "msg_workshop_round": (
        "Round {round} of «{name}»: {n} of {m} members have submitted",
        "Runde {round} i «{name}»: {n} av {m} deltakere har sendt inn",
    ),
    "workshop_explained_ahp": (
        "In the workshop «{name}» each member compared the {k} criteria in pairs (AHP); the group's weights, "
        "consistency and consensus follow from the members' judgments.",
        "I arbeidsmøtet «{name}» sammenlignet hver deltaker de {k} kriteriene parvis (AHP); gruppens vekter, "
        "konsistens og konsensus følger av deltakernes vurderinger.",
    ),
    "workshop_explained_direct": (
        "In the workshop «{name}» each member weighed the {k} criteria directly (points); the group's weights "
        "and consensus follow from the members' weights.",
        "I arbeidsmøtet «{name}» vektet hver deltaker de {k} kriteriene direkte (poeng); gruppens vekter og "
        "konsensus følger av deltakernes vekter.",
    ),
    "workshop_anonymous": (
        "The workshop is anonymous: members appear as Member 1, 2, … in the order they joined.",
        "Arbeidsmøtet er anonymt: deltakerne vises som Deltaker 1, 2, … i den rekkefølgen de ble med.",
    ),
    "workshop_provisional": (
        "The round is still open: the result is provisional and changes as members submit.",
        "Runden er fortsatt åpen: resultatet er foreløpig og endres når deltakerne sender inn.",
    ),
    "workshop_unweighed": (
        "Criteria not weighed in the workshop have weight 0 in the group's weight set: {items}.",
        "Kriterier som ikke ble vektet i arbeidsmøtet, har vekt 0 i gruppens vektsett: {items}.",
    ),
    "workshop_weights_name": ("{name}, round {round}", "{name}, runde {round}"),
    "workshop_facts_table": ("The workshop and the round", "Arbeidsmøtet og runden"),
    "q_workshop": ("workshop", "arbeidsmøte"),
    "q_round": ("round", "runde"),
    "q_status": ("status of the round", "status for runden"),
    "q_mode": ("weighting", "vekting"),
    "q_weighed": ("criteria weighed", "kriterier som er vektet"),
    "q_participants": ("members", "deltakere"),
    "q_submissions": ("submissions in the round", "svar i runden"),
    "q_anonymous": ("anonymous", "anonymt"),
    "q_group_weights": ("group weights", "gruppens vekter"),
    "q_ranking": ("ranking", "rangering"),
    "workshop_snapshot": (
        "The workshop keeps a snapshot of the problem it was created with (SHA-256 {sha}); later edits of the "
        "data do not change its results.",
        "Arbeidsmøtet bruker et øyeblikksbilde av problemet slik det var da møtet ble opprettet (SHA-256 {sha}); "
        "senere endringer i dataene endrer ikke resultatene.",
    ),
    "q_kendalls_w": ("Kendall's W of the members' rankings", "Kendalls W for deltakernes rangeringer"),
    "mode_ahp": ("pairwise comparisons (AHP)", "parvise sammenligninger (AHP)"),
    "mode_direct": ("direct weights (points)", "direkte vekter (poeng)"),
    "status_open": ("open", "åpen"),
    "status_closed": ("closed", "lukket"),
    "status_revealed": ("closed, result shown to the members", "lukket, resultatet vist til deltakerne"),
    "part_group_weights": ("The group's weights", "Gruppens vekter"),
    "msg_group_top": ("«{criterion}» weighs most for the group ({w})", "«{criterion}» veier tyngst for gruppen ({w})"),
    "group_weights_ahp": (
        "The group's weights are the priorities of the element-wise geometric mean of the members' judgments "
        "(AIJ, the primary result); the geometric mean of the members' own priorities (AIP) is shown beside them.",
        "Gruppens vekter er prioritetene til det elementvise geometriske gjennomsnittet av deltakernes vurderinger "
        "(AIJ, hovedresultatet); det geometriske gjennomsnittet av deltakernes egne prioriteter (AIP) står ved "
        "siden av.",
    ),
    "group_weights_direct": (
        "The group's weights are the arithmetic mean of the members' weights (the primary result); the geometric "
        "mean, rescaled, is shown beside them.",
        "Gruppens vekter er det aritmetiske gjennomsnittet av deltakernes vekter (hovedresultatet); det "
        "geometriske gjennomsnittet, skalert, står ved siden av.",
    ),
    "group_weights_caption": ("The group's weights by aggregation", "Gruppens vekter etter aggregering"),
    "group_weights_table": ("The group's weights by each aggregation", "Gruppens vekter med hver aggregering"),
    "ws_member_weights_table": ("Weights per member and for the group", "Vekter per deltaker og for gruppen"),
    "ws_member_weights_caption": (
        "Each member's weights (dots) and the group's (bars)",
        "Hver deltakers vekter (prikker) og gruppens (streker)",
    ),
    "part_consensus": ("Consensus and agreement", "Konsensus og samsvar"),
    "msg_consensus_very low": ("The group hardly agrees (S* = {s})", "Gruppen er i svært liten grad enig (S* = {s})"),
    "msg_consensus_low": ("The group agrees little (S* = {s})", "Gruppen er i liten grad enig (S* = {s})"),
    "msg_consensus_moderate": ("The group agrees moderately (S* = {s})", "Gruppen er moderat enig (S* = {s})"),
    "msg_consensus_high": ("The group largely agrees (S* = {s})", "Gruppen er i stor grad enig (S* = {s})"),
    "msg_consensus_very high": ("The group agrees closely (S* = {s})", "Gruppen er i svært stor grad enig (S* = {s})"),
    "msg_consensus_too_few": (
        "Too few submissions to measure consensus",
        "For få svar til å måle enighet",
    ),
    "s_explained_direct": (
        "For direct weights the consensus indicator S* is Goepel's (2018) relative homogeneity of the members' "
        "weights without the judgment-scale correction (direct weights have no bounded scale); 0 % is no "
        "agreement, 100 % full agreement. Bands: very low < 50 % ≤ low < 62.5 % ≤ moderate < 75 % ≤ high < "
        "87.5 % ≤ very high.",
        "For direkte vekter er konsensusindikatoren S* Goepels (2018) relative homogenitet i deltakernes vekter, "
        "uten korreksjon for vurderingsskalaen (direkte vekter har ingen avgrenset skala); 0 % er ingen enighet, "
        "100 % full enighet. Nivåer: svært lav < 50 % ≤ lav < 62,5 % ≤ moderat < 75 % ≤ høy < 87,5 % ≤ svært høy.",
    ),
    "agreement_explained": (
        "Kendall's W (0 = no agreement, 1 = full agreement) measures how alike the members' rankings are. Each "
        "member's weighted Spearman rw compares their ranking with the group's (1 = the same), weighing the top "
        "places most; «weight to move» is the share of the total weight that would have to move to turn the "
        "member's weights into the group's.",
        "Kendalls W (0 = ingen enighet, 1 = full enighet) måler hvor like deltakernes rangeringer er. Hver "
        "deltakers vektede Spearman rw sammenligner deltakerens rangering med gruppens (1 = den samme) og legger "
        "mest vekt på de øverste plassene; «vekt som må flyttes» er andelen av den samlede vekten som måtte "
        "flyttes for at deltakerens vekter skulle bli gruppens.",
    ),
    "ws_consensus_table": ("Consensus figures", "Konsensustall"),
    "ws_members_table": ("The members", "Deltakerne"),
    "ws_agreement_caption": (
        "Each member's agreement with the group's ranking (rw)",
        "Hver deltakers samsvar med gruppens rangering (rw)",
    ),
    "ws_ranks_table": (
        "Place of each position for the group and for each member",
        "Plassen til hver posisjon for gruppen og for hver deltaker",
    ),
    "col_participant": ("Member", "Deltaker"),
    "col_submitted": ("Submitted", "Sendt inn"),
    "col_rw": ("rw against the group ranking", "rw mot gruppens rangering"),
    "col_distance": ("Weight to move", "Vekt som må flyttes"),
    "col_round": ("Round", "Runde"),
    "col_status": ("Status", "Status"),
    "col_submissions": ("Submissions", "Svar"),
    "col_band": ("Level", "Nivå"),
    "part_rounds": ("Rounds", "Runder"),
    "msg_rounds_rose": (
        "S* rose from {a} in round {r1} to {b} in round {r2}",
        "S* steg fra {a} i runde {r1} til {b} i runde {r2}",
    ),
    "msg_rounds_fell": (
        "S* fell from {a} in round {r1} to {b} in round {r2}",
        "S* falt fra {a} i runde {r1} til {b} i runde {r2}",
    ),
    "msg_rounds_same": (
        "S* is {b} in round {r2}, as in round {r1}",
        "S* er {b} i runde {r2}, som i runde {r1}",
    ),
    "msg_rounds_one": ("S* is {s} after round {r}", "S* er {s} etter runde {r}"),
    "msg_rounds_none": ("No round has two submissions yet", "Ingen runde har to svar ennå"),
    "rounds_explained": (
        "In a Delphi workshop the members see the group's result after a round and may revise their judgments in "
        "the next; S* by round shows whether the group moved closer together.",
        "I et Delphi-arbeidsmøte ser deltakerne gruppens resultat etter en runde og kan endre vurderingene sine i "
        "neste; S* per runde viser om gruppen har nærmet seg hverandre.",
    ),
    "rounds_caption": ("Consensus S* by round", "Konsensus S* per runde"),
    "rounds_table": ("The rounds", "Rundene"),
    # --- comparison -----------------------------------------------------------------------
    "msg_agree": (
        "The rankings agree closely (Spearman ρ ≥ {rho})",
        "Rangeringene stemmer godt overens (Spearman ρ ≥ {rho})",
    ),
    "msg_agree_mostly": (
        "The rankings agree in the main (Spearman ρ ≥ {rho})",
        "Rangeringene stemmer i hovedsak overens (Spearman ρ ≥ {rho})",
    ),
    "msg_disagree": (
        "The rankings differ (Spearman ρ down to {rho})",
        "Rangeringene spriker (Spearman ρ ned til {rho})",
    ),
    "comparison_explained": (
        "Spearman's ρ and Kendall's τ-b compare two rankings (1 = the same order, 0 = no relation, −1 = the "
        "reverse order). The weighted Spearman rw and the WS similarity weigh disagreement near the top more. "
        "Each ranking is compared with {main}.",
        "Spearmans ρ og Kendalls τ-b sammenligner to rangeringer (1 = samme rekkefølge, 0 = ingen sammenheng, "
        "−1 = motsatt rekkefølge). Vektet Spearman rw og likhetsmålet WS legger mer vekt på uenighet i toppen. "
        "Hver rangering er sammenlignet med {main}.",
    ),
    "ranks_table": ("Place in each ranking", "Plass i hver rangering"),
    "coefficients_table": ("Agreement with {main}", "Samsvar med {main}"),
    "bump_caption": ("Place of each position in each ranking", "Plassen til hver posisjon i hver rangering"),
    "heatmap_caption": ("Spearman's ρ between the rankings", "Spearmans ρ mellom rangeringene"),
    # --- robustness -----------------------------------------------------------------------
    "acceptability_explained": (
        "The rank acceptability index is the share of the sampled weight combinations in which a position takes a "
        "given place (SMAA; Lahdelma & Salminen 2001).",
        "Rangakseptabilitetsindeksen er andelen av de trukne vektkombinasjonene der en posisjon får en gitt plass "
        "(SMAA; Lahdelma og Salminen 2001).",
    ),
    "acceptability_sampling": (
        "{samples} samples; random seed {seed}.",
        "{samples} trekninger; startverdi (seed) {seed}.",
    ),
    "msg_acceptability": (
        "{name} is first in {p} of the weight combinations",
        "{name} er på førsteplass i {p} av vektkombinasjonene",
    ),
    "acceptability_table": ("Rank acceptability", "Rangakseptabilitet"),
    # --- robustness section (mcda.export.robustness) ----------------------------------------
    "robustness_basis": (
        "The analyses below concern the ranking with {method} and {weights}. Normalisation: {normalization}. "
        "Missing values: {policy}.",
        "Analysene nedenfor gjelder rangeringen med {method} og {weights}. Normalisering: {normalization}. "
        "Manglende verdier: {policy}.",
    ),
    "robustness_basis_methods": (
        "The analyses below concern {weights}. Missing values: {policy}.",
        "Analysene nedenfor gjelder {weights}. Manglende verdier: {policy}.",
    ),
    "robustness_weights_named": ("the weight set «{name}»", "vektsettet «{name}»"),
    "robustness_weights_current": ("the current weights", "de gjeldende vektene"),
    "robustness_left_out": (
        "Left out because values are missing: {items}; the weights are rescaled over the other criteria.",
        "Utelatt fordi verdier mangler: {items}; vektene er skalert over de andre kriteriene.",
    ),
    "part_acceptability": ("Rank acceptability", "Rangakseptabilitet"),
    "msg_first_share_weights": (
        "{name} is first in {p} of the weight samples",
        "{name} er først i {p} av vektutvalgene",
    ),
    "msg_first_share_values": (
        "{name} is first in {p} of the value samples",
        "{name} er først i {p} av verdiutvalgene",
    ),
    "msg_first_share_both": (
        "{name} is first in {p} of the samples of weights and values",
        "{name} er først i {p} av utvalgene av vekter og verdier",
    ),
    "acceptability_run": (
        "{samples} samples, seed {seed}; {method}. Weights: {cloud}. Values: {values}.",
        "{samples} utvalg, frø (seed) {seed}; {method}. Vekter: {cloud}. Verdier: {values}.",
    ),
    "acceptability_repeat": (
        "The same seed with the same inputs repeats every number exactly.",
        "Samme frø med de samme inndataene gjentar hvert tall nøyaktig.",
    ),
    "values_fixed": ("fixed, as in the data", "faste, som i dataene"),
    "confidence_estimated": (
        "Each confidence factor is estimated on {n} value samples.",
        "Hver konfidensfaktor er anslått på {n} verdiutvalg.",
    ),
    "acceptability_heatmap_caption": (
        "Share of the samples in which each position takes each place",
        "Andelen av utvalgene der hver posisjon får hver plass",
    ),
    "first_share_caption": (
        "How often each position is first, and among the first three",
        "Hvor ofte hver posisjon er først, og blant de tre første",
    ),
    "acceptability_summary_table": (
        "First place, the first three and the mean place over the samples",
        "Førsteplass, de tre første og gjennomsnittlig plass over utvalgene",
    ),
    "central_table": ("Central weights and confidence factors (%)", "Sentrale vekter og konfidensfaktorer (%)"),
    "central_explained": (
        "A position's central weights are the mean of the sampled weights with which it is first; its confidence "
        "factor is the share of samples in which it is first with its central weights (with fixed values 100 % or "
        "0 %). Positions that are never first have none.",
        "De sentrale vektene til en posisjon er gjennomsnittet av de trukne vektene der den er først; "
        "konfidensfaktoren er andelen av utvalgene der den er først med sine sentrale vekter (med faste verdier "
        "100 % eller 0 %). Posisjoner som aldri er først, har ingen.",
    ),
    "acceptability_matrix_table": (
        "Rank acceptability: share of the samples (%) in which each position takes each place",
        "Rangakseptabilitet: andel av utvalgene (%) der hver posisjon får hver plass",
    ),
    "part_stability": ("Stability intervals", "Stabilitetsintervaller"),
    "msg_stable_ranking": (
        "The ranking is unchanged as long as the weight of {criterion} is between {low} and {high}",
        "Rangeringen er uendret så lenge vekten på {criterion} er mellom {low} og {high}",
    ),
    "msg_stable_always": (
        "No change of a single weight changes the ranking",
        "Ingen endring av én enkelt vekt endrer rangeringen",
    ),
    "stability_explained": (
        "One weight at a time runs from 0 to 100 % while the other weights keep their proportions. For each "
        "criterion the table gives the range of its weight within which the whole ranking, the first three (the "
        "same three in the same order) and first place stay the same.",
        "Én vekt om gangen går fra 0 til 100 %, mens de andre vektene beholder forholdet seg imellom. For hvert "
        "kriterium viser tabellen hvor langt vekten kan gå mens hele rangeringen, de tre første (de samme tre i "
        "samme rekkefølge) og førsteplassen er uendret.",
    ),
    "stability_most": (
        "The weight of {criterion} (now {current}) is the most sensitive: a change of {change} percentage points "
        "changes the ranking.",
        "Vekten på {criterion} (nå {current}) er den mest følsomme: en endring på {change} prosentpoeng endrer "
        "rangeringen.",
    ),
    "stability_chart_caption": (
        "Stability interval of each weight (red line: the current weight)",
        "Stabilitetsintervall for hver vekt (rød strek: gjeldende vekt)",
    ),
    "stability_table": ("Stability intervals of the weights (%)", "Stabilitetsintervaller for vektene (%)"),
    "part_sweep": ("Weight sweep: {criterion}", "Vektsveip: {criterion}"),
    "msg_first_holds": (
        "{name} stays first as long as the weight of {criterion} is between {low} and {high}",
        "{name} er først så lenge vekten på {criterion} er mellom {low} og {high}",
    ),
    "msg_first_always": (
        "{name} is first whatever the weight of any single criterion",
        "{name} er først uansett vekten på hvert enkelt kriterium",
    ),
    "sweep_explained": (
        "The weight of {criterion} runs from 0 to 100 % while the other weights keep their proportions; where two "
        "lines cross, two positions swap places. {criterion} is the criterion whose weight needs the smallest "
        "change (from {current}) to change first place.",
        "Vekten på {criterion} går fra 0 til 100 %, mens de andre vektene beholder forholdet seg imellom; der to "
        "linjer krysser hverandre, bytter to posisjoner plass. {criterion} er kriteriet der den minste "
        "endringen av vekten (fra {current}) endrer førsteplassen.",
    ),
    "sweep_other": (
        "The weight of {criterion} runs from 0 to 100 % while the other weights keep their proportions.",
        "Vekten på {criterion} går fra 0 til 100 %, mens de andre vektene beholder forholdet seg imellom.",
    ),
    "sweep_caption": (
        "Scores as the weight of {criterion} changes",
        "Skår når vekten på {criterion} endres",
    ),
    "reversals_table": (
        "Rank reversals among the first three places as the weight of {criterion} changes",
        "Rangreverseringer blant de tre første plassene når vekten på {criterion} endres",
    ),
    "reversals_none": (
        "No two of the first three positions swap places at any weight of {criterion}.",
        "Ingen av de tre første posisjonene bytter plass uansett vekten på {criterion}.",
    ),
    "sweep_exact_topsis": (
        "The reversal points are exact: roots of a quartic in the weight, refined to 10⁻¹².",
        "Reverseringspunktene er eksakte: røtter i et fjerdegradspolynom i vekten, forfinet til 10⁻¹².",
    ),
    "sweep_exact_wsm": (
        "The reversal points are exact: the scores are linear in the weight.",
        "Reverseringspunktene er eksakte: skårene er lineære i vekten.",
    ),
    "sweep_exact_grid": (
        "The reversal points are found on a grid of {points} weights and refined to 10⁻¹²; two crossings inside "
        "one grid step can be missed.",
        "Reverseringspunktene er funnet på et rutenett av {points} vekter og forfinet til 10⁻¹²; to kryssinger "
        "innenfor ett steg kan bli oversett.",
    ),
    "part_methods": ("Method robustness", "Metoderobusthet"),
    "msg_methods_all": (
        "{name} is first with all {n} combinations of method and normalisation",
        "{name} er først med alle {n} kombinasjoner av metode og normalisering",
    ),
    "msg_methods_some": (
        "{name} is first with {k} of {n} combinations of method and normalisation",
        "{name} er først med {k} av {n} kombinasjoner av metode og normalisering",
    ),
    "methods_explained": (
        "The same problem, weights and missing-value policy ranked with every method and normalisation of the "
        "tool ({n} combinations). Each combination's mean Spearman ρ with the others lies between {low} and "
        "{high} (1 = the same order).",
        "Det samme problemet, de samme vektene og den samme behandlingen av manglende verdier er rangert med "
        "hver metode og normalisering i verktøyet ({n} kombinasjoner). Hver kombinasjons gjennomsnittlige "
        "Spearman ρ med de andre ligger mellom {low} og {high} (1 = samme rekkefølge).",
    ),
    "methods_rank_caption": (
        "Place of each position with each method and normalisation",
        "Plassen til hver posisjon med hver metode og normalisering",
    ),
    "methods_spread_table": ("Best and worst place over the methods", "Beste og dårligste plass over metodene"),
    "methods_agreement_table": (
        "Mean agreement of each combination with the others (Spearman ρ)",
        "Gjennomsnittlig samsvar mellom hver kombinasjon og de andre (Spearman ρ)",
    ),
    "methods_agreement_caption": (
        "Agreement between the methods (Spearman ρ)",
        "Samsvar mellom metodene (Spearman ρ)",
    ),
    "methods_ranks_table": ("Place with each method and normalisation", "Plass med hver metode og normalisering"),
    "methods_tied": (
        "These combinations tie every position, so their correlations are undefined (–): {labels}.",
        "Disse kombinasjonene gir alle posisjonene samme plass, så korrelasjonene deres er udefinerte (–): {labels}.",
    ),
    "methods_skipped": ("Combinations that could not rank:", "Kombinasjoner som ikke kunne rangere:"),
    # --- method ---------------------------------------------------------------------------
    "topic_method": ("Method", "Metode"),
    "topic_normalization": ("Normalisation", "Normalisering"),
    "topic_score": ("Score", "Skår"),
    "topic_ties": ("Ties", "Like skårer"),
    "topic_missing": ("Missing values", "Manglende verdier"),
    "topic_weights": ("Weights", "Vekter"),
    "topic_parameters": ("Parameters", "Parametre"),
    "topic_warnings": ("Notes from the calculation", "Merknader fra beregningen"),
    "topic_reference": ("Reference", "Referanse"),
    "topic_software": ("Software", "Programvare"),
    "topic_scenario": ("Scenario (SHA-256 of the inputs)", "Scenario (SHA-256 av inndataene)"),
    "topic_created": ("Created", "Laget"),
    "scenario_explained": (
        "{sha}; the scenario file (mcda export --format json) holds every input and reproduces this ranking "
        "exactly (mcda rank --scenario).",
        "{sha}; scenariofilen (mcda export --format json) inneholder alle inndata og gjenskaper denne "
        "rangeringen nøyaktig (mcda rank --scenario).",
    ),
    "own_normalization": ("{method} uses its own scaling: {how}.", "{method} bruker sin egen skalering: {how}."),
    "ties_rule": (
        "scores that differ by less than {tol} (relative) share the best place (1, 1, 3).",
        "skårer som skiller seg med mindre enn {tol} (relativt), deler beste plass (1, 1, 3).",
    ),
    "score_rule": ("{label}; {direction}.", "{label}; {direction}."),
    "msg_method": ("How the ranking was made", "Slik er rangeringen laget"),
    "msg_dropped_criteria": (
        "{count} left out because values are missing",
        "{count} er utelatt fordi verdier mangler",
    ),
    "msg_dropped_alternatives": (
        "{count} left out because values are missing",
        "{count} er utelatt fordi verdier mangler",
    ),
    "msg_imputed": (
        "{count} replaced by the worst observed value",
        "{count} er erstattet med dårligste observerte verdi",
    ),
    "missing_none": ("There are no missing values.", "Det er ingen manglende verdier."),
    "missing_drop_criteria": (
        "Policy: {policy}. Left out: {items}. Their weights are shared among the other criteria in proportion.",
        "Valgt behandling: {policy}. Utelatt: {items}. Vektene deres er fordelt forholdsmessig på de andre kriteriene.",
    ),
    "missing_drop_alternatives": (
        "Policy: {policy}. Left out, and so not ranked: {items}.",
        "Valgt behandling: {policy}. Utelatt, og derfor ikke rangert: {items}.",
    ),
    "missing_worst": (
        "Policy: {policy}. Replaced by the criterion's worst observed value (the lowest for a benefit criterion, the "
        "highest for a cost criterion), so that missing evidence counts against a position: {items} ({count}).",
        "Valgt behandling: {policy}. Erstattet med kriteriets dårligste observerte verdi (den laveste for et "
        "nyttekriterium, den høyeste for et kostnadskriterium), slik at manglende dokumentasjon teller mot en "
        "posisjon: {items} ({count}).",
    ),
    "missing_refuse": (
        "Policy: {policy}. The data have no missing values.",
        "Valgt behandling: {policy}. Dataene har ingen manglende verdier.",
    ),
    "method_summary_weights": ("Weights: {origin}", "Vekter: {origin}"),
    # --- data -----------------------------------------------------------------------------
    "msg_data": (
        "{published}, {expert}, {missing}",
        "{published}, {expert}, {missing}",
    ),
    "data_explained": (
        "Each value is a published figure with its source, an expert judgment (a score given by people, with who, "
        "when and why), or a missing value. Every value's source is listed in the appendix.",
        "Hver verdi er enten et publisert tall med kilde, en ekspertvurdering (en skår satt av fagpersoner, med "
        "hvem, når og hvorfor) eller en manglende verdi. Kilden til hver verdi står i vedlegget.",
    ),
    "data_legend": (
        "In the table, * marks an expert judgment, – a missing value and ? a value without a stated source; "
        "unmarked values are published figures. Columns marked (left out) were not used in the ranking.",
        "I tabellen markerer * en ekspertvurdering, – en manglende verdi og ? en verdi uten oppgitt kilde; "
        "verdier uten merke er publiserte tall. Kolonner merket (utelatt) er ikke brukt i rangeringen.",
    ),
    "matrix_table": ("Decision matrix", "Beslutningsmatrise"),
    "left_out": ("left out", "utelatt"),
    "provenance_table": ("Every value and its source", "Alle verdier og deres kilde"),
    "used_yes": ("yes", "ja"),
    "used_left_out_criterion": ("no: criterion left out", "nei: kriteriet er utelatt"),
    "used_left_out_alternative": ("no: position left out", "nei: posisjonen er utelatt"),
    "used_imputed": ("replaced by the worst observed value", "erstattet med dårligste observerte verdi"),
    "xlsx_legend": (
        "Yellow: expert judgment. Grey: missing value. White: published figure. Each cell's comment gives its source.",
        "Gult: ekspertvurdering. Grått: manglende verdi. Hvitt: publisert tall. Kommentaren i hver celle viser kilden.",
    ),
    "msg_sources": ("{count} behind the values", "{count} bak verdiene"),
    "sources_none": ("The problem lists no bibliography.", "Problemet har ingen kildeliste."),
    "sources_table": ("Sources", "Kilder"),
}

PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {  # key -> ((en one, many), (nb one, many))
    "position": (("position", "positions"), ("posisjon", "posisjoner")),
    "alternative": (("alternative", "alternatives"), ("alternativ", "alternativer")),
    "criterion": (("criterion", "criteria"), ("kriterium", "kriterier")),
    "published": (("published figure", "published figures"), ("publisert tall", "publiserte tall")),
    "expert_judgment": (("expert judgment", "expert judgments"), ("ekspertvurdering", "ekspertvurderinger")),
    "missing": (("missing value", "missing values"), ("manglende verdi", "manglende verdier")),
    "unspecified": (
        ("value without a stated source", "values without a stated source"),
        ("verdi uten oppgitt kilde", "verdier uten oppgitt kilde"),
    ),
    "source": (("source", "sources"), ("kilde", "kilder")),
}

METHOD_EXPLAINED: dict[str, LocalizedText] = {
    "topsis": LocalizedText(
        en="TOPSIS measures how close each alternative is to an imagined ideal alternative (the best value on every "
        "criterion) and how far it is from an imagined worst one. The score is the relative closeness, from 0 to 1; "
        "higher is better.",
        nb="TOPSIS måler hvor nær hvert alternativ er et tenkt idealalternativ (beste verdi på alle kriterier), og "
        "hvor langt det er fra et tenkt dårligste alternativ. Skåren er nærhetskoeffisienten, fra 0 til 1; høyere "
        "er bedre.",
    ),
    "vikor": LocalizedText(
        en="VIKOR looks for a compromise between the best overall result (S, the weighted sum of the shortfalls "
        "from the best value) and the smallest single shortfall (R, the largest weighted shortfall on one "
        "criterion). The compromise index Q weighs the two with v = {v}; lower is better.",
        nb="VIKOR søker et kompromiss mellom best samlet resultat (S, den vektede summen av avstandene fra beste "
        "verdi) og minst enkeltavvik (R, den største vektede avstanden på ett kriterium). Kompromissindeksen Q veier "
        "de to med v = {v}; lavere er bedre.",
    ),
    "promethee2": LocalizedText(
        en="PROMETHEE II compares the alternatives in pairs on every criterion. The net outranking flow is how "
        "strongly an alternative is preferred to the others minus how strongly the others are preferred to it; it "
        "lies between −1 and 1, higher is better, and a negative value means below the average.",
        nb="PROMETHEE II sammenligner alternativene parvis på hvert kriterium. Netto preferansestrøm er hvor sterkt "
        "et alternativ foretrekkes framfor de andre, minus hvor sterkt de andre foretrekkes framfor det; den ligger "
        "mellom −1 og 1, høyere er bedre, og en negativ verdi betyr under gjennomsnittet.",
    ),
    "wsm": LocalizedText(
        en="The weighted sum adds each criterion's normalised value times its weight; higher is better. A weak "
        "value on one criterion can be made up for by strong values on others.",
        nb="Vektet sum legger sammen hvert kriteriums normaliserte verdi ganget med vekten; høyere er bedre. En svak "
        "verdi på ett kriterium kan veies opp av sterke verdier på andre.",
    ),
    "wpm": LocalizedText(
        en="The weighted product multiplies the normalised values raised to their weights; higher is better. A "
        "weak value on one criterion pulls the whole score down more than in a sum.",
        nb="Vektet produkt multipliserer de normaliserte verdiene opphøyd i vektene; høyere er bedre. En svak verdi "
        "på ett kriterium trekker hele skåren mer ned enn i en sum.",
    ),
    "copras": LocalizedText(
        en="COPRAS adds an alternative's weighted shares on the benefit criteria and sets them against its weighted "
        "shares on the cost criteria. The score is the utility degree relative to the best alternative (1 = best).",
        nb="COPRAS summerer alternativets vektede andeler på nyttekriteriene og setter dem opp mot de vektede "
        "andelene på kostnadskriteriene. Skåren er nyttegraden i forhold til det beste alternativet (1 = best).",
    ),
    "edas": LocalizedText(
        en="EDAS measures each alternative's positive and negative distance from the average solution on every "
        "criterion; the appraisal score lies between 0 and 1, higher is better.",
        nb="EDAS måler hvert alternativs positive og negative avstand fra gjennomsnittsløsningen på hvert kriterium; "
        "vurderingsskåren ligger mellom 0 og 1, høyere er bedre.",
    ),
    "mabac": LocalizedText(
        en="MABAC measures how far each alternative lies above or below a border approximation area (the "
        "geometric mean of the weighted values) on every criterion and adds the distances; higher is better.",
        nb="MABAC måler hvor langt hvert alternativ ligger over eller under et grenseområde (det geometriske "
        "gjennomsnittet av de vektede verdiene) på hvert kriterium, og legger sammen avstandene; høyere er bedre.",
    ),
    "spotis": LocalizedText(
        en="SPOTIS measures each alternative's weighted distance from an ideal point within fixed bounds (here the "
        "observed lowest and highest value of each criterion); lower is better.",
        nb="SPOTIS måler hvert alternativs vektede avstand fra et idealpunkt innenfor faste grenser (her laveste og "
        "høyeste observerte verdi for hvert kriterium); lavere er bedre.",
    ),
}

NORMALIZATION_EXPLAINED: dict[str, LocalizedText] = {
    "vector": LocalizedText(
        en="vector normalisation: each value is divided by the length of its criterion's column (the square root "
        "of the sum of squares); for cost criteria 1 minus that, so that higher is always better.",
        nb="vektornormalisering: hver verdi deles på lengden av kriteriets kolonne (kvadratroten av "
        "kvadratsummen); for kostnadskriterier brukes 1 minus dette, slik at høyere alltid er bedre.",
    ),
    "minmax": LocalizedText(
        en="min–max normalisation: each criterion is rescaled to 0–1 between its lowest and highest value; cost "
        "criteria are reversed.",
        nb="min–maks-normalisering: hvert kriterium skaleres til 0–1 mellom laveste og høyeste verdi; "
        "kostnadskriterier snus.",
    ),
    "max": LocalizedText(
        en="max normalisation: each value is divided by the criterion's highest value; for cost criteria 1 minus that.",
        nb="maksnormalisering: hver verdi deles på kriteriets høyeste verdi; for kostnadskriterier brukes 1 minus "
        "dette.",
    ),
    "sum": LocalizedText(
        en="sum normalisation: each value is divided by the criterion's total; for cost criteria the reciprocals "
        "are used. Every value must be above 0.",
        nb="sumnormalisering: hver verdi deles på kriteriets sum; for kostnadskriterier brukes de inverse "
        "verdiene. Alle verdier må være over 0.",
    ),
}

OWN_NORMALIZATION: dict[str, LocalizedText] = {
    "vikor": LocalizedText(
        en="each criterion is scaled by its range between the best and the worst value (f* − f−)",
        nb="hvert kriterium skaleres med spennet mellom beste og dårligste verdi (f* − f−)",
    ),
    "promethee2": LocalizedText(
        en="none; differences between pairs go through the preference function",
        nb="ingen; forskjeller mellom par går gjennom preferansefunksjonen",
    ),
    "copras": LocalizedText(
        en="each value is divided by its criterion's total (cost criteria are not reversed but counted apart)",
        nb="hver verdi deles på kriteriets sum (kostnadskriterier snus ikke, men telles for seg)",
    ),
    "edas": LocalizedText(en="distances from the average solution", nb="avstander fra gjennomsnittsløsningen"),
    "mabac": LocalizedText(en="min–max normalisation", nb="min–maks-normalisering"),
    "spotis": LocalizedText(
        en="distances within the bounds given by each criterion's observed lowest and highest value",
        nb="avstander innenfor grensene gitt av laveste og høyeste observerte verdi for hvert kriterium",
    ),
}

ORIGIN_EXPLAINED: dict[str, LocalizedText] = {
    "direct": LocalizedText(en="set directly", nb="satt direkte"),
    "points": LocalizedText(en="points distributed among the criteria", nb="poeng fordelt mellom kriteriene"),
    "ahp": LocalizedText(
        en="computed from pairwise comparisons (AHP, {priority}); consistency ratio CR = {cr}",
        nb="beregnet fra parvise sammenligninger (AHP, {priority}); konsistensforhold CR = {cr}",
    ),
    "ahp_group": LocalizedText(
        en="computed from {k} members' pairwise comparisons (AHP, {aggregation}); CR of the group matrix = {cr}",
        nb="beregnet fra {k} medlemmers parvise sammenligninger (AHP, {aggregation}); CR for gruppematrisen = {cr}",
    ),
    "objective": LocalizedText(
        en="objective weights computed from the spread of the data, not from anyone's priorities",
        nb="objektive vekter beregnet fra spredningen i dataene, ikke fra noens prioriteringer",
    ),
    "workshop": LocalizedText(
        en="the group result of a workshop round", nb="gruppens resultat fra en runde i arbeidsmøtet"
    ),
    "workshop_round": LocalizedText(
        en="the group result of round {round} of the workshop «{name}» ({aggregation})",
        nb="gruppens resultat fra runde {round} i arbeidsmøtet «{name}» ({aggregation})",
    ),
    "preset": LocalizedText(en="a preset weight set", nb="et forhåndsdefinert vektsett"),
    "file": LocalizedText(en="read from the file {file}", nb="lest fra filen {file}"),
    "equal": LocalizedText(
        en="equal weights: every criterion counts the same", nb="like vekter: alle kriteriene teller like mye"
    ),
}


def t(key: str, lang: Lang, **fields: object) -> str:
    """The catalogue text ``key`` in ``lang`` with its fields filled in."""
    en, nb = TEXTS[key]
    return (nb if lang == "nb" else en).format(**fields)


def count(n: int, noun: str, lang: Lang) -> str:
    """'1 manglende verdi', '38 manglende verdier'."""
    en, nb = PLURALS[noun]
    one, many = nb if lang == "nb" else en
    return f"{n} {one if n == 1 else many}"


def tr(text: str | LocalizedText | None, lang: Lang) -> str:
    """A plain string as it is; a LocalizedText in ``lang``; None as ''."""
    if text is None:
        return ""
    return text.get(lang) if isinstance(text, LocalizedText) else str(text)


def local(text: LocalizedText, lang: Lang, **fields: object) -> str:
    return text.get(lang).format(**fields)


def join_names(names: list[str], lang: Lang) -> str:
    if len(names) <= 1:
        return "".join(names)
    last = " og " if lang == "nb" else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def cell_text(value: object, fmt: str, lang: Lang) -> str:
    """A table cell as text for Word, Markdown and slides (spreadsheets keep numbers as numbers)."""
    if value is None:
        return "" if fmt == "text" else "–"
    if isinstance(value, LocalizedText):
        return value.get(lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, (int, float)):
        return format_as(value, fmt, lang)
    return str(value)
