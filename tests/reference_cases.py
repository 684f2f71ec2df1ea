"""Published worked examples (reference cases) for the MCDA engine's tests.

Pure data (literals, a few shared module-level constants, no imports, no
loops or computation). Every number below was copied as it
appears in the source named in ``where_read`` (which is the place the value
was actually read; where that is a secondary source - a package's test suite
or README quoting a paper - the primary paper is given in ``citation``).
Published numbers are never rounded, corrected or recomputed here; where a
recomputation with the classical formulas disagrees, this is recorded in
``notes`` and ``expect_agreement`` is set to ``False``.

Two lists are exported.

``AHP_CASES`` - pairwise comparison matrices with published results.  Keys:

    id               snake_case identifier
    citation         primary source (author, year, title, page/table or URL)
    where_read       repository/path (or page) the numbers were read from
    labels           element names, same order as the matrix rows/columns
    matrix           list of rows; fractions are strings exactly as published
                     ("1/3"), other entries int/float
    priorities       published priority vector in ``labels`` order, or None
                     when only consistency figures are published
    lambda_max, ci, cr   published values, or None when not published
    ri               random index the source used (None if not applicable)
    priority_method  "eigenvector" (principal right eigenvector; AHPy's
                     repeated-squaring iteration also converges to it),
                     "geometric" (row geometric mean), or
                     "approximate_column_normalisation" (columns normalised to
                     sum 1, then row means - the textbook approximation; used
                     by JMcDM)
    decimals         decimals of the published numbers; a test tolerance of
                     0.5 * 10**-decimals plus a little slack is appropriate
    expect_agreement False when the published numbers are known NOT to follow
                     from the matrix with the stated method (see notes)
    notes            free text

``RANKING_CASES`` - decision matrices with published method results.  Keys:

    id, citation, where_read, notes, decimals, expect_agreement  as above
    method           "topsis", "vikor", "promethee2", "wsm", "wpm", "waspas",
                     "copras"
    normalization    what the source used: "vector", "minmax", "max" (x/max;
                     see params["cost_transform"] for cost criteria), "sum",
                     or None when the method fixes it / data already scaled
    params           method parameters (VIKOR v and ranking_rule - "sort_q"
                     or "compromise_set" -, PROMETHEE preference function,
                     WASPAS lambda, cost handling, score transform, COPRAS
                     formula)
    labels           alternative names (optional)
    criteria         criterion names (optional)
    matrix           alternatives x criteria, raw as published
    weights          as published (not necessarily summing to 1)
    types            1 = benefit, -1 = cost
    scores           published score vector (alternatives order)
    ranking          published ranks, 1 = best, or None if not given
    score_direction  "higher_is_better" or "lower_is_better"
    extra            optional dict of other published intermediate values
                     (e.g. VIKOR S and R, TOPSIS separation measures)

Cost handling (params["cost_transform"]):
    "reciprocal_then_sum"  r = (1/x) / sum(1/x)  (pymcdm sum_normalization,
                           scikit-criteria InvertMinimize + SumScaler)
    "min_over_x"           r = min(x) / x        (pymcdm linear_normalization,
                           the WASPAS papers' linear normalisation)
    For "vector"/"minmax" TOPSIS the cost direction is handled the usual way
    (ideal = column minimum for cost criteria, or (max - x)/(max - min)).

COPRAS formulas (params["formula"]):
    "standard"  Q_i = S+_i + sum_j(S-_j) / (S-_i * sum_j(1 / S-_j))
                (Zavadskas et al. 1994; the min(S-)-weighted form used by
                scikit-criteria is algebraically identical)
    "pymcdm_sum" Q_i = S+_i + S-_i  (what pymcdm 1.4.0's COPRAS._method
                reduces to: Sp + (min(Sm)*Sm) / (Sm*(min(Sm)/Sm)) == Sp + Sm)
"""

# ---------------------------------------------------------------------------
# AHP
# ---------------------------------------------------------------------------

