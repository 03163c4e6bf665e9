"""toolrec_trainer: LoRA training with ToolRec's sample-weighted KTO loss (definitions.md)."""

from .loss import METRIC_NAMES, KtoInputError, mismatched_kl_pairs, weighted_kto_loss

__all__ = ["METRIC_NAMES", "KtoInputError", "mismatched_kl_pairs", "weighted_kto_loss"]
__version__ = "0.1.0"
