"""Robustness of a ranking: under other weights, other methods and uncertain data.

- :mod:`.sweeps` - one-at-a-time weight sweeps with exact reversal points, and weight
  stability intervals (full ranking, top three, top one);
- :mod:`.acceptability` - rank acceptability analysis (SMAA-2): acceptabilities, central
  weights and confidence factors for clouds of weights and/or of performance values;
- :mod:`.clouds` - the weight clouds (uniform, around a weight set, members' weights) and
  data uncertainty (value ranges, +-percent);
- :mod:`.methods` - rankings under every method x normalisation and their agreement;
- :mod:`.scoring` and :mod:`.kernels` - every method's scores vectorised over samples, and the
  tie rule behind positions.

Every random result records its cloud and seed; ``numpy.random.default_rng(seed)`` repeats it.
No Streamlit here: pages and the CLI call these functions.
"""

from .acceptability import (
    AcceptabilityResult,
    analyse_member_acceptability,
    analyse_rank_acceptability,
    chunk_size,
    rank_acceptability,
)
from .clouds import DataUncertainty, ValueSampler, WeightCloud
from .methods import MethodRobustness, compare_methods, method_variants, variant_label
from .scoring import TIE_RULE, Scorer, batch_keys, normalize_batch, position_counts, positions
from .sweeps import (
    Reversal,
    StabilityInterval,
    WeightSensitivity,
    WeightSweep,
    analyse_weight_sensitivity,
    find_reversals,
    group_sweep_line,
    stability_interval,
    sweep_group_weight,
    sweep_line,
    sweep_weight,
    swept_weights,
)

__all__ = [
    "TIE_RULE",
    "AcceptabilityResult",
    "DataUncertainty",
    "MethodRobustness",
    "Reversal",
    "Scorer",
    "StabilityInterval",
    "ValueSampler",
    "WeightCloud",
    "WeightSensitivity",
    "WeightSweep",
    "analyse_member_acceptability",
    "analyse_rank_acceptability",
    "analyse_weight_sensitivity",
    "batch_keys",
    "chunk_size",
    "compare_methods",
    "find_reversals",
    "group_sweep_line",
    "method_variants",
    "normalize_batch",
    "position_counts",
    "positions",
    "rank_acceptability",
    "stability_interval",
    "sweep_group_weight",
    "sweep_line",
    "sweep_weight",
    "swept_weights",
    "variant_label",
]