AHP_CASES = [
    {
        "id": "saaty2008_drinks",
        "citation": (
            "Saaty, T. L. (2008). Decision making with the analytic hierarchy "
            "process. Int. J. Services Sciences 1(1), 83-98 - 'Which drink is "
            "consumed more in the U.S.?' matrix and derived AHP priorities"
        ),
        "where_read": (
            "PhilipGriffith/AHPy README.md (section 'Relative consumption of "
            "drinks in the United States', matrix table and 'AHP' row) and "
            "tests/test_ahp.py (test_drinks_cr_saaty, "
            "test_drinks_weights_precision_3_saaty)"
        ),
        "labels": ["coffee", "wine", "tea", "beer", "soda", "milk", "water"],
        "matrix": [
            [1, 9, 5, 2, 1, 1, "1/2"],
            ["1/9", 1, "1/3", "1/9", "1/9", "1/9", "1/9"],
            ["1/5", 3, 1, "1/3", "1/4", "1/3", "1/9"],
            ["1/2", 9, 3, 1, "1/2", 1, "1/3"],
            [1, 9, 4, 2, 1, 2, "1/2"],
            [1, 9, 3, 1, "1/2", 1, "1/3"],
            [2, 9, 9, 3, 2, 3, 1],
        ],
        "priorities": [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327],
        "lambda_max": None,
        "ci": None,
        "cr": 0.022,
        "ri": 1.35,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Priorities are Saaty's published AHP vector (README table; AHPy "
            "reproduces them at precision=3). The CR 0.022 is AHPy's own test "
            "expectation with random_index='saaty', whose table (Saaty 2005, "
            "Theory and Applications of the ANP, p. 31) has RI(7) = 1.35 - not "
            "the 1980 value 1.32. Published actual consumption for comparison: "
            "0.180 0.010 0.040 0.120 0.180 0.140 0.330."
        ),
    },
    {
        "id": "ahpy_drinks_precision4_dd",
        "citation": (
            "Saaty (2008) drinks matrix (as above); values computed and "
            "asserted by the AHPy test-suite with Donegan & Dodd (1991) random "
            "indices"
        ),
        "where_read": ("PhilipGriffith/AHPy tests/test_ahp.py (test_drinks_cr_dd, test_drinks_weights_precision_4_dd)"),
        "labels": ["coffee", "wine", "tea", "beer", "soda", "milk", "water"],
        "matrix": [
            [1, 9, 5, 2, 1, 1, "1/2"],
            ["1/9", 1, "1/3", "1/9", "1/9", "1/9", "1/9"],
            ["1/5", 3, 1, "1/3", "1/4", "1/3", "1/9"],
            ["1/2", 9, 3, 1, "1/2", 1, "1/3"],
            [1, 9, 4, 2, 1, 2, "1/2"],
            [1, 9, 3, 1, "1/2", 1, "1/3"],
            [2, 9, 9, 3, 2, 3, 1],
        ],
        "priorities": [0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268],
        "lambda_max": None,
        "ci": None,
        "cr": 0.0235,
        "ri": 1.2519,
        "priority_method": "eigenvector",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "Package test vector (AHPy), 4 decimals. RI(7) = 1.2519 from "
            "AHPy's Donegan & Dodd table (ahpy/ahpy.py, "
            "_compute_consistency_ratio)."
        ),
    },
    {
        "id": "wikipedia_leader_criteria",
        "citation": (
            "Wikipedia, 'Analytic hierarchy process - leader example', "
            "https://en.wikipedia.org/wiki/Analytic_hierarchy_process_%E2%80%93_leader_example "
            "(Overview: criteria weighted .547 Experience, .270 Charisma, .127 "
            "Education, .056 Age)"
        ),
        "where_read": (
            "Priorities: the article's Overview paragraph, read via mirror "
            "copies (everything.explained.today/Analytic_hierarchy_process_"
            "%e2%80%93_leader_example/, en.m.wiki.x.io). Matrix: AHPy "
            "README.md 'Choosing a leader' (criteria_comparisons; AHPy states "
            "the input comparison values are the Wikipedia ones)"
        ),
        "labels": ["Experience", "Education", "Charisma", "Age"],
        "matrix": [
            [1, 4, 3, 7],
            ["1/4", 1, "1/3", 3],
            ["1/3", 3, 1, 5],
            ["1/7", "1/3", "1/5", 1],
        ],
        "priorities": [0.547, 0.127, 0.270, 0.056],
        "lambda_max": None,
        "ci": None,
        "cr": None,
        "ri": None,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Wikipedia's numbers come from an online demo calculator the "
            "article itself warns is 'designed for convenience, not accuracy' "
            "(quoted in the AHPy README); AHPy gets 0.548 for Experience and "
            "the exact eigenvector gives 0.5476, i.e. 5.7e-4 from 0.547. "
            "Use a tolerance of about 1e-3. The Wikipedia CR text could not be "
            "read (only page openings are stored), so cr is None here; see "
            "ahpy_leader_criteria for CR."
        ),
    },
    {
        "id": "ahpy_leader_criteria",
        "citation": (
            "Wikipedia leader example criteria matrix, as computed and "
            "documented by AHPy (precision=3, random_index='saaty')"
        ),
        "where_read": "PhilipGriffith/AHPy README.md, 'Choosing a leader' report output",
        "labels": ["Experience", "Education", "Charisma", "Age"],
        "matrix": [
            [1, 4, 3, 7],
            ["1/4", 1, "1/3", 3],
            ["1/3", 3, 1, 5],
            ["1/7", "1/3", "1/5", 1],
        ],
        "priorities": [0.548, 0.127, 0.27, 0.056],
        "lambda_max": None,
        "ci": None,
        "cr": 0.044,
        "ri": 0.89,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": "RI(4) = 0.89 is AHPy's Saaty (2005) table value, not the 1980 value 0.90.",
    },
    {
        "id": "ahpy_leader_experience",
        "citation": (
            "Wikipedia leader example, candidates w.r.t. Experience "
            "(Tom, Dick, Harry - renamed Moll, Nell, Sue in AHPy)"
        ),
        "where_read": (
            "PhilipGriffith/AHPy README.md ('experience_comparisons', "
            "experience.local_weights and consistency_ratio); same judgements "
            "under the Wikipedia names in AHPy tests/examples.py"
        ),
        "labels": ["Tom", "Dick", "Harry"],
        "matrix": [
            [1, "1/4", 4],
            [4, 1, 9],
            ["1/4", "1/9", 1],
        ],
        "priorities": [0.217, 0.717, 0.066],
        "lambda_max": None,
        "ci": None,
        "cr": 0.035,
        "ri": 0.52,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": ("AHPy precision=3, random_index='saaty' (RI(3) = 0.52 in AHPy's Saaty 2005 table)."),
    },
    {
        "id": "ahpy_leader_education",
        "citation": "Wikipedia leader example, candidates w.r.t. Education",
        "where_read": ("PhilipGriffith/AHPy README.md ('education_comparisons', education.consistency_ratio)"),
        "labels": ["Tom", "Dick", "Harry"],
        "matrix": [
            [1, 3, "1/5"],
            ["1/3", 1, "1/7"],
            [5, 7, 1],
        ],
        "priorities": None,
        "lambda_max": None,
        "ci": None,
        "cr": 0.062,
        "ri": 0.52,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Only global weights are published (Harry 0.093, Tom 0.024, Dick "
            "0.01 = local weight x Education's 0.127), so priorities is None."
        ),
    },
    {
        "id": "ahpy_car_criteria",
        "citation": (
            "Wikipedia, 'Analytic hierarchy process - car example' "
            "(https://en.wikipedia.org/wiki/Analytic_hierarchy_process_%E2%80%93_car_example), "
            "criteria w.r.t. goal; values as computed by AHPy"
        ),
        "where_read": "PhilipGriffith/AHPy README.md, 'Purchasing a vehicle' (criteria report)",
        "labels": ["Cost", "Safety", "Style", "Capacity"],
        "matrix": [
            [1, 3, 7, 3],
            ["1/3", 1, 9, 1],
            ["1/7", "1/9", 1, "1/7"],
            ["1/3", 1, 7, 1],
        ],
        "priorities": [0.51, 0.234, 0.041, 0.215],
        "lambda_max": None,
        "ci": None,
        "cr": 0.08,
        "ri": 0.8286,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "AHPy default random_index='dd' (Donegan & Dodd 1991, RI(4) = "
            "0.8286). With Saaty's RI(4) = 0.90 the CR would be lower. "
            "Wikipedia's own (demo-site) numbers for this matrix were not "
            "readable from the stored pages and are not recorded."
        ),
    },
    {
        "id": "ahpy_car_cost_subcriteria",
        "citation": "Wikipedia car example, Cost sub-criteria; values as computed by AHPy",
        "where_read": "PhilipGriffith/AHPy README.md, cost.report(verbose=True)",
        "labels": ["Price", "Fuel", "Maintenance", "Resale"],
        "matrix": [
            [1, 2, 5, 3],
            ["1/2", 1, 2, 2],
            ["1/5", "1/2", 1, "1/2"],
            ["1/3", "1/2", 2, 1],
        ],
        "priorities": [0.488, 0.252, 0.1, 0.161],
        "lambda_max": None,
        "ci": None,
        "cr": 0.016,
        "ri": 0.8286,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": "AHPy random_index='dd'.",
    },
    {
        "id": "ahpy_car_price",
        "citation": ("Wikipedia car example, alternatives w.r.t. Purchase price; values as computed by AHPy"),
        "where_read": "PhilipGriffith/AHPy README.md, price_values and price.report(verbose=True)",
        "labels": ["Accord Sedan", "Accord Hybrid", "Pilot", "CR-V", "Element", "Odyssey"],
        "matrix": [
            [1, 9, 9, 1, "1/2", 5],
            ["1/9", 1, 1, "1/9", "1/9", "1/7"],
            ["1/9", 1, 1, "1/9", "1/9", "1/7"],
            [1, 9, 9, 1, "1/2", 5],
            [2, 9, 9, 2, 1, 6],
            ["1/5", 7, 7, "1/5", "1/6", 1],
        ],
        "priorities": [0.246, 0.025, 0.025, 0.246, 0.366, 0.093],
        "lambda_max": None,
        "ci": None,
        "cr": 0.072,
        "ri": 1.1797,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Matrix assembled from AHPy's upper-triangle list (9, 9, 1, 1/2, 5, "
            "1, 1/9, 1/9, 1/7, 1/9, 1/9, 1/7, 1/2, 5, 6) over "
            "itertools.combinations of the six vehicles; lower triangle = "
            "reciprocals. RI(6) = 1.1797 (Donegan & Dodd)."
        ),
    },
    {
        "id": "ahpy_car_cargo",
        "citation": ("Wikipedia car example, alternatives w.r.t. Cargo capacity; values as computed by AHPy"),
        "where_read": "PhilipGriffith/AHPy README.md, cargo_values and complete_report['Cargo']",
        "labels": ["Accord Sedan", "Accord Hybrid", "Pilot", "CR-V", "Element", "Odyssey"],
        "matrix": [
            [1, 1, "1/2", "1/2", "1/2", "1/3"],
            [1, 1, "1/2", "1/2", "1/2", "1/3"],
            [2, 2, 1, 1, 1, "1/2"],
            [2, 2, 1, 1, 1, "1/2"],
            [2, 2, 1, 1, 1, "1/2"],
            [3, 3, 2, 2, 2, 1],
        ],
        "priorities": [0.089, 0.089, 0.17, 0.17, 0.17, 0.311],
        "lambda_max": None,
        "ci": None,
        "cr": 0.002,
        "ri": 1.1797,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": ("Upper triangle (1, 1/2, 1/2, 1/2, 1/3, 1/2, 1/2, 1/2, 1/3, 1, 1, 1/2, 1, 1/2, 1/2)."),
    },
    {
        "id": "ahpy_car_passenger_readme_mismatch",
        "citation": "Wikipedia car example, alternatives w.r.t. Passenger capacity; AHPy README",
        "where_read": ("PhilipGriffith/AHPy README.md, passenger_values and print(passenger.local_weights)"),
        "labels": ["Accord Sedan", "Accord Hybrid", "Pilot", "CR-V", "Element", "Odyssey"],
        "matrix": [
            [1, 1, "1/2", 1, 3, "1/2"],
            [1, 1, "1/2", 1, 3, "1/2"],
            [2, 2, 1, 2, 6, 1],
            [1, 1, "1/2", 1, 3, "1/2"],
            ["1/3", "1/3", "1/6", "1/3", 1, "1/6"],
            [2, 2, 1, 2, 6, 1],
        ],
        "priorities": [0.493, 0.197, 0.049, 0.057, 0.091, 0.113],
        "lambda_max": None,
        "ci": None,
        "cr": None,
        "ri": None,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": False,
        "notes": (
            "KNOWN DOCUMENTATION ERROR - keep as a negative control only. The "
            "passenger matrix (upper triangle 1, 1/2, 1, 3, 1/2, 1/2, 1, 3, 1/2, "
            "2, 6, 1, 3, 1/2, 1/6) is perfectly consistent, with eigenvector "
            "(3, 3, 6, 3, 1, 6)/22 = 0.136 0.136 0.273 0.136 0.045 0.273. The "
            "weights printed in the README (reordered here to label order) "
            "cannot come from it; they look like the output of a different "
            "comparison object."
        ),
    },
    {
        "id": "saaty1990_house_criteria",
        "citation": (
            "Saaty, T. L. (1990). How to make a decision: The analytic "
            "hierarchy process. European Journal of Operational Research "
            "48(1), 9-26, Table 2 (house-buying criteria)"
        ),
        "where_read": (
            "mcda.py run_selftest() check 5 in a public GitHub file quoting "
            "Saaty 1990 Table 2 (found with find_string; the index exposes "
            "only the file id 60938422884, not its repository/path)"
        ),
        "labels": [
            "Size of house",
            "Transportation",
            "Neighborhood",
            "Age of house",
            "Yard space",
            "Modern facilities",
            "General condition",
            "Financing",
        ],
        "matrix": [
            [1, 5, 3, 7, 6, 6, "1/3", "1/4"],
            ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
            ["1/3", 3, 1, 6, 3, 4, 6, "1/5"],
            ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
            ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"],
            ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
            [3, 5, "1/6", 7, 5, 5, 1, "1/2"],
            [4, 7, 5, 8, 6, 6, 2, 1],
        ],
        "priorities": [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333],
        "lambda_max": 9.669,
        "ci": 0.238,
        "cr": 0.169,
        "ri": 1.41,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "INCONSISTENT matrix (CR 0.169 > 0.10) published as such by "
            "Saaty. Entry a37 = 6 (Neighborhood vs General condition) with "
            "a73 = 1/6 is the judgement Saaty's text discusses. Criteria "
            "labels follow the 1990 paper's order (the quoting file gives no "
            "names). RI(8) = 1.41 (Saaty 1980 table)."
        ),
    },
    {
        "id": "saaty1990_house_transportation",
        "citation": "Saaty (1990) EJOR 48, 9-26, Table 3 'Transportation' (houses A, B, C)",
        "where_read": (
            "same mcda.py selftest (file id 60938422884), check 3 (matrix, "
            "lambda_max, CI, CR, w3) and check 6 (Table 4 column for A and B)"
        ),
        "labels": ["House A", "House B", "House C"],
        "matrix": [
            [1, 7, "1/5"],
            ["1/7", 1, "1/8"],
            [5, 8, 1],
        ],
        "priorities": [0.233, 0.055, 0.713],
        "lambda_max": 3.247,
        "ci": 0.124,
        "cr": 0.213,
        "ri": 0.58,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "INCONSISTENT 3x3 (CR 0.213). Closed form for a 3x3 reciprocal "
            "matrix: lambda_max = 1 + k^(1/3) + k^(-1/3), k = a12*a23/a13 = "
            "4.375 -> 3.2469. Exact eigenvector 0.23306, 0.05445, 0.71249: "
            "the middle value sits on a rounding boundary (published 0.055, "
            "numpy rounds 0.0545 -> 0.054), so allow ~6e-4."
        ),
    },
    {
        "id": "saaty1990_house_financing",
        "citation": "Saaty (1990) EJOR 48, 9-26, Table 3 'Financing'",
        "where_read": "same mcda.py selftest (file id 60938422884), checks 4 and 6",
        "labels": ["House A", "House B", "House C"],
        "matrix": [
            [1, "1/7", "1/5"],
            [7, 1, 3],
            [5, "1/3", 1],
        ],
        "priorities": [0.072, 0.650, 0.278],
        "lambda_max": 3.065,
        "ci": 0.032,
        "cr": 0.056,
        "ri": 0.58,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Exact eigenvector is 0.07193, 0.64912, 0.27895 with lambda_max "
            "3.06489; the published 0.650 / 0.278 differ from it by up to "
            "9.5e-4 (Saaty's rounding or iteration), so use a tolerance of "
            "1e-3 rather than 5e-4 here."
        ),
    },
    {
        "id": "saaty1990_house_general_condition",
        "citation": "Saaty (1990) EJOR 48, 9-26, Table 3 'General condition'",
        "where_read": "same mcda.py selftest (file id 60938422884), checks 2 and 6",
        "labels": ["House A", "House B", "House C"],
        "matrix": [
            [1, "1/2", "1/2"],
            [2, 1, 1],
            [2, 1, 1],
        ],
        "priorities": [0.200, 0.400, 0.400],
        "lambda_max": 3.000,
        "ci": 0.000,
        "cr": 0.000,
        "ri": 0.58,
        "priority_method": "eigenvector",
        "decimals": 3,
        "expect_agreement": True,
        "notes": "Perfectly consistent matrix: exact answer 1/5, 2/5, 2/5 and lambda_max = n.",
    },
    {
        "id": "bozoki2010_complete_4x4",
        "citation": (
            "Bozoki, S., Fulop, J., Ronyai, L. (2010). On optimal completion "
            "of incomplete pairwise comparison matrices. Mathematical and "
            "Computer Modelling 52(1-2), 318-333 - example matrix (complete "
            "version with c-d = 3/4); weights/CR as computed by AHPy"
        ),
        "where_read": ("PhilipGriffith/AHPy README.md, 'Missing Pairwise Comparisons' (Compare('Complete', ...))"),
        "labels": ["a", "b", "c", "d"],
        "matrix": [
            [1, 1, 5, 2],
            [1, 1, 3, 4],
            ["1/5", "1/3", 1, "3/4"],
            ["1/2", "1/4", "4/3", 1],
        ],
        "priorities": [0.3742, 0.3917, 0.0991, 0.1349],
        "lambda_max": None,
        "ci": None,
        "cr": 0.0372,
        "ri": 0.8286,
        "priority_method": "eigenvector",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "AHPy default precision=4, random_index='dd'. With c-d missing, "
            "AHPy's optimal completion gives c-d = 0.7302971 and weights "
            "0.3738 0.392 0.0985 0.1357 (same CR 0.0372)."
        ),
    },
    {
        "id": "jmcdm_ahp_consistency_8x8",
        "citation": (
            "JMcDM (Julia) test 'AHP - Consistency' (docstring reference: Saaty "
            "2008, Int. J. Services Sciences 1(1), 83-98); the matrix's origin "
            "is not stated"
        ),
        "where_read": "jbytecode/JMcDM test/mcdm/testahp.jl (and src/ahp.jl for the method)",
        "labels": ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"],
        "matrix": [
            [1, 7, "1/5", "1/8", "1/2", "1/3", "1/5", 1],
            ["1/7", 1, "1/8", "1/9", "1/4", "1/5", "1/9", "1/8"],
            [5, 8, 1, "1/3", 4, 2, 1, 1],
            [8, 9, 3, 1, 7, 5, 3, 3],
            [2, 4, "1/4", "1/7", 1, "1/2", "1/5", "1/5"],
            [3, 5, "1/2", "1/5", 2, 1, "1/3", "1/3"],
            [5, 9, 1, "1/3", 5, 3, 1, 1],
            [1, 8, 1, "1/3", 5, 3, 1, 1],
        ],
        "priorities": None,
        "lambda_max": 8.72642777111301,
        "ci": 0.10377539587328702,
        "cr": 0.07359957154133831,
        "ri": 1.41,
        "priority_method": "approximate_column_normalisation",
        "decimals": 5,
        "expect_agreement": True,
        "notes": (
            "Package test vector, asserted with atol 1e-5. JMcDM does NOT use "
            "the eigenvector: priorities = row means of the column-normalised "
            "matrix, lambda_max = mean((A w)_i / w_i). The true principal "
            "eigenvalue is different, so an eigenvector engine should not "
            "reproduce these three numbers - useful to show the method "
            "matters: the principal eigenvalue of this matrix is 8.6982, "
            "not 8.7264. The matrix is reciprocal."
        ),
    },
    {
        "id": "ahpy_26x26_all_ones",
        "citation": "AHPy test-suite size-limit tests (26 elements, all comparisons equal to 1)",
        "where_read": ("PhilipGriffith/AHPy tests/test_ahp.py (test_size_limit_override_saaty, values dict)"),
        "labels": [
            "a",
            "b",
            "c",
            "d",
            "e",
            "f",
            "g",
            "h",
            "i",
            "j",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "q",
            "r",
            "s",
            "t",
            "u",
            "v",
            "w",
            "x",
            "y",
            "z",
        ],
        "matrix": [
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        ],
        "priorities": [
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
            0.0385,
        ],
        "lambda_max": None,
        "ci": None,
        "cr": None,
        "ri": None,
        "priority_method": "eigenvector",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "Only n >= 10 case found with a stated expectation; it is trivial "
            "(1/26 = 0.03846). AHPy raises ValueError for a CR with "
            "random_index='saaty' at n > 15 (test_size_limit_saaty), so the "
            "test passes cr=False. No published non-trivial n >= 10 matrix "
            "with results could be read from the available sources."
        ),
    },
]


