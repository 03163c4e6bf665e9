"""toolrec_trainer: LoRA training with ToolRec's sample-weighted KTO loss (definitions.md).

Names are imported lazily so that `python3 -m toolrec_trainer.loss` runs its module once.
"""

from typing import Any

__all__ = ["METRIC_NAMES", "KtoInputError", "mismatched_kl_pairs", "weighted_kto_loss"]
__version__ = "0.2.0"


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import loss

        return getattr(loss, name)
    raise AttributeError(name)