# ---------------------------------------------------------------------------
# Ranking methods
# ---------------------------------------------------------------------------

_OPRICOVIC2007_MATRIX = [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
]
_OPRICOVIC2007_CRITERIA = [
    "Profit [10e6 Din]",
    "Cost [10e6 Din]",
    "Energy produced [GW hour]",
    "Peak energy produced [GW hour]",
    "Homes to be relocated [Num]",
    "Reservoirs area [ha]",
    "Villages to displace [Num]",
    "Environmental protection [Grade]",
]
_OPRICOVIC2007_TYPES = [1, -1, 1, 1, -1, -1, -1, 1]
_OPRICOVIC2007_CITATION_W1 = (
    "Opricovic, S., Tzeng, G.-H. (2007). Extended VIKOR method in comparison "
    "with outranking methods. European Journal of Operational Research "
    "178(2), 514-529 (reservoir system, weight set W1)"
)
_OPRICOVIC2007_CITATION_W2 = (
    "Opricovic, S., Tzeng, G.-H. (2007). Extended VIKOR method in comparison "
    "with outranking methods. European Journal of Operational Research "
    "178(2), 514-529 (reservoir system, weight set W2)"
)
_OPRICOVIC2007_CITATION_W3 = (
    "Opricovic, S., Tzeng, G.-H. (2007). Extended VIKOR method in comparison "
    "with outranking methods. European Journal of Operational Research "
    "178(2), 514-529 (reservoir system, weight set W3)"
)
_OPRICOVIC2007_CITATION_W4 = (
    "Opricovic, S., Tzeng, G.-H. (2007). Extended VIKOR method in comparison "
    "with outranking methods. European Journal of Operational Research "
    "178(2), 514-529 (reservoir system, weight set W4)"
)
_OPRICOVIC2007_WHERE_W1 = "quatrope/scikit-criteria tests/agg/test_vikor.py, test_VIKOR_opricovic2007extended (W=1)"
_OPRICOVIC2007_WHERE_W2 = "quatrope/scikit-criteria tests/agg/test_vikor.py, test_VIKOR_opricovic2007extended (W=2)"
_OPRICOVIC2007_WHERE_W3 = "quatrope/scikit-criteria tests/agg/test_vikor.py, test_VIKOR_opricovic2007extended (W=3)"
_OPRICOVIC2007_WHERE_W4 = "quatrope/scikit-criteria tests/agg/test_vikor.py, test_VIKOR_opricovic2007extended (W=4)"
_OPRICOVIC2007_NOTES = (
    "scores = Q; weights are relative (scikit-criteria divides by their "
    "sum); S and R are for the normalised weights. Ranking is a plain sort "
    "of Q (VIKOR(use_compromise_set=False)). Asserted with rtol = atol = "
    "1e-3. compromise_set uses 0-based indices as in scikit-criteria."
)

_CHAKRABORTY2015_EX2_MATRIX = [
    [581818, 54.49, 3, 5500],
    [595454, 49.73, 3, 4500],
    [586060, 51.24, 3, 5000],
    [522727, 45.71, 3, 5800],
    [561818, 52.66, 3, 5200],
    [543030, 74.46, 4, 5600],
    [522727, 75.42, 4, 5800],
    [486970, 62.62, 4, 5600],
    [509394, 65.87, 4, 6400],
    [513333, 70.67, 4, 6000],
]
_CHAKRABORTY2015_CITATION = (
    "Chakraborty, S., Zavadskas, E. K., Antucheviciene, J. (2015). "
    "Applications of WASPAS method as a multi-criteria decision-making tool. "
    "Economic Computation and Economic Cybernetics Studies and Research "
    "49(1), 5-22, Example 2"
)
_CHAKRABORTY2015_WHERE_L1 = (
    "quatrope/scikit-criteria tests/agg/test_simple.py, test_WASPAS_chakraborty2015applications (lambda_value=1)"
)
_CHAKRABORTY2015_WHERE_L0 = (
    "quatrope/scikit-criteria tests/agg/test_simple.py, test_WASPAS_chakraborty2015applications (lambda_value=0)"
)
_CHAKRABORTY2015_WHERE_L05 = (
    "quatrope/scikit-criteria tests/agg/test_simple.py, test_WASPAS_chakraborty2015applications (lambda_value=0.5)"
)

RANKING_CASES = [
    # ------------------------------------------------------------- TOPSIS
    {
        "id": "hwang_yoon1981_fighter_aircraft_topsis",
        "citation": (
            "Hwang, C.-L., Yoon, K. (1981). Multiple Attribute Decision "
            "Making: Methods and Applications. Springer (Lecture Notes in "
            "Economics and Mathematical Systems 186), pp. 133-134, fighter "
            "aircraft example - classical vector-normalised TOPSIS"
        ),
        "where_read": (
            "ldss-hse/ldss-benchmark benchmark/methods/topsis/test_core.py "
            "(book's normalised matrix, ideal/anti-ideal, separations, "
            "closeness .643 .268 .613 .312) and tasks/1_aircraft/task.json "
            "(weights, criterion directions); the same book values and page "
            "numbers in an mcdajs TypeScript example (find_string file id "
            "68365998380, repository not exposed)"
        ),
        "method": "topsis",
        "normalization": "vector",
        "params": {"distance": "euclidean"},
        "labels": ["A1", "A2", "A3", "A4"],
        "criteria": [
            "Maximum speed (Mach)",
            "Ferry range (NM)",
            "Maximum payload (lb)",
            "Acquisition cost ($M)",
            "Reliability",
            "Maneuverability",
        ],
        "matrix": [
            [2.0, 1500, 20000, 5.5, 5, 9],
            [2.5, 2700, 18000, 6.5, 3, 5],
            [1.8, 2000, 21000, 4.5, 7, 7],
            [2.2, 1800, 20000, 5.0, 5, 5],
        ],
        "weights": [0.2, 0.1, 0.1, 0.1, 0.2, 0.3],
        "types": [1, 1, 1, -1, 1, 1],
        "scores": [0.643, 0.268, 0.613, 0.312],
        "ranking": [1, 4, 2, 3],
        "score_direction": "higher_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "extra": {
            "normalized_matrix_published": [
                [0.4671, 0.3662, 0.5056, 0.5063, 0.4811, 0.6708],
                [0.5839, 0.6591, 0.4550, 0.5983, 0.2887, 0.3727],
                [0.4204, 0.4882, 0.5308, 0.4143, 0.6736, 0.5217],
                [0.5139, 0.4392, 0.5056, 0.4603, 0.4811, 0.3727],
            ],
            "ideal_published": [0.1168, 0.0659, 0.0531, 0.0414, 0.1347, 0.2012],
            "anti_ideal_published": [0.0841, 0.0366, 0.0455, 0.0598, 0.0577, 0.1118],
            "separation_ideal_published": [0.0545, 0.1197, 0.0580, 0.1009],
            "separation_anti_ideal_published": [0.0983, 0.0439, 0.0920, 0.0458],
        },
        "notes": (
            "Closeness values exactly as printed in the book (not a textbook "
            "re-computation). The ldss-benchmark authors note the book's "
            "normalised matrix contains small errors (e.g. cost column: "
            "5.5/sqrt(117.75) = 0.5069, book 0.5063), so a from-scratch "
            "computation differs in the 4th decimal of intermediate values; "
            "closeness agrees at 3 decimals within ~1e-3."
        ),
    },
    {
        "id": "tzeng_huang2011_topsis",
        "citation": (
            "Tzeng, G.-H., Huang, J.-J. (2011). Multiple Attribute Decision "
            "Making: Methods and Applications. CRC Press (TOPSIS example)"
        ),
        "where_read": ("quatrope/scikit-criteria tests/agg/test_topsis.py, test_TOPSIS_tzeng2011multiple"),
        "method": "topsis",
        "normalization": "vector",
        "params": {"distance": "euclidean"},
        "labels": ["A0", "A1", "A2", "A3"],
        "matrix": [
            [5, 8, 4],
            [7, 6, 8],
            [8, 8, 6],
            [7, 4, 6],
        ],
        "weights": [0.3, 0.4, 0.3],
        "types": [1, 1, 1],
        "scores": [0.5037, 0.6581, 0.7482, 0.3340],
        "ranking": [3, 2, 1, 4],
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": ("scikit-criteria applies VectorScaler(target='matrix') then TOPSIS; asserted with atol 1e-4."),
    },
    {
        "id": "pymcdm_topsis_opricovic_tzeng2004",
        "citation": (
            "Opricovic, S., Tzeng, G.-H. (2004). Compromise solution by MCDM "
            "methods: A comparative analysis of VIKOR and TOPSIS. European "
            "Journal of Operational Research 156(2), 445-455 (numerical "
            "example: risk vs altitude)"
        ),
        "where_read": "kotbaton/pymcdm test/test_mcdm.py, TestTOPSIS.test_output",
        "method": "topsis",
        "normalization": "minmax",
        "params": {"distance": "euclidean"},
        "labels": ["A1", "A2", "A3"],
        "criteria": ["Risk", "Altitude"],
        "matrix": [
            [1, 3000],
            [2, 3750],
            [5, 4500],
        ],
        "weights": [0.5, 0.5],
        "types": [-1, 1],
        "scores": [0.500, 0.617, 0.500],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "pymcdm's TOPSIS default normalisation is min-max, and these "
            "numbers are reproduced only with min-max; classical vector "
            "normalisation gives 0.762 / 0.722 / 0.238 instead. "
            "Whether the 2004 paper itself printed 0.500/0.617/0.500 could not "
            "be verified from the available sources."
        ),
    },
    # ------------------------------------------------------------- VIKOR
    {
        "id": "opricovic_tzeng2004_vikor",
        "citation": (
            "Opricovic, S., Tzeng, G.-H. (2004). Compromise solution by MCDM "
            "methods: A comparative analysis of VIKOR and TOPSIS. EJOR "
            "156(2), 445-455"
        ),
        "where_read": (
            "quatrope/scikit-criteria tests/agg/test_vikor.py, "
            "test_VIKOR_opricovic2004compromise (S, R, Q, ranks); kotbaton/pymcdm "
            "test/test_mcdm.py TestVIKOR.test_output_opricovic (Q = 1, 0, 1)"
        ),
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5, "ranking_rule": "compromise_set"},
        "labels": ["A1", "A2", "A3"],
        "criteria": ["Risk", "Altitude"],
        "matrix": [
            [1.0, 3000.0],
            [2.0, 3750.0],
            [5.0, 4500.0],
        ],
        "weights": [0.5, 0.5],
        "types": [-1, 1],
        "scores": [1.0, 0.0, 1.0],
        "ranking": [2, 1, 2],
        "score_direction": "lower_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "extra": {
            "S": [0.5, 0.375, 0.5],
            "R": [0.5, 0.25, 0.5],
            "acceptable_advantage": True,
            "acceptable_stability": True,
            "compromise_set": [1],
        },
        "notes": "scores = Q. compromise_set uses 0-based indices as in scikit-criteria.",
    },
    {
        "id": "skcriteria_vikor_dur_cap_rel",
        "citation": ("scikit-criteria test_VIKOR (no paper cited; same data as the Tzeng & Huang 2011 TOPSIS test)"),
        "where_read": "quatrope/scikit-criteria tests/agg/test_vikor.py, test_VIKOR",
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5, "ranking_rule": "compromise_set"},
        "labels": ["A1", "A2", "A3", "A4"],
        "criteria": ["DUR", "CAP", "REL"],
        "matrix": [
            [5, 8, 4],
            [7, 6, 8],
            [8, 8, 6],
            [7, 4, 6],
        ],
        "weights": [0.3, 0.4, 0.3],
        "types": [1, 1, 1],
        "scores": [0.75, 0.25, 0.0, 1.0],
        "ranking": [2, 1, 1, 3],
        "score_direction": "lower_is_better",
        "decimals": 2,
        "expect_agreement": True,
        "extra": {
            "S": [0.6, 0.3, 0.15, 0.65],
            "R": [0.3, 0.2, 0.15, 0.4],
            "acceptable_advantage": False,
            "acceptable_stability": True,
            "compromise_set": [1, 2],
        },
        "notes": (
            "Ranking [2, 1, 1, 3] is scikit-criteria's compromise-set ranking "
            "(VIKOR default use_compromise_set=True: the compromise set {A2, "
            "A3} shares rank 1 because condition C1, acceptable advantage, "
            "fails), NOT a plain sort of Q, which gives [3, 2, 1, 4]."
        ),
    },
    {
        "id": "pymcdm_vikor_yang_wu2020",
        "citation": (
            "Yang, W., Wu, Y. (2020). A new improvement method to avoid rank "
            "reversal in VIKOR. IEEE Access 8, 21261-21271"
        ),
        "where_read": "kotbaton/pymcdm test/test_mcdm.py, TestVIKOR.test_output_yang",
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5},
        "labels": ["A1", "A2", "A3", "A4", "A5"],
        "matrix": [
            [78, 56, 34, 6],
            [4, 45, 3, 97],
            [18, 2, 50, 63],
            [9, 14, 11, 92],
            [85, 9, 100, 29],
        ],
        "weights": [0.25, 0.25, 0.25, 0.25],
        "types": [1, 1, 1, 1],
        "scores": [0.5679, 0.7667, 1, 0.7493, 0],
        "ranking": None,
        "score_direction": "lower_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": "scores = Q.",
    },
    {
        "id": "opricovic_tzeng2007_vikor_w1",
        "citation": _OPRICOVIC2007_CITATION_W1,
        "where_read": _OPRICOVIC2007_WHERE_W1,
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5, "ranking_rule": "sort_q"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "criteria": _OPRICOVIC2007_CRITERIA,
        "matrix": _OPRICOVIC2007_MATRIX,
        "weights": [1, 1, 1, 1, 1, 1, 1, 1],
        "types": _OPRICOVIC2007_TYPES,
        "scores": [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
        "ranking": [5, 6, 2, 4, 1, 3],
        "score_direction": "lower_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "extra": {
            "S": [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
            "R": [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
            "acceptable_advantage": True,
            "acceptable_stability": True,
            "compromise_set": [4],
        },
        "notes": _OPRICOVIC2007_NOTES,
    },
    {
        "id": "opricovic_tzeng2007_vikor_w2",
        "citation": _OPRICOVIC2007_CITATION_W2,
        "where_read": _OPRICOVIC2007_WHERE_W2,
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5, "ranking_rule": "sort_q"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "criteria": _OPRICOVIC2007_CRITERIA,
        "matrix": _OPRICOVIC2007_MATRIX,
        "weights": [2, 2, 2, 2, 1, 1, 1, 1],
        "types": _OPRICOVIC2007_TYPES,
        "scores": [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
        "ranking": [6, 2, 3, 4, 1, 5],
        "score_direction": "lower_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "extra": {
            "S": [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
            "R": [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
            "acceptable_advantage": True,
            "acceptable_stability": True,
            "compromise_set": [4],
        },
        "notes": _OPRICOVIC2007_NOTES,
    },
    {
        "id": "opricovic_tzeng2007_vikor_w3",
        "citation": _OPRICOVIC2007_CITATION_W3,
        "where_read": _OPRICOVIC2007_WHERE_W3,
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5, "ranking_rule": "sort_q"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "criteria": _OPRICOVIC2007_CRITERIA,
        "matrix": _OPRICOVIC2007_MATRIX,
        "weights": [1, 1, 1, 1, 2, 2, 2, 2],
        "types": _OPRICOVIC2007_TYPES,
        "scores": [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
        "ranking": [5, 6, 2, 4, 1, 3],
        "score_direction": "lower_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "extra": {
            "S": [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
            "R": [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
            "acceptable_advantage": False,
            "acceptable_stability": True,
            "compromise_set": [2, 4, 5],
        },
        "notes": _OPRICOVIC2007_NOTES,
    },
    {
        "id": "opricovic_tzeng2007_vikor_w4",
        "citation": _OPRICOVIC2007_CITATION_W4,
        "where_read": _OPRICOVIC2007_WHERE_W4,
        "method": "vikor",
        "normalization": None,
        "params": {"v": 0.5, "ranking_rule": "sort_q"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "criteria": _OPRICOVIC2007_CRITERIA,
        "matrix": _OPRICOVIC2007_MATRIX,
        "weights": [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        "types": _OPRICOVIC2007_TYPES,
        "scores": [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
        "ranking": [5, 6, 1, 4, 2, 3],
        "score_direction": "lower_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "extra": {
            "S": [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
            "R": [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
            "acceptable_advantage": False,
            "acceptable_stability": True,
            "compromise_set": [2, 4, 5],
        },
        "notes": _OPRICOVIC2007_NOTES,
    },
    # ------------------------------------------------------- PROMETHEE II
    {
        "id": "pymcdm_promethee2_zhao2013",
        "citation": (
            "Zhao, H., Peng, Y., Li, W. (2013). Revised PROMETHEE II for "
            "improving efficiency in emergency response. Procedia Computer "
            "Science 17, 181-188"
        ),
        "where_read": "kotbaton/pymcdm test/test_mcdm.py, TestPROMETHEE_II.test_output",
        "method": "promethee2",
        "normalization": None,
        "params": {
            "preference_function": "usual",
            "p": None,
            "q": None,
            "flow_normalization": "divide by (n_alternatives - 1)",
        },
        "labels": ["A1", "A2", "A3"],
        "matrix": [
            [4, 3, 2],
            [3, 2, 4],
            [5, 1, 3],
        ],
        "weights": [0.5, 0.3, 0.2],
        "types": [1, 1, 1],
        "scores": [0.1, -0.3, 0.2],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 2,
        "expect_agreement": True,
        "notes": "scores = net outranking flow phi = phi+ - phi-.",
    },
    # ---------------------------------------------------------- WSM / WPM
    {
        "id": "saaty1990_house_synthesis_wsm",
        "citation": (
            "Saaty (1990) EJOR 48, 9-26, Table 4: composite priorities of "
            "houses A, B, C (criteria priorities x local priorities)"
        ),
        "where_read": "mcda.py selftest (find_string file id 60938422884), check 6",
        "method": "wsm",
        "normalization": None,
        "params": {},
        "labels": ["House A", "House B", "House C"],
        "criteria": [
            "Size of house",
            "Transportation",
            "Neighborhood",
            "Age of house",
            "Yard space",
            "Modern facilities",
            "General condition",
            "Financing",
        ],
        "matrix": [
            [0.754, 0.233, 0.754, 0.333, 0.674, 0.747, 0.200, 0.072],
            [0.181, 0.055, 0.065, 0.333, 0.101, 0.060, 0.400, 0.650],
            [0.065, 0.713, 0.181, 0.333, 0.226, 0.193, 0.400, 0.278],
        ],
        "weights": [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333],
        "types": [1, 1, 1, 1, 1, 1, 1, 1],
        "scores": [0.396, 0.341, 0.263],
        "ranking": [1, 2, 3],
        "score_direction": "higher_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Matrix entries are already AHP local priorities (no "
            "normalisation). Inputs are themselves rounded to 3 decimals, so "
            "allow ~1e-3."
        ),
    },
    {
        "id": "skcriteria_wsm_kracka2010",
        "citation": (
            "Kracka, M., Brauers, W. K. M., Zavadskas, E. K. (2010). Ranking "
            "heating losses in a building by applying the MULTIMOORA. "
            "Inzinerine Ekonomika - Engineering Economics 21(4), 352-359 "
            "(data); scores computed and asserted by scikit-criteria"
        ),
        "where_read": ("quatrope/scikit-criteria tests/agg/test_simple.py, test_WeightedSumModel_kracka2010ranking"),
        "method": "wsm",
        "normalization": "sum",
        "params": {"cost_transform": "reciprocal_then_sum", "weights_normalized": True},
        "labels": ["A0", "A1", "A2", "A3", "A4", "A5"],
        "matrix": [
            [33.95, 23.78, 11.45, 39.97, 29.44, 167.10, 3.852],
            [38.9, 4.17, 6.32, 0.01, 4.29, 132.52, 25.184],
            [37.59, 9.36, 8.23, 4.35, 10.22, 136.71, 10.845],
            [30.44, 37.59, 13.91, 74.08, 45.10, 198.34, 2.186],
            [36.21, 14.79, 9.17, 17.77, 17.06, 148.3, 6.610],
            [37.8, 8.55, 7.97, 2.35, 9.25, 134.83, 11.935],
        ],
        "weights": [20, 20, 20, 20, 20, 20, 20],
        "types": [-1, -1, -1, -1, 1, -1, 1],
        "scores": [0.12040426, 0.3458235, 0.13838192, 0.12841246, 0.12346084, 0.14351701],
        "ranking": [6, 1, 3, 4, 5, 2],
        "score_direction": "higher_is_better",
        "decimals": 8,
        "expect_agreement": True,
        "notes": (
            "Pipeline: InvertMinimize (x -> 1/x on cost columns), then "
            "SumScaler(target='both') (columns and weights divided by their "
            "sums), then weighted sum. Scores are scikit-criteria's output "
            "(np.allclose default tolerances), not numbers printed in the "
            "MULTIMOORA paper."
        ),
    },
    {
        "id": "skcriteria_wpm_enwiki",
        "citation": (
            "Wikipedia, 'Weighted product model' (retrieved 2017-01-07; "
            "revision 1015567716), example with A1-A3 and weights "
            "0.20/0.15/0.40/0.25; log10 scores computed by scikit-criteria"
        ),
        "where_read": (
            "quatrope/scikit-criteria tests/agg/test_simple.py, test_WeightedProductModel_enwiki_1015567716"
        ),
        "method": "wpm",
        "normalization": "sum",
        "params": {"score_transform": "log10", "weights_normalized": True},
        "labels": ["A0", "A1", "A2"],
        "matrix": [
            [25, 20, 15, 30],
            [10, 30, 20, 30],
            [30, 10, 30, 10],
        ],
        "weights": [20, 15, 40, 25],
        "types": [1, 1, 1, 1],
        "scores": [-0.50128589, -0.50448471, -0.52947246],
        "ranking": [1, 2, 3],
        "score_direction": "higher_is_better",
        "decimals": 8,
        "expect_agreement": True,
        "notes": (
            "score_i = sum_j w_j * log10(x_ij / sum_i x_ij) with w normalised "
            "to sum 1 (SumScaler target='both'). Wikipedia itself reports "
            "pairwise ratios P(A_K/A_L), not these scores."
        ),
    },
    {
        "id": "pymcdm_wsm_self_reference",
        "citation": "pymcdm test-suite, 'Self-reference' (no paper)",
        "where_read": "kotbaton/pymcdm test/test_mcdm.py (commit 2d40d4fd), TestWSM.test_output",
        "method": "wsm",
        "normalization": "sum",
        "params": {"cost_transform": "reciprocal_then_sum"},
        "labels": ["A1", "A2", "A3", "A4", "A5"],
        "matrix": [
            [96, 83, 75, 7],
            [63, 5, 56, 9],
            [72, 30, 32, 48],
            [11, 4, 27, 9],
            [77, 21, 17, 11],
        ],
        "weights": ["8/13", "5/13", "6/13", "7/13"],
        "types": [1, 1, -1, -1],
        "scores": [0.609, 0.313, 0.334, 0.265, 0.479],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Not a literature case. Weights as written in the test sum to 2 "
            "(26/13) and the expected scores are reproduced only with these "
            "raw weights (normalising them to sum 1 halves every score). "
            "pymcdm's default for WSM is sum normalisation with "
            "(1/x)/sum(1/x) for cost columns."
        ),
    },
    {
        "id": "pymcdm_wpm_self_reference",
        "citation": "pymcdm test-suite, 'Self-reference' (no paper)",
        "where_read": "kotbaton/pymcdm test/test_mcdm.py (commit 2d40d4fd), TestWPM.test_output",
        "method": "wpm",
        "normalization": "sum",
        "params": {"cost_transform": "reciprocal_then_sum"},
        "labels": ["A1", "A2", "A3", "A4", "A5"],
        "matrix": [
            [96, 83, 75, 7],
            [63, 5, 56, 9],
            [72, 30, 32, 48],
            [11, 4, 27, 9],
            [77, 21, 17, 11],
        ],
        "weights": ["8/13", "5/13", "6/13", "7/13"],
        "types": [1, 1, -1, -1],
        "scores": [0.065, 0.017, 0.019, 0.007, 0.052],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 3,
        "expect_agreement": True,
        "notes": (
            "Not a literature case; score = prod_j r_ij ** w_j with the raw "
            "weights (sum 2), as in pymcdm's WPM (sum normalisation, "
            "(1/x)/sum(1/x) for cost columns)."
        ),
    },
    {
        "id": "chakraborty2015_ex2_wsm",
        "citation": _CHAKRABORTY2015_CITATION + " (WASPAS with lambda = 1, i.e. WSM)",
        "where_read": _CHAKRABORTY2015_WHERE_L1,
        "method": "wsm",
        "normalization": "max",
        "params": {"cost_transform": "min_over_x"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"],
        "criteria": ["PC", "FS", "MN", "P"],
        "matrix": _CHAKRABORTY2015_EX2_MATRIX,
        "weights": [0.467, 0.160, 0.095, 0.278],
        "types": [-1, -1, -1, 1],
        "scores": [0.8590, 0.8194, 0.8430, 0.9420, 0.8645, 0.8315, 0.8552, 0.8983, 0.9067, 0.8784],
        "ranking": [6, 10, 8, 1, 5, 9, 7, 3, 2, 4],
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": "Linear normalisation x/max (benefit), min/x (cost). Asserted with atol 1e-4.",
    },
    {
        "id": "chakraborty2015_ex2_wpm",
        "citation": _CHAKRABORTY2015_CITATION + " (WASPAS with lambda = 0, i.e. WPM)",
        "where_read": _CHAKRABORTY2015_WHERE_L0,
        "method": "wpm",
        "normalization": "max",
        "params": {"cost_transform": "min_over_x"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"],
        "criteria": ["PC", "FS", "MN", "P"],
        "matrix": _CHAKRABORTY2015_EX2_MATRIX,
        "weights": [0.467, 0.160, 0.095, 0.278],
        "types": [-1, -1, -1, 1],
        "scores": [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697],
        "ranking": [6, 10, 8, 1, 5, 9, 7, 3, 2, 4],
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": "score = prod_j r_ij ** w_j on the linear-normalised matrix.",
    },
    {
        "id": "chakraborty2015_ex2_waspas_l05",
        "citation": _CHAKRABORTY2015_CITATION + " (WASPAS, lambda = 0.5)",
        "where_read": _CHAKRABORTY2015_WHERE_L05,
        "method": "waspas",
        "normalization": "max",
        "params": {"lambda": 0.5, "cost_transform": "min_over_x"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"],
        "criteria": ["PC", "FS", "MN", "P"],
        "matrix": _CHAKRABORTY2015_EX2_MATRIX,
        "weights": [0.467, 0.160, 0.095, 0.278],
        "types": [-1, -1, -1, 1],
        "scores": [0.8584, 0.8169, 0.8419, 0.9417, 0.8638, 0.8278, 0.8503, 0.8949, 0.9027, 0.8740],
        "ranking": [6, 10, 8, 1, 5, 9, 7, 3, 2, 4],
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "Q = lambda*WSM + (1-lambda)*WPM. The test also lists lambda = 0.1 ... 0.9 if more points are wanted."
        ),
    },
    {
        "id": "pymcdm_waspas_chakraborty2015",
        "citation": (
            "Chakraborty, S., Zavadskas, E. K., Antucheviciene, J. (2015). "
            "Applications of WASPAS method as a multi-criteria decision-making "
            "tool. ECECSR 49(1), 5-22 (8 alternatives x 7 criteria example)"
        ),
        "where_read": "kotbaton/pymcdm test/test_mcdm.py (commit 2d40d4fd), TestWASPAS.test_output",
        "method": "waspas",
        "normalization": "max",
        "params": {"lambda": 0.5, "cost_transform": "min_over_x"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"],
        "matrix": [
            [30, 23, 5, 0.745, 0.745, 1500, 5000],
            [18, 13, 15, 0.745, 0.745, 1300, 6000],
            [15, 12, 10, 0.500, 0.500, 950, 7000],
            [25, 20, 13, 0.745, 0.745, 1200, 4000],
            [14, 18, 14, 0.255, 0.745, 950, 3500],
            [17, 15, 9, 0.745, 0.500, 1250, 5250],
            [23, 18, 20, 0.500, 0.745, 1100, 3000],
            [16, 8, 14, 0.255, 0.500, 1500, 3000],
        ],
        "weights": [0.1181, 0.1181, 0.0445, 0.1181, 0.2861, 0.2861, 0.0445],
        "types": [1, 1, 1, 1, 1, -1, -1],
        "scores": [0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "pymcdm WASPAS default: linear normalisation (x/max, min/x), l = "
            "0.5. The published weights sum to 1.0155, and the expected "
            "scores are reproduced with these raw weights (renormalising them "
            "to 1 changes the 3rd decimal)."
        ),
    },
    # ------------------------------------------------------------- COPRAS
    {
        "id": "pymcdm_copras_kundakci_isik2016",
        "citation": (
            "Kundakci, N., Isik, A. (2016). Integration of MACBETH and COPRAS "
            "methods to select air compressor for a textile company. Decision "
            "Science Letters 5(3), 381-394"
        ),
        "where_read": ("kotbaton/pymcdm test/test_mcdm.py (commits 6436b10a and 2d40d4fd), TestCOPRAS.test_output"),
        "method": "copras",
        "normalization": "sum",
        "params": {"formula": "standard", "score": "Q / max(Q)"},
        "labels": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "matrix": [
            [1543, 2000, 39000, 15, 13.76, 3.86, 5, 3, 5000],
            [1496, 3600, 43000, 14, 14, 2.5, 4, 4, 4000],
            [1584, 3100, 24500, 10, 13.1, 3.7, 2, 2, 3500],
            [1560, 2700, 36000, 12, 13.2, 3.2, 3, 3, 3500],
            [1572, 2500, 31500, 13, 13.3, 3.4, 3, 2, 3500],
            [1580, 2400, 20000, 12, 12.8, 3.9, 2, 2, 3000],
        ],
        "weights": [0.2027, 0.1757, 0.1622, 0.1351, 0.1081, 0.0946, 0.0676, 0.0405, 0.0135],
        "types": [-1, -1, -1, 1, 1, -1, 1, 1, 1],
        "scores": [1, 0.9167, 0.8675, 0.9084, 0.9315, 0.9486],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "These are the values in pymcdm's test (attributed to the paper). "
            "They follow the STANDARD COPRAS formula (see check). The pymcdm "
            "1.4.0 docstring for COPRAS shows different numbers for the same "
            "input, [0.9459, 1.0, 0.8192, 0.8839, 0.8556, 0.7789], which is "
            "what its Q = S+ + S- implementation returns (confirmed by running "
            "pymcdm 1.4.0) - i.e. pymcdm 1.4.0 does not pass this test, and "
            "even changes the best alternative (A2 instead of A1)."
        ),
    },
    {
        "id": "skcriteria_copras_uysal_inan2022",
        "citation": (
            "Uysal, O., Inan, T. (2022). Performance evaluation of research "
            "assistants by COPRAS method. International Journal of Social "
            "Science and Economic Research"
        ),
        "where_read": ("quatrope/scikit-criteria tests/agg/test_copras.py, test_COPRAS_Uysal2022assistants"),
        "method": "copras",
        "normalization": "sum",
        "params": {"formula": "standard", "score": "100 * Q / max(Q)"},
        "labels": ["x1", "x2", "x3", "x4", "x5"],
        "criteria": [
            "Undergraduate GPA",
            "Master GPA",
            "PhD GPA",
            "Foreign Language",
            "Lesson Completion Duration",
            "Number of Congress",
            "Number of Essays",
        ],
        "matrix": [
            [3.57, 4.00, 4.00, 83.75, 3, 9, 1],
            [3.07, 3.95, 4.00, 83.00, 3, 1, 3],
            [3.23, 3.54, 3.46, 66.00, 4, 0, 2],
            [3.42, 3.96, 4.00, 70.00, 5, 5, 7],
            [2.56, 3.37, 3.79, 82.00, 4, 4, 5],
        ],
        "weights": ["1/7", "1/7", "1/7", "1/7", "1/7", "1/7", "1/7"],
        "types": [1, 1, 1, 1, -1, 1, 1],
        "scores": [100.0000, 78.8501, 63.3837, 98.6506, 86.8878],
        "ranking": [1, 4, 5, 2, 3],
        "score_direction": "higher_is_better",
        "decimals": 4,
        "expect_agreement": True,
        "notes": (
            "Utility degree in percent; follows the STANDARD formula "
            "(pymcdm 1.4.0's S+ + S- variant ranks x4 first instead of x1). "
            "Asserted with atol 1e-3. Contains a "
            "zero (x3, 'Number of Congress' = 0) in a benefit column - fine "
            "for sum normalisation."
        ),
    },
    {
        "id": "skcriteria_copras_wieckowski2022_ranking_only",
        "citation": (
            "Wieckowski, J., Szyjewski, Z. (2022). Practical study of selected "
            "multi-criteria methods comparison. Procedia Computer Science 207, "
            "4565-4573. https://doi.org/10.1016/j.procs.2022.09.520"
        ),
        "where_read": (
            "quatrope/scikit-criteria tests/agg/test_copras.py, test_COPRAS_Wieckowski2022CriteriaMethodsComparison"
        ),
        "method": "copras",
        "normalization": "sum",
        "params": {"formula": "standard", "score": "Q / max(Q)"},
        "labels": ["A0", "A1", "A2", "A3", "A4", "A5", "A6"],
        "matrix": [
            [3.5, 6.0, 1256.0, 4.0, 16.0, 3.0, 17.3, 8.0, 2.82, 4100.0],
            [3.1, 4.0, 1000.0, 2.0, 8.0, 1.0, 15.6, 5.0, 3.08, 3800.0],
            [3.6, 6.0, 2000.0, 4.0, 16.0, 3.0, 17.3, 5.0, 2.90, 4000.0],
            [3.0, 4.0, 1000.0, 2.0, 8.0, 2.0, 17.3, 5.0, 2.60, 3500.0],
            [3.3, 6.0, 1008.0, 4.0, 12.0, 3.0, 15.6, 8.0, 2.30, 3800.0],
            [3.6, 6.0, 1000.0, 2.0, 16.0, 3.0, 15.6, 5.0, 2.80, 4000.0],
            [3.5, 6.0, 1256.0, 2.0, 16.0, 1.0, 15.6, 6.0, 2.90, 4000.0],
        ],
        "weights": [0.297, 0.025, 0.035, 0.076, 0.154, 0.053, 0.104, 0.017, 0.025, 0.214],
        "types": [1, 1, 1, 1, 1, 1, 1, 1, -1, -1],
        "scores": None,
        "ranking": [2, 7, 1, 6, 3, 4, 5],
        "score_direction": "higher_is_better",
        "decimals": 0,
        "expect_agreement": True,
        "notes": "Only the ranking is asserted (no scores).",
    },
    {
        "id": "jmcdm_copras_38x6",
        "citation": (
            "JMcDM COPRAS test; the docstring cites Kaklauskas et al. (2006) "
            "Energy and Buildings 38(5), 454-462, Ozdagoglu (2013) and "
            "Yildirim & Timor (2019) - the test does not say which supplied "
            "the 38x6 matrix"
        ),
        "where_read": "jbytecode/JMcDM test/mcdm/testcopras.jl (method: src/copras.jl)",
        "method": "copras",
        "normalization": "sum",
        "params": {"formula": "standard", "score": "Q / max(Q)"},
        "labels": [
            "A1",
            "A2",
            "A3",
            "A4",
            "A5",
            "A6",
            "A7",
            "A8",
            "A9",
            "A10",
            "A11",
            "A12",
            "A13",
            "A14",
            "A15",
            "A16",
            "A17",
            "A18",
            "A19",
            "A20",
            "A21",
            "A22",
            "A23",
            "A24",
            "A25",
            "A26",
            "A27",
            "A28",
            "A29",
            "A30",
            "A31",
            "A32",
            "A33",
            "A34",
            "A35",
            "A36",
            "A37",
            "A38",
        ],
        "matrix": [
            [2.50, 240, 57, 45, 1.10, 0.333333],
            [2.50, 285, 60, 75, 4.00, 0.428571],
            [4.50, 320, 100, 65, 7.50, 1.111111],
            [4.50, 365, 100, 90, 7.50, 1.111111],
            [5.00, 400, 100, 90, 11.00, 1.111111],
            [2.50, 225, 60, 45, 1.10, 0.333333],
            [2.50, 270, 57, 60, 4.00, 0.428571],
            [4.50, 330, 100, 70, 7.50, 1.111111],
            [4.50, 365, 100, 80, 7.50, 1.111111],
            [5.00, 380, 110, 65, 8.00, 1.111111],
            [2.50, 285, 65, 80, 4.00, 0.400000],
            [4.00, 280, 75, 65, 4.00, 0.400000],
            [4.50, 365, 102, 95, 7.50, 1.111111],
            [4.50, 400, 102, 95, 7.50, 1.111111],
            [6.00, 450, 110, 95, 11.00, 1.176471],
            [6.00, 510, 110, 105, 11.00, 1.176471],
            [6.00, 330, 140, 110, 18.50, 1.395349],
            [2.50, 240, 65, 80, 4.00, 0.400000],
            [4.00, 280, 75, 75, 4.00, 0.400000],
            [4.50, 355, 102, 95, 7.50, 1.111111],
            [4.50, 385, 102, 90, 7.50, 1.111111],
            [5.00, 385, 114, 95, 7.50, 1.000000],
            [6.00, 400, 110, 90, 11.00, 1.000000],
            [6.00, 480, 110, 95, 15.00, 1.000000],
            [6.00, 440, 140, 100, 18.50, 1.200000],
            [6.00, 500, 140, 100, 18.50, 1.200000],
            [5.00, 450, 125, 100, 15.00, 1.714286],
            [6.00, 500, 150, 125, 18.50, 1.714286],
            [6.00, 515, 180, 140, 22.00, 2.307692],
            [7.00, 550, 200, 150, 30.00, 2.307692],
            [6.00, 500, 180, 140, 15.00, 2.307692],
            [6.00, 500, 180, 140, 18.50, 2.307692],
            [6.00, 500, 180, 140, 22.00, 2.307692],
            [7.00, 500, 180, 140, 30.00, 2.307692],
            [7.00, 500, 200, 140, 37.00, 2.307692],
            [7.00, 500, 200, 140, 45.00, 2.307692],
            [7.00, 500, 200, 140, 55.00, 2.307692],
            [7.00, 500, 200, 140, 75.00, 2.307692],
        ],
        "weights": [0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667],
        "types": [1, 1, 1, 1, 1, -1],
        "scores": [
            0.44194,
            0.44395,
            0.41042,
            0.44403,
            0.48177,
            0.44074,
            0.42430,
            0.41737,
            0.43474,
            0.44382,
            0.46625,
            0.48602,
            0.45019,
            0.45825,
            0.51953,
            0.54265,
            0.56134,
            0.45588,
            0.49532,
            0.44788,
            0.45014,
            0.48126,
            0.51586,
            0.56243,
            0.58709,
            0.60091,
            0.51850,
            0.61085,
            0.65888,
            0.75650,
            0.61430,
            0.63486,
            0.65542,
            0.72065,
            0.77680,
            0.82379,
            0.88253,
            1.00000,
        ],
        "ranking": None,
        "score_direction": "higher_is_better",
        "decimals": 5,
        "expect_agreement": True,
        "notes": (
            "Package test vector (atol 1e-4). JMcDM computes Q_i = S+_i + "
            "sum(S-) / (S-_i * sum(1/S-)) (standard) and scores Q / max(Q)."
        ),
    },
]

# ---------------------------------------------------------------------------
# Hierarchical AHP (value trees)
# ---------------------------------------------------------------------------

# ``HIERARCHY_CASES`` - a criteria hierarchy with one pairwise matrix per node and the
# published global weights of its criteria.  Keys: id, citation, where_read, notes,
# decimals as above; ``groups`` {group: children} (the top node is "root");
# ``matrices`` {node: {"labels": [...], "matrix": [...]}}; ``global_weights``
# {criterion: published global weight} (only the values printed by the source).
HIERARCHY_CASES = [
    {
        "id": "wikipedia_car_hierarchy_ahpy",
        "citation": (
            "Wikipedia, 'Analytic hierarchy process - car example' "
            "(https://en.wikipedia.org/wiki/Analytic_hierarchy_process_%E2%80%93_car_example): "
            "Cost (Price, Fuel, Maintenance, Resale), Safety, Style, Capacity (Cargo, Passenger); "
            "global weights as computed by AHPy"
        ),
        "where_read": (
            "PhilipGriffith/AHPy README.md, 'Purchasing a vehicle': criteria_comparisons, "
            "cost_comparisons, capacity_comparisons; cost.report(show=True, verbose=True) "
            "elements.global_weights; complete_report['Cargo'] global_weight"
        ),
        "groups": {
            "root": ["Cost", "Safety", "Style", "Capacity"],
            "Cost": ["Price", "Fuel", "Maintenance", "Resale"],
            "Capacity": ["Cargo", "Passenger"],
        },
        "matrices": {
            "root": {
                "labels": ["Cost", "Safety", "Style", "Capacity"],
                "matrix": [
                    [1, 3, 7, 3],
                    ["1/3", 1, 9, 1],
                    ["1/7", "1/9", 1, "1/7"],
                    ["1/3", 1, 7, 1],
                ],
            },
            "Cost": {
                "labels": ["Price", "Fuel", "Maintenance", "Resale"],
                "matrix": [
                    [1, 2, 5, 3],
                    ["1/2", 1, 2, 2],
                    ["1/5", "1/2", 1, "1/2"],
                    ["1/3", "1/2", 2, 1],
                ],
            },
            "Capacity": {
                "labels": ["Cargo", "Passenger"],
                "matrix": [[1, "1/5"], [5, 1]],
            },
        },
        "global_weights": {
            "Price": 0.249,
            "Fuel": 0.129,
            "Resale": 0.082,
            "Maintenance": 0.051,
            "Safety": 0.234,
            "Style": 0.041,
            "Cargo": 0.0358,
        },
        "decimals": 3,
        "notes": (
            "AHPy rounds to precision=3 (Cargo printed with 4 decimals, 0.0358); Safety and Style are "
            "the criteria's local weights, which are their global weights at the top level. Passenger's "
            "global weight is not printed."
        ),
    },
]
